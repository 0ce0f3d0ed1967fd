"""Kiosk mode: a queue of people at one keyboard; nobody sees the previous ballot."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import Input, Static
from typer.testing import CliRunner

from tests.support import polls_plan
from tests.tui.conftest import FakeClock, cli, screen_text, text_of
from tests.tui.test_snapshots import Fixed
from workshop import sessions
from workshop.cli import app as workshop_cli
from workshop.journal import store
from workshop.sessions import SessionError
from workshop.sessions.files import secret_path
from workshop.tui import kiosk, kiosk_screens
from workshop.tui.kiosk import make_app


def ballots(path: Path) -> list[dict]:
    return [e for e in store.load(path).events if e["type"] == "ballot"]


CODES: dict[str, str] = {}  # the rejoin code each voter was shown, by name
PINS: dict[str, str] = {}  # the PIN each voter chose at the kiosk, by name


def pin_of(name: str) -> str:
    """A PIN a person might choose: four digits, no run, one per name."""
    return PINS.setdefault(name.strip().casefold(), f"{2580 + 7 * len(PINS)}")


async def type_into(pilot, selector: str, value: str) -> None:
    field = pilot.app.screen.query_one(selector, Input)
    field.value = value
    field.focus()
    await pilot.press("enter")
    await pilot.pause()


async def person(pilot, name: str, keys: list[str], secret: str | None = None) -> None:
    """Someone at the kiosk types their name; a newcomer chooses a PIN (typed twice), someone
    asked for their PIN or rejoin code gives `secret` (their own PIN, if None), and whoever
    reaches a ballot presses `keys` on it."""
    app = pilot.app
    second = app.main.query("#secret")  # (a kiosk without PINs had none: this helper runs on it too)
    if second:
        second.first(Input).value = ""
    await type_into(pilot, "#who", name)
    if second and second.first(Input).display and app.screen is app.main:
        await type_into(pilot, "#secret", pin_of(name) if secret is None else secret)
    if type(app.screen).__name__ == "ChoosePin":
        await type_into(pilot, "#pin", pin_of(name))
        await type_into(pilot, "#again", pin_of(name))
    if type(app.screen).__name__ == "VoteScreen" and app.screen.code:
        CODES[name.strip().casefold()] = app.screen.code
    await pilot.press(*keys)
    await pilot.pause()


def screen_text_of(app) -> str:
    """What the screen on top says, as one line of words."""
    return " ".join(screen_text(app).split())


def message(app) -> str:
    return text_of(app.main.query_one("#message", Static))


@pytest.mark.e2e
async def test_three_people_in_a_row_and_no_double_votes(session_path: Path, clock: FakeClock) -> None:
    for args in (["start"], ["goto", "pick"]):
        assert cli("control", str(session_path), *args).returncode == 0
    app = make_app(session_path, clock=clock, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        for name, keys in (("Ana", ["enter"]), ("Bo", ["down", "enter"]), ("Cy", ["down", "down", "enter"])):
            await person(pilot, name, keys)
            assert app.screen is app.main  # back at the neutral screen
            assert "your ballot is recorded" in message(app)
            screen_text = text_of(app.main.query_one("#question", Static)) + message(app)
            assert name not in screen_text and "Coaching" not in screen_text.replace("Which first?", "")
            assert app.main.query_one("#who", Input).value == ""
        assert [b["value"] for b in ballots(session_path)] == [["Coaching"], ["Planning"], ["Quality"]]
        await person(pilot, "ana", [], secret="9999")  # someone typing Ana's name is not Ana...
        assert "not the PIN of “Ana”" in message(app) and app.screen is app.main
        clock.advance(60)
        await person(pilot, "ana", [])  # ...Ana, with her PIN, is: told she has voted, her ballot hers to change
        assert type(app.screen).__name__ == "VoteScreen" and "already voted" in screen_text_of(app)
        await pilot.press("escape")  # she keeps it
        await pilot.pause()
        assert app.screen is app.main and len(ballots(session_path)) == 3
        await person(pilot, "Ana", ["down", "down", "enter"])  # back again: she changes it
        assert app.screen is app.main and "your ballot is recorded" in message(app)
        tally = app.session.state().polls["polls/pick"]
        assert len(tally.ballots) == 3  # one voice each: her new ballot took the old one's place
        assert [b["value"] for b in ballots(session_path)][-1] == ["Quality"]


@pytest.mark.e2e
async def test_every_voter_names_themselves_on_an_anonymous_poll(session_path: Path, clock: FakeClock) -> None:
    for args in (["start"], ["goto", "fist"]):  # fist: an anonymous scale poll
        assert cli("control", str(session_path), *args).returncode == 0
    app = make_app(session_path, clock=clock, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        question = text_of(app.main.query_one("#question", Static))
        assert "type your name all the same" in question and "may vote as anonymous" not in question
        for _ in range(5):  # the old way to cast an uncounted number of ballots
            await person(pilot, "anonymous", [])
            assert app.screen is app.main and "your own name" in message(app)
            await pilot.press("down", "enter")  # what voted, before
        assert ballots(session_path) == []
        await person(pilot, "Ana", ["down", "enter"])
        await person(pilot, "Bo", ["enter"])
        for again in ("Ana", "ana", " ANA "):
            await person(pilot, again, ["escape"])  # told she has voted; escape keeps her ballot
            assert app.screen is app.main
        cast = ballots(session_path)
        assert [b["value"] for b in cast] == [[1], [0]]
        assert all("name" not in b for b in cast)  # still anonymous: a per-poll token, no name
        state = app.session.state()
        assert {p.token for p in state.participants}.isdisjoint(b["participant"] for b in cast)
        assert len(state.polls["polls/fist"].ballots) <= len(state.participants) == 2


@pytest.mark.slow
async def test_leaving_needs_the_facilitators_code(session_path: Path, clock: FakeClock) -> None:
    app = make_app(session_path, clock=clock, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+q")
        await pilot.press(*"WRONG1", "enter")
        assert app.is_running and not app.released
        assert "not the facilitator's code" in text_of(app.screen.query_one("#leave-error", Static))
        assert app.session.state().code not in (app.session.facilitator_code(),)
        await pilot.press(*app.session.facilitator_code(), "enter")
        await pilot.pause()
        assert not app.is_running and app.released  # the one end `workshop kiosk` does not start again


@pytest.mark.slow
async def test_the_command_palette_is_not_there(session_path: Path, clock: FakeClock) -> None:
    app = make_app(session_path, clock=clock, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert not CommandPalette.is_open(app)
        await pilot.press(*"Quit", "enter")
        await pilot.pause()
        assert app.is_running and app.return_code is None


@pytest.mark.slow
async def test_the_header_icon_opens_nothing(session_path: Path, clock: FakeClock) -> None:
    app = make_app(session_path, clock=clock, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.click("HeaderIcon")
        await pilot.pause()
        assert not CommandPalette.is_open(app) and app.screen is app.main
        await pilot.press(*"Quit", "enter")
        await pilot.pause()
        assert app.is_running


async def test_every_quit_asks_for_the_code(session_path: Path, clock: FakeClock) -> None:
    """Textual's quit action (what the palette's Quit or an @click link runs) is the same as ctrl+q."""
    app = make_app(session_path, clock=clock, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.run_action("app.quit")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, kiosk_screens.LeaveScreen)


@pytest.mark.e2e
async def test_ctrl_c_and_escape_do_not_leave(session_path: Path, clock: FakeClock) -> None:
    for args in (["start"], ["goto", "pick"]):
        assert cli("control", str(session_path), *args).returncode == 0
    app = make_app(session_path, clock=clock, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+c")  # on the neutral screen: the kiosk says it is locked
        await pilot.pause()
        assert app.is_running and app.screen is app.main
        assert [n.message for n in app._notifications] == ["Only the facilitator can leave the kiosk."]
        app.clear_notifications()
        await pilot.press("escape")  # clears the form, nothing more
        await pilot.pause()
        assert app.is_running and app.screen is app.main
        await person(pilot, "Ana", ["ctrl+c"])  # on a ballot: nothing happens
        assert app.is_running and isinstance(app.screen, kiosk_screens.VoteScreen)
        await pilot.press("escape")  # escape cancels the ballot, nothing more
        await pilot.pause()
        assert app.is_running and app.screen is app.main and ballots(session_path) == []
        await pilot.press("ctrl+q", "ctrl+c", "escape")  # the code dialog, closed
        await pilot.pause()
        assert app.is_running and app.screen is app.main


@pytest.mark.slow
async def test_a_wrong_code_after_the_secret_went_missing(session_path: Path, clock: FakeClock) -> None:
    """The code is read when the kiosk starts: a secret that goes missing later cannot crash it
    (it used to, with a traceback, leaving the shell to whoever stood there)."""
    app = make_app(session_path, clock=clock, watch=False)
    code = app.session.facilitator_code()
    secret_path(session_path).unlink()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+q", *"WRONG1", "enter")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, kiosk_screens.LeaveScreen)
        await pilot.press(*code, "enter")
        await pilot.pause()
        assert not app.is_running


@pytest.mark.parametrize("damage", ["missing", "a folder"])
def test_no_secret_is_one_line_at_start(session_path: Path, damage: str, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = secret_path(session_path)
    secret.unlink()
    if damage == "a folder":
        secret.mkdir()
    monkeypatch.setattr(kiosk.KioskApp, "run", lambda self: pytest.fail("the kiosk started without its secret"))
    result = CliRunner().invoke(workshop_cli, ["kiosk", "live", "--sessions-dir", str(session_path.parent)])
    assert result.exit_code == 2, (result.stdout, result.stderr, result.exception)
    assert result.stderr.splitlines() == [result.stderr.strip()] and result.stderr.startswith("error: ")
    assert "secret" in result.stderr and "Traceback" not in result.stderr + result.stdout
    with pytest.raises(SessionError):
        make_app(session_path)


@pytest.mark.slow
def test_the_neutral_screen_after_three_voters(snap_compare, tmp_path: Path) -> None:
    clock = Fixed()
    path = sessions.create(polls_plan(), tmp_path / "sessions", "room-a", "Sam", clock=clock, code="K7P2QX")
    live = sessions.Session.open(path, clock)
    live.start()
    live.goto("pick")
    app = make_app(path, clock=clock, watch=False)

    async def three(pilot) -> None:
        for name, keys in (("Ana", ["enter"]), ("Bo", ["down", "enter"]), ("Cy", ["down", "down", "enter"])):
            await person(pilot, name, keys)
        pilot.app.main.query_one("#who", Input).cursor_blink = False  # a stable picture
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=three)


@pytest.mark.e2e
async def test_a_session_file_gone_from_under_the_kiosk_keeps_it_locked(session_path: Path, clock: FakeClock) -> None:
    for args in (["start"], ["goto", "pick"]):
        assert cli("control", str(session_path), *args).returncode == 0
    app = make_app(session_path, clock=clock, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        session_path.rename(session_path.with_name("moved.toml"))
        await person(pilot, "Ana", [])
        assert app.is_running and app.screen is app.main and "no such file" in message(app)
