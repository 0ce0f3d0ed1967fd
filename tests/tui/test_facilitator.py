"""The facilitator's screen, driven with Pilot through a whole short agenda while participants
vote from other processes. Each test checks what the screen shows and what the journal holds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.widgets import Digits

from tests.tui.conftest import CODE, FakeClock, cli, screen_text, text_of, wait_for
from workshop import sessions
from workshop.engine import events as vocabulary
from workshop.journal import store
from workshop.sessions import people, who
from workshop.tui.facilitator import make_app
from workshop.tui.widgets.join import JoinBar
from workshop.tui.widgets.keys import KeyBar
from workshop.tui.widgets.notes import NotesList
from workshop.tui.widgets.poll import PollPanel
from workshop.tui.widgets.rail import AgendaRail
from workshop.tui.widgets.step import StepPanel
from workshop.tui.widgets.timer import BigTimer


def journal(path: Path) -> list[dict]:
    return store.load(path).events


def types(path: Path) -> list[str]:
    return [e["type"] for e in journal(path)]


@pytest.mark.slow
async def test_start_pause_extend_and_the_timer(session_path: Path, clock: FakeClock) -> None:
    app = make_app(session_path, clock=clock, bell=False, watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        timer = app.query_one(BigTimer)
        assert "not started" in text_of(timer.query_one("#timer-status"))
        await pilot.press("n")
        assert types(session_path) == ["start"]
        assert app.query_one("#digits", Digits).value == "02:00"
        assert "Intro" in text_of(app.query_one("#step-title"))
        clock.advance(30)
        app.tick()
        assert app.query_one("#digits", Digits).value == "01:30"
        await pilot.press("space")
        assert types(session_path)[-1] == "pause"
        clock.advance(120)
        app.tick()
        assert app.query_one("#digits", Digits).value == "01:30"
        assert "PAUSED" in text_of(timer.query_one("#timer-status"))
        await pilot.press("space")
        await pilot.press("plus")
        assert journal(session_path)[-1] == {**journal(session_path)[-1], "type": "extend", "seconds": 60}
        assert app.query_one("#digits", Digits).value == "02:30"
        clock.advance(115)
        app.tick()
        assert timer.has_class("amber")  # 35 s of 180 left: under 20 %
        clock.advance(30)
        app.tick()
        assert timer.has_class("red")  # 5 s left: under 5 %
        clock.advance(20)
        app.tick()
        assert app.query_one("#digits", Digits).value == "+00:15"
        assert timer.has_class("overtime")
        await pilot.press("minus")
        assert app.query_one("#digits", Digits).value == "+01:15"


@pytest.mark.slow
async def test_going_back_resumes_the_step_and_the_rail_marks_it(session_path: Path, clock: FakeClock) -> None:
    app = make_app(session_path, clock=clock, bell=False, watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        clock.advance(50)
        await pilot.press("n")  # on to the first poll, 70 s of the intro unused
        rail = text_of(app.query_one(AgendaRail).query_one("#steps"))
        assert "✓ Intro" in rail and "▶ Pick one" in rail
        clock.advance(10)
        await pilot.press("p")
        assert app.query_one("#digits", Digits).value == "01:10"
        assert [e.get("via") for e in journal(session_path) if e["type"] == "goto"] == ["next", "prev"]


@pytest.mark.e2e
async def test_every_vote_kind_with_ballots_from_other_processes(session_path: Path, clock: FakeClock) -> None:
    app = make_app(session_path, clock=clock, bell=False, watch=True)
    ballots = {
        "pick": [("Ana", ["2"]), ("Bo", ["Planning"]), ("Cy", ["Quality"])],
        "many": [("Ana", ["1", "3"]), ("Bo", ["Coaching"])],
        "fist": [("Ana", ["4"]), ("Bo", ["2"])],
        "dots": [("Ana", ["Coaching=3", "Quality=2"]), ("Bo", ["Planning=2"])],
        "order": [
            ("Ana", ["Trust", "Goals", "Change", "Letting go"]),
            ("Bo", ["Goals", "Trust", "Letting go", "Change"]),
        ],
        "word": [("Ana", ["Coaching"]), ("Bo", ["coaching."]), ("Cy", ["speed"])],
    }
    expected = {
        "pick": ["Planning", "2 votes · 67%"],
        "many": ["Coaching", "2 votes · 100%"],
        "fist": ["mean 3.0 · median 3"],
        "dots": ["Coaching", "3 dots · 43%"],
        "order": ["Trust", "5 points · 42%"],  # Borda: 3 + 2, of 12 points given
        "word": ["Coaching", "2 answers · 67%"],
    }
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        for step_id, cast in ballots.items():
            await pilot.press("n")
            panel = app.query_one(PollPanel)
            assert app.session.state().step.spec.id == step_id
            for name, value in cast:
                done = cli("vote", str(session_path), "--name", name, *value)
                assert done.returncode == 0, done.stderr
            await wait_for(pilot, lambda n=len(cast), panel=panel: f"{n} voted" in text_of(panel))
            shown = text_of(panel)
            poll = app.session.state().poll
            if poll.poll.reveal != "live":
                assert "Results hidden" in shown
                assert expected[step_id][0] not in shown.split("Options:")[0].split("voted")[-1]
                await pilot.press("r")
                assert types(session_path)[-1] == "reveal"
            shown = text_of(panel)
            for fragment in expected[step_id]:
                assert fragment in shown, (step_id, fragment, shown)
            counted = [e for e in journal(session_path) if e["type"] == "ballot" and e["poll"] == f"polls/{step_id}"]
            assert len(counted) == len(cast)
            if poll.poll.anonymous:
                assert all("name" not in e for e in counted)
        assert "0 here" in text_of(app.query_one(JoinBar))  # command-line voters never said they are here


@pytest.mark.e2e
async def test_close_reopen_and_late_ballots(session_path: Path, clock: FakeClock) -> None:
    app = make_app(session_path, clock=clock, bell=False, watch=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", "n")
        await pilot.press("c")
        assert types(session_path)[-1] == "close"
        refused = cli("vote", str(session_path), "--name", "Ana", "1")
        assert refused.returncode == 2 and "closed" in refused.stderr
        assert "poll closed" in text_of(app.query_one(PollPanel))
        app.main.action_reopen_poll()
        assert "poll open" in text_of(app.query_one(PollPanel))
        ana = sessions.Session.open(session_path)
        ana.present(ana.join("Ana"))  # Ana's screen is here...
        who.keep(ana, ana.person("Ana"))
        assert cli("vote", str(session_path), "--name", "Ana", "1").returncode == 0  # ...and she votes
        await wait_for(pilot, lambda: "1 voted · 1 here" in text_of(app.query_one(PollPanel)))
        assert "everyone has voted" in text_of(app.query_one(PollPanel))


@pytest.mark.slow
async def test_notes_action_items_and_literal_participant_text(session_path: Path, clock: FakeClock) -> None:
    app = make_app(session_path, clock=clock, bell=False, watch=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        await pilot.press("a")
        await pilot.press(*"Book the coaching room")
        await pilot.press("enter")
        hostile = "[@click=app.quit]Ana[/] [bold red]x[/]"
        live = sessions.Session.open(session_path, clock)
        person = people.newcomer(hostile)
        with live.changing() as write:  # a file written by hand: every verb keeps only a name's letters
            write(vocabulary.JoinEvent(participant=person.token, name=hostile, proof=person.proof))
        live.note_as(live.adopt(person), "see [link=http://e]here[/link]")
        notes = app.query_one(NotesList)
        await wait_for(pilot, lambda: "see [link=http://e]here[/link]" in text_of(notes))
        shown = text_of(notes)
        assert hostile in shown  # shown literally: the markup did nothing
        assert shown.index("see [link") < shown.index("Book the coaching room")  # newest first
        assert app.is_running
        await pilot.press("right_square_bracket")  # the next note down: the facilitator's own
        assert app.focused is not notes
        await pilot.press("m")
        events = journal(session_path)
        mine = next(e for e in events if e["type"] == "note" and e["author"] == "facilitator")
        assert events[-1] == {**events[-1], "type": "action", "note": mine["note"], "on": True}
        assert "★ facilitator: Book the coaching room" in text_of(notes)


@pytest.mark.slow
async def test_facilitator_notes_hide_and_the_session_ends(session_path: Path, clock: FakeClock) -> None:
    app = make_app(session_path, clock=clock, bell=False, watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        step = app.query_one(StepPanel)
        await pilot.press("f")
        assert not step.query_one("#facilitator-notes").display
        await pilot.press("e", "y")
        assert types(session_path)[-1] == "end"
        assert "ended" in text_of(app.query_one(BigTimer).query_one("#timer-status"))
        await pilot.press("n")
        assert types(session_path)[-1] == "end"  # nothing more is written


@pytest.mark.slow
async def test_reopening_a_session_returns_to_the_same_step_and_time(session_path: Path, clock: FakeClock) -> None:
    app = make_app(session_path, clock=clock, bell=False, watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "n")
        clock.advance(45)
        app.tick()
        before = app.query_one("#digits", Digits).value
    again = make_app(session_path, clock=clock, bell=False, watch=False)
    async with again.run_test(size=(100, 30)):
        assert again.query_one("#digits", Digits).value == before == "01:15"
        assert again.session.state().step.spec.id == "pick"
        assert f"code {CODE}" in text_of(again.query_one(JoinBar))


@pytest.mark.e2e
async def test_the_screen_keeps_updating_while_a_dialog_is_open(session_path: Path, clock: FakeClock) -> None:
    app = make_app(session_path, clock=clock, bell=False, watch=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "g")  # the go-to dialog stays open
        clock.advance(30)
        app.tick()
        assert cli("note", str(session_path), "--name", "Ana", "while the dialog is open").returncode == 0
        await wait_for(pilot, lambda: "while the dialog is open" in text_of(app.main.notes_list))
        assert app.query_one(BigTimer).query_one("#digits", Digits).value == "01:30"
        await pilot.press("escape")
        assert app.is_running


async def test_the_join_bar_shows_the_browser_address_once_serving(session_path: Path, clock: FakeClock) -> None:
    app = make_app(session_path, clock=clock, bell=False, watch=True)
    async with app.run_test(size=(160, 45)) as pilot:
        assert "or open" not in text_of(app.query_one(JoinBar))
        sessions.Session.open(session_path).announce("http://localhost:8123")
        await wait_for(pilot, lambda: "or open http://localhost:8123" in text_of(app.query_one(JoinBar)))


@pytest.mark.slow
async def test_every_key_is_on_screen_at_80_by_24_and_a_click_presses_it(session_path: Path, clock: FakeClock) -> None:
    app = make_app(session_path, clock=clock, bell=False, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        bar = app.query_one(KeyBar)
        lines = bar.render().plain.splitlines()
        assert bar.region.bottom <= 24 and len(lines) == bar.region.height
        assert all(len(line) <= 80 for line in lines)
        shown = " ".join(lines)
        for binding in (b for b in app.main.BINDINGS if b.show):  # PgUp is left out: PgDn's pair
            label = app.main.key_label(binding.action, binding.description)  # "n Start" before the start
            assert f" {binding.key_display or binding.key} {label} " in f"{shown} "
        assert "^p palette" in shown
        row = next(y for y, line in enumerate(lines) if " n Start " in line)
        await pilot.click(KeyBar, offset=(lines[row].index(" n Start ") + 4, row))
        assert types(session_path) == ["start"]
        assert "Intro" in text_of(app.query_one("#step-title"))


@pytest.mark.slow
async def test_a_dialog_is_sized_to_its_text(session_path: Path, clock: FakeClock) -> None:
    """The reset question was clipped ("...stay in the fil") in a fixed-width dialog."""
    app = make_app(session_path, clock=clock, bell=False, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "n")
        app.main.action_reset_poll()
        await wait_for(pilot, lambda: "Reset this poll?" in screen_text(app))
        flowing = re.sub(r"[\s█▀▄]+", " ", screen_text(app))  # the dialog's lines read as one text
        assert "Reset this poll? Its ballots stop counting (they stay in the file)." in flowing
