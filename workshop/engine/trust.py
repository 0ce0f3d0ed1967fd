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
import hashlib
import json
import zlib
from collections.abc import Callable
from typing import Any

from workshop.engine.events import CONTROL, DECISIONS, FACILITATOR, ROOM_CONTROL, Event
from workshop.i18n import _

FORMAT = 1  # the session file's format: 1 chains signed events; files without `format` are older

SIGNED = frozenset((*CONTROL, "action", "serve", *ROOM_CONTROL, "wording", *DECISIONS))
# written by the facilitator or by a participant: signed when the author is the facilitator
AUTHORED = frozenset(("note-edit", "note-withdraw", "idea-edit", "idea-withdraw", "review"))


def needs_signature(event: Event) -> bool:
    kind = event.get("type")
    return kind in SIGNED or (kind == "note" or kind in AUTHORED) and event.get("author") == FACILITATOR


def signed_part(event: Event, header: str = "") -> bytes:
    """The bytes a signature covers: every field but `sig` (and the block's `crc`), in one
    canonical form; an event that carries `since` (every one signed since the chain covered the
    blocks between) covers the session header too, by its digest (`header_digest`), so a header
    edited by hand voids every signature after it."""
    fields: dict[str, Any] = {k: v for k, v in event.items() if k != "sig" and k != "crc"}
    at = fields.get("at")
    if isinstance(at, dt.datetime):
        fields["at"] = at.astimezone(dt.UTC).isoformat(timespec="microseconds")
    body = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str).encode()
    return body + b"\n" + header.encode() if "since" in fields else body


def header_digest(header: Any) -> str:
    """SHA-256 of a session header in one canonical form (sorted keys, JSON, times as text)."""
    canonical = json.dumps(header, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def since(crcs: list[str]) -> str:
    """What a signed event carries as `since`: the checksums of the blocks written since the
    facilitator's previous signed event, in order, chained (CRC-32 of them joined), so one
    of them changed in place, or taken out, breaks the chain."""
    return f"{zlib.crc32(''.join(crcs).encode()):08x}"


def verifier(public_hex: object, header: str = "") -> Callable[[Event], bool]:
    """A check of facilitator events against the header's key (and, for chained events, the
    header's digest); without a key, trust all."""
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
            key.verify(bytes.fromhex(sig), signed_part(event, header))
        except (InvalidSignature, ValueError, OverflowError):  # OverflowError: an `at` UTC cannot hold
            return False
        return True

    return check


class Authority:
    """The fold's judge of facilitator events: checks each signature once, follows the chain,
    and keeps what was refused (`forged`) and where the chain broke (`breaks`)."""

    def __init__(self, header: Any) -> None:
        self.keyed = isinstance(header.get("facilitator_key"), str) and bool(header.get("facilitator_key"))
        # chained from the header's format, or from the first signed event that carries its place
        # in the chain: deleting the `format` line cannot switch the chain off
        self.chained = self.keyed and isinstance(header.get("format"), int) and header["format"] >= 1
        self.digest = header_digest(header) if self.keyed else ""
        self._verify = verifier(header.get("facilitator_key"), self.digest)
        self.pending: list[str] = []  # the checksums of the events since the last signed one obeyed
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
        if self.chained or "prev" in event:
            self.chained = True
            self._follow(event, kind, position, raw)
        self.head = sig
        self.pending.clear()
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
            self.breaks.append(
                (
                    position,
                    _(
                        "the signed {kind} here was signed after another that now comes later (signed events moved)"
                    ).format(kind=kind)
                    if known
                    else _("a signed event before this {kind} is missing (deleted, or in a damaged block)").format(
                        kind=kind
                    ),
                )
            )
        written = event.get("since")
        if type(written) is str and written != since(self.pending[:-1]):  # the last is this event's own
            self.breaks.append(
                (position, _("an event written before this {kind} was changed since, or taken out").format(kind=kind))
            )
        if seen > position:
            self.breaks.append(
                (
                    position,
                    _("{seen} event(s) before this {kind} are missing (deleted, or in damaged blocks)").format(
                        seen=seen - position, kind=kind
                    ),
                )
            )
        elif seen < position:
            self.breaks.append(
                (
                    position,
                    _("{position} event(s) were put before this {kind} after it was signed").format(
                        position=position - seen, kind=kind
                    ),
                )
            )
