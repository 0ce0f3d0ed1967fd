"""Every way in that `serve` runs, announced where people look: the facilitator's join bar and
`j`, and the room display list the https address (with its QR code), the ssh command, and the
fingerprints of the self-signed certificate and the ssh host key, each once; all of it goes when
`serve` stops."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_qr import from_full_blocks, segnos_own
from tests.tui.conftest import CODE, FakeClock, screen_text
from tests.tui.test_join_code import code_lines
from workshop import sessions
from workshop.tui.widgets.qr import JoinCode

ADDRESS = "https://192.168.1.5:8443"
CERTIFICATE = "0cb952c5c599232568c4d628f7f61f733e4f74492bc79cbde9464393b82b1dfc"
HOST_KEY = "a9baed268f1efc51085e9dad869eac21228425ef8aa57ba3e6cde0aa9bba4c9b"  # SHA256:qbrtJo8e/FEIX… as ssh says it
SSH = "ssh -p 2222 join@192.168.1.5"


def announce(path: Path, clock: FakeClock) -> None:
    sessions.Session.open(path, clock).announce(ADDRESS, CERTIFICATE, SSH, HOST_KEY)


def flat(app) -> str:
    return " ".join(screen_text(app).split())


async def test_the_join_bar_lists_every_way_in_once(session_path: Path, clock: FakeClock) -> None:
    from workshop.tui.facilitator import make_app

    announce(session_path, clock)
    app = make_app(session_path, clock=clock, bell=False, watch=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        shown = flat(app)
        for way in (
            f"or open {ADDRESS}",
            f"or {SSH}",
            "certificate SHA-256 0C:B9:52:C5:C5:99:23:25…",
            "ssh host key SHA256:qbrtJo8e/FE…",
            f"code {CODE}",
        ):
            assert shown.count(way) == 1, (way, shown)
        sessions.Session.open(session_path, clock).withdraw(ADDRESS)
        app.sync()
        await pilot.pause()
        shown = flat(app)
        assert "https://" not in shown and "ssh " not in shown and "SHA" not in shown


async def test_j_shows_the_https_code_and_every_fingerprint_in_full(session_path: Path, clock: FakeClock) -> None:
    from workshop.tui.facilitator import make_app

    announce(session_path, clock)
    app = make_app(session_path, clock=clock, bell=False, watch=False)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        matrix = segnos_own(f"{ADDRESS}/?code={CODE}")
        drawn = app.screen.query_one("#join-code")
        assert from_full_blocks(code_lines(app, drawn, len(matrix), big=True)) == matrix
        shown = flat(app)
        assert ":".join(CERTIFICATE[i : i + 2] for i in range(0, 64, 2)).upper() in shown  # all 32 pairs
        assert f"From any terminal: {SSH} (host key SHA256:qbrtJo8e/FEIXp2thp6sISKEJe+KpXuj5s3gqpu6TJs)" in shown


@pytest.mark.parametrize(("size", "code_shown"), [((160, 45), True), ((80, 24), False)], ids=["wide", "narrow"])
async def test_the_room_display_lists_every_way_in_once(
    session_path: Path, clock: FakeClock, size: tuple[int, int], code_shown: bool
) -> None:
    """Beside the QR code the address and certificate are in its words, so the join bar leaves
    them out; where the code has no room (a running session on 80 columns), the bar says them."""
    from workshop.tui.display import make_app

    live = sessions.Session.open(session_path, clock)
    live.start()
    announce(session_path, clock)
    app = make_app(session_path, clock=clock, watch=False)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert app.query_one(JoinCode).display == code_shown
        shown = flat(app)
        for way in (ADDRESS, SSH, "0C:B9:52:C5:C5:99:23:25…", "SHA256:qbrtJo8e/FE…"):
            assert shown.count(way) == 1, (way, shown)
