"""Who may command a session: facilitator events carry an Ed25519 signature.

Anyone who can append to the session file can write a well-formed block, and nothing can stop
that; what we can stop is it being *obeyed*. The facilitator's private key is derived from the
secret beside the session (readable by the facilitator's account only); its public half is in
the session header. A control event, a facilitator's note, an action mark or a `serve` address
counts only with a valid signature (so does a correction the facilitator makes: engine/corrections.py),
which every reader can check, on any account, without the
secret. A session header without a key (files from before signatures) trusts every event.

The signature covers the event's fields in one canonical form (sorted keys, JSON values, `at`
as UTC with microseconds), which the writer's dict and the reader's decoded dict both give.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from workshop.engine.events import CONTROL, FACILITATOR, ROOM_CONTROL, Event

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
