"""How the way in (sessions/door.py) says no, as types: a screen or a page decides what to show
from the type and its fields (which name, how long to wait), never from a message's words, so
rewording a message changes no channel's behaviour."""

from __future__ import annotations

import math

from workshop.engine.text import said_back
from workshop.i18n import _, ngettext
from workshop.sessions.files import SessionError


class NameTaken(SessionError):
    """The name is someone's: the rightful person gives its rejoin code (or PIN), anyone else another name."""

    def __init__(self, name: str) -> None:
        super().__init__(
            _(
                "the name {name} is taken in this session: choose another, or give your rejoin code if it is yours"
            ).format(name=said_back(name))
        )
        self.name = name


class Waiting(SessionError):
    """A refusal that says how long until the next try is taken (seconds; 0: at once)."""

    def __init__(self, message: str, wait: float) -> None:
        super().__init__(message + (_(": try again in {seconds}").format(seconds=_seconds(wait)) if wait > 0 else ""))
        self.wait = wait


class WrongJoinCode(Waiting):
    """Not the join code; counted against the client that typed it."""

    def __init__(self, wait: float) -> None:
        super().__init__(_("that is not this session's join code (it is on the facilitator's screen)"), wait)


class WrongRejoinCode(Waiting):
    """Not the rejoin code (or PIN) of the person called `name`; counted against them and the client."""

    def __init__(self, name: str, wait: float, pin: bool = False) -> None:
        # one whole sentence each: German says "der Code" but "die PIN"
        said = _("that is not the PIN of {name}") if pin else _("that is not the rejoin code of {name}")
        super().__init__(said.format(name=said_back(name)), wait)
        self.name = name


class TooManyTries(Waiting):
    """Not tried at all: the wrong codes so far hold this client, or this name, back for `wait` seconds."""

    def __init__(self, wait: float) -> None:
        super().__init__(_("too many wrong codes from here, or for this name"), wait)


def _seconds(wait: float) -> str:
    whole = max(1, math.ceil(wait))
    if whole < 120:
        return ngettext("{n} second", "{n} seconds", whole).format(n=whole)
    return ngettext("{n} minute", "{n} minutes", math.ceil(whole / 60)).format(n=math.ceil(whole / 60))
