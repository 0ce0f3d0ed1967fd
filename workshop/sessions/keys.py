"""The facilitator's signing key, derived from the secret beside the session (mode 0600, the
facilitator's account only). Its public half goes into the session header, so every reader on
every account can check a facilitator event (engine/trust.py) without the secret."""

from __future__ import annotations

import hashlib
import hmac
from typing import TYPE_CHECKING

from workshop.engine.events import Event
from workshop.engine.trust import signed_part

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey


def signing_key(secret: bytes) -> Ed25519PrivateKey:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    seed = hmac.new(secret, b"facilitator-signing", hashlib.sha256).digest()
    return Ed25519PrivateKey.from_private_bytes(seed)


def public_hex(secret: bytes) -> str:
    # public_bytes_raw, not public_bytes(Encoding.Raw, PublicFormat.Raw): the same 32 bytes
    # without importing cryptography's serialization (its ssh keys, ciphers, bcrypt), which every
    # `workshop run` would otherwise pay for
    return signing_key(secret).public_key().public_bytes_raw().hex()


def sign(event: Event, key: Ed25519PrivateKey, header: str = "") -> str:
    """The signature of `event`; `header`: the session header's digest, which a chained event covers."""
    return key.sign(signed_part(event, header)).hex()
