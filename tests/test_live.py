"""Live sessions through real audio devices: a virtual PulseAudio speaker and microphone.

``practice`` runs as a user runs it (a separate process, the system's default devices);
the candidate's answer is played into the virtual microphone once the question has been
spoken, and the question is recorded off the virtual speaker.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, wer
from virtual_audio import CANDIDATE, loud_seconds

pytestmark = pytest.mark.model


def start_practice(pulse, data: Path, *args: str) -> subprocess.Popen:
    env = dict(pulse.env, MOCK_INTERVIEWER_DATA=str(data),
               MOCK_INTERVIEWER_CACHE=os.environ["MOCK_INTERVIEWER_CACHE"], PYTHONUNBUFFERED="1")
    # A shell without job control starts background jobs with SIGINT ignored, and Python
    # then installs no KeyboardInterrupt handler: give the child the default, as a
    # terminal would.
    return subprocess.Popen(
        [sys.executable, "-m", "mock_interviewer", "practice", *args],
        cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def read_until(proc: subprocess.Popen, marker: str, timeout: float = 120) -> list[str]:
    """stdout lines up to and including the first containing ``marker``."""
    lines: list[str] = []
    found = threading.Event()

    def reader():
        for line in proc.stdout:
            lines.append(line)
            if marker in line:
                found.set()
                return

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    if not found.wait(timeout):
        proc.kill()
        out, err = proc.communicate()
        pytest.fail(f"'{marker}' never appeared; stdout: {''.join(lines)}{out}\nstderr: {err}")
    return lines


def the_session(data: Path) -> tuple[Path, dict]:
    (folder,) = (data / "sessions").iterdir()
    return folder, json.loads((folder / "session.json").read_text())


def test_live_session_speaks_records_until_silence_and_reports(pulse, tmp_path, fixture_entries):
    entry = fixture_entries["about_me_normal.wav"]
    speaker = pulse.record_speaker(tmp_path / "speaker.wav")
    proc = start_practice(pulse, tmp_path / "data", "--questions", "tell-me-about-yourself")
    before = read_until(proc, "Answer now")
    asked_at = time.monotonic()
    pulse.play_into_microphone(FIXTURES / entry["file"])  # the candidate answers
    out, err = proc.communicate(timeout=120)
    done_at = time.monotonic()
    speaker.terminate()
    speaker.wait(10)
    assert proc.returncode == 0, err
    stdout = "".join(before) + out

    # The question was spoken on the output device before the answer was taken.
    assert "Question 1 of 1 [general]: Tell me about yourself." in stdout
    folder, session = the_session(tmp_path / "data")
    assert session["status"] == "complete" and session["mode"] == "live"
    (answer,) = session["answers"]
    spoken = loud_seconds(folder / answer["question_audio"])
    assert spoken > 0.5
    assert loud_seconds(tmp_path / "speaker.wav") == pytest.approx(spoken, abs=0.3)
    assert answer["ended_by"] == "silence"
    # The recording holds the answer and the 3 s of silence that end it, nothing more.
    speech_end = entry["first_word_s"] + entry["speech_span_s"]
    assert speech_end + 2.5 < answer["recorded_s"] < speech_end + 4.5
    assert done_at - asked_at < entry["duration_s"] + 20
    assert (folder / answer["question_audio"]).stat().st_size > 20_000
    assert (folder / answer["answer_audio"]).stat().st_size > 16_000 * 2 * 20

    report = answer["report"]
    assert wer(entry["script"], report["transcript"]) < 0.15
    assert report["pace"]["verdict"] == entry["expected"]["pace"]
    assert abs(report["pace"]["wpm"] - entry["wpm"]) < 12
    assert sorted(report["coverage"]["covered"]) == sorted(entry["expected"]["covered"])
    assert report["fillers"]["total"] == 0
    assert "Recorded" in stdout and "Talking points: 4/4" in stdout
    assert "Session summary" in stdout


def test_ctrl_c_mid_answer_keeps_the_partial_answer_for_replay(pulse, tmp_path, capsys):
    data = tmp_path / "data"
    proc = start_practice(pulse, data, "--questions", "irate-customer,why-hire-you",
                          "--model", "tiny.en")
    read_until(proc, "Answer now")
    player = subprocess.Popen(["paplay", f"--device={CANDIDATE}",
                               str(FIXTURES / "irate_customer_noisy.wav")], env=pulse.env)
    time.sleep(8)  # well into the answer
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    player.terminate()
    player.wait(10)
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    assert "interrupted" in err and "replay" in err

    folder, session = the_session(data)
    assert session["status"] == "interrupted"
    (answer,) = session["answers"]
    assert answer["ended_by"] == "interrupted" and answer["report"] is None
    # What reached the program before Ctrl-C (the sound server buffers up to ~2 s).
    assert 5.0 < answer["recorded_s"] < 9.0

    from mock_interviewer.cli import main

    assert main(["replay", "latest", "--reanalyze", "--model", "tiny.en"]) == 0
    replayed = capsys.readouterr().out
    assert "Talking points:" in replayed
    report = json.loads((folder / "session.json").read_text())["answers"][0]["report"]
    assert report["words"] and report["audio"]["duration_s"] == pytest.approx(
        answer["recorded_s"], abs=0.1)


def test_text_only_session_needs_no_speaker_or_speech_engine(pulse, tmp_path):
    proc = start_practice(pulse, tmp_path / "data", "--questions", "why-hire-you",
                          "--text-only", "--model", "tiny.en", "--end-silence-s", "1.5")
    read_until(proc, "Answer now")
    pulse.play_into_microphone(FIXTURES / "good_service_weak.wav")
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    folder, session = the_session(tmp_path / "data")
    assert session["mode"] == "text-only"
    (answer,) = session["answers"]
    assert answer["question_audio"] is None and answer["ended_by"] == "silence"
    assert answer["report"]["words"]
