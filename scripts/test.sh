#!/usr/bin/env bash
# Install what is missing, then run the whole test suite (the real model included).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
exec .venv/bin/python -m pytest -q -rs "$@"
