"""`serve --trusted-proxy ADDR`: a reverse proxy (Caddy, nginx) terminating TLS in front of
`serve`. What that address alone forwards says which scheme and host the browser used, so origin
checks, the cookies' `Secure` and the terminal page's wss address hold behind it, and which
client a request is, for `guard.client` (the one place that decides) to count people, not the
proxy. Everything else sent from anywhere is taken as it came, whatever it claims."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from dataclasses import dataclass

from aiohttp import web
from multidict import CIMultiDictProxy

from workshop.errors import WorkshopError
from workshop.i18n import _

# A Host header as browsers send it: a name or address and a port.
HOST = re.compile(r"(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?")


@dataclass(frozen=True)
class Forwarded:
    scheme: str
    host: str
    client: str


@dataclass(frozen=True)
class Proxy:
    """The address (or network) whose forwarded headers are believed. Only a connection from it
    is read, and only the entry that proxy itself added: the last one of `X-Forwarded-For`,
    `-Proto`, `-Host` (which Caddy sets, and nginx with the recipe's lines), or, when none of
    those came, of `Forwarded` (RFC 7239)."""

    network: ipaddress.IPv4Network | ipaddress.IPv6Network

    @classmethod
    def parse(cls, text: str) -> Proxy:
        try:
            return cls(ipaddress.ip_network(text.strip(), strict=False))
        except ValueError:
            raise WorkshopError(
                _(
                    "--trusted-proxy {text!r}: give the proxy's address (127.0.0.1, 10.0.0.5, or a "
                    "network like 10.0.0.0/24)"
                ).format(text=text)
            ) from None

    def trusts(self, request: web.Request) -> bool:
        try:
            peer = ipaddress.ip_address((request.remote or "").split("%")[0])
        except ValueError:
            return False  # a unix socket, say
        mapped = peer.ipv4_mapped if isinstance(peer, ipaddress.IPv6Address) else None
        return (mapped or peer) in self.network

    def read(self, request: web.Request) -> Forwarded | None:
        """What the proxy forwarded for this request; None when it forwarded nothing (a request
        from the proxy's own machine, straight to this port). ValueError when it is malformed."""
        headers = request.headers
        if any(name in headers for name in ("X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host")):
            # not translated: header names
            scheme, host, address = (
                _last(_joined(headers, f"X-Forwarded-{part}")) for part in ("Proto", "Host", "For")
            )
        elif forwarded := _joined(headers, "Forwarded"):
            last = _last_element(forwarded)
            scheme, host, address = last.get("proto"), last.get("host"), last.get("for")
        else:
            return None
        scheme = (scheme or request.scheme).lower()
        host = host or request.headers.get("Host") or ""
        if scheme not in ("http", "https") or not HOST.fullmatch(host):
            raise ValueError("scheme or host")
        return Forwarded(scheme, host, _forwarded_address(address) if address else (request.remote or ""))


def _joined(headers: CIMultiDictProxy[str], name: str) -> str | None:
    """Every line of header `name` as the one list they are (RFC 9110): a proxy may add a line
    of its own below the browser's (HAProxy does) rather than append to it."""
    lines = headers.getall(name, [])
    return ", ".join(lines) if lines else None


def _last(value: str | None) -> str | None:
    return value.split(",")[-1].strip() if value else None


def _last_element(value: str) -> dict[str, str]:
    """The last element of a Forwarded header (RFC 7239), which the proxy appended: the whole
    header read strictly, ValueError for anything that is not its grammar. A lenient reading
    (aiohttp's skips what it cannot read) would let a browser's unclosed quote swallow the
    proxy's element, leaving the browser's own last."""
    elements: list[dict[str, str]] = [{}]
    at = 0
    while at < len(value):
        if value[at] in " \t;,":
            if value[at] == ",":
                elements.append({})
            at += 1
            continue
        pair = _PAIR.match(value, at)
        if pair is None:
            raise ValueError("Forwarded")
        name, token, quoted = pair.groups()
        elements[-1][name.lower()] = token if token is not None else re.sub(r"\\(.)", r"\1", quoted)
        at = pair.end()
    return elements[-1]


# a forwarded-pair, then only a separator (RFC 7239; `:` and `[]` unquoted too, as proxies write
# an address and its port)
_PAIR = re.compile(
    r"([!#$%&'*+.^_`|~0-9A-Za-z-]+)=(?:([!#$%&'*+.^_`|~0-9A-Za-z:\[\]-]+)|\"((?:[^\"\\]|\\.)*)\")"
    r"(?=[ \t]*(?:[;,]|$))"
)


def _forwarded_address(value: str) -> str:
    """A forwarded client address as proxies write it (`192.0.2.7`, `2001:db8::1`, Forwarded's
    `"[2001:db8::1]:4711"` or `192.0.2.7:4711`), as a plain address; ValueError for anything else."""
    value = value.strip().strip('"')
    if value.startswith("["):
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:
        value = value.split(":")[0]
    return str(ipaddress.ip_address(value))


PROXY = web.AppKey("trusted proxy", Proxy)  # not translated: a key's name
HSTS = web.AppKey("hsts", bool)


def forwarded(request: web.Request) -> Forwarded | None:
    """What a trusted proxy forwarded for `request` (None: not from it, or nothing forwarded)."""
    proxy = request.config_dict.get(PROXY)
    if proxy is None or not proxy.trusts(request):
        return None
    try:
        return proxy.read(request)
    except ValueError:
        return None


@web.middleware
async def behind_proxy(request: web.Request, handler: Callable) -> web.StreamResponse:
    """A request the trusted proxy forwarded, as the browser made it: its scheme and host (the
    origin checks, cookies' `Secure` and the terminal page's wss address follow them). Which
    client it is, `client` decides."""
    proxy = request.config_dict.get(PROXY)
    if proxy is not None and proxy.trusts(request):
        try:
            seen = proxy.read(request)
        except ValueError:
            return web.Response(
                status=400, text=_("refused: the proxy forwarded a scheme, host or address that is not one\n")
            )
        if seen is not None:
            request = request.clone(scheme=seen.scheme, host=seen.host)
    return await handler(request)
