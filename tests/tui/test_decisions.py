"""Decisions on the facilitator's screen: an owner and a due date for an action item (key u),
and a consent poll with blocks offering an objections round (o) and a new round (v), with the
rounds side by side on the facilitator's screen and the room display."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests import by_name
from tests.engine.test_consent import MODULE
from tests.tui.conftest import CODE, FakeClock, screen_text, text_of, unwrapped
from workshop import sessions
from workshop.content import document, schema
from workshop.content.model import Agenda, AgendaItem, Plan
from workshop.journal import store
from workshop.tui.display import make_app as make_room
from workshop.tui.facilitator import make_app
from workshop.tui.widgets.notes import NotesList
from workshop.tui.widgets.poll import PollPanel


@pytest.fixture
def deciding(tmp_path: Path, clock: FakeClock) -> Path:
    module = schema.check_module(document.parse(MODULE.encode(), "decide.toml"))
    plan = Plan(Agenda("decide", "Decide", dt.time(9), (AgendaItem("decide"),)), (module,))
    path = sessions.create(plan, tmp_path / "sessions", "decide", "Sam", clock=clock, code=CODE)
    sessions.Session.open(path, clock).start()
    return path


@pytest.mark.slow
async def test_u_gives_the_selected_note_an_owner_and_a_due_date(deciding: Path, clock: FakeClock) -> None:
    sessions.Session.open(deciding, clock).note(None, "Book the WFM review")
    app = make_app(deciding, clock=clock, bell=False, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("u")
        await pilot.pause()
        await pilot.press(*"Ana 2026-12-15", "enter")
        await pilot.pause()
        note = app.session.state().notes[0]
        assert (note.action, note.owner, note.due) == (True, "Ana", "2026-12-15")
        assert "→ Ana, due 2026-12-15" in text_of(app.query_one(NotesList))
        await pilot.press("u")
        await pilot.pause()
        await pilot.press("ctrl+u", *"2026-13-01", "enter")  # not a date: said at once, nothing written
        await pilot.pause()
        assert "2026-13-01 is not a day of the calendar" in screen_text(app)
        await pilot.press("escape")
        assert [e["type"] for e in store.load(deciding).events].count("action") == 1


@pytest.mark.slow
async def test_blocks_offer_an_objections_round_then_a_new_round(deciding: Path, clock: FakeClock) -> None:
    live = sessions.Session.open(deciding, clock)
    for name, value in (("Ana", "1"), ("Bo", "4"), ("Cy", "0")):
        by_name.vote(live, name, [value])
    app = make_app(deciding, clock=clock, bell=False, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = text_of(app.query_one(PollPanel))
        assert "2 under 3: no consent yet · o: objections round · v: vote again" in panel
        await pilot.press("o")
        await pilot.pause()
        state = app.session.state()
        assert state.step.spec.title == "Objections round" and state.step.spec.kind == "notes"
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("enter")  # the proposal as it was
        await pilot.pause()
        state = app.session.state()
        assert state.step.qid == "decide/agree" and state.poll.round == 2 and state.poll.status == "open"
        for name, value in (("Ana", "3"), ("Bo", "4"), ("Cy", "3")):
            by_name.vote(live, name, [value])
        app.session.refresh()
        app.render_state()
        await pilot.pause()
        assert "Round 2 · round 1: 2 under 3; round 2: consent" in text_of(app.query_one(PollPanel))
    room = make_room(deciding, clock=clock, watch=False)
    async with room.run_test(size=(120, 40)) as pilot:
        assert "Round 2" in screen_text(room) and "under 3" not in screen_text(room)  # hidden until closed
        live.poll_action("close")
        room.session.refresh()
        room.render_state()
        await pilot.pause()
        assert "Round 2 · round 1: 2 under 3; round 2: consent" in screen_text(room)
        assert "objections round" not in screen_text(room)


@pytest.mark.slow
async def test_after_consent_on_a_revote_n_moves_on_past_the_objections_round(deciding: Path, clock: FakeClock) -> None:
    live = sessions.Session.open(deciding, clock)
    for name, value in (("Ana", "1"), ("Bo", "4")):
        by_name.vote(live, name, [value])
    app = make_app(deciding, clock=clock, bell=False, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        for name, value in (("Ana", "4"), ("Bo", "4")):
            by_name.vote(live, name, [value])
        app.session.refresh()
        await pilot.press("n")
        await pilot.pause()
        assert app.session.state().step.spec.title == "Pick"  # the next step, not the round already held
        await pilot.press("p")
        await pilot.pause()
        assert app.session.state().step.spec.title == "Do we agree?"  # and back over it too
        await pilot.press("g")
        await pilot.pause()
        await pilot.press("down", "enter")  # asked for by name, it is entered again
        await pilot.pause()
        assert app.session.state().step.spec.title == "Objections round"


@pytest.mark.slow
async def test_the_owner_dialog_reads_dates_as_typed_and_says_so_before_saving(
    deciding: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reproduction: 'Bo Chen 15/12/2026' once became an owner of that name with no due date."""
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")
    sessions.Session.open(deciding, clock).note(None, "Book the WFM review")
    app = make_app(deciding, clock=clock, bell=False, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("u")
        await pilot.pause()
        await pilot.press(*"Bo Chen 15/12/2026")
        await pilot.pause()
        assert "owner Bo Chen · due Tue 15 Dec 2026" in unwrapped(screen_text(app))
        await pilot.press("enter")
        await pilot.pause()
        note = app.session.state().notes[0]
        assert (note.owner, note.due) == ("Bo Chen", "2026-12-15")
        monkeypatch.setenv("LC_ALL", "C")  # a locale that says no day/month order
        await pilot.press("u")
        await pilot.pause()
        assert app.screen.query_one("#text").value == "Bo Chen Tue 15 Dec 2026"  # as it stands, to correct
        await pilot.press("ctrl+u", *"WFM team 05/06/2027")
        await pilot.pause()
        assert "could be Sat 5 Jun 2027 or Thu 6 May 2027" in text_of(app.screen.query_one("#reading"), 200)
        await pilot.press("enter")  # refused: the dialog stays, nothing is written
        await pilot.pause()
        assert app.session.state().notes[0].owner == "Bo Chen"
