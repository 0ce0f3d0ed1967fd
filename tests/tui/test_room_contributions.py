"""What the room makes, on the screens: the facilitator merges and hides ideas and calls the
next hand; a participant adds an idea, upvotes a question and raises a hand; the room display
shows the ideas as cards or a word cloud (snapshots), and never a name."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList

from tests import by_name
from tests.support import room_plan
from tests.tui.conftest import CODE, FakeClock, screen_text
from tests.tui.test_snapshots import Fixed
from workshop import sessions
from workshop.tui import display, facilitator, participant
from workshop.tui.widgets.room_panel import RoomPanel

IDEAS = [
    ("Ana", "More coaching"),
    ("Bo", "Fewer metrics"),
    ("Cy", "more coaching."),
    ("Di", "Shadow a peer"),
    ("Ed", "Quiet hour [b]now[/b]"),
]


@pytest.fixture(autouse=True)
def state_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return tmp_path / "state"


def brainstorm(folder: Path, clock, step: str = "ideas", plan=None) -> sessions.Session:
    path = sessions.create(plan or room_plan(), folder, "room", "Sam", clock=clock, code=CODE)
    s = sessions.Session.open(path, clock)
    s.start()
    s.goto(step)
    for name, text in IDEAS:
        by_name.idea(s, name, text)
    return s


@pytest.mark.slow
async def test_the_facilitator_merges_hides_and_calls_the_next_hand(tmp_path: Path, clock: FakeClock) -> None:
    s = brainstorm(tmp_path, clock)
    by_name.hand(s, "Bo")
    by_name.hand(s, "Cy")
    app = facilitator.make_app(s.path, clock=clock, bell=False, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = app.query_one(RoomPanel)
        assert panel.display and panel.chosen_id() == "i5"  # the newest idea is selected
        shown = screen_text(app)
        assert "Quiet hour [b]now[/b]" in shown and "✋ Bo, Cy" in shown
        await pilot.press("comma", "comma")
        assert panel.chosen_id() == "i3"
        await pilot.press("M")
        app.screen.query_one(Input).value = "1"
        await pilot.press("enter")
        await pilot.pause()
        s.refresh()
        assert s.state().room.idea("i3").merged_into == "i1"
        assert "×2" in screen_text(app)
        assert panel.chosen_id() == "i1"  # the selection followed the merge
        await pilot.press("full_stop", "full_stop")  # i2, i4
        await pilot.press("h")
        s.refresh()
        assert s.state().room.idea("i4").hidden
        await pilot.press("w")
        await pilot.pause()
        s.refresh()
        assert s.state().room.called.name == "Bo" and [h.name for h in s.state().room.hands] == ["Cy"]
        assert "✋ Cy" in screen_text(app)
        await pilot.press("n")  # the poll opens with the remaining ideas
        await pilot.pause()
        s.refresh()
        assert s.state().poll.poll.options == ("More coaching", "Fewer metrics", "Quiet hour [b]now[/b]")


@pytest.mark.slow
async def test_the_facilitator_corrects_an_idea_and_withdraws_one_emptied(tmp_path: Path, clock: FakeClock) -> None:
    s = brainstorm(tmp_path, clock)
    app = facilitator.make_app(s.path, clock=clock, bell=False, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.query_one(RoomPanel).chosen_id() == "i5"
        await pilot.press("X", "enter")  # the words as they were: nothing to do
        await pilot.pause()
        s.refresh()
        assert not s.state().room.idea("i5").edited
        await pilot.press("X")
        app.screen.query_one(Input).value = "Quiet hour"
        await pilot.press("enter")
        await pilot.pause()
        s.refresh()
        assert (s.state().room.idea("i5").text, s.state().room.idea("i5").edited) == ("Quiet hour", True)
        assert [str(n.message)[:14] for n in app._notifications] == ["Idea i5 edited"]  # with a capital
        await pilot.press("X")
        app.screen.query_one(Input).value = ""
        await pilot.press("enter")
        await pilot.pause()
        s.refresh()
        assert s.state().room.idea("i5") is None  # withdrawn: the room lists it no more


async def test_the_facilitator_sees_questions_by_upvotes_and_marks_one_answered(
    tmp_path: Path, clock: FakeClock
) -> None:
    path = sessions.create(room_plan(), tmp_path, "room", "Sam", clock=clock, code=CODE)
    s = sessions.Session.open(path, clock)
    s.start()
    s.goto("questions")
    by_name.ask(s, "Ana", "Who decides?")
    by_name.ask(s, "Bo", "When?", anonymous=True)
    by_name.upvote(s, "Cy", "q2")
    by_name.react(s, "Cy", "louder")
    app = facilitator.make_app(path, clock=clock, bell=False, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        shown = screen_text(app)
        assert shown.index("When?") < shown.index("Who decides?") and "anonymous" in shown
        assert "Reactions: louder 1" in shown
        assert app.query_one(RoomPanel).chosen_id() == "q2"
        await pilot.press("d")
        s.refresh()
        assert s.state().room.question("q2").answered
        await pilot.press("Q")
        s.refresh()
        assert s.state().room.qa


async def join(pilot, name: str = "Ana") -> None:
    app = pilot.app
    app.screen.query_one("#code", Input).value = CODE
    await pilot.press("enter")
    app.screen.query_one("#name", Input).value = name
    await pilot.press("enter")
    await pilot.pause()


@pytest.mark.slow
async def test_a_participant_adds_an_idea_upvotes_and_raises_a_hand(tmp_path: Path, clock: FakeClock) -> None:
    s = brainstorm(tmp_path, clock)
    app = participant.make_app(s.path, clock=clock, watch=False, shared=True)
    async with app.run_test(size=(80, 30)) as pilot:
        await join(pilot, "Fay")
        main = app.main
        idea = main.query_one("#idea", Input)
        assert idea.display and not main.query_one("#ask", Input).display
        idea.focus()
        await pilot.press(*"Walk the floor", "enter")
        await pilot.pause()
        s.refresh()
        assert s.state().room.ideas[-1].text == "Walk the floor" and s.state().room.ideas[-1].name == "Fay"
        assert idea.value == "" and "6 ideas so far" in screen_text(app)
        await pilot.press("ctrl+r")
        await pilot.pause()
        s.refresh()
        assert [h.name for h in s.state().room.hands] == ["Fay"]
        assert "Your hand is up: 1 in the queue" in screen_text(app)
        s.goto("questions")
        by_name.ask(s, "Bo", "Who decides?")
        by_name.ask(s, "Cy", "When?")
        app.session.refresh()
        app.render_state()
        await pilot.pause()
        ask = main.query_one("#ask", Input)
        main.query_one("#ask-anonymous").value = True
        ask.focus()
        await pilot.press(*"Who pays?", "enter")
        await pilot.pause()
        s.refresh()
        assert s.state().room.question("q3").name == "" and "(without your name)" in screen_text(app)
        questions = main.query_one("#questions", OptionList)
        assert questions.display and not idea.display
        questions.focus()
        questions.highlighted = 1
        await pilot.press("enter")
        await pilot.pause()
        s.refresh()
        assert s.state().room.question("q2").votes == 1
        assert "upvoted q2" in screen_text(app)
        await pilot.press("enter")  # q2 is now first (most upvotes): a second upvote is ignored, and said so
        await pilot.pause()
        assert "already upvoted" in screen_text(app)
        await pilot.press("ctrl+e")
        await pilot.press("enter")  # agree
        await pilot.pause()
        s.refresh()
        assert s.state().room.reactions == {"room/questions": {"agree": 1}}


@pytest.mark.parametrize("step", ["ideas", "secret"])
def test_room_display_cards_and_cloud(snap_compare, tmp_path: Path, step: str) -> None:
    clock = Fixed()
    s = brainstorm(tmp_path, clock, step)
    if step == "ideas":
        s.merge("i3", "i1")
    clock.now += dt.timedelta(seconds=40)
    app = display.make_app(s.path, clock=clock, watch=False)

    async def no_names(pilot) -> None:
        await pilot.pause()
        shown = screen_text(app)
        assert "Ana" not in shown and "Quiet hour [b]now[/b]" in shown or "QUIET" in shown.upper()

    assert snap_compare(app, terminal_size=(100, 30), run_before=no_names)
