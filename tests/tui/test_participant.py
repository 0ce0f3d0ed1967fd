"""The participant's screen, driven with Pilot while the facilitator acts from another process."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from tests.support import polls_plan
from tests.tui.conftest import CODE, FakeClock, cli, text_of, wait_for
from workshop import sessions
from workshop.journal import store
from workshop.tui.participant import ParticipantApp, make_app


@pytest.fixture(autouse=True)
def state_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return tmp_path / "state"


def events(path: Path, type_: str) -> list[dict]:
    return [e for e in store.load(path).events if e["type"] == type_]


def shown(app: ParticipantApp, selector: str) -> str:
    return text_of(app.main.query_one(selector, Static))


async def join(pilot, code: str = CODE, name: str = "Ana") -> None:
    app = pilot.app
    app.screen.query_one("#code", Input).value = code
    await pilot.press("enter")
    app.screen.query_one("#name", Input).value = name
    await pilot.press("enter")
    await pilot.pause()


def control(path: Path, *args: str) -> None:
    done = cli("control", str(path), *args)
    assert done.returncode == 0, done.stderr


@pytest.mark.slow
async def test_a_wrong_code_is_refused(session_path: Path, clock: FakeClock) -> None:
    app = make_app(session_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await join(pilot, code="WRONG1")
        assert "not this session's join code" in text_of(app.screen.query_one("#join-error", Static))
        assert events(session_path, "join") == []
        clock.advance(1)  # past the wait a wrong code costs
        await wait_for(pilot, lambda: not app.screen.shut, seconds=10)
        await join(pilot, code=CODE.lower())  # the code is not case-sensitive
        assert [e["name"] for e in events(session_path, "join")] == ["Ana"]


@pytest.mark.e2e
async def test_a_name_someone_has_is_refused(
    session_path: Path, clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("note", str(session_path), "--name", "Ana", "x").returncode != 0  # not started: nothing written
    control(session_path, "start")
    with monkeypatch.context() as elsewhere:  # Ana is someone on another account
        elsewhere.setenv("XDG_STATE_HOME", str(tmp_path / "ana"))
        assert cli("note", str(session_path), "--name", "Ana", "I am here").returncode == 0
    app = make_app(session_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await join(pilot, name="ana")
        assert "is taken" in text_of(app.screen.query_one("#join-error", Static))
        await join(pilot, name="Ana B")
        assert app.display_name == "Ana B"
        assert len(events(session_path, "join")) == 2


@pytest.mark.e2e
async def test_following_the_facilitator_from_another_process(session_path: Path, clock: FakeClock) -> None:
    app = make_app(session_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await join(pilot)
        assert "Waiting for the facilitator" in shown(app, "#where")
        control(session_path, "start")
        await wait_for(pilot, lambda: "Intro" in shown(app, "#where"))
        assert "Welcome." in shown(app, "#prompt")
        control(session_path, "next")
        await wait_for(pilot, lambda: "Pick one" in shown(app, "#where"))
        control(session_path, "pause")
        await wait_for(pilot, lambda: "paused" in shown(app, "#time"))
        control(session_path, "prev")
        await wait_for(pilot, lambda: "Intro" in shown(app, "#where"))


async def _vote_on(pilot, path: Path, step: str, keys: list[str]) -> None:
    control(path, "goto", step)
    app = pilot.app
    await wait_for(pilot, lambda: app.session.state().step.spec.id == step and bool(app.main.query("BallotForm")))
    await pilot.pause()
    await pilot.press(*keys)
    await pilot.pause()


@pytest.mark.parametrize(
    ("step", "keys", "value"),
    [
        ("pick", ["down", "enter"], ["Planning"]),
        ("many", ["space", "down", "down", "space", "ctrl+s"], ["Coaching", "Quality"]),
        ("fist", ["down", "down", "down", "enter"], [3]),
        ("dots", ["plus", "plus", "down", "plus", "ctrl+s"], ["Coaching", "Coaching", "Planning"]),
        ("order", ["down", "left_square_bracket", "ctrl+s"], ["Goals", "Trust", "Change", "Letting go"]),
        ("word", [*"Coaching", "enter"], ["Coaching"]),
    ],
)
@pytest.mark.e2e
async def test_every_ballot_kind(session_path: Path, clock: FakeClock, step: str, keys: list[str], value: list) -> None:
    control(session_path, "start")
    app = make_app(session_path, clock=clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await join(pilot)
        await _vote_on(pilot, session_path, step, keys)
        await wait_for(pilot, lambda: "your ballot is recorded" in shown(app, "#ballot-status"))
        cast = events(session_path, "ballot")
        assert len(cast) == 1 and cast[0]["value"] == value and cast[0]["poll"] == f"polls/{step}"


@pytest.mark.e2e
async def test_dots_over_budget_and_cap_are_refused_with_a_message(session_path: Path, clock: FakeClock) -> None:
    control(session_path, "start")
    app = make_app(session_path, clock=clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await join(pilot)
        await _vote_on(pilot, session_path, "dots", ["plus"] * 4)
        assert "At most 3 dots on one option" in shown(app, "#budget")
        await pilot.press("down", "plus", "plus", "plus")
        assert "No dots left" in shown(app, "#budget")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "your ballot is recorded" in shown(app, "#ballot-status"))
        assert events(session_path, "ballot")[0]["value"] == ["Coaching"] * 3 + ["Planning"] * 2


@pytest.mark.e2e
async def test_a_refused_ballot_says_why_and_writes_nothing(session_path: Path, clock: FakeClock) -> None:
    control(session_path, "start")
    app = make_app(session_path, clock=clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await join(pilot)
        await _vote_on(pilot, session_path, "order", [])
        form = app.main.query_one("BallotForm")
        form.order = ["Trust", "Trust", "Change", "Goals"]  # as a broken client might send
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "ranked twice" in shown(app, "#ballot-status")
        assert events(session_path, "ballot") == []


@pytest.mark.e2e
async def test_changing_a_ballot_and_a_closed_poll(session_path: Path, clock: FakeClock) -> None:
    control(session_path, "start")
    app = make_app(session_path, clock=clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await join(pilot)
        await _vote_on(pilot, session_path, "pick", ["enter"])
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        values = [e["value"] for e in events(session_path, "ballot")]
        assert values == [["Coaching"], ["Quality"]]
        assert app.session.state().poll.tally.rows[2].value == 1 and len(app.session.state().poll.ballots) == 1
        control(session_path, "close")
        await wait_for(pilot, lambda: "poll is closed" in shown(app, "#ballot-status"))
        assert not app.main.query("BallotForm")
        # results of an on-close poll appear once it closes
        assert "Quality" in shown(app, "#results")


@pytest.mark.e2e
async def test_notes_and_rejoining_as_the_same_person(session_path: Path, clock: FakeClock) -> None:
    control(session_path, "start")
    app = make_app(session_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await join(pilot, name="Bo")
        app.main.query_one("#note", Input).value = "[@click=app.quit]rota[/] please"
        app.main.query_one("#note", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert "[@click=app.quit]rota[/] please" in text_of(app.main.query_one("#my-notes"))
        token = app.token
    again = make_app(session_path, clock=clock)
    async with again.run_test(size=(80, 24)) as pilot:
        await join(pilot, name="Bo")  # the same terminal: the remembered token, not a name clash
        assert again.token == token
        assert len(events(session_path, "join")) == 1


@pytest.mark.e2e
async def test_two_people_on_one_account_stay_two_people(session_path: Path, clock: FakeClock) -> None:
    """The ssh recipe puts a whole room on one account: a different name is a different person,
    and typing your own name again brings your ballots back."""
    control(session_path, "start")
    control(session_path, "goto", "pick")
    tokens = {}
    for name, keys in (("Ana", ["enter"]), ("Bo", ["down", "enter"]), ("ana", [])):
        app = make_app(session_path, clock=clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await join(pilot, name=name)
            await wait_for(pilot, lambda app=app: bool(app.main.query("BallotForm")))
            await pilot.press(*keys)
            await pilot.pause()
            tokens[name] = app.token
            if not keys:
                assert "recorded" in shown(app, "#ballot-status")  # Ana's ballot, from before
    assert tokens["Ana"] != tokens["Bo"] and tokens["ana"] == tokens["Ana"]
    assert [e["name"] for e in events(session_path, "join")] == ["Ana", "Bo"]
    assert [(e["participant"], e["value"]) for e in events(session_path, "ballot")] == [
        (tokens["Ana"], ["Coaching"]),
        (tokens["Bo"], ["Planning"]),
    ]


@pytest.mark.e2e
async def test_join_without_a_session_offers_the_live_ones(tmp_path: Path, clock: FakeClock) -> None:
    folder = tmp_path / "sessions"
    morning = sessions.create(polls_plan(), folder, "morning", clock=clock, code="AAAAAA")
    afternoon = sessions.create(polls_plan("Afternoon [b]group[/b]"), folder, "afternoon", clock=clock, code="BBBBBB")
    ended = sessions.create(polls_plan("Yesterday"), folder, "yesterday", clock=clock)
    control(ended, "start")
    control(ended, "end")
    os.utime(morning, (1, 1))  # the afternoon session was active last: it is offered first
    app = make_app(live=sessions.live_sessions(folder), clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        offered = text_of(app.screen.query_one("#sessions"))
        assert "Afternoon [b]group[/b]" in offered and "Every kind of poll" in offered
        assert "Yesterday" not in offered
        assert offered.index("afternoon") < offered.index("morning")
        await pilot.press("down", "enter")
        await pilot.pause()
        await join(pilot, code="AAAAAA", name="Cy")
        assert app.token and app.session.path == morning
        assert [e["name"] for e in events(morning, "join")] == ["Cy"] and events(afternoon, "join") == []


@pytest.mark.e2e
def test_join_without_a_session_when_none_is_live(tmp_path: Path) -> None:
    done = cli("join", "--sessions-dir", str(tmp_path / "sessions"))
    assert done.returncode == 2
    assert done.stderr.strip().startswith("error: no live session in") and "Traceback" not in done.stderr


@pytest.mark.parametrize(("name", "kept"), [("Bob [/x]", "Bob x"), ("[@click=app.quit]Eve", "clickapp.quitEve")])
@pytest.mark.e2e
async def test_a_taken_name_that_looks_like_markup_is_quoted_as_kept(
    session_path: Path, clock: FakeClock, name: str, kept: str
) -> None:
    """A name keeps letters, digits and a little punctuation: markup's brackets go, and what is
    left is quoted as text."""
    control(session_path, "start")
    assert cli("note", str(session_path), "--name", name, "first").returncode == 0
    app = make_app(session_path, clock=clock, shared=True)  # a browser tab: the name is someone else's
    async with app.run_test(size=(80, 24)) as pilot:
        await join(pilot, name=name)
        assert app.is_running
        assert f"the name “{kept}” is taken" in text_of(app.screen.query_one("#join-error", Static))


@pytest.mark.e2e
async def test_a_queued_ballot_is_refused_when_the_facilitator_moved_on(session_path: Path, clock: FakeClock) -> None:
    """The ballot names the poll its form was built for. If the facilitator's `next` is folded
    before the ballot's message is handled, the ballot is refused, never cast on the next poll
    (whose options it would fit: "Coaching" is a valid ballot on both)."""
    control(session_path, "start")
    control(session_path, "goto", "pick")
    app = make_app(session_path, clock=clock, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await join(pilot)
        form = app.main.query_one("BallotForm")
        form.action_cast()  # queued: "Coaching", the highlighted first option of "pick"
        sessions.Session.open(session_path, clock).next()  # the facilitator, elsewhere
        app.session.refresh()  # the follower folds the move before the ballot is handled
        await pilot.pause()
        assert events(session_path, "ballot") == []
        assert "closed" in shown(app, "#ballot-status")
        assert app.session.state().polls["polls/many"].ballots == ()
