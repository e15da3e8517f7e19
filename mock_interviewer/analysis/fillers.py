"""Filler words: hesitations (um, uh, er, ah, hmm) and discourse fillers used as fillers.

Hesitations are fillers wherever they stand. Discourse fillers (like, you know, I mean,
basically, actually, literally, so, kind of, sort of) are also ordinary words, so each has
a context rule, and the rules lean towards precision: a filler that is missed costs less
trust than "I like working with people" reported as a filler. The punctuation Whisper
writes around a word is the main cue: fillers are set off ("and, like, the customer").

This counts what the transcript holds. Whisper drops many "um"/"uh" (faster-whisper
issues 319 and 901); recovering those is a separate, measured step.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from mock_interviewer.analysis.tokens import Token

__all__ = ["FillerItem", "FillerReport", "find_fillers", "HESITATIONS"]

# Spellings Whisper and people use for filled pauses, mapped to one name per type.
HESITATIONS = {
    "um": "um", "umm": "um", "ummm": "um", "uhm": "um", "uhmm": "um",
    "uh": "uh", "uhh": "uh", "uhhh": "uh",
    "er": "er", "err": "er", "erm": "er",
    "ah": "ah", "ahh": "ah",
    "hmm": "hmm", "hm": "hmm", "hmmm": "hmm", "mm": "hmm", "mmm": "hmm",
}
_DETERMINERS = {
    "a", "an", "the", "this", "that", "these", "those", "what", "which", "any", "some",
    "every", "each", "one", "same", "different", "another", "all", "no", "my", "your",
    "our", "their", "his", "her", "its", "right", "wrong", "first", "whatever",
}
# "like" after these is a verb ("I like", "would like") or a comparison ("looks like").
_LIKE_NOT_FILLER_BEFORE = {
    "i", "you", "we", "they", "he", "she", "people", "customers", "who", "would", "i'd",
    "we'd", "you'd", "they'd", "she'd", "he'd", "do", "don't", "didn't", "does", "doesn't",
    "really", "also", "always", "never", "to", "might", "will", "i'll", "should", "could",
    "look", "looks", "looked", "looking", "feel", "feels", "felt", "feeling", "sound",
    "sounds", "sounded", "seem", "seems", "seemed", "something", "things", "anything",
    "nothing", "just", "more", "much", "exactly", "most", "not", "much", "lot", "lots",
}
_YOU_KNOW_NOT_FILLER_BEFORE = {
    "do", "did", "don't", "didn't", "if", "as", "what", "how", "whether", "let", "you'd",
    "would", "to", "so", "that",
}


@dataclass
class FillerItem:
    text: str  # the filler's type: "um", "like", "you know"
    said: str  # as the transcript wrote it
    start: float
    end: float
    kind: str  # "hesitation" or "discourse"


@dataclass
class FillerReport:
    total: int
    per_minute: float
    per_100_words: float
    counts: dict[str, int] = field(default_factory=dict)
    items: list[FillerItem] = field(default_factory=list)


def find_fillers(tokens: Sequence[Token], *, speaking_time_s: float) -> FillerReport:
    """Find filler words in a tokenised transcript.

    Args:
        tokens: the answer's tokens, in order.
        speaking_time_s: the span the rate per minute is taken over (seconds).

    Returns:
        The fillers with their times, counts per type and rates.
    """
    items: list[FillerItem] = []
    i = 0
    n = len(tokens)
    while i < n:
        match = _match_at(tokens, i)
        if match is None:
            i += 1
            continue
        name, length, kind = match
        first, last = tokens[i], tokens[i + length - 1]
        said = " ".join(t.raw for t in tokens[i : i + length])
        items.append(FillerItem(name, said, first.start, last.end, kind))
        i += length
    counts: dict[str, int] = {}
    for item in items:
        counts[item.text] = counts.get(item.text, 0) + 1
    lexical = sum(1 for t in tokens if t.text not in HESITATIONS)
    minutes = speaking_time_s / 60.0
    return FillerReport(
        total=len(items),
        per_minute=round(len(items) / minutes, 2) if minutes > 0 else 0.0,
        per_100_words=round(100.0 * len(items) / lexical, 2) if lexical else 0.0,
        counts=dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))),
        items=items,
    )


def _match_at(tokens: Sequence[Token], i: int) -> tuple[str, int, str] | None:
    token = tokens[i]
    word = token.text
    prev = tokens[i - 1] if i > 0 else None
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    prev_word = prev.text if prev else ""
    next_word = nxt.text if nxt else ""
    set_off = token.after_break or token.before_break

    if word in HESITATIONS:
        return HESITATIONS[word], 1, "hesitation"

    if word == "like":
        if prev_word in _LIKE_NOT_FILLER_BEFORE and not token.after_break:
            return None
        if next_word == "to" and not token.before_break:
            return None
        if set_off or prev_word in {"and", "but", "like", "um", "uh", "was", "were"} or prev_word in HESITATIONS:
            return "like", 1, "discourse"
        return None

    if word == "you" and next_word == "know" and nxt is not None:
        if prev_word in _YOU_KNOW_NOT_FILLER_BEFORE and not token.after_break:
            return None
        if nxt.before_break or token.after_break and next_word == "know" and _opens_clause(tokens, i + 2):
            return "you know", 2, "discourse"
        return None

    if word == "i" and next_word == "mean" and nxt is not None:
        after = tokens[i + 2].text if i + 2 < len(tokens) else ""
        if nxt.before_break or (token.sentence_start and after not in {"to", "that", "it", "is"}):
            return "i mean", 2, "discourse"
        return None

    if word in {"basically", "actually", "literally"}:
        if set_off or token.sentence_start:
            return word, 1, "discourse"
        return None

    if word == "so":
        # Only where it opens a clause: "So, I called" or ", so, the". Not "I think so.",
        # "and so on", "so that", "so much".
        if next_word in {"that", "much", "many", "far", "long", "well", "on"}:
            return None
        opener = prev_word in HESITATIONS or prev_word in {"yeah", "okay", "ok", "well", "right", "alright"}
        if token.after_break and (token.before_break or i == 0 or opener):
            return "so", 1, "discourse"
        return None

    if word in {"kind", "sort"} and next_word == "of" and nxt is not None:
        if prev_word in _DETERMINERS and not token.after_break:
            return None
        return f"{word} of", 2, "discourse"
    return None


def _opens_clause(tokens: Sequence[Token], j: int) -> bool:
    """After a sentence-initial "you know", a new clause starts ("You know I think ...")."""
    if j >= len(tokens):
        return True
    return tokens[j].text in {"i", "we", "it", "it's", "i'm", "they", "the", "that's", "there"}
