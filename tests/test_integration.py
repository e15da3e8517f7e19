"""The real default model on the recorded fixtures, checked against the manifest."""


import pytest

from mock_interviewer.analysis import analyze_answer
from mock_interviewer.audio import load_audio
from mock_interviewer.transcribe import DEFAULT_MODEL, TranscribeOptions, Transcriber

from conftest import FIXTURES, MANIFEST, wer

import json

ENTRIES = json.loads(MANIFEST.read_text())["fixtures"]
HESITATIONS = {"um", "uh", "er", "ah", "hmm"}

pytestmark = pytest.mark.model

# Tolerances, from the benchmark spread on these fixtures (benchmarks/fixtures.py).
WER_MAX = 0.25
WPM_REL = 0.10
PAUSE_ABS_S = 0.6


@pytest.fixture(scope="module")
def reports(bank):
    transcriber = Transcriber(TranscribeOptions(model=DEFAULT_MODEL))
    out = {}
    for entry in ENTRIES:
        samples = load_audio(FIXTURES / entry["file"])
        transcript = transcriber.transcribe(samples)
        out[entry["file"]] = (transcript, analyze_answer(transcript, bank.get(entry["question"]), bank=bank))
    return out


SPOKEN = [e for e in ENTRIES if e["expected"]["speech"]]
SILENT = [e for e in ENTRIES if not e["expected"]["speech"]]
ids = lambda e: e["file"]  # noqa: E731


@pytest.mark.parametrize("entry", SILENT, ids=ids)
def test_no_words_from_silence_or_noise(reports, entry):
    transcript, report = reports[entry["file"]]
    assert transcript.words == [] and report.transcript == ""
    assert report.pace.verdict is None and report.fillers.total == 0
    assert report.tips and "No speech" in report.tips[0]


@pytest.mark.parametrize("entry", SPOKEN, ids=ids)
def test_transcript_is_accurate(reports, entry):
    transcript, _ = reports[entry["file"]]
    assert wer(entry["script"], transcript.text) <= WER_MAX


@pytest.mark.parametrize("entry", SPOKEN, ids=ids)
def test_pace(reports, entry):
    _, report = reports[entry["file"]]
    assert report.pace.wpm == pytest.approx(entry["wpm"], rel=WPM_REL)
    if entry["expected"]["pace"]:
        assert report.pace.verdict == entry["expected"]["pace"]


@pytest.mark.parametrize("entry", SPOKEN, ids=ids)
def test_fillers(reports, entry):
    _, report = reports[entry["file"]]
    expected = entry["expected"]["fillers"]
    found = report.fillers.counts
    # Nothing invented: no type that the script does not have, never more than it has.
    for name, count in found.items():
        assert count <= expected.get(name, 0), f"invented {name}: {found}"
    # Discourse fillers are words Whisper writes: all of them. Hesitations: at least 80%.
    for name, count in expected.items():
        if name not in HESITATIONS:
            assert found.get(name, 0) == count
    want = sum(v for k, v in expected.items() if k in HESITATIONS)
    got = sum(v for k, v in found.items() if k in HESITATIONS)
    assert got >= 0.8 * want


def test_the_same_answer_without_fillers_has_none_and_covers_the_same(reports):
    _, dense = reports["good_service_fillers.wav"]
    _, clean = reports["good_service_strong.wav"]
    assert dense.fillers.total >= 6 and clean.fillers.total == 0
    assert dense.coverage.covered == clean.coverage.covered


@pytest.mark.parametrize("entry", SPOKEN, ids=ids)
def test_coverage(reports, entry):
    _, report = reports[entry["file"]]
    assert set(report.coverage.covered) == set(entry["expected"]["covered"])


def test_strong_answer_beats_weak_answer(reports):
    assert reports["good_service_strong.wav"][1].coverage.score == 1.0
    assert reports["good_service_weak.wav"][1].coverage.score == 0.0


@pytest.mark.parametrize("entry", [e for e in SPOKEN if "star" in e["expected"]], ids=ids)
def test_star(reports, entry):
    _, report = reports[entry["file"]]
    star = report.star
    assert {k: getattr(star, k) for k in entry["expected"]["star"]} == entry["expected"]["star"]


@pytest.mark.parametrize("entry", SPOKEN, ids=ids)
def test_long_pauses(reports, entry):
    _, report = reports[entry["file"]]
    measured = [p.duration_s for p in report.pauses.long]
    assert len(measured) == len(entry["long_pauses_s"])
    for got, want in zip(measured, entry["long_pauses_s"]):
        assert got == pytest.approx(want, abs=PAUSE_ABS_S)
    assert report.pauses.first_word_s == pytest.approx(entry["first_word_s"], abs=0.5)


def test_speed_order_of_the_pace_fixtures(reports):
    rates = [reports[f"about_me_{s}.wav"][1].pace.wpm for s in ("slow", "normal", "fast")]
    assert rates == sorted(rates)
