"""The facilitator's day without trip wires, on the screen: Go to at 80x24 scrolls to the step
it highlights and keeps its key line in sight, says truthfully what became of each step under
module headings; a note and an action's owner and due date corrected from the keyboard show in
the report, the calendar export and replay."""

from __future__ import annotations

from pathlib import Path

import pytest
from icalendar import Calendar
from textual.widgets import Label

from tests import by_name
from tests.tui.conftest import FakeClock, screen_text, unwrapped, wait_for
from workshop import sessions
from workshop.content import library
from workshop.report import actions, as_markdown
from workshop.sessions import Recording
from workshop.tui.facilitator import make_app


def half_day(tmp_path: Path, clock: FakeClock) -> Path:
    plan = library.plan_for(library.catalog(), "half-day")
    return sessions.create(plan, tmp_path / "sessions", "day", "Sam", clock=clock)


@pytest.mark.slow
async def test_go_to_at_80x24_shows_the_last_step_highlighted_and_its_keys(tmp_path: Path, clock: FakeClock) -> None:
    path = half_day(tmp_path, clock)
    live = sessions.Session.open(path, clock)
    live.start()
    live.next()
    state = live.state()
    last = state.steps[-1]
    app = make_app(path, clock=clock, bell=False, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("g")
        await pilot.pause()
        shown = unwrapped(screen_text(app))
        assert "enter: go · s: skip/unskip · m: move · esc: cancel" in shown
        assert f"{state.steps[1].spec.title[:20]}" in shown and "(now)" in shown  # scrolled to the current step
        assert "(done)" in shown and shown.count("(done)") == 1  # only the step that ran
        await pilot.press("end")
        await pilot.pause()
        shown = unwrapped(screen_text(app))
        assert last.spec.title[:25] in shown
        assert "enter: go · s: skip/unskip · m: move · esc: cancel" in shown
        assert app.screen.chosen() == last.qid
        lines = screen_text(app).splitlines()
        assert sum(line.count(last.module.title[:20]) for line in lines) <= 1  # a heading, not on every line
        await pilot.press("s")  # skips the step in sight, highlighted
        await pilot.pause()
        assert app.session.state().steps[-1].skipped


@pytest.mark.slow
async def test_a_note_and_an_action_corrected_on_screen_show_everywhere(tmp_path: Path, clock: FakeClock) -> None:
    path = half_day(tmp_path, clock)
    live = sessions.Session.open(path, clock)
    live.start()
    live.note(None, "Book the WFM revew")
    live.mark_action(live.state().notes[0].id, True, "Ana", "2026-12-15")
    app = make_app(path, clock=clock, bell=False, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        clock.advance(60)
        await pilot.press("x")
        await pilot.pause()
        asked = unwrapped(screen_text(app))
        assert "Edit your note" in asked and "facilitator's note" not in asked  # the facilitator's own, not by name
        await pilot.press("ctrl+u", *"Book the WFM review", "enter")
        await pilot.pause()
        clock.advance(60)
        await pilot.press("u")
        await pilot.pause()
        await pilot.press("ctrl+u", *"WFM team 2027-01-04", "enter")
        await pilot.pause()
        assert "Book the WFM review" in unwrapped(screen_text(app))
    state = sessions.Session.open(path, clock).state()
    note = state.notes[0]
    assert (note.text, note.owner, note.due, note.edited) == ("Book the WFM review", "WFM team", "2027-01-04", True)
    report = as_markdown(state)
    assert "Book the WFM review" in report and "revew" not in report and "(edited)" in report
    event = Calendar.from_ical(actions.as_ics(state)[0]).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Book the WFM review" and str(event["CONTACT"]) == "WFM team"
    assert event.decoded("DTSTART").isoformat() == "2027-01-04"
    # replay: before the corrections the note read as typed, after them as corrected
    replay = Recording(path).replay
    texts = []
    for count in range(1, len(replay.events) + 1):
        shown = replay.state_at(replay.times[count - 1], count).notes
        if shown:
            texts.append((shown[0].text, shown[0].owner))
    assert texts[0] == ("Book the WFM revew", "") and texts[-1] == ("Book the WFM review", "WFM team")
    assert ("Book the WFM review", "Ana") in texts  # the text was corrected first, then the owner


@pytest.mark.slow
async def test_messages_use_titles_stay_clear_of_results_and_keys_follow_state(
    tmp_path: Path, clock: FakeClock
) -> None:
    from workshop.tui.widgets.poll import PollPanel

    path = half_day(tmp_path, clock)
    live = sessions.Session.open(path, clock)
    live.start()
    poll_step = next(s for s in live.state().steps if s.spec.poll is not None and s.spec.poll.vote == "single")
    live.goto(poll_step.qid)
    for name in ("Ana", "Bo", "Cy"):
        by_name.vote(live, name, ["1"])
    app = make_app(path, clock=clock, bell=False, watch=False)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("r")
        await pilot.pause()
        said = [str(n.message) for n in app._notifications]
        assert said == [f"{poll_step.spec.title}: results shown"]  # its title, not "module/step: reveal"
        await wait_for(pilot, lambda: bool(app.screen.query("Toast")))
        toast = app.screen.query("Toast").last()
        assert said[0] in unwrapped(screen_text(app))
        panel = app.query_one(PollPanel)
        assert not toast.region.overlaps(panel.region)  # the results stay in sight
        assert " space Pause " in screen_text(app)
        await pilot.press("space")
        await pilot.pause()
        assert " space Resume " in screen_text(app) and " space Pause " not in screen_text(app)


@pytest.mark.slow
async def test_before_the_start_the_rail_shows_the_day_as_planned(tmp_path: Path) -> None:
    import datetime as dt

    from workshop.tui.widgets.rail import AgendaRail

    clock = FakeClock()
    clock.now = dt.datetime.now().astimezone().replace(hour=1, minute=0, second=0, microsecond=0)
    path = half_day(tmp_path, clock)
    app = make_app(path, clock=clock, bell=False, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        words = AgendaRail.ends_words(app.query_one(AgendaRail), app.session.state())
        assert words == "plan 09:00–12:40"
        assert " n Start " in screen_text(app)
        clock.advance(3600)  # an hour later, still the plan of the day, not a time from now
        assert AgendaRail.ends_words(app.query_one(AgendaRail), app.session.state()) == "plan 09:00–12:40"


@pytest.mark.slow
async def test_the_owner_line_reads_the_owner_as_it_will_be_stored(tmp_path: Path, clock: FakeClock) -> None:
    """The `u` line said "owner <a 45-letter name> · due …" and enter closed it, then a warning said
    a name is at most 40 characters: what was typed was gone. It says so under the line now, and
    enter keeps the line to shorten; a name is shown as it will be stored, and isolated."""
    path = half_day(tmp_path, clock)
    live = sessions.Session.open(path, clock)
    live.start()
    live.note(None, "Book the WFM review")
    app = make_app(path, clock=clock, bell=False, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("u")
        await pilot.pause()
        await pilot.press(*("Anastasia " * 5 + "friday"), "enter")
        await pilot.pause()
        shown = unwrapped(screen_text(app))
        assert "at most 40 characters" in shown and "Anastasia Anastasia" in shown  # the line is still there
        await pilot.press("ctrl+u", *"محمد علي friday")
        await pilot.pause()
        said = str(app.screen.query_one("#reading", Label).content)
        assert said.startswith("owner \u2068محمد علي\u2069 · due")  # isolated: the date stays on its side
        await pilot.press("ctrl+u", *"Ana & Bo © friday")
        await pilot.pause()
        assert "owner Ana & Bo · due" in unwrapped(screen_text(app))  # the symbol a name drops, dropped
        await pilot.press("enter")
        await pilot.pause()
    assert sessions.Session.open(path, clock).state().notes[0].owner == "Ana & Bo"


@pytest.mark.slow
async def test_the_owner_line_opens_on_an_action_and_enter_keeps_it(tmp_path: Path, clock: FakeClock) -> None:
    """An action owned by Nguyen Thi Thu (given with 'due', or from the command line): `u` opened on
    "Nguyen Thi Thu Tue 15 Dec 2026", refused as two dates ('Thu' is a Thursday), so enter could
    not keep it. The line reads back as the action is now, and enter changes nothing."""
    path = half_day(tmp_path, clock)
    live = sessions.Session.open(path, clock)
    live.start()
    live.note(None, "Book the WFM review")
    live.mark_action(live.state().notes[0].id, True, "Nguyen Thi Thu", "2026-12-15")
    app = make_app(path, clock=clock, bell=False, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("u")
        await pilot.pause()
        said = str(app.screen.query_one("#reading", Label).content).replace("\u2068", "").replace("\u2069", "")
        assert said == "owner Nguyen Thi Thu · due Tue 15 Dec 2026"
        await pilot.press("enter")
        await pilot.pause()
    note = sessions.Session.open(path, clock).state().notes[0]
    assert (note.owner, note.due) == ("Nguyen Thi Thu", "2026-12-15")
