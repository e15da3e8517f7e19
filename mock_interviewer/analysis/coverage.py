"""Talking-point coverage: which concepts the advice asks for the answer covers.

A talking point is covered when one of its phrases occurs in the answer. Matching is on
Snowball stems, so inflection does not matter ("listened" covers "listen"); the words of
a phrase must come in order, with at most ``max_gap_words`` other words between two of
them ("listen carefully to" covers "listen to"); small words of a phrase ("the", "to",
"my") may be missing; and a long stem also matches a near spelling (difflib ratio of at
least 0.85, for ASR slips and British spellings), or a stem it is a prefix of
("empath" / "empathet"). A word of a phrase also matches its everyday synonyms
(``SYNONYMS``: "relaxed" for "calm", "boss" for "manager", "client" for "customer"), so
a candidate's own words cover a point the bank words differently. The table is small and
hand-made, offline and instant; ``benchmarks/evaluate.py --set paraphrase`` measures what
it adds and what it wrongly lets through.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Iterable, Sequence

from mock_interviewer.analysis.tokens import Token, normalise, stem, tokenize_text
from mock_interviewer.bank import TalkingPoint

__all__ = ["PointResult", "CoverageReport", "measure_coverage", "find_phrase", "SYNONYMS"]

_SMALL_WORDS = {
    "a", "an", "the", "to", "of", "in", "on", "for", "with", "my", "their", "them", "it",
    "is", "are", "be", "and", "or", "they", "me", "i", "what", "at", "by", "your", "our",
}
# Words a candidate uses for the bank's words. Each group is one sense; a word in two
# groups ("correct": fix it, and accurate) matches both. Words whose other senses are
# common in answers were left out ("cool", "hear", "position", "pressing": "a cool logo",
# "in a good position", "the press").
SYNONYMS = [
    {"calm", "relaxed", "collected", "composed", "unflustered"},
    {"manager", "supervisor", "boss", "superior"},
    {"apologize", "apologise", "apology", "sorry", "regret"},
    {"few", "couple", "several"},
    {"fix", "correct", "repair"},
    {"quick", "quickly", "fast", "swift", "swiftly", "rapid", "rapidly", "prompt", "promptly"},
    {"happy", "pleased", "glad", "delighted"},
    {"customer", "client", "guest", "shopper", "caller"},
    {"expected", "expect", "hoped", "hope", "anticipated"},
    {"accurate", "precise", "exact", "correct"},
    {"feedback", "criticism", "critique"},
    {"improve", "develop"},
    {"simple", "plain"},
    {"mentor", "coach", "trainer"},
    {"help", "helping", "assist", "assisting"},
    {"solve", "resolve", "fix"},
    {"problem", "issue"},
    {"rewarding", "fulfilling"},
    {"patient", "patience", "tolerant"},
]
_FUZZY_MIN_LEN = 6
_FUZZY_RATIO = 0.85
_PREFIX_MIN_LEN = 5


@dataclass
class PointResult:
    id: str
    label: str
    covered: bool
    phrase: str | None = None  # the bank phrase that matched
    said: str | None = None  # what the answer said there
    start: float | None = None


@dataclass
class CoverageReport:
    score: float  # covered / all, 0..1; 0.0 when the question has no talking points
    covered: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    points: list[PointResult] = field(default_factory=list)


@lru_cache(maxsize=4096)
def _phrase_stems(phrase: str) -> tuple[tuple[str, bool], ...]:
    words = [normalise(w) for w in phrase.split()]
    words = [w for w in words if w]
    content = [w for w in words if w not in _SMALL_WORDS]
    # A phrase of small words only ("what I can do" keeps "can", "do") is matched whole.
    return tuple((stem(w), bool(content) and w in _SMALL_WORDS) for w in words)


@lru_cache(maxsize=1)
def _synonym_groups() -> dict[str, frozenset[int]]:
    groups: dict[str, set[int]] = {}
    for i, words in enumerate(SYNONYMS):
        for word in words:
            groups.setdefault(stem(word), set()).add(i)
    return {k: frozenset(v) for k, v in groups.items()}


@lru_cache(maxsize=65536)
def _stems_match(said: str, wanted: str) -> bool:
    if said == wanted:
        return True
    groups = _synonym_groups()
    if said in groups and wanted in groups and groups[said] & groups[wanted]:
        return True
    shorter = min(len(said), len(wanted))
    if shorter >= _PREFIX_MIN_LEN and (said.startswith(wanted) or wanted.startswith(said)):
        return True
    if shorter >= _FUZZY_MIN_LEN:
        return SequenceMatcher(None, said, wanted).ratio() >= _FUZZY_RATIO
    return False


def find_phrase(
    stems: Sequence[str], phrase: str, *, max_gap_words: int = 2
) -> tuple[int, int] | None:
    """Where a phrase occurs in a stemmed answer.

    Args:
        stems: the answer's stems, in order.
        phrase: a bank phrase in plain words.
        max_gap_words: how many other words may stand between two words of the phrase.

    Returns:
        (first, last) token index of the match, or None.
    """
    wanted = _phrase_stems(phrase)
    required = [s for s, optional in wanted if not optional]
    if not required:
        return None
    n = len(stems)
    for first in range(n):
        if not _stems_match(stems[first], required[0]):
            continue
        position, last = first, first
        for target in required[1:]:
            found = None
            for j in range(position + 1, min(n, position + 2 + max_gap_words)):
                if _stems_match(stems[j], target):
                    found = j
                    break
            if found is None:
                break
            position = last = found
        else:
            return first, last
    return None


def _widen(tokens: Sequence[Token], first: int, phrase: str) -> int:
    """Move a match's start back over the phrase's leading small words ("in the end")."""
    leading = []
    for word in (normalise(w) for w in phrase.split()):
        if word not in _SMALL_WORDS:
            break
        leading.append(word)
    for word in reversed(leading):
        if first > 0 and tokens[first - 1].text == word:
            first -= 1
        else:
            break
    return first


def measure_coverage(
    tokens: Sequence[Token], points: Iterable[TalkingPoint], *, max_gap_words: int = 2,
    question: str | None = None,
) -> CoverageReport:
    """Which talking points the answer covers.

    Args:
        tokens: the answer's tokens.
        points: the question's talking points.
        max_gap_words: see ``find_phrase``.
        question: the question's text. A match made only of the question's own words
            ("our values are..." to a question about the company's values) is an echo
            of the question, not evidence: it does not count.

    Returns:
        Covered and missing point ids in bank order, with the evidence for each.
    """
    stems = [stem(t.text) for t in tokens]
    echo = {stem(t.text) for t in tokenize_text(question)} if question else set()
    results = []
    for point in points:
        result = PointResult(point.id, point.label, False)
        for phrase in point.phrases:
            offset = 0
            while offset < len(stems):
                where = find_phrase(stems[offset:], phrase, max_gap_words=max_gap_words)
                if where is None:
                    break
                first, last = where[0] + offset, where[1] + offset
                content = {s for s in stems[first:last + 1] if s not in _SMALL_WORDS}
                if content and content <= echo:
                    offset = last + 1  # the question's words said back: look further
                    continue
                first = _widen(tokens, first, phrase)
                said = " ".join(t.text for t in tokens[first : last + 1])
                result = PointResult(point.id, point.label, True, phrase, said, tokens[first].start)
                break
            if result.covered:
                break
        results.append(result)
    covered = [r.id for r in results if r.covered]
    missing = [r.id for r in results if not r.covered]
    score = round(len(covered) / len(results), 3) if results else 0.0
    return CoverageReport(score, covered, missing, results)
