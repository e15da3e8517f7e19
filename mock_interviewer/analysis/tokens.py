"""Words as the analysis sees them: normalised text, time, and the punctuation around them.

Whisper writes punctuation onto its words ("Um," "customer."), and that punctuation is
what tells a filler "like" ("and, like, the customer") from a verb ("I like people"). So
tokens keep two flags: whether a clause break precedes them and whether one follows.
Stemming (Snowball, English) makes "listened", "listening" and "listen" the same token for
talking-point matching.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Sequence

__all__ = ["Token", "tokenize", "tokenize_text", "stem", "normalise"]

_CLAUSE_END = re.compile(r"[,;:.!?…—-]+[\"')\]]*$")
_SENTENCE_END = re.compile(r"[.!?…]+[\"')\]]*$")
_EDGE_PUNCT = re.compile(r"^[^\w']+|[^\w']+$")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})


@dataclass(frozen=True)
class Token:
    text: str  # lower-case, punctuation stripped ("customer's", "to-do")
    raw: str  # as written
    start: float
    end: float
    index: int  # position in the token list
    after_break: bool  # a comma or sentence end precedes it, or it opens the answer
    before_break: bool  # a comma or sentence end follows it
    sentence_start: bool  # it opens the answer or follows ". ? !"


def normalise(word: str) -> str:
    word = word.translate(_APOSTROPHES).lower()
    return _EDGE_PUNCT.sub("", word)


def tokenize(words: Sequence) -> list[Token]:
    """Tokens from transcript words (anything with ``text``, ``start`` and ``end``).

    A Whisper word that holds several ("to-do" stays one; "well,you" is split) becomes
    several tokens sharing its times. Words that are punctuation only are dropped, but
    their punctuation still marks a break.
    """
    tokens: list[Token] = []
    after_break, sentence_start = True, True
    for word in words:
        raw = word.text.strip()
        parts = [p for p in re.split(r"\s+|(?<=[,;])(?=\w)", raw) if p]
        for part in parts:
            text = normalise(part)
            if not text:
                after_break = True
                sentence_start = sentence_start or bool(_SENTENCE_END.search(part))
                if tokens and not tokens[-1].before_break:
                    tokens[-1] = replace(tokens[-1], before_break=True)
                continue
            before = bool(_CLAUSE_END.search(part))
            tokens.append(
                Token(text, part, float(word.start), float(word.end), len(tokens),
                      after_break, before, sentence_start)
            )
            after_break = before
            sentence_start = bool(_SENTENCE_END.search(part))
    return tokens


def tokenize_text(text: str) -> list[Token]:
    """Tokens of plain text (no times), for phrases and advice sentences."""
    from mock_interviewer.transcribe import Word

    return tokenize([Word(t, 0.0, 0.0) for t in text.split()])


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=20000)
def stem(word: str) -> str:
    """Snowball English stem of a normalised word; British -ise spellings fold to -ize."""
    word = word.replace("-", "")
    for british, american in (("isation", "ization"), ("ised", "ized"), ("ising", "izing"),
                              ("ise", "ize")):
        if word.endswith(british) and len(word) > len(british) + 3:
            word = word[: -len(british)] + american
            break
    return _stemmer().stemWord(word)
