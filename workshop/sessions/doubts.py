"""What opening a session found about who wrote it (`Doubts`), and the check that finds it: the
header's facilitator key against the secret beside the file, the header the facilitator's
account created, and the last event it signed (`checked`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from workshop.engine.state import Fold
from workshop.i18n import _
from workshop.sessions import keys, signed
from workshop.sessions.files import SessionError, read_secret, secret_state


class Doubts:
    """What opening a session found about who wrote it, beyond damage: the file cut short behind
    the facilitator's back (`cut_short`), or no key at all (`unauthenticated`)."""

    def __init__(self, cut_short: str = "", unauthenticated: str = "") -> None:
        self.cut_short, self.unauthenticated = cut_short, unauthenticated

    def warnings(self, path: Path) -> list[str]:
        return [
            _("warning: {path}: {said}").format(path=path, said=said)
            for said in (self.cut_short, self.unauthenticated)
            if said
        ]


def checked(path: Path, header: dict[str, Any], fold: Fold) -> Doubts:
    """Who signs this session, checked as the file is opened.

    On the facilitator's account (the secret beside the session is this account's), the header's
    key must be the secret's: missing, empty or another key means the file was replaced or its
    header rewritten, and it is refused. The chain must still reach the last event this account
    signed. Elsewhere, a session without a key is opened with a warning: nothing in it can be
    told from a hand-written line."""
    key = header.get("facilitator_key")
    whose = secret_state(path)
    if whose == "theirs":
        raise SessionError(
            _(
                "{path}: the secret beside the session belongs to another account (it was replaced): not opening it"
            ).format(path=path)
        )
    if whose == "mine":
        if not isinstance(key, str) or not key:
            raise SessionError(
                _(
                    "{path}: the header has no facilitator key (the file was replaced, or its header rewritten): "
                    "not opening it"
                ).format(path=path)
            )
        if keys.public_hex(read_secret(path)) != key:
            raise SessionError(
                _(
                    "{path}: the header's facilitator key is not this session's (the file was replaced, or its "
                    "header rewritten): not opening it"
                ).format(path=path)
            )
        made = signed.header_of(header)
        if made and made != fold.trust.digest:
            raise SessionError(
                _(
                    "{path}: the session header is not the one this account created (its agenda, code "
                    "or title was rewritten): not opening it"
                ).format(path=path)
            )
        mark = signed.last(header)
        if mark is not None and not fold.trust.knows(mark[0]):
            return Doubts(
                cut_short=_(
                    "the file ends before the last event you signed (event {mark}): it was cut short or rewritten since"
                ).format(mark=mark[1] + 1)
            )
        return Doubts()
    if not isinstance(key, str) or not key:
        return Doubts(
            unauthenticated=_(
                "this session has no facilitator key: nothing in it is authenticated, any line "
                "in it may have been written by hand"
            )
        )
    return Doubts()
