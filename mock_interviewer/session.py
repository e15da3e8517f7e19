"""The interview loop: ask each question, take the answer, give feedback, sum up.

One loop, two answer sources: ``MicrophoneAnswers`` (live rehearsal; the answer is
transcribed while it is spoken) and ``FileAnswers`` (prerecorded WAV files; each file is
transcribed whole, as ``analyze`` does, so the same input gives the same report). A
saved session is the third source, read by ``replay`` (``mock-interviewer replay``).
Everything is saved as it happens (``store``).
"""

from __future__ import annotations

import json
import logging
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from mock_interviewer.analysis import analyze_answer
from mock_interviewer.analysis.pauses import DEFAULT_MIN_PAUSE_S
from mock_interviewer.analysis.summary import summarize_session
from mock_interviewer.audio import SAMPLE_RATE, WavAppender, load_audio, write_wav
from mock_interviewer.bank import Question, QuestionBank
from mock_interviewer.errors import AudioError, MockInterviewerError, SessionError
from mock_interviewer.microphone import EnterKey, Microphone, RecordingSettings, record_answer
from mock_interviewer.store import SavedSession, now_iso
from mock_interviewer.transcribe import StreamingTranscription, Transcriber, Transcript

__all__ = [
    "select_questions",
    "read_answer_files",
    "Console",
    "MicrophoneAnswers",
    "FileAnswers",
    "run_interview",
]

logger = logging.getLogger("mock_interviewer")

AUDIO_SUFFIXES = {".wav", ".flac", ".mp3", ".m4a", ".ogg", ".opus", ".webm", ".aac"}


def select_questions(bank: QuestionBank, *, count: int | None = 5, category: str | None = None,
                     ids: list[str] | None = None, seed: int | None = None) -> list[Question]:
    """The questions of a session.

    ``ids`` (ids or texts) are asked in the order given. Otherwise ``count`` questions of
    the ``category`` (all categories by default) are drawn at random (``seed`` makes the
    draw repeatable), with "Tell me about yourself" first when it is drawn, as
    interviews open with it.
    """
    if ids:
        return [bank.get(key) for key in ids]
    pool = bank.by_category(category)
    rng = random.Random(seed)
    chosen = rng.sample(pool, min(count or len(pool), len(pool)))
    chosen.sort(key=lambda q: q.id != "tell-me-about-yourself")  # stable: keeps the draw
    return chosen


def read_answer_files(path: str | Path, bank: QuestionBank) -> list[tuple[Question, Path]]:
    """(question, answer file) pairs from a manifest or a folder of answer files.

    A manifest is ``{"fixtures": [{"file", "question"}, ...]}`` (``audio_fixtures``'s
    format; a folder holding ``manifest.json`` uses it). In a folder without one, each
    audio file is named after the question it answers, optionally numbered:
    ``why-hire-you.wav``, ``02-handle-stress.m4a``, or a saved session's
    ``01-tell-me-about-yourself.answer.wav``; they are asked in file-name order.
    """
    path = Path(path)
    if not path.exists():
        kind = "Manifest" if path.suffix == ".json" else "Answers folder"
        raise MockInterviewerError(f"{kind} '{path}' does not exist")
    if path.is_dir() and (path / "manifest.json").exists():
        path = path / "manifest.json"
    if path.is_file():
        try:
            entries = json.loads(path.read_text(encoding="utf-8"))["fixtures"]
            return [(bank.get(e["question"]), path.parent / e["file"]) for e in entries]
        except (OSError, ValueError, KeyError, TypeError) as e:
            raise MockInterviewerError(
                f"Manifest '{path}' is not a fixtures manifest (expected {{\"fixtures\": "
                f"[{{\"file\", \"question\"}}, ...]}}): {e}") from e
    if not path.is_dir():
        raise MockInterviewerError(f"Answers '{path}' is neither a folder nor a manifest file")
    ids = sorted((q.id for q in bank.questions), key=len, reverse=True)
    pairs, unmatched = [], []
    for file in sorted(path.iterdir()):
        if file.suffix.lower() not in AUDIO_SUFFIXES or file.name.endswith(".question.wav"):
            continue
        name = file.stem.lower().lstrip("0123456789").lstrip("-_ ")
        match = next((i for i in ids if name == i or name.startswith(i + ".")
                      or name.startswith(i + "_") or name.startswith(i + "-")), None)
        if match is None:
            unmatched.append(file.name)
        else:
            pairs.append((bank.get(match), file))
    if unmatched:
        raise MockInterviewerError(
            f"Cannot tell which question {', '.join(unmatched)} answer(s): name each file "
            f"after a question id (mock-interviewer questions lists them), e.g. "
            f"'why-hire-you.wav', or give a manifest")
    if not pairs:
        raise MockInterviewerError(f"No answer files (WAV, FLAC, MP3, M4A, OGG) in '{path}'")
    return pairs


