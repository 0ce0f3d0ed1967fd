"""Replay, driven with Pilot over a recorded session: what it shows at an instant is what the
engine says for that instant, jumping and scrubbing land on the right state, a live file is
followed, and the session file is never touched."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from textual.widgets import Digits

from tests.support import polls_plan, record_session
from tests.tui.conftest import cli, text_of, wait_for
from workshop import sessions
from workshop.engine.state import fold
from workshop.engine.views import SessionState
from workshop.journal import store
from workshop.tui.replay import make_app
from workshop.tui.widgets.poll import PollPanel
from workshop.tui.widgets.rail import AgendaRail
from workshop.tui.widgets.timeline import Timeline

LATER = 1_900_000_000.0  # "now" for a finished session: long after it


@pytest.fixture
def recorded(tmp_path: Path) -> Path:
    return record_session(tmp_path / "sessions")


def engine_at(path: Path, count: int, at: float) -> SessionState:
    """The engine's own answer, by a path that shares nothing with the replay app."""
    loaded = store.load(path)
    return fold(loaded.header, loaded.events[:count], at)


def assert_screen_shows(app, state: SessionState) -> None:
    step = state.step
    assert state.status == app.main.state.status
    if step is None:
        assert app.query_one("#digits", Digits).value == "--:--"
        return
    left = step.remaining
    whole = math.ceil(left) if left >= 0 else math.floor(left)
    minutes, seconds = divmod(abs(whole), 60)
    assert app.query_one("#digits", Digits).value == f"{'+' if whole < 0 else ''}{minutes:02d}:{seconds:02d}"
    assert step.spec.title in text_of(app.query_one("#step-title"))
    marked = [line for line in text_of(app.query_one(AgendaRail).query_one("#steps")).splitlines() if "▶" in line]
    assert len(marked) == 1 and step.spec.title in marked[0]
    poll = state.poll
    shown = text_of(app.query_one(PollPanel))
    if poll is not None:
        assert f"{len(poll.ballots)} voted · {len(state.here)} here" in shown
        assert ("Results hidden" in shown) != (
            poll.revealed or poll.poll.reveal == "live" or (poll.poll.reveal == "on-close" and poll.status == "closed")
        )
    notes = text_of(app.query_one("#notes"))
    for note in state.notes:
        assert (note.text in notes) == (note.step == step.qid)


@pytest.mark.slow
async def test_every_step_boundary_shows_what_the_engine_says(recorded: Path) -> None:
    app = make_app(recorded, watch=False, wall=lambda: LATER)
    async with app.run_test(size=(120, 40)) as pilot:
        assert_screen_shows(app, engine_at(recorded, 0, app.main.replay.start))
        for entry in app.main.replay.entries:
            await pilot.press("n")  # the next step boundary
            assert (app.main.at, app.main.count) == (entry.at, entry.count)
            assert_screen_shows(app, engine_at(recorded, entry.count, entry.at))
            await pilot.press("right")  # and ten seconds into the step
            assert_screen_shows(app, engine_at(recorded, app.main.count, app.main.at))
        await pilot.press("p", "p")
        entry = app.main.replay.entries[-3]
        assert (app.main.at, app.main.count) == (entry.at, entry.count)


@pytest.mark.slow
async def test_stepping_by_event_takes_simultaneous_events_one_at_a_time(recorded: Path) -> None:
    app = make_app(recorded, watch=False, wall=lambda: LATER)
    async with app.run_test(size=(120, 40)) as pilot:
        for count in range(1, len(app.main.replay.events) + 1):
            await pilot.press("full_stop")
            assert app.main.count == count
            assert_screen_shows(app, engine_at(recorded, count, app.main.at))
        await pilot.press("comma")
        assert app.main.count == len(app.main.replay.events) - 1


@pytest.mark.slow
async def test_jump_from_the_rail_and_the_step_picker_and_scrub_the_timeline(recorded: Path) -> None:
    app = make_app(recorded, watch=False, wall=lambda: LATER)
    async with app.run_test(size=(120, 40)) as pilot:
        rank = app.main.replay.entries[5]
        rail = app.query_one(AgendaRail)
        rail.post_message(AgendaRail.StepChosen(rail, "polls/order"))
        await pilot.pause()
        assert (app.main.at, app.main.count) == (rank.at, rank.count) and app.main.state.step.qid == "polls/order"
        await pilot.press("g")
        await pilot.press("home", "enter")  # the first step in the picker: Intro
        await pilot.pause()
        assert app.main.state.step.qid == "polls/intro" and app.main.at == app.main.replay.start
        timeline = app.query_one(Timeline)
        await pilot.click(Timeline, offset=(timeline.content_region.width, 0))  # the right end
        assert app.main.at == app.main.replay.end and app.main.state.status == "ended"
        middle = timeline.content_region.width // 2 + 1  # +1: the widget's left padding
        await pilot.click(Timeline, offset=(middle, 1))
        span = app.main.replay.end - app.main.replay.start
        assert abs(app.main.at - (app.main.replay.start + span / 2)) <= span / timeline.content_region.width
        assert_screen_shows(app, engine_at(recorded, app.main.count, app.main.at))


