"""The rules `workshop serve` applies, one by one: which origins count as its own, what a terminal
size becomes, and which address it announces when the network gives it little to go on."""

from __future__ import annotations

import socket

import pytest

from workshop import listen
from workshop.serve import clamp_size, same_origin


@pytest.mark.parametrize(
    ("origin", "host"),
    [
        ("http://127.0.0.1:8000", "127.0.0.1:8000"),
        ("http://LOCALHOST:8000", "localhost:8000"),
        ("http://[::1]:8000", "[::1]:8000"),
        ("https://workshop.example", "workshop.example"),  # default ports, as browsers send them
        ("https://workshop.example", "workshop.example:443"),
        ("http://workshop.example", "workshop.example:80"),
    ],
)
def test_its_own_pages_are_same_origin(origin: str, host: str) -> None:
    assert same_origin(origin, host)


@pytest.mark.parametrize(
    ("origin", "host"),
    [
        ("http://evil.example", "127.0.0.1:8000"),
        ("http://evil.example:8000", "127.0.0.1:8000"),
        ("http://127.0.0.1:8001", "127.0.0.1:8000"),
        ("null", "127.0.0.1:8000"),  # sandboxed frames and files
        ("file:///tmp/page.html", "127.0.0.1:8000"),
        (None, "127.0.0.1:8000"),  # no browser omits it
        ("http://127.0.0.1:8000", None),
        ("http://127.0.0.1:8000", "user@127.0.0.1:8000"),
        ("http://127.0.0.1:8000", "127.0.0.1:8000\r\nX-Injected: 1"),
    ],
)
def test_other_origins_are_not(origin: str | None, host: str | None) -> None:
    assert not same_origin(origin, host)


def test_over_https_only_https_pages_are_its_own() -> None:
    """`serve --tls` (or behind a proxy): a page served over plain http on the same host and
    port, which anyone on the network path could have written, may not open an app."""
    assert same_origin("https://workshop.example", "workshop.example", "https")
    assert not same_origin("http://workshop.example:443", "workshop.example:443", "https")
    assert not same_origin("https://workshop.example", "workshop.example", "http")


@pytest.mark.parametrize(
    ("asked", "given"),
    [
        ((20000, 20000), (300, 100)),
        (("20000", "20000"), (300, 100)),
        ((120, 40), (120, 40)),
        ((1, -5), (20, 10)),
        (("wide", None), (80, 24)),
        ((float("inf"), "9" * 5000), (80, 24)),  # not numbers an int can be made of
    ],
)
def test_terminal_sizes_are_clamped(asked: tuple, given: tuple[int, int]) -> None:
    assert clamp_size(*asked) == given


def test_bound_to_loopback_it_announces_localhost() -> None:
    with listen.listen("127.0.0.1", _free_port()) as sock:
        assert listen.public_address("127.0.0.1", sock) == f"http://localhost:{sock.getsockname()[1]}"


class _NoRoute(socket.socket):
    def connect(self, address: object) -> None:
        raise OSError("network is unreachable")


@pytest.mark.parametrize(
    ("hostname", "resolves_to", "announced"),
    [
        ("vm", "10.1.2.3", "10.1.2.3"),
        ("vm", "127.0.1.1", "vm"),  # Debian's /etc/hosts: the name may still resolve for others
        ("localhost", "127.0.0.1", None),  # nothing reachable to announce
    ],
)
def test_without_a_route_the_lan_address_falls_back_to_the_host_name(
    monkeypatch: pytest.MonkeyPatch, hostname: str, resolves_to: str, announced: str | None
) -> None:
    monkeypatch.setattr(listen.socket, "socket", _NoRoute)
    monkeypatch.setattr(listen.socket, "gethostname", lambda: hostname)
    monkeypatch.setattr(listen.socket, "gethostbyname", lambda name: resolves_to)
    assert listen.lan_address() == announced


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
