"""The join page's QR code on screen: the room shows it while `serve` runs and only where it
fits, the facilitator's `j` shows it big; what the terminal shows decodes to segno's modules,
drawn black on white whatever the theme."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Static

from tests.test_qr import from_full_blocks, from_half_blocks, segnos_own
from tests.tui.conftest import CODE, FakeClock, screen_text
from tests.tui.test_every_size import SIZES
from workshop import sessions
from workshop.tui.modals import JoinQR
from workshop.tui.widgets.qr import INK, JoinCode

ADDRESS = "http://192.168.1.5:8000"
URL = f"{ADDRESS}/?code={CODE}"


def shown_in(app, region: Region) -> list[str]:
    """The lines the terminal shows in `region`."""
    lines = screen_text(app).splitlines()
    return [line[region.x : region.right] for line in lines[region.y : region.bottom]]


def code_lines(app, widget: Widget, size: int, *, big: bool = False) -> list[str]:
    region = widget.content_region
    return shown_in(app, Region(region.x, region.y, size * (2 if big else 1), size if big else (size + 1) // 2))


def assert_black_on_white(widget: Widget, lines: int) -> None:
    strips = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
    drawn = [seg for strip in strips[:lines] for seg in strip if set(seg.text) & set("▀▄█")]
    assert drawn and all(seg.style.color == INK.color and seg.style.bgcolor == INK.bgcolor for seg in drawn)


async def test_the_room_shows_the_code_while_serve_runs(session_path: Path, clock: FakeClock) -> None:
    from workshop.tui.display import make_app

    live = sessions.Session.open(session_path, clock)
    app = make_app(session_path, clock=clock, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        code = app.query_one(JoinCode)
        assert not code.display and "Scan to join" not in screen_text(app)
        live.announce(ADDRESS)
        app.sync()
        await pilot.pause()
        size = len(segnos_own(URL))
        assert code.display and from_half_blocks(code_lines(app, code, size))[:size] == segnos_own(URL)
        assert_black_on_white(code, (size + 1) // 2)
        assert f"{ADDRESS}" in screen_text(app) and "and type the code TEST42" in screen_text(app)
        live.withdraw(ADDRESS)
        app.sync()
        await pilot.pause()
        assert not code.display and "Scan to join" not in screen_text(app)


async def test_the_room_shows_no_code_for_localhost(session_path: Path, clock: FakeClock) -> None:
    from workshop.tui.display import make_app

    sessions.Session.open(session_path, clock).announce("http://localhost:8000")
    app = make_app(session_path, clock=clock, watch=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert not app.query_one(JoinCode).display and "http://localhost:8000" in screen_text(app)  # the join bar


@pytest.mark.parametrize("started", [False, True], ids=["waiting", "running"])
@pytest.mark.slow
async def test_the_room_code_fits_or_goes_at_every_size(session_path: Path, clock: FakeClock, started: bool) -> None:
    """From 80x24 up and back: the code is whole on screen beside the rest, never over the join
    bar; before the start it is there at every size, during the session only beside a wide one."""
    from workshop.tui.display import make_app

    live = sessions.Session.open(session_path, clock)
    live.announce(ADDRESS)
    if started:
        live.start()
    app = make_app(session_path, clock=clock, watch=False)
    async with app.run_test(size=SIZES[0]) as pilot:
        code, join, main = app.query_one(JoinCode), app.query_one("#join"), app.query_one("#main")
        for width, height in SIZES:
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            shown = screen_text(app)
            # before the start: when it starts (the agenda's 09:00 when that is still to come)
            assert ("Starting soon." in shown or "Starting at" in shown) if not started else "Welcome." in shown, (
                width,
                height,
            )
            assert code.display == (not started or width >= 160), (width, height)
            if code.display:
                assert code.region.bottom <= join.region.y and code.region.right <= width, (width, height)
                assert main.region.width >= (40 if not started else 120)
                matrix = segnos_own(URL)
                drawn = code_lines(app, code, len(matrix), big=code.big)
                decoded = from_full_blocks(drawn) if code.big else from_half_blocks(drawn)[: len(matrix)]
                assert decoded == matrix, (width, height)
                assert "and type the code TEST42" in shown


@pytest.mark.slow
async def test_j_shows_the_code_big_and_escape_closes_it(session_path: Path, clock: FakeClock) -> None:
    from workshop.tui.facilitator import make_app

    sessions.Session.open(session_path, clock).announce(ADDRESS)
    app = make_app(session_path, clock=clock, bell=False, watch=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, JoinQR)
        drawn = app.screen.query_one("#join-code", Static)
        matrix = segnos_own(URL)
        assert from_full_blocks(code_lines(app, drawn, len(matrix), big=True)) == matrix  # two cells a module
        assert_black_on_white(drawn, len(matrix))
        assert f"Scan to join, or open {ADDRESS} and type the code {CODE}" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, JoinQR)


@pytest.mark.slow
async def test_j_fits_the_code_at_80_by_24(session_path: Path, clock: FakeClock) -> None:
    from workshop.tui.facilitator import make_app

    sessions.Session.open(session_path, clock).announce(ADDRESS)
    app = make_app(session_path, clock=clock, bell=False, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        drawn = app.screen.query_one("#join-code", Static)
        matrix = segnos_own(URL)
        assert from_half_blocks(code_lines(app, drawn, len(matrix)))[: len(matrix)] == matrix
        assert "escape: close" in screen_text(app)


@pytest.mark.parametrize(
    ("address", "says"),
    [
        ("", "Nobody can join from a browser yet"),
        ("http://localhost:8000", "only reaches this machine"),
        ('javascript:alert(1)//"<b>[bold]', 'javascript:alert(1)//"<b>[bold] is not an address'),  # shown as typed
    ],
)
@pytest.mark.slow
async def test_j_without_a_reachable_address_says_why(
    session_path: Path, clock: FakeClock, address: str, says: str
) -> None:
    from workshop.tui.facilitator import make_app

    if address:
        sessions.Session.open(session_path, clock).announce(address)
    app = make_app(session_path, clock=clock, bell=False, watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        assert not app.screen.query("#join-code") and says in " ".join(screen_text(app).split())
