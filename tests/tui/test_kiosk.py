"""Kiosk mode: a queue of people at one keyboard; nobody sees the previous ballot."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from tests.support import polls_plan
from tests.tui.conftest import FakeClock, cli, text_of
from tests.tui.test_snapshots import Fixed
from workshop import sessions
from workshop.journal import store
from workshop.tui.kiosk import make_app


def ballots(path: Path) -> list[dict]:
    return [e for e in store.load(path).events if e["type"] == "ballot"]


async def person(pilot, name: str, keys: list[str]) -> None:
    app = pilot.app
    app.main.query_one("#who", Input).value = name
    app.main.query_one("#who", Input).focus()
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press(*keys)
    await pilot.pause()


def message(app) -> str:
    return text_of(app.main.query_one("#message", Static))


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
        await person(pilot, "ana", [])  # the same person again
        assert "already voted" in message(app)
        assert app.screen is app.main and len(ballots(session_path)) == 3


async def test_anonymous_only_where_the_poll_allows(session_path: Path, clock: FakeClock) -> None:
    for args in (["start"], ["goto", "pick"]):
        cli("control", str(session_path), *args)
    app = make_app(session_path, clock=clock, watch=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await person(pilot, "anonymous", [])
        assert "not anonymous" in message(app)
        assert cli("control", str(session_path), "goto", "fist").returncode == 0
        await pilot.pause(0.2)
        await person(pilot, "Anonymous", ["down", "enter"])
        assert "recorded" in message(app)
        assert "name" not in ballots(session_path)[0] and ballots(session_path)[0]["value"] == [1]


async def test_leaving_needs_the_facilitators_code(session_path: Path, clock: FakeClock) -> None:
    app = make_app(session_path, clock=clock, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+q")
        await pilot.press(*"WRONG1", "enter")
        assert app.is_running
        assert "not the facilitator's code" in text_of(app.screen.query_one("#leave-error", Static))
        assert app.session.state().code not in (app.session.facilitator_code(),)
        await pilot.press(*app.session.facilitator_code(), "enter")
        await pilot.pause()
        assert not app.is_running


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
