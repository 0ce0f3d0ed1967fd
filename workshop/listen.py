"""Where `workshop serve` listens, and the address it tells participants to open.

The socket is bound here, before anything is announced, so a busy port or a wrong host is one
line and never sends the room to an address nobody answers. The announced address is one that
participants can reach: `localhost` only when bound to loopback, and this machine's network
address when bound to every interface (never `0.0.0.0`, `::` or an empty host).
"""

from __future__ import annotations

import errno
import ipaddress
import socket

from workshop.errors import WorkshopError
from workshop.i18n import _

# Connecting a UDP socket sends nothing: it only asks the kernel which route, and so which local
# address, a packet to there would take. Private ranges, so no public address is ever involved.
_ROUTE_PROBES = ("10.255.255.255", "172.31.255.255", "192.168.255.255")


def listen(host: str, port: int, option: str = "--port") -> socket.socket:
    """A socket listening on `host:port`, or a one-line `WorkshopError` saying why not (`option`
    names the port's option in it: `--port`, `--ssh`)."""
    if not 1 <= port <= 65535:
        raise WorkshopError(_("{option} must be 1 to 65535, not {port}").format(option=option, port=port))
    try:
        family, address, dualstack = _bind_address(host, port)
        return socket.create_server(address, family=family, dualstack_ipv6=dualstack, backlog=128)
    except (socket.gaierror, UnicodeError):
        raise WorkshopError(
            _("--host {host!r}: no such host (give an address of this machine, or 0.0.0.0)").format(host=host)
        ) from None
    except ValueError as err:  # a NUL byte in the host, say
        raise WorkshopError(_("--host {host!r}: {err}").format(host=host, err=err)) from None
    except OSError as err:
        raise WorkshopError(_bind_failure(host, port, err, option)) from None


def _bind_address(host: str, port: int) -> tuple[socket.AddressFamily, tuple, bool]:
    if host in ("", "::") and socket.has_dualstack_ipv6():
        return socket.AF_INET6, ("::", port), True  # every interface, IPv6 and IPv4 alike
    if host == "":
        return socket.AF_INET, ("0.0.0.0", port), False
    family, _, _, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
    return family, address, False


def _bind_failure(host: str, port: int, err: OSError, option: str) -> str:
    if err.errno == errno.EADDRINUSE:
        return _(
            "port {port} is in use (by another program, or another `workshop serve`): choose another {option}"
        ).format(port=port, option=option)
    if err.errno == errno.EADDRNOTAVAIL:
        return _("--host {host}: not an address of this machine (0.0.0.0 listens on all of them)").format(host=host)
    if err.errno in (errno.EACCES, errno.EPERM):
        return _("port {port} needs administrator rights: choose a {option} above 1023").format(
            port=port, option=option
        )
    return _("cannot listen on {value}:{port}: {lower}").format(
        value=host or "*", port=port, lower=(err.strerror or str(err)).lower()
    )


def public_address(host: str, sock: socket.socket, scheme: str = "http") -> str | None:
    """The address to announce for a listening socket; None when no reachable one is known."""
    bound, port = sock.getsockname()[:2]
    ip = ipaddress.ip_address(bound)
    if ip.is_loopback:
        # not translated: an address
        return f"{scheme}://localhost:{port}"
    if ip.is_unspecified:
        found = lan_address()
        return None if found is None else url(found, port, scheme)
    return url(host if _is_name(host) else bound, port, scheme)  # a name the facilitator chose reads better


def lan_address() -> str | None:
    """This machine's address on its network, found without sending a packet; else its host
    name's address, else its host name; None if all of those only mean this machine."""
    for probe in _ROUTE_PROBES:
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
                udp.connect((probe, 9))
                found = udp.getsockname()[0]
        except OSError:
            continue  # no route there: no network beyond loopback, perhaps
        if _reachable(found):
            return found
    name = socket.gethostname()
    try:
        found = socket.gethostbyname(name)
    except OSError:
        found = ""
    if _reachable(found):
        return found
    # Debian maps the host name to 127.0.1.1; the name itself may still resolve for others
    return name if name and not name.lower().startswith("localhost") else None


def url(host: str, port: int, scheme: str = "http") -> str:
    # not translated: an address
    return f"{scheme}://[{host}]:{port}" if ":" in host else f"{scheme}://{host}:{port}"


def _reachable(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return not (ip.is_loopback or ip.is_unspecified or ip.is_link_local)


def _is_name(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return bool(host)
    return False
