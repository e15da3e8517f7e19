"""The command line: listings, the JSON contract, and one clear line for each bad input."""

import json
import subprocess
import sys

import pytest

from mock_interviewer.cli import main

from conftest import FIXTURES, ROOT

SHORT = str(FIXTURES / "good_service_weak.wav")
FILLERS = str(FIXTURES / "good_service_fillers.wav")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_questions_lists_the_bank(capsys):
    code, out, _ = run(capsys, "questions")
    assert code == 0
    assert len(out.strip().splitlines()) == 18
    assert "good-customer-service" in out and "What does good customer service mean to you?" in out


def test_questions_by_category_as_json(capsys):
    code, out, _ = run(capsys, "questions", "--category", "scenario", "--json")
    assert code == 0
    data = json.loads(out)
    assert {q["category"] for q in data} == {"scenario"} and len(data) == 3


def test_questions_does_not_import_the_model():
    code = ("import sys; from mock_interviewer.cli import main; main(['questions']); "
            "assert 'faster_whisper' not in sys.modules and 'ctranslate2' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


@pytest.mark.model
def test_analyze_json_contract(capsys):
    code, out, err = run(capsys, "analyze", FILLERS, "--question",
                         "What does good customer service mean to you?", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["question"] == {"id": "good-customer-service",
                                  "text": "What does good customer service mean to you?",
                                  "category": "general"}
    assert report["audio"]["path"] == FILLERS
    assert report["audio"]["duration_s"] == pytest.approx(31.76, abs=0.01)
    assert isinstance(report["transcript"], str) and "empathy" in report["transcript"].lower()
    word = report["words"][0]
    assert {"text", "start", "end"} <= set(word) and word["start"] <= word["end"]
    assert set(report["pace"]) >= {"wpm", "articulation_wpm", "verdict"}
    assert report["pace"]["verdict"] == "good"
    fillers = report["fillers"]
    assert set(fillers) >= {"total", "per_minute", "counts", "items"}
    assert fillers["counts"]["um"] == 3 and fillers["total"] == sum(fillers["counts"].values())
    assert all({"text", "start"} <= set(i) for i in fillers["items"])
    assert report["pauses"]["long"] == []
    coverage = report["coverage"]
    assert coverage["score"] == 1.0 and coverage["missing"] == []
    assert "empathy" in coverage["covered"]
    assert report["star"] is None  # a general question
    assert report["model"]["model"] == "base"


@pytest.mark.model
def test_analyze_star_and_pauses_in_json(capsys):
    code, out, _ = run(capsys, "analyze", str(FIXTURES / "difficult_customer_pauses.wav"),
                       "--question", "difficult-customer", "--json")
    report = json.loads(out)
    assert report["star"] == {"situation": True, "task": True, "action": True, "result": True}
    manifest = json.loads((FIXTURES / "manifest.json").read_text())
    entry = next(e for e in manifest["fixtures"] if e["file"] == "difficult_customer_pauses.wav")
    measured = [p["duration_s"] for p in report["pauses"]["long"]]
    assert measured == pytest.approx(entry["long_pauses_s"], abs=0.6)
    assert {"start", "duration_s"} <= set(report["pauses"]["long"][0])


@pytest.mark.model
def test_several_files_give_json_lines_and_a_bad_one_does_not_stop_the_others(capsys, tmp_path):
    bad = tmp_path / "broken.wav"
    bad.write_text("not audio at all " * 20)
    code, out, err = run(capsys, "analyze", SHORT, str(bad), SHORT,
                         "--question", "good-customer-service", "--json")
    assert code == 1
    lines = out.strip().splitlines()
    assert len(lines) == 2 and all(json.loads(l)["audio"]["path"] == SHORT for l in lines)
    assert err.strip().splitlines() == [err.strip()]
    assert str(bad) in err and "not an audio file" in err


@pytest.mark.model
def test_text_report_for_people(capsys):
    code, out, _ = run(capsys, "analyze", FILLERS, "--question", "good-customer-service")
    assert code == 0
    assert "[Um,]" in out  # fillers are marked in the transcript
    assert "Pace:" in out and "wpm (good" in out
    assert "Fillers: 7" in out
    assert "Talking points: 5/5" in out


@pytest.mark.model
def test_manifest_runs_every_fixture(capsys):
    code, out, _ = run(capsys, "analyze", "--manifest", str(FIXTURES / "manifest.json"), "--json",
                       "--model", "tiny.en")
    assert code == 0
    assert len(out.strip().splitlines()) == 12


@pytest.mark.parametrize(
    "args, message",
    [
        (["analyze", "missing.wav", "--question", "good-customer-service"], "missing.wav: no such file"),
        (["analyze", SHORT, "--question", "What is your favourite colour?"],
         "Unknown question 'What is your favourite colour?'"),
        (["analyze", SHORT, "--question", "tell-me-about-yourself", "--model", "gigantic"],
         "Invalid model 'gigantic'"),
        (["questions", "--bank", "nowhere.json"], "Question bank 'nowhere.json' does not exist"),
        (["analyze", "--manifest", "nowhere.json"], "Manifest 'nowhere.json' does not exist"),
    ],
)
def test_bad_input_is_one_line_and_a_non_zero_status(capsys, args, message):
    code, _, err = run(capsys, *args)
    assert code == 1
    assert err.strip() == f"mock-interviewer: {err.strip()[len('mock-interviewer: '):]}"
    assert message in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("kind", ["empty", "truncated", "text"])
def test_bad_files_through_the_installed_command(tmp_path, kind):
    path = tmp_path / f"{kind}.wav"
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "truncated":
        path.write_bytes((FIXTURES / "good_service_weak.wav").read_bytes()[:20000])
    else:
        path.write_text("hello " * 100)
    result = subprocess.run(
        [sys.executable, "-m", "mock_interviewer", "analyze", str(path), "--question",
         "good-customer-service"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"mock-interviewer: {path}: ")
    assert len(result.stderr.strip().splitlines()) == 1


def test_usage_errors(capsys):
    with pytest.raises(SystemExit) as raised:
        main(["analyze", SHORT])
    assert raised.value.code == 2
    assert "--question is required" in capsys.readouterr().err
