"""Sessions: where their files live (files), reading and changing one under its lock (journal),
the verbs everyone shares (session), and replay's read-only view (recording). The facilitator's
action words for `workshop control` are the command line's (workshop/cli/words.py)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from workshop.engine import bidi, text
from workshop.sessions.files import (
    NAME,
    Clock,
    SessionError,
    check_name,
    create,
    repair_copy,
    resolve,
    sessions_dir,
    utc_now,
)
from workshop.sessions.recording import Recording
from workshop.sessions.session import RESERVED_NAMES, Session

__all__ = [
    "NAME",
    "RESERVED_NAMES",
    "Clock",
    "Recording",
    "Session",
    "SessionError",
    "check_name",
    "create",
    "live_sessions",
    "repair_copy",
    "resolve",
    "sessions_dir",
    "utc_now",
    "warn",
]


def live_sessions(folder: Path | None = None) -> list[Session]:
    """The sessions in the folder that can be taken part in, most recently active first: not
    ended, and not created over an hour ago and never started (sessions/catalogue.py)."""
    from workshop.sessions import catalogue

    return catalogue.live(folder)


def warn(messages: Sequence[str]) -> None:
    """Warnings about a file on stderr, with nothing a terminal would take as a control: a bidi
    control (in a file name made by hand) is shown escaped, never left to reverse the line."""
    for message in messages:
        print(bidi.CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text.clean(message)), file=sys.stderr)
