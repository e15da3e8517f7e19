#!/usr/bin/env bash
# Install everything, then run the main job on the embedded defaults: analyse the bundled
# fixture answers (audio_fixtures/manifest.json) and print their reports.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
echo
echo "Analysing the bundled answers in audio_fixtures/ with .venv/bin/mock-interviewer:"
echo
exec .venv/bin/mock-interviewer analyze --manifest audio_fixtures/manifest.json
