"""Pauses: silences of ``min_pause_s`` or more inside the answer, and the time to start.

Pauses are the gaps between consecutive words. Two seconds is the default threshold: long
enough that a normal breath or a comma is not a pause, short enough to catch the stretch
where an interviewer starts to wonder whether the answer is over.
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


def find_pauses(tokens: Sequence[Token], *, min_pause_s: float = DEFAULT_MIN_PAUSE_S) -> PauseReport:
    """Find the long silences between words.

    Args:
        tokens: the answer's tokens with times in seconds.
        min_pause_s: shortest silence reported, in seconds (> 0).

    Returns:
        The long pauses with start time and duration, and the time before the first word.
    """
    if min_pause_s <= 0:
        raise ValueError(f"min_pause_s={min_pause_s} must be a positive number of seconds")
    if not tokens:
        return PauseReport(min_pause_s, None)
    pauses = []
    for a, b in zip(tokens, tokens[1:]):
        gap = b.start - a.end
        if gap >= min_pause_s:
            pauses.append(Pause(round(a.end, 2), round(gap, 2)))
    return PauseReport(
        min_pause_s,
        round(tokens[0].start, 2),
        pauses,
        round(sum(p.duration_s for p in pauses), 2),
    )
