"""The facilitator's own record of a session, outside the session file: the header's digest as
it was created, and the last event the facilitator signed.

The chain of signed events (engine/trust.py) shows a signed event deleted or moved, and a header
edited by hand voids every signature after it; but the *last* events cut off the end leave
nothing after them to notice, and a header rewritten together with every signature cannot be
made by anyone without the secret, yet could be swapped in whole. So the facilitator's account
keeps, in its state folder (`$XDG_STATE_HOME/workshop/signed/`, mode 0600, out of reach of the
session file's other writers), for each session key: the header's digest and the last signature
it wrote. Opening the session on that account, a header that is not the one it created, or a
file whose chain no longer reaches that signature, was rewritten or cut short behind the
facilitator's back. The record is found by the session's public key alone, which nothing in the
file can change without voiding every signature.
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
    which = hashlib.sha256(str(header.get("facilitator_key")).encode()).hexdigest()[:32]
    return Path(base) / "workshop" / "signed" / f"{which}.json"  # not translated: a file name


def _read(header: Mapping[str, Any]) -> dict[str, Any]:
    try:
        data = json.loads(files.read_regular(_file(header), follow=False))
    except (files.JournalError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write(header: Mapping[str, Any], data: dict[str, Any]) -> None:
    """Best effort: a state folder that cannot be written costs only these checks."""
    target = _file(header)
    temporary = target.with_name(f".{target.name}.{os.getpid()}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        try:
            files.write_all(fd, json.dumps(data).encode())
        finally:
            os.close(fd)
        os.replace(temporary, target)  # whole or not at all; no fsync: it is a check, not a record
    except OSError:
        files.remove(temporary)


def created(header: Mapping[str, Any], digest: str) -> None:
    """Note the header this account created the session with (its digest)."""
    _write(header, {"header": digest})


def remember(header: Mapping[str, Any], sig: str, position: int) -> None:
    """Note that the facilitator's last signed event in this session is `sig`, the file's event
    number `position`."""
    _write(header, {**_read(header), "sig": sig, "position": position})


def header_of(header: Mapping[str, Any]) -> str:
    """The digest of the header this account created the session with, or "" if unknown."""
    found = _read(header).get("header")
    return found if isinstance(found, str) else ""


def last(header: Mapping[str, Any]) -> tuple[str, int] | None:
    """(signature, position) of the last event this account signed in the session, if it did."""
    data = _read(header)
    sig, position = data.get("sig"), data.get("position")
    return (sig, position) if isinstance(sig, str) and isinstance(position, int) else None
