"""Who joined each session from this user account, kept in the user's state folder so a closed
terminal rejoins as the same person with the same ballots: the token, not the name alone.

One account can hold several people (the ssh recipe gives a whole room one account), so the
token is remembered per session and per name: typing your own name again makes you yourself
again, and a different name is a different person.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from workshop.engine import text


def _file() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "workshop" / "participants.json"


def _key(session_id: str, code: str) -> str:
    return f"{session_id}:{code}:by-name"  # ":by-name": entries of the older one-person format never match


def _who(name: str) -> str:
    """A name as the session compares it (cleaned, case-insensitive)."""
    try:
        return text.name(name).casefold()
    except text.TextError:
        return name.strip().casefold()


def _read(path: Path) -> dict:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Several participant processes of one account write the same file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(f".{path.name}.lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def recall(session_id: str, code: str, name: str) -> str | None:
    """The token this account joined the session with under `name` before, if any."""
    entry = _read(_file()).get(_key(session_id, code))
    if not isinstance(entry, dict):
        return None
    token = entry.get(_who(name))
    return token if isinstance(token, str) else None


def remember(session_id: str, code: str, token: str, name: str) -> None:
    path = _file()
    try:
        with _locked(path):
            data = _read(path)
            entry = data.get(_key(session_id, code))
            if not isinstance(entry, dict):
                entry = data[_key(session_id, code)] = {}
            entry[_who(name)] = token
            tmp = path.with_name(f".{path.name}.{os.getpid()}")
            tmp.write_text(json.dumps(data, indent=1), encoding="utf-8")
            os.replace(tmp, path)  # whole or not at all
    except OSError:
        pass  # no state folder: this terminal cannot rejoin by itself, nothing else is lost
