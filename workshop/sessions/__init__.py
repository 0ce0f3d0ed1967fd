"""Sessions: where their files live (files), reading and changing one under its lock (journal),
the verbs everyone shares (session), the facilitator's words for them (words), and replay's
read-only view (recording)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from workshop.sessions.files import (
    NAME,
    Clock,
    SessionError,
    check_name,
    create,
    repair_copy,
    resolve,
    session_files,
    sessions_dir,
    utc_now,
)
from workshop.sessions.recording import Recording
from workshop.sessions.session import RESERVED_NAMES, Session

__all__ = ["NAME", "RESERVED_NAMES", "Clock", "Recording", "Session", "SessionError", "check_name", "create",
           "live_sessions", "repair_copy", "resolve", "sessions_dir", "utc_now", "warn"]


def live_sessions(folder: Path | None = None) -> list[Session]:
    """The sessions in the folder that have not ended, most recently active first."""
    found = []
    for path in session_files(folder):
        try:
            session = Session.open(path)
        except SessionError:
            continue  # not a session file, or one that cannot run: not on offer
        if session.state().status != "ended":
            found.append(session)
    return found


def warn(messages: Sequence[str]) -> None:
    for message in messages:
        print(message, file=sys.stderr)
