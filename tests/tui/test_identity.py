"""One person, one voice: on a shared channel (the ssh recipe's one account, a browser tab) or
from another account, typing a name someone holds never makes you them; their rejoin code does.
On one's own account the terminal comes back as the same person by itself."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from tests.tui.conftest import CODE, FakeClock, cli, text_of, wait_for
from workshop import sessions
from workshop.engine.guesses import JOIN_CODE
from workshop.journal import store
from workshop.sessions.door import this_terminal
from workshop.tui.participant import make_app


@pytest.fixture(autouse=True)
def state_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return tmp_path / "state"


def ana_votes(path: Path) -> str:
    """Ana votes from the command line on this account; her rejoin code, as she was told it."""
    assert cli("control", str(path), "start").returncode == 0
    assert cli("control", str(path), "goto", "pick").returncode == 0
    done = cli("vote", str(path), "--name", "Ana", "Coaching")
    assert done.returncode == 0, done.stderr
    return re.search(r"rejoin code is (\w+)", done.stderr).group(1)


async def type_in(pilot, name: str, rejoin: str = "", code: str = CODE) -> str:
    screen = pilot.app.screen
    screen.query_one("#code", Input).value = code
    screen.query_one("#name", Input).value = name
    screen.query_one("#rejoin", Input).value = rejoin
    screen.query_one("#name", Input).focus()
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    errors = pilot.app.screen.query("#join-error")
    return text_of(errors.first(Static)) if errors else ""


@pytest.mark.e2e
async def test_a_shared_channel_never_becomes_an_existing_name_without_its_code(
    session_path: Path, clock: FakeClock
) -> None:
    code = ana_votes(session_path)
    app = make_app(session_path, clock=clock, shared=True)  # the browser tab, or the ssh recipe's account
    async with app.run_test(size=(80, 24)) as pilot:
        assert "is taken" in await type_in(pilot, "Ana")
        assert "not the rejoin code" in await type_in(pilot, "Ana", "WRONG1")
        assert app.person is None
        clock.advance(60)  # a wrong code holds the name back a moment (1 s, counted from the CLI's events)
        await wait_for(pilot, lambda: not app.screen.shut, seconds=10)
        assert await type_in(pilot, "ana", code.lower()) == ""  # the rightful person, any case
        assert app.person is not None and app.person.name == "Ana"
        app.session.cast(app.person, "polls/pick", ["Quality"])
    ballots = sessions.Session.open(session_path).state().polls["polls/pick"].ballots
    assert [(b.name, b.value) for b in ballots] == [("Ana", ("Quality",))]  # replaced: still one voice


@pytest.mark.e2e
async def test_another_account_cannot_become_a_name_without_its_code(
    session_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    code = ana_votes(session_path)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "someone-else"))
    app = make_app(session_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "is taken" in await type_in(pilot, "Ana")
        assert await type_in(pilot, "Ana", code) == ""
        assert app.person.name == "Ana"


@pytest.mark.e2e
async def test_one_s_own_terminal_comes_back_as_the_same_person(session_path: Path, clock: FakeClock) -> None:
    ana_votes(session_path)
    app = make_app(session_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        assert await type_in(pilot, "Ana") == ""
        assert app.session.my_ballot(app.person, "polls/pick") == ("Coaching",)


@pytest.mark.slow
async def test_wrong_join_codes_slow_down_and_are_counted(session_path: Path, clock: FakeClock) -> None:
    """Each wrong code shuts the join screen for twice as long as the one before, and is counted
    in the session: a second screen (a new tab, a reconnect) starts where the first stopped."""
    from workshop.tui.facilitator import make_app as facilitator_app
    from workshop.tui.widgets.join import JoinBar

    app = make_app(session_path, clock=clock, shared=True)
    waits = []
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(3):
            screen = pilot.app.screen
            started = time.monotonic()
            said = await type_in(pilot, "Mallory", code="WRONG1")
            assert "not this session's join code" in said and screen.shut
            waits.append(JOIN_CODE.wait(app.session.fold.guesses.codes[this_terminal("x").key], clock().timestamp()))
            await wait_for(pilot, lambda screen=screen: not screen.shut, seconds=60)
            assert time.monotonic() - started >= waits[-1]  # shut for that long
            if len(waits) < 3:
                clock.advance(waits[-1])
        assert app.person is None and waits == [0.5, 1.0, 2.0]
    again = make_app(session_path, clock=clock, shared=True)  # the same client, on a new screen
    async with again.run_test(size=(80, 24)) as pilot:
        assert "too many wrong codes" in await type_in(pilot, "Mallory", code=CODE)  # held: not compared
        assert again.person is None
    events = [e for e in store.load(session_path).events if e["type"] == "wrong-code"]
    assert [(e["channel"], e["client"]) for e in events] == [("browser", this_terminal("x").key)] * 3
    facilitator = facilitator_app(session_path, clock=clock, bell=False, watch=False)
    async with facilitator.run_test(size=(160, 45)):
        assert "3 wrong codes" in text_of(facilitator.query_one(JoinBar))


@pytest.mark.e2e
async def test_notes_after_the_end_are_refused(session_path: Path, clock: FakeClock) -> None:
    live = sessions.Session.open(session_path, clock)
    live.start()
    live.note(None, "before the end")
    live.end()
    for who in (None, "Ana"):
        with pytest.raises(sessions.SessionError, match="has ended"):
            live.note(who, "after the end")
    done = cli("note", str(session_path), "--name", "Bo", "after the end")
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "has ended" in done.stderr
    assert [n.text for n in sessions.Session.open(session_path).state().notes] == ["before the end"]
