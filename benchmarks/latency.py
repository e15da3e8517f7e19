#!/usr/bin/env python3
"""Delay from the end of a spoken answer to its feedback, as in a live session.

An answer of about 30 s and one of about 2 minutes are built from the bundled fixtures
(spoken answers joined with 1 s pauses) and played into the recorder in real time by
``PlaybackMicrophone``: the same recorder, voice activity endpointing and streaming
transcription that ``practice`` uses with a microphone. Measured:

- delay: from the moment the recorder decides the answer is over (``end_silence_s`` of
  silence after the last word) to the finished ``AnswerReport`` (transcription of the
  last piece, joining, analysis);
- the word error rate of the streamed transcript and of the whole file transcribed after
  the answer (what ``analyze`` does), against the scripts, so that streaming is shown
  not to cost accuracy; and how long the whole-file way would make the candidate wait.

Usage: python benchmarks/latency.py [--model base] [--seconds 30 120] [--repeat 1]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from fixtures import wer  # noqa: E402

from mock_interviewer.analysis import analyze_answer  # noqa: E402
from mock_interviewer.audio import SAMPLE_RATE, WavAppender, load_audio  # noqa: E402
from mock_interviewer.bank import load_bank  # noqa: E402
from mock_interviewer.microphone import (  # noqa: E402
    PlaybackMicrophone,
    RecordingSettings,
    record_answer,
)
from mock_interviewer.transcribe import (  # noqa: E402
    StreamingTranscription,
    TranscribeOptions,
    Transcriber,
)

# Spoken fixtures without fillers, in the order they are joined.
PARTS = ["good_service_strong.wav", "about_me_normal.wav", "irate_customer_noisy.wav",
         "high_quality_star.wav", "above_beyond_no_result.wav", "good_service_weak.wav",
         "difficult_customer_pauses.wav", "about_me_slow.wav"]


def build_answer(seconds: float) -> tuple[np.ndarray, str]:
    """Fixture answers joined with 1 s pauses until at least ``seconds`` long."""
    manifest = json.loads((ROOT / "audio_fixtures" / "manifest.json").read_text())
    scripts = {e["file"]: e["script"] for e in manifest["fixtures"]}
    gap = np.zeros(SAMPLE_RATE, np.float32)
    pieces, text, total = [gap], [], 1.0
    for name in PARTS * 4:
        if total >= seconds:
            break
        samples = load_audio(ROOT / "audio_fixtures" / name)
        if total + len(samples) / SAMPLE_RATE > seconds * 1.15 and text:
            continue  # keep close to the target length
        pieces += [samples, gap]
        text.append(scripts[name])
        total += len(samples) / SAMPLE_RATE + 1.0
    return np.concatenate(pieces), " ".join(text)


def measure(transcriber: Transcriber, samples: np.ndarray, script: str, bank, tmp: Path) -> dict:
    question = bank.get("tell-me-about-yourself")
    settings = RecordingSettings()
    stream = StreamingTranscription(transcriber)
    with WavAppender(tmp / "answer.wav") as wav:
        recording = record_answer(PlaybackMicrophone(samples), wav, settings=settings,
                                  listener=stream)
    ended = time.perf_counter()
    transcript = stream.finish(recording.last_voice_end_s)
    analyze_answer(transcript, question, bank=bank)
    delay = time.perf_counter() - ended

    t0 = time.perf_counter()
    whole = transcriber.transcribe(recording.samples)
    analyze_answer(whole, question, bank=bank)
    whole_s = time.perf_counter() - t0
    return {
        "answer_s": round(len(samples) / SAMPLE_RATE, 1),
        "ended_by": recording.ended_by,
        "pieces": stream.pieces,
        "delay_s": round(delay, 2),
        "wer_streamed": round(wer(script, transcript.text), 3),
        "wer_whole_file": round(wer(script, whole.text), 3),
        "whole_file_wait_s": round(whole_s, 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="base")
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--seconds", type=float, nargs="+", default=[30, 120])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    import tempfile

    bank = load_bank()
    transcriber = Transcriber(TranscribeOptions(model=args.model, device=args.device))
    transcriber.load()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for seconds in args.seconds:
            samples, script = build_answer(seconds)
            for _ in range(args.repeat):
                rows.append(measure(transcriber, samples, script, bank, Path(tmp)))
    if args.json:
        print(json.dumps({"model": args.model, "rows": rows}, indent=2))
        return 0
    print(f"model {args.model} on {args.device}; end of answer = "
          f"{RecordingSettings().end_silence_s:g} s of silence")
    print(f"{'answer':>8} {'pieces':>6} {'delay':>7} {'WER streamed':>13} {'WER whole':>10} "
          f"{'whole-file wait':>16}")
    for r in rows:
        print(f"{r['answer_s']:>7.1f}s {r['pieces']:>6} {r['delay_s']:>6.2f}s "
              f"{r['wer_streamed']:>13.3f} {r['wer_whole_file']:>10.3f} "
              f"{r['whole_file_wait_s']:>15.2f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
