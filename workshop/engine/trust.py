"""Who may command a session: facilitator events carry an Ed25519 signature, chained.

Anyone who can append to the session file can write a well-formed block, and nothing can stop
that; what we can stop is it being *obeyed*. The facilitator's private key is derived from the
secret beside the session (readable by the facilitator's account only); its public half is in
the session header. A control event, a facilitator's note, an action mark or a `serve` address
counts only with a valid signature (so does a correction the facilitator makes:
engine/corrections.py), which every reader can check, on any account, without the
secret. A session header without a key (files from before signatures) trusts every event; the
facilitator's own account refuses to open such a file (sessions/journal.py), others warn.

Each signature counts once, as bytes: a copy of a signed event, however its `sig` is spelt, is
not obeyed again. Signed events are chained (from format 1): each carries `prev`, the signature
of the facilitator's previous signed event, and `seen`, how many events the facilitator's fold
had read when signing. A signed event deleted, moved or copied, or events deleted or slipped in
before one, then break the chain where every reader sees it (`Authority.breaks`). A break is
reported, not punished: the events after it are still obeyed, so one damaged byte cannot stop
a session.

The signature covers the event's fields in one canonical form (sorted keys, JSON values, `at`
as UTC with microseconds), which the writer's dict and the reader's decoded dict both give.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from workshop.engine.events import CONTROL, FACILITATOR, ROOM_CONTROL, Event
from workshop.i18n import _

FORMAT = 1  # the session file's format: 1 chains signed events; files without `format` are older

SIGNED = frozenset((*CONTROL, "action", "serve", *ROOM_CONTROL, "wording"))
# written by the facilitator or by a participant: signed when the author is the facilitator
AUTHORED = frozenset(("note-edit", "note-withdraw", "idea-edit", "idea-withdraw"))


def needs_signature(event: Event) -> bool:
    kind = event.get("type")
    return kind in SIGNED or (kind == "note" or kind in AUTHORED) and event.get("author") == FACILITATOR


def signed_part(event: Event) -> bytes:
    """The bytes a signature covers: every field but `sig`, in one canonical form."""
    fields: dict[str, Any] = {k: v for k, v in event.items() if k != "sig"}
    at = fields.get("at")
    if isinstance(at, dt.datetime):
        fields["at"] = at.astimezone(dt.UTC).isoformat(timespec="microseconds")
    return json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str).encode()


def verifier(public_hex: object) -> Callable[[Event], bool]:
    """A check of facilitator events against the header's key; without a key, trust all."""
    if not isinstance(public_hex, str) or not public_hex:
        return lambda event: True
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_hex))
    except ValueError:
        return lambda event: False  # a damaged key: nothing can be the facilitator's

    def check(event: Event) -> bool:
        sig = event.get("sig")
        if not isinstance(sig, str):
            return False
        try:
            key.verify(bytes.fromhex(sig), signed_part(event))
        except (InvalidSignature, ValueError):
            return False
        return True

    return check


class Authority:
    """The fold's judge of facilitator events: checks each signature once, follows the chain,
    and keeps what was refused (`forged`) and where the chain broke (`breaks`)."""

    def __init__(self, header: Any) -> None:
        self.keyed = isinstance(header.get("facilitator_key"), str) and bool(header.get("facilitator_key"))
        self.chained = self.keyed and isinstance(header.get("format"), int) and header["format"] >= 1
        self._verify = verifier(header.get("facilitator_key"))
        self._signatures: set[bytes] = set()  # each signature counts once, as bytes, whatever its spelling
        self.head = ""  # the signature of the last signed event obeyed: the next one's `prev`
        self.forged: list[tuple[str, float]] = []  # (type, time) of facilitator events not obeyed
        self.breaks: list[tuple[int, str]] = []  # (events before it, what is wrong) per break in the chain

    def obeys(self, event: Event, kind: str, position: int, clock: float) -> bool:
        """Whether the facilitator event `event`, the file's event number `position` (from 0),
        is obeyed; a refused one is listed in `forged`, a break in the chain in `breaks`."""
        if not self._verify(event):
            self.forged.append((kind, clock))
            return False
        sig = event.get("sig")
        if type(sig) is not str:
            return True  # a session without a key: nothing is signed, nothing chains
        raw = bytes.fromhex(sig)
        if raw in self._signatures:
            self.forged.append((kind, clock))
            self.breaks.append((position, _("a copy of a signed {kind} appended again: not obeyed").format(kind=kind)))
            return False
        self._signatures.add(raw)
        if self.chained:
            self._follow(event, kind, position, raw)
        self.head = sig
        return True

    def knows(self, sig: str) -> bool:
        """Whether a signed event with this signature was obeyed."""
        try:
            return bytes.fromhex(sig) in self._signatures
        except ValueError:
            return False

    def _follow(self, event: Event, kind: str, position: int, raw: bytes) -> None:
        prev, seen = event.get("prev"), event.get("seen")
        if type(prev) is not str or type(seen) is not int:
            self.breaks.append((position, _("a signed {kind} without its place in the chain").format(kind=kind)))
            return
        if prev != self.head:
            known = prev != "" and bytes.fromhex(prev) in self._signatures
            self.breaks.append((position,
                    _("the signed {kind} here was signed after another that now comes later (signed events "
                        "moved)").format(
                kind=kind) if known else
                                          _("a signed event before this {kind} is missing (deleted, or in a damaged "
                                              "block)").format(
                                              kind=kind)))
        if seen > position:
            self.breaks.append((position,
                    _("{seen} event(s) before this {kind} are missing (deleted, or in damaged blocks)").format(
                seen=seen - position, kind=kind)))
        elif seen < position:
            self.breaks.append((position,
                    _("{position} event(s) were put before this {kind} after it was signed").format(
                position=position - seen, kind=kind)))
