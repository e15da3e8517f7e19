"""Saved sessions: a folder per session holding ``session.json`` and the audio as WAV.

::

    <data dir>/sessions/2026-11-22T14-03-07/
        session.json
        01-tell-me-about-yourself.question.wav
        01-tell-me-about-yourself.answer.wav

The data directory is ``--data-dir``, else ``$MOCK_INTERVIEWER_DATA``, else
``$XDG_DATA_HOME/mock-interviewer`` (``~/.local/share/mock-interviewer``).
``session.json`` is rewritten atomically (a temporary file renamed over it) after every
step, and the answer is written to its WAV file while it is recorded, so Ctrl-C or a
crash loses nothing already recorded. Its format is public and versioned (README,
"Saved sessions").
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from mock_interviewer.errors import SessionError

__all__ = [
    "SESSION_VERSION",
    "SESSION_FORMAT",
    "data_dir",
    "now_iso",
    "SessionStore",
    "SavedSession",
]

SESSION_VERSION = 1
SESSION_FORMAT = "mock-interviewer-session"


def data_dir(explicit: str | os.PathLike | None = None) -> Path:
    """Where sessions are kept (see the module docstring)."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("MOCK_INTERVIEWER_DATA")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "mock-interviewer"


def now_iso() -> str:
    """The local time with its UTC offset, as every time in ``session.json``."""
    return _dt.datetime.now().astimezone().isoformat(timespec="seconds")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "question"


@dataclass
class SavedSession:
    """One session folder and its ``session.json`` contents (``data``)."""

    path: Path
    data: dict = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.path.name

    @property
    def answers(self) -> list[dict]:
        return self.data["answers"]

    def file(self, name: str | None) -> Path | None:
        return self.path / name if name else None

    def save(self) -> None:
        """Write ``session.json`` atomically."""
        self.data["updated_at"] = now_iso()
        fd, tmp = tempfile.mkstemp(dir=self.path, prefix=".session-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(self.data, f, ensure_ascii=False, indent=2)
                f.write("\n")
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path / "session.json")
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise

    def add_answer(self, question: dict) -> dict:
        """A new answer entry for a question; its audio file names are fixed here."""
        n = len(self.answers) + 1
        stem = f"{n:02d}-{_slug(question['id'])}"
        entry = {
            "index": n,
            "question": question,
            "question_audio": None,
            "answer_audio": f"{stem}.answer.wav",
            "source": None,
            "status": "pending",  # pending, recording, recorded, analysed, failed
            "ended_by": None,
            "recorded_s": None,
            "report": None,
            "error": None,
        }
        self.answers.append(entry)
        return entry

    def question_audio_name(self, entry: dict) -> str:
        return f"{entry['index']:02d}-{_slug(entry['question']['id'])}.question.wav"


class SessionStore:
    """The sessions under a data directory."""

    def __init__(self, root: str | os.PathLike | None = None):
        self.root = data_dir(root)
        self.sessions_dir = self.root / "sessions"

    def create(self, *, mode: str, settings: dict) -> SavedSession:
        self.sessions_dir.mkdir(parents=True, exist_ok=True)
        stamp = _dt.datetime.now().strftime("%Y-%m-%dT%H-%M-%S")
        for n in range(1000):
            name = stamp if n == 0 else f"{stamp}-{n}"
            try:
                (self.sessions_dir / name).mkdir()
                break
            except FileExistsError:
                continue
        else:  # pragma: no cover - a thousand sessions in one second
            raise SessionError(f"Cannot create a session folder in {self.sessions_dir}")
        session = SavedSession(self.sessions_dir / name, {
            "format": SESSION_FORMAT,
            "schema_version": SESSION_VERSION,
            "id": name,
            "started_at": now_iso(),
            "updated_at": None,
            "finished_at": None,
            "status": "in_progress",  # in_progress, complete, interrupted
            "mode": mode,  # live, text-only, files
            "settings": settings,
            "answers": [],
            "summary": None,
        })
        session.save()
        return session

    def list(self) -> list[SavedSession | SessionError]:
        """Every session folder, oldest first; an unreadable one as its error."""
        if not self.sessions_dir.is_dir():
            return []
        out: list[SavedSession | SessionError] = []
        for path in sorted(p for p in self.sessions_dir.iterdir() if p.is_dir()):
            try:
                out.append(load_session(path))
            except SessionError as e:
                out.append(e)
        return out

    def find(self, key: str) -> SavedSession:
        """A session by id, unique id prefix, ``latest``, or a folder path."""
        path = Path(key).expanduser()
        if (path / "session.json").exists() or (path.is_dir() and os.sep in key):
            return load_session(path)
        if not self.sessions_dir.is_dir():
            raise SessionError(f"No saved sessions in {self.sessions_dir}")
        names = sorted(p.name for p in self.sessions_dir.iterdir() if p.is_dir())
        if key == "latest":
            if not names:
                raise SessionError(f"No saved sessions in {self.sessions_dir}")
            return load_session(self.sessions_dir / names[-1])
        if key in names:
            return load_session(self.sessions_dir / key)
        matches = [n for n in names if n.startswith(key)]
        if len(matches) == 1:
            return load_session(self.sessions_dir / matches[0])
        if matches:
            raise SessionError(f"Session '{key}' is ambiguous: {', '.join(matches)}")
        raise SessionError(f"No session '{key}' in {self.sessions_dir} "
                           f"(mock-interviewer sessions lists them)")


def load_session(path: str | os.PathLike) -> SavedSession:
    """Read and check a session folder's ``session.json``.

    Raises:
        SessionError: no such file, not JSON, another program's file, another version, or
            missing fields; the message names the file.
    """
    folder = Path(path)
    file = folder / "session.json"
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise SessionError(f"{file}: no such file (not a saved session)") from e
    except (OSError, UnicodeDecodeError) as e:
        raise SessionError(f"{file}: cannot be read ({e})") from e
    except ValueError as e:
        raise SessionError(f"{file}: damaged, not valid JSON ({e})") from e
    if not isinstance(data, dict) or data.get("format") != SESSION_FORMAT:
        raise SessionError(f"{file}: not a mock-interviewer session file")
    version = data.get("schema_version")
    if version != SESSION_VERSION:
        newer = isinstance(version, int) and version > SESSION_VERSION
        raise SessionError(
            f"{file}: session format version {version!r}, this program reads version "
            f"{SESSION_VERSION}" + (" (upgrade mock-interviewer)" if newer else "")
        )
    required = {"id": str, "started_at": str, "status": str, "mode": str,
                "settings": dict, "answers": list}
    for key, kind in required.items():
        if not isinstance(data.get(key), kind):
            raise SessionError(f"{file}: damaged, '{key}' is missing or not a {kind.__name__}")
    for n, answer in enumerate(data["answers"], 1):
        if not isinstance(answer, dict) or not isinstance(answer.get("question"), dict) \
                or "id" not in answer["question"]:
            raise SessionError(f"{file}: damaged, answer {n} has no question")
    return SavedSession(folder, data)
