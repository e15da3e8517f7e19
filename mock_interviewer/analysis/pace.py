"""Speaking pace: words per minute, articulation rate, and pace over time.

Words per minute are taken over the speaking span (first word to last word), so the
silence before the candidate starts does not make them look slow. The articulation rate
leaves out every silence of ``min_gap_s`` or more (250 ms, the silent-pause threshold of
Goldman-Eisler 1968 and De Jong & Wempe 2009), so it measures how fast the candidate
talks while talking. The silences come from the voice activity detector where the
transcript has it: Whisper stretches words over pauses (a 2 s pause can vanish into a
long "delicious"), so gaps between word timestamps miss them. Hesitations (um, uh) are
not counted as words: Whisper keeps some and drops others, and the pace should not
depend on that.

The verdict band, 120-160 wpm, is where most published advice puts a comfortable
conversational pace: the National Center for Voice and Speech gives about 150 wpm for
conversational English, and Microsoft's PowerPoint Speaker Coach flags speech outside
100-165 wpm. Interview answers sit in the middle of that.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from mock_interviewer.analysis.fillers import HESITATIONS
from mock_interviewer.analysis.tokens import Token

__all__ = ["PaceReport", "PaceWindow", "measure_pace", "fastest_window", "PACE_BAND_WPM"]

PACE_BAND_WPM = (120.0, 160.0)  # see the module docstring for the sources
MIN_WORDS_FOR_VERDICT = 5  # fewer words than this give no meaningful rate
MIN_SPAN_FOR_VERDICT_S = 3.0


@dataclass
class PaceWindow:
    start: float
    end: float
    wpm: float


@dataclass
class PaceReport:
    wpm: float | None
    articulation_wpm: float | None
    verdict: str | None  # "slow", "good", "fast", or None when there is too little speech
    word_count: int
    speaking_time_s: float
    articulation_time_s: float
    band_wpm: tuple[float, float] = PACE_BAND_WPM
    over_time: list[PaceWindow] = field(default_factory=list)


def measure_pace(
    tokens: Sequence[Token],
    *,
    band_wpm: tuple[float, float] = PACE_BAND_WPM,
    min_gap_s: float = 0.25,
    window_s: float = 10.0,
    speech: Sequence | None = None,
) -> PaceReport:
    """Measure speaking pace from timed tokens.

    Args:
        tokens: the answer's tokens with times in seconds.
        band_wpm: (low, high) words per minute counted as a good pace.
        min_gap_s: gaps between words at least this long are pauses, left out of the
            articulation rate.
        window_s: length of the windows for pace over time (seconds).
        speech: where the voice activity detector heard speech (objects with ``start``
            and ``end``), or None to take pauses from the gaps between words.

    Returns:
        A ``PaceReport``; rates and verdict are None when there are fewer than 5 words or
        less than 3 s of speech.
    """
    words = [t for t in tokens if t.text not in HESITATIONS]
    if not words:
        return PaceReport(None, None, None, 0, 0.0, 0.0, band_wpm)
    span = max(0.0, tokens[-1].end - tokens[0].start)
    if speech:
        articulation = _voiced_time(speech, tokens[0].start, tokens[-1].end, min_gap_s)
    else:
        gaps = sum(
            b.start - a.end for a, b in zip(tokens, tokens[1:]) if b.start - a.end >= min_gap_s
        )
        articulation = max(0.0, span - gaps)
    enough = len(words) >= MIN_WORDS_FOR_VERDICT and span >= MIN_SPAN_FOR_VERDICT_S
    wpm = round(60.0 * len(words) / span, 1) if enough else None
    art = round(60.0 * len(words) / articulation, 1) if enough and articulation > 0 else None
    verdict = None
    if wpm is not None:
        verdict = "slow" if wpm < band_wpm[0] else "fast" if wpm > band_wpm[1] else "good"
    return PaceReport(
        wpm, art, verdict, len(words), round(span, 3), round(articulation, 3), band_wpm,
        _over_time(words, tokens[0].start, tokens[-1].end, window_s) if enough else [],
    )


def _voiced_time(speech: Sequence, start: float, end: float, min_gap_s: float) -> float:
    """Seconds of voice between ``start`` and ``end``; silences shorter than ``min_gap_s``
    count as voice (a stop consonant, a breath between words)."""
    merged: list[list[float]] = []
    for g in sorted(speech, key=lambda g: g.start):
        if merged and g.start - merged[-1][1] < min_gap_s:
            merged[-1][1] = max(merged[-1][1], g.end)
        else:
            merged.append([g.start, g.end])
    return sum(max(0.0, min(b, end) - max(a, start)) for a, b in merged)


# A window is rushed when it is above the good band and this much faster than the answer
# as a whole (a speaker's own pace varies by about a tenth from one 10 s to the next).
RUSHED_RATIO = 1.2


def fastest_window(report: PaceReport) -> PaceWindow | None:
    """The window of pace over time where the candidate rushed: the fastest one, when the
    answer has more than one window and that one is above the good band and at least
    ``RUSHED_RATIO`` times the answer's words per minute."""
    if len(report.over_time) < 2 or report.wpm is None:
        return None
    fastest = max(report.over_time, key=lambda w: w.wpm)
    # Rounded as shown: "160 wpm" is not above a band that ends at 160.
    if round(fastest.wpm) > report.band_wpm[1] and fastest.wpm >= RUSHED_RATIO * report.wpm:
        return fastest
    return None


def _over_time(words: Sequence[Token], start: float, end: float, window_s: float):
    """Words per minute in consecutive windows; a short last window joins the one before."""
    edges = [start]
    while edges[-1] + window_s < end:
        edges.append(edges[-1] + window_s)
    edges.append(end)
    if len(edges) > 2 and edges[-1] - edges[-2] < window_s / 2:
        del edges[-2]
    windows = []
    for lo, hi in zip(edges, edges[1:]):
        count = sum(1 for w in words if lo <= (w.start + w.end) / 2 < hi or (hi == end and (w.start + w.end) / 2 == hi))
        length = hi - lo
        windows.append(PaceWindow(round(lo, 2), round(hi, 2), round(60.0 * count / length, 1) if length > 0 else 0.0))
    return windows