class Console:
    """What the candidate sees: lines on stdout, a live level meter on a terminal's stderr."""

    def __init__(self, out=None, err=None, *, json_lines: bool = False):
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        self.json_lines = json_lines
        self.meter = self.err.isatty()
        self._last_meter = 0.0

    def line(self, text: str = "") -> None:
        if not self.json_lines:
            print(text, file=self.out, flush=True)

    def note(self, text: str) -> None:
        print(text, file=self.err, flush=True)

    def warning(self, text: str) -> None:
        self._clear_meter()
        print(f"! {text}", file=self.err, flush=True)

    def progress(self, elapsed: float, level_db: float, speaking: bool) -> None:
        if not self.meter or time.monotonic() - self._last_meter < 0.1:
            return
        self._last_meter = time.monotonic()
        bars = int(max(0.0, min(1.0, (level_db + 60.0) / 60.0)) * 20)
        state = "speaking" if speaking else "listening"
        print(f"\r  REC {int(elapsed) // 60}:{int(elapsed) % 60:02d}  [{'#' * bars:<20}] "
              f"{level_db:6.1f} dB  {state:<9}  Enter ends the answer", end="",
              file=self.err, flush=True)

    def _clear_meter(self) -> None:
        if self.meter:
            print("\r" + " " * 79 + "\r", end="", file=self.err, flush=True)

    def end_meter(self) -> None:
        self._clear_meter()


class AnswerSource(Protocol):
    def take(self, session: SavedSession, entry: dict, question: Question,
             console: Console) -> Transcript: ...


@dataclass
class MicrophoneAnswers:
    """Answers spoken into a microphone, transcribed while they are spoken."""

    microphone: Microphone
    transcriber: Transcriber
    settings: RecordingSettings
    enter: EnterKey

    def take(self, session, entry, question, console) -> Transcript:
        stream = StreamingTranscription(self.transcriber)
        entry.update(status="recording", source=f"microphone: {self.microphone.name}")
        session.save()
        hint = "press Enter or stay silent" if self.enter.available else "stay silent"
        stop = self.enter.arm()
        prompt = (f"Answer now ({hint} for {self.settings.end_silence_s:g} s when you are "
                  f"done; at most {self.settings.max_s / 60:g} min).")
        try:
            with WavAppender(session.file(entry["answer_audio"])) as wav:
                recording = record_answer(
                    self.microphone, wav, settings=self.settings, listener=stream, stop=stop,
                    on_progress=console.progress, on_warning=console.warning,
                    on_start=lambda: console.line(prompt))
        finally:
            self.enter.disarm()
            console.end_meter()
        entry.update(status="recorded", ended_by=recording.ended_by,
                     recorded_s=round(recording.duration_s, 2))
        session.save()
        if recording.ended_by == "interrupted":
            stream.cancel()
            raise KeyboardInterrupt
        reason = {"silence": "you stopped talking", "enter": "Enter pressed",
                  "max_length": "the time limit"}[recording.ended_by]
        console.line(f"Recorded {recording.duration_s:.1f} s ({reason}).")
        started = time.perf_counter()
        transcript = stream.finish(
            recording.last_voice_end_s if recording.ended_by == "silence" else None)
        entry["feedback_delay_s"] = round(time.perf_counter() - started, 3)
        return transcript


@dataclass
class FileAnswers:
    """Answers from audio files, one per question, each transcribed whole."""

    files: dict[int, Path]  # answer index (1-based) → file
    transcriber: Transcriber

    def take(self, session, entry, question, console) -> Transcript:
        path = self.files[entry["index"]]
        entry["source"] = str(path)
        console.line(f"Answer: {path}")
        samples = load_audio(path)
        write_wav(session.file(entry["answer_audio"]), samples)  # the session keeps a copy
        entry.update(status="recorded", ended_by="file", recorded_s=round(len(samples) / SAMPLE_RATE, 2))
        session.save()
        return self.transcriber.transcribe(samples)


