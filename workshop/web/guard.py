"""What stands between the phone page and anyone who can reach its port (docs/security.md).

- Every POST carries a CSRF token: an HMAC, under a key this process drew, of a random cookie
  the page set (HttpOnly, SameSite=Strict). A page on another site can read neither, so it
  cannot make a form this server takes; and the POST must say it comes from this origin.
- `Buckets` limit how fast one client, and one address, may act. Wrong join and rejoin codes are
  counted in the session by the one way in (sessions/door.py), as on every channel; `client`
  decides which client a request is.
- Every answer carries security headers; the page's CSP allows only its own script and style
  (and, over HTTPS with a certificate browsers check, HSTS).
- Behind a reverse proxy (`serve --trusted-proxy ADDR`), what that address alone forwards says
  which scheme and host the browser used (so origin checks and Secure cookies hold) and which
  client a request is (so the limits count people, not the proxy): `Proxy`.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import ipaddress
import secrets
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from aiohttp import web
from yarl import URL

from workshop import listen
from workshop.i18n import _
from workshop.sessions import door
from workshop.web.proxy import HOST, HSTS, forwarded

# not translated: the Content-Security-Policy header
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}
MAX_KEYS = 10_000  # clients a limiter remembers: beyond this it forgets the oldest (they get a fresh start)
HSTS_FOR = 24 * 3600  # seconds browsers keep to HTTPS for this host: a workshop day, not a year of a name
__all__ = ["HOST", "HSTS", "forwarded"]  # what `serve` and the tests find here too


class Csrf:
    def __init__(self, key: bytes | None = None) -> None:
        self._key = key or secrets.token_bytes(32)

    @staticmethod
    def new_cookie() -> str:
        return secrets.token_urlsafe(16)

    def token(self, cookie: str) -> str:
        return hmac.new(self._key, cookie.encode(), hashlib.sha256).hexdigest()[:32]

    def valid(self, cookie: str | None, token: str | None) -> bool:
        return bool(cookie and token) and hmac.compare_digest(self.token(cookie or ""), token or "")


def same_origin_post(request: web.Request) -> bool:
    """Whether a POST says it comes from a page of this origin. Browsers send Origin on every
    POST; an old one may send only Referer; a request with neither is a script's, refused."""
    claimed = request.headers.get("Origin") or request.headers.get("Referer")
    if not claimed or claimed == "null":
        return False
    try:
        page = URL(claimed)
        served = URL(f"{request.scheme}://{request.host}")
    except ValueError:
        return False
    return (page.scheme, page.host, page.port) == (served.scheme, served.host, served.port)


def client(request: web.Request) -> str:
    """Which client a request is, for every limit (the phone page's and /terminal/'s) and every
    count of wrong codes: the one place that decides. Every loopback source and this machine's
    own addresses are one client, "this machine" (any local account can use them all); an IPv6
    address counts by its /64 (sessions/door.py). From the `--trusted-proxy`, the address it
    forwarded is the client's."""
    seen = forwarded(request)
    arrived = request.transport.get_extra_info("sockname") if request.transport is not None else None
    return connection_client(seen.client if seen is not None else request.remote, arrived)


def connection_client(peer: str | None, arrived: object) -> str:
    """The client a connection from `peer` that arrived at `arrived` (its socket's own address)
    counts as: an ssh connection's as a browser's (sessions/door.py)."""
    return door.client_key(peer, _own_addresses(arrived))


def _own_addresses(arrived: object) -> frozenset[str]:
    """This machine's addresses: the one this connection arrived at (a connection from it to
    itself comes from it too), and those its name and its route to the network give."""
    here = _plain(str(arrived[0])) if isinstance(arrived, tuple) and arrived else ""
    return machine_addresses() | {here}


@functools.cache
def machine_addresses() -> frozenset[str]:
    found = {listen.lan_address() or ""}
    try:
        found |= {str(info[4][0]) for info in socket.getaddrinfo(socket.gethostname(), None)}
    except (OSError, UnicodeError):
        pass
    return frozenset(_plain(address) for address in found if address)


