"""A participant is a person, not an account: a name, a token in the file, and a rejoin code
only they were shown.

The rejoin code (six characters, readable aloud) is shown once, when a person first joins. From
it and their token comes their personal secret (PBKDF2, so guessing codes against the file is
slow), which never reaches the file:

- the `join` event carries a *proof* made from the secret: typing the code again on any channel
  (another terminal, the kiosk, a phone) proves you are that person;
- on an anonymous poll the ballot's token is made from the secret and the poll: the same person
  always gets the same token (one ballot each), and nothing in the file links it to a name, not
  even for the facilitator, whose key plays no part.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from workshop.engine.text import replaced
from workshop.i18n import _
from workshop.sessions.files import CODE_ALPHABET

CODE_LENGTH = 6  # 32**6: about a billion codes; each guess against the file costs a PBKDF2 (docs/security.md)
ROUNDS = 20_000  # a derivation costs a few ms (docs/architecture.md): paid once per person per process, and per guess


@dataclass(frozen=True)
class Person:
    token: str
    name: str
    secret: bytes  # from the rejoin code; keys the person's anonymous ballots
    code: str = ""  # the rejoin code, when this process made it or was told it

    @property
    def proof(self) -> str:
        return proof_of(self.secret)


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def tidy(code: str) -> str:
    """A code as typed: case, spaces and dashes do not matter; a byte that was not text (a lone
    surrogate, from an argument or a terminal in another encoding) is U+FFFD, so never a code."""
    return replaced("".join(code.split()).replace("-", "").upper())


def secret_of(code: str, token: str) -> bytes:
    # not translated: a key derivation's label
    return hashlib.pbkdf2_hmac("sha256", tidy(code).encode(), f"workshop-person:{token}".encode(), ROUNDS)


def proof_of(secret: bytes) -> str:
    return hmac.new(secret, b"rejoin", hashlib.sha256).hexdigest()[:32]


def ballot_token(secret: bytes, poll_id: str) -> str:
    """The token an anonymous ballot is counted under: per person and poll, unlinkable."""
    return hmac.new(secret, f"anonymous/{poll_id}".encode(), hashlib.sha256).hexdigest()[:16]


def newcomer(name: str) -> Person:
    """A new person called `name`, not yet in the file."""
    token, code = secrets.token_hex(6), new_code()
    return Person(token, name, secret_of(code, token), code)


def known(token: str, name: str, code: str) -> Person:
    """A person this account remembers: their token and rejoin code."""
    return Person(token, name, secret_of(code, token), tidy(code))


def proven(token: str, name: str, code: str, proof: str) -> Person | None:
    """The person `token` is, if `code` is their rejoin code."""
    secret = secret_of(code, token)
    return Person(token, name, secret, tidy(code)) if hmac.compare_digest(proof_of(secret), proof) else None


PIN_DIGITS = (4, 6)  # a PIN a person can remember and type at a shared keyboard


class PinError(ValueError):
    """A PIN that cannot be chosen; the message is one line for the user."""


def pin_problem(pin: str) -> str:
    """Why `pin` cannot be chosen at the kiosk, or "" (4 to 6 digits, neither one digit again
    and again nor a straight run, the PINs a guesser tries first)."""
    low, high = PIN_DIGITS
    if not (pin.isascii() and pin.isdigit() and low <= len(pin) <= high):
        return _("a PIN is {low} to {high} digits").format(low=low, high=high)
    steps = {int(b) - int(a) for a, b in zip(pin, pin[1:], strict=False)}
    if steps in ({0}, {1}, {-1}):
        return _("that PIN is too easy to guess (the same digit, or a run like 1234): choose another")
    return ""


class Pins:
    """The PINs people chose at one kiosk, and who they are, in that kiosk's memory only: a PIN
    is short, so nothing made from it goes into the file, where it could be tried offline (and
    a person's secret is not the facilitator's to keep). Each PIN is checked through the one way
    in (sessions/door.py), so wrong ones are counted as wrong rejoin codes are."""

    def __init__(self) -> None:
        self._held: dict[str, tuple[bytes, bytes, Person]] = {}  # token -> (salt, digest, person)

    def choose(self, person: Person, pin: str) -> None:
        if problem := pin_problem(pin):
            raise PinError(problem)
        salt = secrets.token_bytes(16)
        self._held[person.token] = (salt, hmac.new(salt, pin.encode(), hashlib.sha256).digest(), person)

    def knows(self, token: str) -> bool:
        return token in self._held

    def check(self, token: str, pin: str) -> Person | None:
        """The person `token` is, if `pin` is the PIN they chose here."""
        held = self._held.get(token)
        if held is None:
            return None
        salt, digest, person = held
        return (
            person
            if hmac.compare_digest(hmac.new(salt, pin.strip().encode(), hashlib.sha256).digest(), digest)
            else None
        )
