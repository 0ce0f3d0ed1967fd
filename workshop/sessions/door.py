"""The one way in, for every channel (the phone page, a tab at /terminal/, a terminal, plain
mode, the kiosk, a script): the join code, then a person proven by their name and rejoin code
(or, at the kiosk, a PIN). Channels present what happens here and nothing more: the typed
errors below say what went wrong and how long to wait, and no channel reads a message's words.

Every wrong code is an event in the session file, counted per client for join codes and per
person and per client for rejoin codes (engine/guesses.py), so a second tab, a reconnect, the
kiosk and a script all obey one count. A try made before the count allows it is refused with
`TooManyTries` before anything is compared or derived, and writes nothing.
"""

from __future__ import annotations

import hmac
import ipaddress
import os
from collections.abc import Callable, Collection
from dataclasses import dataclass

from workshop.engine import events
from workshop.engine.text import clean, said_back
from workshop.i18n import _
from workshop.sessions import people
from workshop.sessions.files import SessionError
from workshop.sessions.people import Person
from workshop.sessions.refusals import NameTaken, TooManyTries, Waiting, WrongJoinCode, WrongRejoinCode
from workshop.sessions.taking import Taking
from workshop.sessions.typed import participant_name

# not translated: the key the limits count a client by
THIS_MACHINE = "this machine"  # every loopback source and the server's own addresses: one client


@dataclass(frozen=True)
class Client:
    """Who is trying: `key` is whom the limits count (an address, THIS_MACHINE, an account, the
    kiosk), `channel` the way in, as the facilitator's count of wrong codes says it."""

    key: str
    channel: str


def client_key(address: str | None, own: Collection[str] = ()) -> str:
    """The client a connection from `address` counts as: THIS_MACHINE for every loopback address
    and for this machine's own addresses `own` (any local account can use them all), an IPv6
    address by its /64 (a laptop picks new ones in it at will), an IPv4 address as itself."""
    try:
        ip = ipaddress.ip_address((address or "").split("%")[0])
    except ValueError:
        return address or ""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # a dual-stack socket's IPv4 client
    if ip.is_loopback or str(ip) in own:
        return THIS_MACHINE
    if isinstance(ip, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network((int(ip) >> 64 << 64, 64)))
    return str(ip)


def this_terminal(channel: str) -> Client:
    """A participant process's own client: what `serve` said it is (each tab at /terminal/, each
    login to `serve --ssh`, whose channel it names in `WORKSHOP_CHANNEL`), the address an ssh
    login came from, or else this account."""
    # as the file can hold it (clean, 1-80 characters): a wrong code from a client the event
    # refused would be answered and never counted
    given = clean(os.environ.get("WORKSHOP_CLIENT", "")).strip()[:80]
    if given:
        return Client(given, os.environ.get("WORKSHOP_CHANNEL") or channel)
    ssh = os.environ.get("SSH_CONNECTION", "").split()
    if ssh:
        return Client(client_key(ssh[0]), channel)
    return Client(f"account {os.getuid()}", channel)  # not translated: the key the limits count by


def same_code(typed: str, code: str) -> bool:
    """Whether `typed` is `code`, as people type it (case, spaces and dashes do not matter),
    compared in constant time."""
    return hmac.compare_digest(people.tidy(typed).encode(), code.encode())


def join_code(session: Taking, typed: str, client: Client) -> None:
    """Let `client` in with the join code `typed`, or refuse: `TooManyTries` while its wrong codes
    hold it back (even with the right code), `WrongJoinCode` (counted) when it is not the code."""
    if not people.tidy(typed):
        raise SessionError(_("the join code is needed: it is on the facilitator's screen"))  # not a guess
    session.refresh()
    _held(session.fold.guesses.join_wait(client.key, _now(session)))
    if same_code(typed, session.state().code):
        if session.fold.guesses.codes.get(client.key):
            with session.changing() as write:
                write(events.RightCodeEvent(client=client.key))
        return
    with session.changing() as write:
        _held(session.fold.guesses.join_wait(client.key, _now(session)))  # another process counted one meanwhile
        write(events.WrongCodeEvent(channel=client.channel, client=client.key))
    raise WrongJoinCode(session.fold.guesses.join_wait(client.key, _now(session)))


def rejoin(session: Taking, name: str, code: str, client: Client) -> Person:
    """The person called `name`, proven by their rejoin `code`."""
    return attempt(session, name, client, lambda token: session.proven(token, code)[0])


def attempt(
    session: Taking, name: str, client: Client, check: Callable[[str], Person | None], pin: bool = False
) -> Person:
    """The person called `name` if `check(token)` proves them (a rejoin code, a kiosk PIN), within
    the limits: per person and per client, over every channel and process. The check (a key
    derivation) runs outside the file's lock; its answer counts only if no other process's
    guess was counted meanwhile, so no more answers are given than the rules allow."""
    clean = participant_name(name)
    session.refresh()
    token = session.fold.participant_named(clean)
    if token is None:
        raise SessionError(_("nobody called {clean} has joined this session").format(clean=said_back(clean)))
    _held(session.fold.guesses.rejoin_wait(token, client.key, _now(session)))
    person = check(token)
    with session.changing() as write:
        _held(session.fold.guesses.rejoin_wait(token, client.key, _now(session)))
        if person is None:
            write(events.WrongRejoinEvent(participant=token, channel=client.channel, client=client.key))
    if person is None:
        wait = session.fold.guesses.rejoin_wait(token, client.key, _now(session))
        raise WrongRejoinCode(session.name_of(token), wait, pin)
    return session.adopt(person)


def join_wait(session: Taking, client: Client) -> float:
    """Seconds before `client`'s next join code is taken (0: now)."""
    return session.fold.guesses.join_wait(client.key, _now(session))


def _held(wait: float) -> None:
    if wait > 0:
        raise TooManyTries(wait)


def _now(session: Taking) -> float:
    """Now, as the fold counts time: never before the latest event (whose time it was stamped with)."""
    return max(session.clock().timestamp(), session.fold.clock)


__all__ = [
    "THIS_MACHINE",
    "Client",
    "NameTaken",
    "TooManyTries",
    "Waiting",
    "WrongJoinCode",
    "WrongRejoinCode",
    "attempt",
    "client_key",
    "join_code",
    "join_wait",
    "rejoin",
    "same_code",
    "this_terminal",
]
