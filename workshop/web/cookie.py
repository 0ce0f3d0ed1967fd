"""The phone's cookie, for this server only.

Browsers send a host's cookies to every port on it, and let any of them set one. So the cookie
holds nothing another server could use: its name and its value come from a key only this
session's `serve` has (derived from the secret beside the session file, so a restarted `serve`
still knows its phones), and the value is sealed with it (AES-GCM): the person's token, rejoin
code and personal secret, and when it was given, readable and checkable only here. A made-up or
altered cookie fails the seal at once, costing no key derivation; a real one names a person whose
`join` proof it must still match. docs/security.md says what a web server on another port of the
same host can still do with one.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
import time
from collections.abc import Callable

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from workshop.sessions.people import Person

NONCE = 12


class Sealer:
    def __init__(
        self, secret: bytes | None, session_id: str, keep_for: float, clock: Callable[[], float] = time.time
    ) -> None:
        root = secret if secret else secrets.token_bytes(32)  # no secret here: cookies live as long as this process
        self._key = hmac.new(root, b"workshop phone cookie", hashlib.sha256).digest()
        self.name = "workshop-" + hmac.new(self._key, b"name", hashlib.sha256).hexdigest()[:16]
        self._aad = f"{self.name}/{session_id}".encode()
        self.keep_for, self.clock = keep_for, clock

    def seal(self, person: Person) -> str:
        """The cookie's value for `person`."""
        plain = f"{int(self.clock())}.{person.token}.{person.code}.{person.secret.hex()}".encode()
        nonce = secrets.token_bytes(NONCE)
        return base64.urlsafe_b64encode(nonce + AESGCM(self._key).encrypt(nonce, plain, self._aad)).decode()

    def open(self, value: str | None) -> Person | None:
        """The person a cookie's value was sealed for (name left for the session to fill in),
        or None: not sealed here, altered, or older than `keep_for`."""
        if not value or len(value) > 400:
            return None
        try:
            sealed = base64.urlsafe_b64decode(value.encode("ascii"))
            given, token, code, secret = (
                AESGCM(self._key).decrypt(sealed[:NONCE], sealed[NONCE:], self._aad).decode().split(".")
            )
            if self.clock() - int(given) > self.keep_for:
                return None
            return Person(token, "", bytes.fromhex(secret), code)
        except (ValueError, InvalidTag, UnicodeError, binascii.Error):
            return None