def _plain(address: str) -> str:
    """An address as `door.client_key` compares it: an IPv4-mapped IPv6 address as IPv4."""
    try:
        ip = ipaddress.ip_address(address.split("%")[0])
    except ValueError:
        return address
    mapped = ip.ipv4_mapped if isinstance(ip, ipaddress.IPv6Address) else None
    return str(mapped or ip)


@dataclass
class Bucket:
    tokens: float
    at: float


@dataclass
class Buckets:
    """A token bucket per key: `size` acts at once, then `rate` a second."""

    size: float
    rate: float
    clock: Callable[[], float] = time.monotonic
    _buckets: dict[str, Bucket] = field(default_factory=dict)

    def take(self, key: str) -> bool:
        now = self.clock()
        bucket = self._buckets.get(key) or Bucket(self.size, now)
        bucket.tokens = min(self.size, bucket.tokens + (now - bucket.at) * self.rate)
        bucket.at = now
        self._buckets[key] = bucket
        if len(self._buckets) > MAX_KEYS:
            self._forget(now)
        if bucket.tokens < 1:
            return False
        bucket.tokens -= 1
        return True

    def _forget(self, now: float) -> None:
        """Forget the buckets that have refilled by now (as good as new); if a flood of new keys
        (made-up cookies) leaves too many, forget the oldest half too. Either way the dict stays
        bounded and this runs once per MAX_KEYS/2 new keys, not on every request."""
        left = {k: b for k, b in self._buckets.items() if b.tokens + (now - b.at) * self.rate < self.size}
        if len(left) > MAX_KEYS // 2:
            left = dict(list(left.items())[-(MAX_KEYS // 2) :])
        self._buckets = left


@web.middleware
async def headers(request: web.Request, handler: Callable) -> web.StreamResponse:
    """Security headers on every answer; the terminal app (textual-serve's page, with its inline
    script) keeps its own policy."""
    try:
        response = await handler(request)
    except web.HTTPException as exc:
        response = exc
    ours = HEADERS if not request.path.startswith("/terminal") else {"X-Content-Type-Options": "nosniff"}
    response.headers.update(ours)
    if request.secure and request.config_dict.get(HSTS, False):
        response.headers["Strict-Transport-Security"] = f"max-age={HSTS_FOR}"  # not translated: a header
    if isinstance(response, web.HTTPException):
        raise response
    return response


def host_checked(announced: Callable[[], str]) -> Callable:
    """A Host header as browsers send it (it is echoed into pages), naming this server: an
    address, localhost, this machine's name, or the name `serve` announced (`announced()`).

    Any other name is refused, against DNS rebinding: a page on evil.example whose name is made
    to point at this server would otherwise be same-origin with it, in a participant's browser
    on the room's network, and could read its pages and post its forms."""
    ours = {"localhost", socket.gethostname().lower(), socket.gethostname().split(".")[0].lower() + ".local"}

    @web.middleware
    async def checked(request: web.Request, handler: Callable) -> web.StreamResponse:
        if not HOST.fullmatch(request.host):
            return web.Response(status=400, text=_("refused: this page needs an ordinary host name or address\n"))
        if not host_allowed(request.host, ours | {_name_in(announced())}):
            return web.Response(
                status=421,
                text=_(
                    "refused: open this page by the address workshop serve "
                    "announced, or by this machine's address or name\n"
                ),
            )
        return await handler(request)

    return checked


def host_allowed(host: str, names: set[str]) -> bool:
    # not translated: an origin
    name = _name_in(f"http://{host}")
    try:
        ipaddress.ip_address(name)
        return True  # an address is not a name anyone else can point here
    except ValueError:
        return name in names or name.endswith(".localhost")


def _name_in(address: str) -> str:
    try:
        return (URL(address).host or "").lower().rstrip(".")
    except ValueError:
        return ""
