"""Pauses: silences of ``min_pause_s`` or more inside the answer, and the time to start.

Pauses are measured on the audio: the gaps between the stretches where the voice activity
detector hears speech, between the first and the last word. Whisper's word timestamps
are not good enough for this: it stretches words across silences and moves word starts
(faster-whisper issues 125 and 759), so a 3.4 s pause reads as 3.2 s, or vanishes into a
long word. A gap in the voice activity that wholly holds a recognised word (the detector
missed a quiet word) is not a pause. Without voice activity (a constructed transcript), the gaps
between words are used. Two seconds is the default threshold: long enough that a normal
breath or a comma is not a pause, short enough to catch the stretch where an interviewer
starts to wonder whether the answer is over.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from mock_interviewer.analysis.tokens import Token

__all__ = ["Pause", "PauseReport", "find_pauses", "DEFAULT_MIN_PAUSE_S"]

DEFAULT_MIN_PAUSE_S = 2.0


@dataclass
class Pause:
    start: float
    duration_s: float


@dataclass
class PauseReport:
    min_pause_s: float
    first_word_s: float | None  # silence before the first word; None without words
    long: list[Pause] = field(default_factory=list)
    total_long_pause_s: float = 0.0


def find_pauses(tokens: Sequence[Token], *, min_pause_s: float = DEFAULT_MIN_PAUSE_S,
                speech: Sequence | None = None) -> PauseReport:
    """Find the long silences inside the answer.

    Args:
        tokens: the answer's tokens with times in seconds.
        min_pause_s: shortest silence reported, in seconds (> 0).
        speech: where the voice activity detector heard speech (objects with ``start``
            and ``end``), or None to use the gaps between words.

    Returns:
        The long pauses with start time and duration, and the time before the first word.
    """
    if min_pause_s <= 0:
        raise ValueError(f"min_pause_s={min_pause_s} must be a positive number of seconds")
    if not tokens:
        return PauseReport(min_pause_s, None)
    if speech:
        first, last = tokens[0].start, tokens[-1].end
        # The stretches of speech that belong to the answer's words.
        inside = [g for g in speech if g.end > first - 1.0 and g.start < last + 1.0] or list(speech)
        gaps = [(a.end, b.start) for a, b in zip(inside, inside[1:])]
        # A word wholly inside a gap was missed by the detector; a word that only reaches
        # into it is one Whisper stretched.
        pauses = [Pause(round(a, 2), round(b - a, 2)) for a, b in gaps
                  if b - a >= min_pause_s and not any(a < t.start and t.end < b for t in tokens)]
        first_word = inside[0].start
    else:
        pauses = [Pause(round(a.end, 2), round(b.start - a.end, 2))
                  for a, b in zip(tokens, tokens[1:]) if b.start - a.end >= min_pause_s]
        first_word = tokens[0].start
    return PauseReport(
        min_pause_s,
        round(first_word, 2),
        pauses,
        round(sum(p.duration_s for p in pauses), 2),
    )
