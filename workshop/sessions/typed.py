"""What people type, made clean the one way every channel shares: a participant's name (never
one that reads as a word reports use instead), and an action item's owner and due date. Each
raises `SessionError` with one line when what was typed cannot be used.
"""

from __future__ import annotations

import datetime as dt
import os

from workshop import i18n
from workshop.engine import dates, lookalikes, text
from workshop.i18n import _
from workshop.sessions.files import SessionError


def owner_and_due(owner: str | None, due: str | None, today: dt.date) -> tuple[str | None, str | None]:
    """An action item's owner (anyone: a name, as names are cleaned) and due date as typed (any way
    engine/dates.py reads, in this account's locale's day/month order), the date as YYYY-MM-DD;
    None where not given, "" where cleared (or left blank: a script's empty variable and its space)."""
    owner, due = (None if given is None else given if given.strip() else "" for given in (owner, due))
    try:
        return (text.name(owner) if owner else owner), (
            dates.read(due, today, date_order()).isoformat() if due else due
        )
    except text.TextError as err:
        raise SessionError(str(err)) from None


def owner_line(line: str, today: dt.date) -> tuple[str, dt.date | None]:
    """The owner dialog's one line ('Bo Chen 15/12/2026'): the owner as it will be stored (a name as
    `text.name` makes it, "" for none) and the due date, so that what the dialog shows is what
    is saved; raises `SessionError` with one line when either cannot be used."""
    try:
        owner, due = dates.owner_and_due(line, today, date_order())
        return (text.name(owner) if owner else ""), due
    except text.TextError as err:
        raise SessionError(str(err)) from None


def owner_line_of(owner: str, due: dt.date | None, today: dt.date) -> str:
    """The owner dialog's line for an action that has `owner` and `due`, as `owner_line` reads it back:
    'Bo Chen Tue 15 Dec 2026', with 'due' between them where the name's end would be read as a
    date too ('Nguyen Thi Thu due Tue 15 Dec 2026', 'Li Sun due …'), so that enter keeps both."""
    shown = dates.shown(due) if due else ""
    keyword = f"{owner} due {shown}"  # not translated: the keyword the line reads in every language
    lines = [" ".join(part for part in (owner, shown) if part), *([keyword] if owner and due else [])]
    for line in lines:
        try:
            if owner_line(line, today) == (owner, due):
                return line
        except SessionError:
            continue
    return lines[0]


def date_order() -> str | None:
    """The day/month order of this account's locale (LC_ALL, LC_TIME, LANG), else of the language
    spoken."""
    return dates.order_of(os.environ, i18n.language())


def participant_name(name: str) -> str:
    """A participant's name, the one rule for every channel: a name as `text.name` makes it
    (letters, marks, digits, spaces, a little punctuation; nothing that draws as blank), and
    never one that reads as "facilitator" or "anonymous", the words reports use instead."""
    try:
        clean = text.name(name)
    except text.TextError as err:
        raise SessionError(str(err)) from None
    if word := lookalikes.reserved(clean):
        raise SessionError(
            _("{clean} cannot be a participant's name (it reads as {word}): choose another").format(
                clean=text.said_back(clean), word=text.said_back(word)
            )
        )
    return clean