def run_interview(
    questions: list[Question],
    *,
    bank: QuestionBank,
    session: SavedSession,
    answers: AnswerSource,
    console: Console,
    voice=None,
    output=None,
    min_pause_s: float = DEFAULT_MIN_PAUSE_S,
) -> dict:
    """Ask each question, take and analyse the answer, and return the session summary.

    Args:
        questions: in the order they are asked.
        bank: for the advice in the feedback.
        session: where everything is saved as it happens.
        answers: where the answers come from.
        console: where the candidate reads the feedback.
        voice: renders each question to speech (``speaker.Voice``); None for text only.
        output: plays the rendered question (``speaker.AudioOutput``); None to only save it.
        min_pause_s: shortest silence reported as a long pause.

    KeyboardInterrupt stops the session after saving what was recorded; it is re-raised.
    """
    from mock_interviewer.render.json import report_to_json
    from mock_interviewer.render.text import render_report, render_summary

    status = "complete"
    try:
        for n, question in enumerate(questions, 1):
            entry = session.add_answer(
                {"id": question.id, "text": question.text, "category": question.category})
            session.save()
            console.line("")
            console.line(f"Question {n} of {len(questions)} [{question.category}]: {question.text}")
            if voice is not None:
                speech = voice.render(question.text)
                name = session.question_audio_name(entry)
                write_wav(session.file(name), speech.samples, sampling_rate=speech.sample_rate)
                entry["question_audio"] = name
                session.save()
                if output is not None:
                    output.play(speech)
            try:
                transcript = answers.take(session, entry, question, console)
            except AudioError as e:
                entry.update(status="failed", error=str(e))
                session.save()
                console.warning(str(e))
                continue
            report = analyze_answer(transcript, question, bank=bank,
                                    audio_path=str(session.file(entry["answer_audio"])),
                                    min_pause_s=min_pause_s)
            entry.update(status="analysed", report=report.to_dict())
            session.save()
            if console.json_lines:
                print(report_to_json(report), file=console.out, flush=True)
            else:
                console.line(render_report(report))
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    except BaseException:
        status = "failed"
        raise
    finally:
        session.data["status"] = status
        session.data["finished_at"] = now_iso()
        summary = summarize_session([a.get("report") for a in session.answers])
        session.data["summary"] = summary
        session.save()
        if status != "complete":
            console.note(f"Session saved in {session.path} ({status}); "
                         f"see it with: mock-interviewer replay {session.id} --reanalyze")
    console.line("")
    console.line(render_summary(summary, session))
    return summary


def reanalyze_session(session: SavedSession, *, bank: QuestionBank, transcriber: Transcriber,
                      min_pause_s: float = DEFAULT_MIN_PAUSE_S, console: Console | None = None) -> dict:
    """Transcribe and analyse every saved answer again (another model, an updated bank)."""
    for entry in session.answers:
        path = session.file(entry.get("answer_audio"))
        if path is None or not path.exists():
            entry.update(status="failed", error=f"{path}: the answer audio is missing")
            continue
        try:
            question = bank.get(entry["question"]["id"])
            samples = load_audio(path)
        except MockInterviewerError as e:
            entry.update(error=str(e))
            if console:
                console.warning(f"answer {entry['index']}: {e}")
            continue
        transcript = transcriber.transcribe(samples)
        report = analyze_answer(transcript, question, bank=bank, audio_path=str(path),
                                min_pause_s=min_pause_s)
        entry.update(status="analysed", report=report.to_dict(), error=None)
        session.save()
    session.data["summary"] = summarize_session([a.get("report") for a in session.answers])
    session.data["reanalyzed_at"] = now_iso()
    session.save()
    return session.data["summary"]


def check_session(session: SavedSession) -> None:
    """Raise ``SessionError`` if a stored report cannot be read back."""
    from mock_interviewer.analysis import AnswerReport

    for entry in session.answers:
        if entry.get("report") is not None:
            try:
                AnswerReport.from_dict(entry["report"])
            except ValueError as e:
                raise SessionError(f"{session.path / 'session.json'}: answer {entry['index']} "
                                   f"has {e}") from e
