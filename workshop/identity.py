"""Who this participant is in each session, kept in the user's state folder so a closed terminal
rejoins as the same person with the same ballots (the token, not the name alone)."""

from __future__ import annotations

import json
import os
from pathlib import Path


def _file() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "workshop" / "participants.json"


def _key(session_id: str, code: str) -> str:
    return f"{session_id}:{code}"


def recall(session_id: str, code: str) -> tuple[str, str] | None:
    """(token, name) this user joined the session with before, if any."""
    try:
        data = json.loads(_file().read_text("utf-8"))
        entry = data[_key(session_id, code)]
        return str(entry["token"]), str(entry["name"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def remember(session_id: str, code: str, token: str, name: str) -> None:
    path = _file()
    try:
        data = json.loads(path.read_text("utf-8"))
        if not isinstance(data, dict):
            data = {}
    except (OSError, ValueError):
        data = {}
    data[_key(session_id, code)] = {"token": token, "name": name}
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    tmp.write_text(json.dumps(data, indent=1), encoding="utf-8")
    os.replace(tmp, path)  # whole or not at all
