"""Sessions: the recorder's decisions, crash-safe audio, saved sessions, fixture runs, replay."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import wave

import numpy as np
import pytest

from conftest import FIXTURES, MANIFEST, ROOT, wer
from mock_interviewer.audio import SAMPLE_RATE, WavAppender, load_audio
from mock_interviewer.cli import main
from mock_interviewer.errors import DeviceError, MockInterviewerError, SessionError
from mock_interviewer.microphone import (
    FRAME,
    Endpointer,
    PlaybackMicrophone,
    RecordingSettings,
    VoiceTracker,
    record_answer,
)
from mock_interviewer.session import read_answer_files, select_questions
from mock_interviewer.store import SessionStore, load_session


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --- voice activity and the endpointer -------------------------------------------------

def test_voice_tracker_fed_in_pieces_equals_one_pass():
    from faster_whisper.vad import get_vad_model

    samples = load_audio(FIXTURES / "difficult_customer_pauses.wav")
    n = len(samples) // FRAME * FRAME
    whole = np.asarray(get_vad_model()(samples[:n])).reshape(-1)
    tracker = VoiceTracker()
    rng = np.random.default_rng(1)
    i = 0
    while i < len(samples):
        step = int(rng.integers(50, 4000))
        tracker.feed(samples[i:i + step])
        i += step
    assert np.allclose(tracker.probs, whole[:len(tracker.probs)], atol=1e-5)
    # The fixture's first word is at 1.5 s; its long pauses are 3.4 s and 4.4 s.
    assert tracker.first_voice_start * FRAME / SAMPLE_RATE == pytest.approx(1.5, abs=0.15)


class FakeVad:
    """Voice activity described directly: speech_started, last_voice_end_s, total_s."""

    def __init__(self, total_s, last_voice_end_s, started=True):
        self.total_s = total_s
        self.last_voice_end_s = last_voice_end_s
        self.speech_started = started

    @property
    def silence_s(self):
        return self.total_s - self.last_voice_end_s

    def quietest_s(self, start, end):
        return (start + end) / 2


def test_endpointer_ends_after_the_silence_and_not_during_a_thinking_pause():
    e = Endpointer(RecordingSettings(end_silence_s=3.0))
    assert e.events(FakeVad(12.0, 10.0))[0] is None  # a 2 s pause in the middle
    assert e.events(FakeVad(13.1, 10.0))[0] == "silence"


def test_endpointer_waits_for_speech_then_warns_and_stops_at_the_limit():
    e = Endpointer(RecordingSettings(max_s=60.0, warn_before_max_s=15.0))
    end, warnings = e.events(FakeVad(10.1, 0.0, started=False))
    assert end is None and "No speech heard" in warnings[0]
    assert e.events(FakeVad(20.0, 0.0, started=False)) == (None, [])  # warned once
    end, warnings = e.events(FakeVad(45.0, 44.0))
    assert end is None and "15 seconds left" in warnings[0]
    assert e.events(FakeVad(60.0, 59.9))[0] == "max_length"


def test_endpointer_cuts_in_pauses_for_streaming_transcription():
    e = Endpointer(RecordingSettings(cut_silence_s=0.4, long_cut_silence_s=1.0,
                                     min_chunk_s=15.0, max_chunk_s=28.0))
    assert e.cut(FakeVad(5.5, 5.0)) is None  # a short pause, too little audio waiting
    assert e.cut(FakeVad(6.2, 5.0)) == ("pause", pytest.approx(5.4))  # may be the end
    assert e.cut(FakeVad(6.5, 5.0)) is None  # the same pause once
    assert e.cut(FakeVad(16.5, 16.0)) == ("cut", pytest.approx(16.25))  # enough audio
    assert e.cut(FakeVad(17.0, 16.0)) is None  # nothing new since the cut
    kind, at = e.cut(FakeVad(44.3, 44.2))  # 28 s without a pause: forced
    assert kind == "cut" and 16.25 + 15.0 <= at <= 44.3


# --- recording ---------------------------------------------------------------------------

def test_wav_stays_readable_when_the_program_dies_mid_answer(tmp_path):
    path = tmp_path / "answer.wav"
    code = (
        "import numpy as np, os\n"
        "from mock_interviewer.audio import WavAppender\n"
        f"w = WavAppender({str(path)!r})\n"
        "for _ in range(30): w.append(np.full(1600, 0.1, np.float32))\n"
        "os._exit(1)  # no close, no flush: a crash\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=False)
    samples = load_audio(path)  # a valid, untruncated WAV
    assert 2.5 <= len(samples) / SAMPLE_RATE <= 3.0


@pytest.mark.model
def test_recording_streams_ends_on_silence_and_matches_the_whole_file(tmp_path, fixture_entries):
    from mock_interviewer.transcribe import StreamingTranscription, TranscribeOptions, Transcriber

    entry = fixture_entries["difficult_customer_pauses.wav"]
    samples = load_audio(FIXTURES / entry["file"])
    transcriber = Transcriber(TranscribeOptions(model="tiny.en"))
    stream = StreamingTranscription(transcriber)
    with WavAppender(tmp_path / "a.wav") as wav:
        recording = record_answer(PlaybackMicrophone(samples, speed=6.0), wav, listener=stream,
                                  settings=RecordingSettings(end_silence_s=5.0))
    transcript = stream.finish(recording.last_voice_end_s)
    assert recording.ended_by == "silence"  # the 3.4 s and 4.4 s pauses did not end it
    speech_end = entry["first_word_s"] + entry["speech_span_s"]
    assert speech_end + 4.8 < recording.duration_s < speech_end + 5.8
    assert stream.pieces >= 1  # transcribed while "speaking"
    assert recording.first_voice_s == pytest.approx(entry["first_word_s"], abs=0.2)
    whole = transcriber.transcribe(recording.samples)
    assert wer(entry["script"], transcript.text) <= wer(entry["script"], whole.text) + 0.05
    assert all(b.start >= a.start for a, b in zip(transcript.words, transcript.words[1:]))
    assert load_audio(tmp_path / "a.wav").shape == recording.samples.shape


# --- the interviewer's voice ---------------------------------------------------------------

def test_voice_renders_each_question_completely():
    from mock_interviewer.speaker import Voice

    voice = Voice(rate_wpm=170)
    short, long = voice.render("Tell me about yourself."), voice.render(
        "Describe a time you went above and beyond for a customer, and what happened.")
    assert 0.8 < short.duration_s < long.duration_s < 8.0  # the second is not cut short
    assert np.abs(short.samples).max() > 0.1


def test_bad_voice_and_rate_are_refused_not_ignored():
    from mock_interviewer.speaker import Voice

    with pytest.raises(DeviceError, match="Voice .no-such-voice. is not installed"):
        Voice("no-such-voice")
    with pytest.raises(DeviceError, match="out of range"):
        Voice(rate_wpm=5)


def test_missing_audio_devices_give_one_line_and_the_way_forward(tmp_path):
    env = dict(os.environ, PULSE_SERVER=f"unix:{tmp_path}/no-server", AUDIODEV="null")
    result = subprocess.run(
        [sys.executable, "-m", "mock_interviewer", "practice", "--count", "1", "--text-only"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "microphone" in result.stderr and "--answers" in result.stderr


# --- choosing questions and answer files ------------------------------------------------------

def test_select_questions_is_repeatable_and_opens_with_tell_me_about_yourself(bank):
    a = select_questions(bank, count=18, seed=3)
    assert a == select_questions(bank, count=18, seed=3)
    assert a[0].id == "tell-me-about-yourself" and len({q.id for q in a}) == 18
    behavioral = select_questions(bank, count=2, category="behavioral", seed=1)
    assert {q.category for q in behavioral} == {"behavioral"} and len(behavioral) == 2
    assert [q.id for q in select_questions(bank, ids=["why-hire-you", "Tell me about yourself."])] \
        == ["why-hire-you", "tell-me-about-yourself"]


def test_answer_files_by_manifest_or_by_name(bank, tmp_path):
    pairs = read_answer_files(MANIFEST, bank)
    assert len(pairs) == 12 and pairs[0][0].id == "good-customer-service"
    assert read_answer_files(FIXTURES, bank) == pairs  # a folder with a manifest uses it
    for name in ("02-handle-stress.wav", "why-hire-you.flac", "01-tell-me-about-yourself.answer.wav",
                 "01-tell-me-about-yourself.question.wav", "notes.txt"):
        (tmp_path / name).write_bytes(b"")
    got = [(q.id, f.name) for q, f in read_answer_files(tmp_path, bank)]
    assert got == [("tell-me-about-yourself", "01-tell-me-about-yourself.answer.wav"),
                   ("handle-stress", "02-handle-stress.wav"), ("why-hire-you", "why-hire-you.flac")]
    (tmp_path / "my-answer.wav").write_bytes(b"")
    with pytest.raises(MockInterviewerError, match="my-answer.wav"):
        read_answer_files(tmp_path, bank)


# --- saved sessions ----------------------------------------------------------------------------

def test_store_finds_sessions_and_names_damaged_files(tmp_path):
    store = SessionStore(tmp_path)
    first = store.create(mode="files", settings={})
    second = store.create(mode="live", settings={})
    assert first.id != second.id
    assert store.find("latest").id == second.id
    assert store.find(first.id).id == first.id
    assert store.find(str(first.path)).id == first.id
    with pytest.raises(SessionError, match="No session 'nope'"):
        store.find("nope")

    file = first.path / "session.json"
    data = json.loads(file.read_text())
    for content, message in [
        ("{not json", "damaged, not valid JSON"),
        (json.dumps({"hello": 1}), "not a mock-interviewer session file"),
        (json.dumps(dict(data, schema_version=99)), "version 99.*upgrade"),
        (json.dumps(dict(data, schema_version=0)), "version 0"),
        (json.dumps({k: v for k, v in data.items() if k != "answers"}), "'answers' is missing"),
    ]:
        file.write_text(content)
        with pytest.raises(SessionError, match=message) as info:
            load_session(first.path)
        assert str(file) in str(info.value)
    listed = store.list()
    assert isinstance(listed[0], SessionError) and listed[1].id == second.id


def test_replay_of_a_foreign_session_file_is_one_line(tmp_path, capsys):
    folder = tmp_path / "data" / "sessions" / "odd"
    folder.mkdir(parents=True)
    (folder / "session.json").write_text('{"format": "something-else"}')
    code, out, err = run(capsys, "replay", "odd")
    assert code == 1 and "not a mock-interviewer session file" in err and str(folder) in err


@pytest.mark.model
def test_fixture_session_saves_everything_and_replays(tmp_path, capsys, fixture_entries):
    answers = tmp_path / "answers"
    answers.mkdir()
    shutil.copy(FIXTURES / "good_service_fillers.wav", answers / "01-good-customer-service.wav")
    shutil.copy(FIXTURES / "high_quality_star.wav", answers / "02-high-quality-service.wav")
    code, out, err = run(capsys, "practice", "--answers", str(answers), "--model", "tiny.en")
    assert code == 0, err
    assert "Question 1 of 2" in out and "Question 2 of 2" in out and "Session summary" in out
    assert "Fillers:" in out and "STAR:" in out

    session = SessionStore().find("latest")
    assert session.data["status"] == "complete" and session.data["mode"] == "files"
    for answer in session.answers:
        assert answer["status"] == "analysed" and answer["ended_by"] == "file"
        for key in ("question_audio", "answer_audio"):
            with wave.open(str(session.file(answer[key]))) as w:
                assert w.getnframes() > 0
    first = session.answers[0]["report"]
    assert first["fillers"]["total"] >= 3
    assert session.data["summary"]["answers"] == 2

    # The same input gives the same report.
    code, out2, _ = run(capsys, "practice", "--answers", str(answers), "--model", "tiny.en")
    second = SessionStore().find("latest").answers[0]["report"]
    assert second["transcript"] == first["transcript"]
    assert second["fillers"] == first["fillers"] and second["coverage"] == first["coverage"]

    code, listing, _ = run(capsys, "sessions")
    assert code == 0 and listing.count("files") == 2 and "complete" in listing

    code, shown, _ = run(capsys, "replay", session.id)
    assert code == 0 and first["transcript"][:30] in shown.replace("\n  ", " ")
    assert "Session summary" in shown

    code, _, err = run(capsys, "replay", session.id, "--reanalyze", "--model", "base")
    assert code == 0, err
    again = load_session(session.path)
    assert again.answers[0]["report"]["model"]["model"] == "base"
    assert "reanalyzed_at" in again.data


def test_summary_totals_and_what_to_work_on(bank, words):
    from mock_interviewer.analysis import analyze_answer
    from mock_interviewer.analysis.summary import summarize_session
    from mock_interviewer.transcribe import Transcript

    def report(qid, text, wps):
        w = words(text, wps=wps)
        return analyze_answer(Transcript(text, w, w[-1].end + 1), bank.get(qid), bank=bank).to_dict()

    fast = report("why-hire-you", "um I am a hard worker um and uh I like people " * 3, wps=4.0)
    slow = report("difficult-customer", "last year a customer was angry and I stayed calm " * 2,
                  wps=1.5)
    s = summarize_session([fast, slow, None])
    assert s["answers"] == 3 and s["analysed"] == 2 and s["with_speech"] == 2
    assert s["fillers"]["counts"]["um"] == 6 and s["fillers"]["counts"]["uh"] == 3
    assert s["pace"] == {"fast": 1, "slow": 1}
    assert s["per_question"][2] == {"index": 3, "analysed": False}
    assert "result" in s["star"]["missing"]
    focus = " ".join(s["focus"])
    assert "1 answer(s) too fast and 1 answer(s) too slow" in focus and "STAR: the result" in focus
