"""The question bank: questions, their advice and the talking points good answers cover.

The bank is a JSON file (``question_bank.json`` at the repository root, shipped inside the
package too). Talking points are defined once at the top level and referenced by id from
each question, so "active listening" means the same phrases wherever it is asked for.
Every entry is validated on load; a malformed bank raises one ``BankError`` naming the
file, the entry and the problem.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Iterable

from mock_interviewer.errors import BankError, UnknownQuestionError

__all__ = [
    "CATEGORIES",
    "TalkingPoint",
    "Tip",
    "Question",
    "QuestionBank",
    "load_bank",
    "default_bank_path",
]

CATEGORIES = ("general", "scenario", "behavioral")  # as seed article 000 groups them
SCHEMA_VERSION = 1


@dataclass(frozen=True)
class TalkingPoint:
    """A concept the advice asks for, with the phrases that count as covering it."""

    id: str
    label: str
    phrases: tuple[str, ...]


@dataclass(frozen=True)
class Tip:
    title: str
    text: str


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    category: str
    advice: tuple[str, ...]
    talking_points: tuple[TalkingPoint, ...]
    aliases: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    example_answer: str | None = None
    example_explanation: str | None = None


@dataclass(frozen=True)
class QuestionBank:
    title: str
    questions: tuple[Question, ...]
    categories: dict[str, dict[str, str]]
    tips: tuple[Tip, ...]
    star: dict[str, str]
    path: str = ""
    talking_points: dict[str, TalkingPoint] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.questions)

    def __iter__(self):
        return iter(self.questions)

    def by_category(self, category: str | None) -> list[Question]:
        """The questions of one category (all of them for ``None``), in bank order."""
        if category is not None and category not in CATEGORIES:
            raise UnknownQuestionError(
                f"Invalid category '{category}', expected one of: {', '.join(CATEGORIES)}"
            )
        return [q for q in self.questions if category is None or q.category == category]

    def get(self, key: str) -> Question:
        """Find a question by id, by its text or by one of its aliases (case-insensitive).

        Raises:
            UnknownQuestionError: no question matches ``key``.
        """
        wanted = _normalise_key(key)
        for question in self.questions:
            if wanted == question.id.lower():
                return question
            if wanted in {_normalise_key(t) for t in (question.text, *question.aliases)}:
                return question
        raise UnknownQuestionError(
            f"Unknown question '{key}': pass a question id "
            f"(see 'mock-interviewer questions') or the question's text"
        )


def _normalise_key(text: str) -> str:
    # Case, surrounding quotes, trailing punctuation and repeated spaces do not matter.
    text = re.sub(r"\s+", " ", text.strip().lower())
    return text.strip("\"'“”‘’").rstrip("?.! ")


def default_bank_path() -> Path:
    """The bank shipped with the package."""
    return Path(str(resources.files("mock_interviewer") / "question_bank.json"))


def load_bank(path: str | Path | None = None) -> QuestionBank:
    """Load and validate a question bank.

    Args:
        path: a bank JSON file; ``None`` loads the bank shipped with the package.

    Returns:
        The validated ``QuestionBank``.

    Raises:
        BankError: the file cannot be read, is not JSON, or an entry is malformed.
    """
    path = Path(path) if path is not None else default_bank_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise BankError(f"Question bank '{path}' does not exist") from e
    except (OSError, UnicodeDecodeError) as e:
        raise BankError(f"Question bank '{path}' cannot be read: {e}") from e
    except json.JSONDecodeError as e:
        raise BankError(f"Question bank '{path}' is not valid JSON: {e}") from e
    return _parse(raw, str(path))


def _parse(raw: object, path: str) -> QuestionBank:
    def fail(where: str, problem: str) -> BankError:
        return BankError(f"Question bank '{path}', {where}: {problem}")

    if not isinstance(raw, dict):
        raise fail("top level", "expected a JSON object")
    version = raw.get("schema_version", SCHEMA_VERSION)
    if version != SCHEMA_VERSION:
        raise fail("schema_version", f"{version!r} is not supported, expected {SCHEMA_VERSION}")

    points: dict[str, TalkingPoint] = {}
    raw_points = raw.get("talking_points", {})
    if not isinstance(raw_points, dict):
        raise fail("talking_points", "expected an object mapping ids to talking points")
    for point_id, entry in raw_points.items():
        where = f"talking point '{point_id}'"
        if not isinstance(entry, dict):
            raise fail(where, "expected an object with 'label' and 'phrases'")
        label = _string(entry, "label", where, fail)
        phrases = _strings(entry, "phrases", where, fail, required=True)
        points[point_id] = TalkingPoint(point_id, label, phrases)

    raw_questions = raw.get("questions")
    if not isinstance(raw_questions, list) or not raw_questions:
        raise fail("questions", "expected a non-empty list of questions")
    questions: list[Question] = []
    seen: set[str] = set()
    for index, entry in enumerate(raw_questions):
        where = f"question #{index + 1}"
        if not isinstance(entry, dict):
            raise fail(where, "expected an object")
        qid = _string(entry, "id", where, fail)
        where = f"question '{qid}'"
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", qid):
            raise fail(where, "id must be lower-case letters, digits and hyphens")
        if qid in seen:
            raise fail(where, "id is used twice")
        seen.add(qid)
        category = _string(entry, "category", where, fail)
        if category not in CATEGORIES:
            raise fail(where, f"category '{category}' is not one of {', '.join(CATEGORIES)}")
        resolved = []
        for ref in _strings(entry, "talking_points", where, fail, required=False):
            if ref in points:
                resolved.append(points[ref])
            else:
                raise fail(where, f"talking point '{ref}' is not defined in 'talking_points'")
        example = entry.get("example_answer")
        if example is not None and not isinstance(example, str):
            raise fail(where, "'example_answer' must be a string")
        explanation = entry.get("example_explanation")
        if explanation is not None and not isinstance(explanation, str):
            raise fail(where, "'example_explanation' must be a string")
        questions.append(
            Question(
                id=qid,
                text=_string(entry, "text", where, fail),
                category=category,
                advice=_strings(entry, "advice", where, fail, required=True),
                talking_points=tuple(resolved),
                aliases=_strings(entry, "aliases", where, fail, required=False),
                sources=_strings(entry, "sources", where, fail, required=False),
                example_answer=example,
                example_explanation=explanation,
            )
        )

    tips = []
    for index, entry in enumerate(raw.get("tips", [])):
        where = f"tip #{index + 1}"
        if not isinstance(entry, dict):
            raise fail(where, "expected an object with 'title' and 'text'")
        tips.append(Tip(_string(entry, "title", where, fail), _string(entry, "text", where, fail)))

    categories = raw.get("categories", {})
    star = raw.get("star", {})
    if not isinstance(categories, dict) or not isinstance(star, dict):
        raise fail("categories/star", "expected objects")
    return QuestionBank(
        title=str(raw.get("title", "Interview questions")),
        questions=tuple(questions),
        categories=categories,
        tips=tuple(tips),
        star=star,
        path=path,
        talking_points=points,
    )


def _string(entry: dict, key: str, where: str, fail) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise fail(where, f"'{key}' must be a non-empty string, got {value!r}")
    return value


def _strings(entry: dict, key: str, where: str, fail, *, required: bool) -> tuple[str, ...]:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise fail(where, f"'{key}' must be a list of non-empty strings")
    if required and not value:
        raise fail(where, f"'{key}' must not be empty")
    return tuple(value)


def question_summary(questions: Iterable[Question]) -> list[dict]:
    """Id, category and text of each question, for listings and JSON."""
    return [{"id": q.id, "category": q.category, "text": q.text} for q in questions]
