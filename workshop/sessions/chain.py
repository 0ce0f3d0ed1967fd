"""A chain of sessions: a first session and its follow-ups, each naming the one it follows in its
header (`follows`). Found in the session's own folder and its `archive/`, oldest first."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from workshop.journal import store
from workshop.sessions.files import ARCHIVE, SessionError, session_files


def _headers(folder: Path) -> dict[str, tuple[Path, str, float]]:
    """Each readable session of the folder (and its archive): id -> (path, what it follows, created)."""
    found: dict[str, tuple[Path, str, float]] = {}
    for path in [*session_files(folder), *session_files(folder / ARCHIVE)]:
        try:
            header = store.load(path).header
        except store.JournalError:
            continue  # not a session, or one no command can use: not part of any chain
        created = header.get("created")
        when = created.timestamp() if isinstance(created, dt.datetime) else 0.0
        found.setdefault(str(header.get("id", path.stem)), (path, str(header.get("follows", "")), when))
    return found


def chain(path: Path) -> list[Path]:
    """The sessions linked to the one at `path`, oldest first: back through those it follows, then
    on through its follow-ups (several follow-ups of one session in the order they were made)."""
    try:
        start = store.load(path).header
    except store.JournalError as err:
        raise SessionError(str(err)) from None
    known = _headers(path.parent)
    here = str(start.get("id", path.stem))
    created = start.get("created")
    known[here] = (path, str(start.get("follows", "")), created.timestamp() if isinstance(created, dt.datetime) else 0)
    back: list[str] = [here]
    while (before := known[back[-1]][1]) and before in known and before not in back:
        back.append(before)
    order = list(reversed(back))
    queue = [here]
    while queue:
        current = queue.pop(0)
        after = sorted(
            (k for k, (_, follows, _) in known.items() if follows == current and k not in order),
            key=lambda k: known[k][2],
        )
        order += after
        queue += after
    return [known[k][0] for k in order]
