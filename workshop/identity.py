"""Who joined each session from this user account, kept in the user's state folder so a closed
terminal rejoins as the same person with the same ballots: the token and the rejoin code.

Only a channel that is one person's own account uses it (`workshop join` in your own terminal,
`workshop vote`/`note` from your own shell). Shared channels (the ssh recipe's one account for a
room, the browser, the kiosk) never do: there, typing a name someone holds needs their rejoin
code, or anyone could become anyone by typing their name.
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
    # not translated: a key in the state file
    return f"{session_id}:{code}:people"  # ":people": entries of older formats never match


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


def recall(session_id: str, code: str, name: str) -> tuple[str, str] | None:
    """The token and rejoin code this account joined the session with under `name`, if any."""
    entry = _read(_file()).get(_key(session_id, code))
    person = entry.get(_who(name)) if isinstance(entry, dict) else None
    if isinstance(person, list) and len(person) == 2 and all(isinstance(x, str) for x in person):
        return person[0], person[1]
    return None


def remember(session_id: str, code: str, token: str, name: str, rejoin: str) -> None:
    path = _file()
    try:
        with _locked(path):
            data = _read(path)
            entry = data.get(_key(session_id, code))
            if not isinstance(entry, dict):
                entry = data[_key(session_id, code)] = {}
            entry[_who(name)] = [token, rejoin]
            tmp = path.with_name(f".{path.name}.{os.getpid()}")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # rejoin codes: the owner's only
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(json.dumps(data, indent=1))
            os.replace(tmp, path)  # whole or not at all
    except OSError:
        pass  # no state folder: this terminal cannot rejoin by itself, nothing else is lost
