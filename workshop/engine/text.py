"""Participant text is untrusted: kept as typed, minus control characters, within limits."""

from __future__ import annotations

import unicodedata

from workshop.errors import WorkshopError

NAME_MAX = 40
TEXT_MAX = 2000


class TextError(WorkshopError, ValueError):
    """Text that cannot be stored; the message is one line for the user."""


def clean(text: str) -> str:
    """`text` without C0/C1 control characters (newline and tab stay) or lone surrogates.

    An ANSI escape in a note would otherwise reach every terminal that shows it."""
    return "".join(
        ch for ch in text
        if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs")
    )


def name(raw: str) -> str:
    """A display name: cleaned, one line, 1–40 characters."""
    value = " ".join(clean(raw).split())
    if not value:
        raise TextError("a name cannot be empty")
    if len(value) > NAME_MAX:
        raise TextError(f"a name is at most {NAME_MAX} characters (this one has {len(value)})")
    return value


def body(raw: str, what: str = "a note", limit: int = TEXT_MAX) -> str:
    """A note or answer: cleaned, not blank, at most `limit` characters."""
    value = clean(raw).strip()
    if not value:
        raise TextError(f"{what} cannot be empty")
    if len(value) > limit:
        raise TextError(f"{what} is at most {limit} characters (this one has {len(value)})")
    return value


def same_name(a: str, b: str) -> bool:
    return a.casefold() == b.casefold()