@pytest.mark.slow
async def test_playing_moves_the_virtual_clock_at_the_chosen_speed(recorded: Path) -> None:
    wall = [LATER]
    app = make_app(recorded, watch=False, wall=lambda: wall[0])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("s", "s")  # 1x -> 2x -> 5x
        assert app.main.speed == 5
        await pilot.press("space")
        wall[0] += 10  # ten real seconds: fifty session seconds
        app.tick()
        assert app.main.at == pytest.approx(app.main.replay.start + 50)
        await pilot.press("i")  # skip idle gaps
        await pilot.press("s", "s")  # 10x, 60x
        for _ in range(40):
            wall[0] += 1
            app.tick()
        assert app.main.at == app.main.replay.end and not app.main.playing  # played to the end and stopped
        assert_screen_shows(app, engine_at(recorded, len(app.main.replay.events), app.main.replay.end))


@pytest.mark.e2e
async def test_a_live_session_is_followed_as_it_grows(tmp_path: Path) -> None:
    path = sessions.create(polls_plan(), tmp_path / "sessions", "live", "Sam")
    live = sessions.Session.open(path)
    live.start()
    live.goto("pick")
    app = make_app(path, watch=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("end")
        assert app.main.following and app.main.state.step.qid == "polls/pick"
        assert cli("vote", str(path), "--name", "Ana", "Coaching").returncode == 0
        await wait_for(pilot, lambda: "1 voted" in text_of(app.query_one(PollPanel)))
        assert "following" in text_of(app.query_one("#replay-status"))


@pytest.mark.slow
async def test_replay_never_writes_to_the_session_file(recorded: Path) -> None:
    before = recorded.read_bytes(), recorded.stat().st_mtime_ns
    app = make_app(recorded, watch=True, wall=lambda: LATER)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "n", "n", "r", "c", "a", "e", "g", "escape", "end", "home", "full_stop")
        await pilot.pause(0.2)
    assert (recorded.read_bytes(), recorded.stat().st_mtime_ns) == before


@pytest.mark.e2e
def test_the_command_refuses_a_speed_it_does_not_have_and_a_missing_session(recorded: Path) -> None:
    done = cli("replay", str(recorded), "--speed", "3")
    assert done.returncode == 2 and done.stderr.strip() == "error: --speed 3: choose one of 1, 2, 5, 10, 60"
    done = cli("replay", "nosuch", "--sessions-dir", str(recorded.parent))
    assert done.returncode == 2 and done.stderr.startswith("error: ") and "Traceback" not in done.stderr


@pytest.mark.parametrize("revealed", [False, True], ids=["before-reveal", "after-reveal"])
@pytest.mark.slow
def test_replay_at_a_poll_before_and_after_reveal(snap_compare, tmp_path: Path, revealed: bool) -> None:
    path = record_session(tmp_path / "sessions")
    app = make_app(path, watch=False, wall=lambda: LATER)

    async def at_the_dots_poll(pilot) -> None:
        app.main.seek(app.main.replay.start + (415 if revealed else 405))  # the facilitator revealed at 410 s

    assert snap_compare(app, terminal_size=(80, 24), run_before=at_the_dots_poll)


@pytest.mark.slow
async def test_skip_idle_jumps_a_quiet_stretch_to_a_second_before_the_next_event(recorded: Path) -> None:
    wall = [LATER]
    app = make_app(recorded, watch=False, wall=lambda: wall[0])
    async with app.run_test(size=(120, 40)) as pilot:
        paused_at = app.main.replay.start + 250  # the fixture pauses here for a minute: no events until 310 s
        app.main.seek(paused_at)
        await pilot.press("i", "space")
        wall[0] += 0.5
        app.tick()
        assert app.main.at == pytest.approx(app.main.replay.start + 309)
        await pilot.press("i")  # off again: real time only
        wall[0] += 0.5
        app.tick()
        assert app.main.at == pytest.approx(app.main.replay.start + 309.5)


@pytest.mark.slow
async def test_a_session_never_started_or_left_long_ago_stays_in_its_own_time(tmp_path: Path) -> None:
    fresh = sessions.create(polls_plan(), tmp_path / "sessions", "fresh", "Sam")
    app = make_app(fresh, watch=False, wall=lambda: LATER)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("end", "space")
        status = text_of(app.query_one("#replay-status"))
        assert "00:00 into the session" in status and "following" not in status
    left = record_session(tmp_path / "left", "left")
    lines = left.read_text("utf-8").split("[[events]]")
    left.write_text("[[events]]".join(lines[:-1]), encoding="utf-8")  # the facilitator quit without `end`
    app = make_app(left, watch=False, wall=lambda: LATER)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("end")
        assert app.main.at == app.main.replay.end and not app.main.following and app.main.state.status == "running"


@pytest.mark.slow
async def test_after_a_click_on_the_rail_the_keys_move_the_replay_again(recorded: Path) -> None:
    app = make_app(recorded, watch=False, wall=lambda: LATER)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.click("#steps", offset=(5, 4))  # a step on the rail
        await pilot.pause()
        assert app.main.count > 0
        await pilot.press("home")
        assert app.main.count == 0
        await pilot.press("end")
        assert app.main.at == app.main.replay.end
