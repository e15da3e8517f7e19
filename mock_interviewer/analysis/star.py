"""STAR structure (Situation, Task, Action, Result) for behavioral answers.

Seed article 000 asks behavioral answers to describe the situation, explain the task,
outline the actions taken and discuss the result. Each part is recognised by cue phrases
people use for it, matched like talking points (stems, gaps, near spellings); actions are
also recognised as "I" followed by a verb in the past tense ("I called", "I immediately
contacted").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from mock_interviewer.analysis.coverage import find_phrase
from mock_interviewer.analysis.tokens import Token, stem

__all__ = ["StarReport", "detect_star", "STAR_CUES"]

STAR_CUES: dict[str, tuple[str, ...]] = {
    "situation": (
        "when i was", "in my previous role", "in my last role", "previous job", "last job",
        "last year", "one time", "there was a time", "once had", "a customer who",
        "a customer came", "a customer called", "i was working", "while working",
        "i worked at", "one day", "one evening", "one morning", "during a", "i remember",
        "i encountered",
    ),
    "task": (
        "i needed to", "i had to", "needed to", "my job was", "my role was", "my goal was",
        "my task was", "the task was", "i was responsible", "my responsibility",
        "it was up to me", "i wanted to make sure", "the goal was", "i was asked to",
        "i was supposed to", "my priority was",
    ),
    "action": (
        "i decided", "i took", "i made sure", "i reached out", "i set up", "i went",
        "i spoke", "i gave", "i sent", "i kept", "i found", "i told", "i got", "i brought",
        "i made", "i stayed", "i offered", "i called", "i contacted", "i listened",
        "i apologized", "i explained", "i checked", "i asked", "i arranged", "i escalated",
        "i looked into", "i worked with",
    ),
    "result": (
        "as a result", "in the end", "ended up", "the result", "the outcome", "thanked me",
        "was happy", "were happy", "was satisfied", "was grateful", "were grateful",
        "became a loyal", "left a positive review", "left a good review", "came back",
        "which meant", "led to", "finally", "afterwards", "from then on", "ever since",
        "was resolved", "got resolved", "turned around",
    ),
}
# "I was", "I had", "I needed" are states, not actions.
_NOT_ACTIONS = {"was", "had", "needed", "wanted", "used", "tried", "supposed", "asked"}
_PAST = re.compile(r"^[a-z]+ed$")


@dataclass
class StarReport:
    situation: bool
    task: bool
    action: bool
    result: bool

    @property
    def missing(self) -> list[str]:
        return [k for k in ("situation", "task", "action", "result") if not getattr(self, k)]


def detect_star(tokens: Sequence[Token]) -> StarReport:
    """Which STAR parts a behavioral answer contains."""
    stems = [stem(t.text) for t in tokens]
    found = {
        part: any(find_phrase(stems, cue, max_gap_words=1) for cue in cues)
        for part, cues in STAR_CUES.items()
    }
    if not found["action"]:
        found["action"] = _has_past_action(tokens)
    return StarReport(**found)


def _has_past_action(tokens: Sequence[Token]) -> bool:
    words = [t.text for t in tokens]
    for i, word in enumerate(words[:-1]):
        if word != "i":
            continue
        nxt = words[i + 1]
        if nxt.endswith("ly") and i + 2 < len(words):  # "I immediately contacted"
            nxt = words[i + 2]
        if _PAST.match(nxt) and nxt not in _NOT_ACTIONS:
            return True
    return False
