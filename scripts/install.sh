#!/usr/bin/env bash
# Install everything, then run the main job on the embedded defaults: a mock interview on
# the bundled recorded answers (audio_fixtures/manifest.json): each question is rendered
# to speech and saved, each answer transcribed and analysed, and the session summarised
# and saved (see "mock-interviewer sessions").
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
echo
echo "A mock interview on the bundled answers in audio_fixtures/ (.venv/bin/mock-interviewer):"
echo
exec .venv/bin/mock-interviewer practice --answers audio_fixtures/manifest.json
