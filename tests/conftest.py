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
def _isolated_dirs(monkeypatch, model_cache):
    # Tests never touch the user's cache.
    monkeypatch.setenv("MOCK_INTERVIEWER_CACHE", str(model_cache))


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
