"""Shared fixtures: paths to the recorded answers, the bank, and one transcriber per run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "audio_fixtures"
MANIFEST = FIXTURES / "manifest.json"


@pytest.fixture(scope="session")
def model_cache(tmp_path_factory):
    """One model cache for the run, so the base model is joined (and verified) once."""
    return tmp_path_factory.mktemp("model-cache")


@pytest.fixture(autouse=True)
def _isolated_dirs(monkeypatch, model_cache, tmp_path):
    # Tests never touch the user's cache or saved sessions.
    monkeypatch.setenv("MOCK_INTERVIEWER_CACHE", str(model_cache))
    monkeypatch.setenv("MOCK_INTERVIEWER_DATA", str(tmp_path / "data"))


@pytest.fixture(scope="session")
def pulse(tmp_path_factory):
    """A private PulseAudio server with a virtual speaker and a virtual microphone.

    PortAudio reaches it through ALSA's ``pulse`` plugin. Skips (saying why) only where
    the server cannot start; ``scripts/bootstrap.sh`` installs it, so CI runs these tests.
    """
    from virtual_audio import VirtualAudio, VirtualAudioError

    try:
        audio = VirtualAudio(tmp_path_factory.mktemp("pulse"))
        audio.start()
    except VirtualAudioError as e:
        pytest.skip(f"PulseAudio cannot start here, so the live-audio tests are skipped: {e}")
    yield audio
    audio.stop()


@pytest.fixture(scope="session")
def manifest() -> dict:
    return json.loads(MANIFEST.read_text())


@pytest.fixture(scope="session")
def fixture_entries(manifest) -> dict[str, dict]:
    return {e["file"]: e for e in manifest["fixtures"]}


@pytest.fixture(scope="session")
def bank():
    from mock_interviewer.bank import load_bank

    return load_bank()


def wer(reference: str, hypothesis: str) -> float:
    """Word error rate on lower-cased words without punctuation."""
    import re

    import jiwer

    norm = lambda t: " ".join(re.findall(r"[a-z0-9']+", t.lower()))  # noqa: E731
    return jiwer.wer(norm(reference), norm(hypothesis))


def make_words(text: str, *, start: float = 0.0, wps: float = 2.5, gaps: dict | None = None):
    """Timed words for a text spoken at ``wps`` words per second; ``gaps`` adds silence
    (seconds) before the word with that index."""
    from mock_interviewer.transcribe import Word

    words, t = [], start
    step = 1.0 / wps
    for i, word in enumerate(text.split()):
        t += (gaps or {}).get(i, 0.0)
        words.append(Word(word, round(t, 3), round(t + step * 0.9, 3)))
        t += step
    return words


@pytest.fixture
def words():
    return make_words
