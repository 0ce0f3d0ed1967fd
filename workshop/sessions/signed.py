"""The facilitator's own record of the last event they signed, outside the session file.

The chain of signed events (engine/trust.py) shows a signed event deleted or moved, but not the
*last* ones cut off the end: nothing after them is left to notice. So the facilitator's account
keeps, in its state folder (`$XDG_STATE_HOME/workshop/signed/`, mode 0600, out of reach of the
session file's other writers), the last signature it wrote to each session and how many events
came before it. Opening the session on that account, a file whose chain no longer reaches that
signature was cut short or rewritten behind the facilitator's back.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from workshop.journal import files


def _file(header: Mapping[str, Any]) -> Path:
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    which = hashlib.sha256(f"{header.get('id')}:{header.get('facilitator_key')}".encode()).hexdigest()[:32]
    # not translated: a file name
    return Path(base) / "workshop" / "signed" / f"{which}.json"


def remember(path: Path, header: Mapping[str, Any], sig: str, position: int) -> None:
    """Note that the facilitator's last signed event in this session is `sig`, the file's event
    number `position`. Best effort: a state folder that cannot be written costs only this check."""
    target = _file(header)
    temporary = target.with_name(f".{target.name}.{os.getpid()}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        try:
            files.write_all(fd, json.dumps({"sig": sig, "position": position}).encode())
        finally:
            os.close(fd)
        os.replace(temporary, target)  # whole or not at all; no fsync: it is a check, not a record
    except OSError:
        files.remove(temporary)


def last(header: Mapping[str, Any]) -> tuple[str, int] | None:
    """(signature, position) of the last event this account signed in the session, if it did."""
    try:
        data = json.loads(files.read_regular(_file(header), follow=False))
        sig, position = data["sig"], data["position"]
    except (files.JournalError, ValueError, KeyError, TypeError):
        return None
    return (sig, position) if isinstance(sig, str) and isinstance(position, int) else None
