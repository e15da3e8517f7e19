#!/usr/bin/env python3
"""Articulation time (the time spent speaking, silences of 250 ms or more left out) against
the truth, on the clean synthetic fixtures.

espeak-ng's voices are silent between words to the sample, so an energy threshold (10 ms
frames above 1% of the loudest) gives the true voiced time. It is compared with the two
ways the analysis can measure it: the gaps between Whisper's word timestamps (before
issue 4) and the voice activity detector's segments (now).

Usage: python benchmarks/articulation.py [--model base]
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mock_interviewer.analysis.pace import _voiced_time, measure_pace  # noqa: E402
from mock_interviewer.analysis.tokens import tokenize  # noqa: E402
from mock_interviewer.audio import load_audio  # noqa: E402
from mock_interviewer.transcribe import TranscribeOptions, Transcriber  # noqa: E402

CLEAN = ["good_service_strong", "good_service_fillers", "good_service_weak", "about_me_slow",
         "about_me_normal", "difficult_customer_pauses", "high_quality_star",
         "above_beyond_no_result"]


@dataclass
class Stretch:
    start: float
    end: float


def energy_segments(samples: np.ndarray, frame: int = 160) -> list[Stretch]:
    frames = samples[: len(samples) // frame * frame].reshape(-1, frame)
    rms = np.sqrt(np.mean(frames ** 2, axis=1))
    voiced = np.concatenate([[False], rms > 0.01 * rms.max(), [False]])
    edges = np.flatnonzero(voiced[1:] != voiced[:-1])
    return [Stretch(a / 100, b / 100) for a, b in zip(edges[::2], edges[1::2])]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="base")
    args = parser.parse_args()
    transcriber = Transcriber(TranscribeOptions(model=args.model))
    print(f"{'fixture':<28} {'span':>5} {'truth':>6} {'word gaps':>10} {'voice activity':>15}")
    errors = {"words": [], "vad": []}
    for name in CLEAN:
        samples = load_audio(ROOT / "audio_fixtures" / f"{name}.wav")
        transcript = transcriber.transcribe(samples)
        tokens = tokenize(transcript.words)
        start, end = tokens[0].start, tokens[-1].end
        truth = _voiced_time(energy_segments(samples), start, end, 0.25)
        by_words = measure_pace(tokens).articulation_time_s
        by_vad = measure_pace(tokens, speech=transcript.speech).articulation_time_s
        errors["words"].append(abs(by_words - truth))
        errors["vad"].append(abs(by_vad - truth))
        print(f"{name:<28} {end - start:5.1f} {truth:6.1f} {by_words:10.1f} {by_vad:15.1f}")
    print(f"mean absolute error (s): word gaps {np.mean(errors['words']):.2f}, "
          f"voice activity {np.mean(errors['vad']):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
