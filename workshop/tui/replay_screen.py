"""Replay's main screen: the facilitator's own view (session_view.py, as it looked live) drawn
from the engine's fold of the journal up to a moving instant, with the timeline under it, and
the keys that move that instant: play and pause, speed, skip the quiet gaps, step by event or
by step, jump to a step from the rail, or click the timeline."""

from __future__ import annotations

import time
from collections.abc import Callable

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, Static

from workshop import i18n
from workshop.engine import bidi
from workshop.engine.in_language import state_in
from workshop.engine.replay import SPEEDS, Replay
from workshop.engine.text import clean
from workshop.engine.views import SessionState
from workshop.i18n import N_, _
from workshop.tui.follow import SessionScreen
from workshop.tui.modals import PickStep
from workshop.tui.session_view import fit_layout, fit_results, session_view
from workshop.tui.widgets.base import ShowsState, clock
from workshop.tui.widgets.keys import KeyBar
from workshop.tui.widgets.notes import NotesList
from workshop.tui.widgets.poll import PollPanel
from workshop.tui.widgets.rail import AgendaRail
from workshop.tui.widgets.review import ReviewPanel
from workshop.tui.widgets.room_panel import RoomPanel
from workshop.tui.widgets.step import StepPanel
from workshop.tui.widgets.timeline import Timeline
from workshop.tui.widgets.timer import BigTimer

IDLE_SECONDS = 3.0  # with "skip idle" on, a quiet stretch longer than this (real time) is skipped
LIVE_SECONDS = 2 * 3600  # a session not ended but quiet for longer is replayed as finished


class ReplayScreen(SessionScreen):
    AUTO_FOCUS = ""  # nothing: home, end and the arrows move the replay, not the rail's highlight

    # Each key once: the key bar shows its description, the palette its tooltip (with the key).
    BINDINGS = [
        Binding("space", "toggle_play", N_("Play"), tooltip=N_("Play or pause")),
        Binding("s", "speed", N_("Speed"), tooltip=N_("Change speed (1×, 2×, 5×, 10×, 60×)")),
        Binding("i", "toggle_idle", N_("Idle"), tooltip=N_("Skip idle gaps on or off")),
        Binding("comma", "event(-1)", N_("◂ Event"), key_display=","),
        Binding("full_stop", "event(1)", N_("Event ▸"), key_display="."),
        Binding("p", "step(-1)", N_("◂ Step")),
        Binding("n", "step(1)", N_("Step ▸")),
        Binding("left", "nudge(-10)", "-10 s", key_display="←"),
        Binding("right", "nudge(10)", "+10 s", key_display="→"),
        Binding("g", "goto", N_("Go to"), tooltip=N_("Go to a step")),
        Binding("home", "jump_start", N_("Start"), tooltip=N_("Back to the start")),
        Binding("end", "jump_end", N_("End"), tooltip=N_("To the end (now, for a live session)")),
        Binding("q", "app.quit", N_("Quit")),
    ]

    def __init__(self, replay: Replay, *, speed: float = 1.0, wall: Callable[[], float] = time.time) -> None:
        super().__init__()
        self.replay = replay
        self.wall = wall  # real time: how fast to play, and where "now" is for a live session
        self.speed = speed
        self.playing = False
        self.skip_idle = False
        self.at = self.replay.start
        self.count = 0  # events shown: those up to `at`, or fewer while stepping through a burst
        self._ticked = wall()
        self.following = False  # at the end of a live session, showing each new event as it comes
        self.state: SessionState | None = None

    def compose(self) -> ComposeResult:
        fit_layout(self, self.app.size)  # the window's: this screen is not laid out yet
        yield Header(show_clock=False)
        yield from session_view(keys=False, empty=_("No notes on this step."))
        yield Timeline(self.replay, id="timeline")
        yield Static("", id="replay-status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.views: list[ShowsState] = [
            self.query_one(AgendaRail),
            self.query_one(BigTimer),
            self.query_one(StepPanel),
            self.query_one(PollPanel),
            self.query_one(RoomPanel),
            self.query_one(ReviewPanel),
            self.query_one(NotesList),
        ]
        self.timeline = self.query_one(Timeline)
        self.status_line = self.query_one("#replay-status", Static)
        header = self.replay.header
        self.app.title = clean(bidi.settled(str(header.get("title", ""))))
        self.app.sub_title = clean(_("replay of {get}").format(get=header.get("id", "")))
        self.seek(self.replay.start, 0)  # just before the first event

    def on_resize(self, event: events.Resize) -> None:
        fit_layout(self, event.size)  # the event's size: the screen's may not be updated yet

    # ------------------------------------------------------------------ the virtual clock

    @property
    def live(self) -> bool:
        """The session may still be running: not ended, and heard from lately. A session left
        without `end` long ago replays as finished rather than stretched out to the present."""
        return not self.replay.ended and self.wall() - self.replay.end < LIVE_SECONDS

    @property
    def until(self) -> float:
        """The right edge: the last event, or now while following a live session."""
        return max(self.replay.end, self.wall()) if self.following else self.replay.end

    def seek(self, at: float, count: int | None = None, *, follow: bool = False) -> None:
        self.following = follow and self.live
        self.at = min(max(at, self.replay.start), self.until)
        self.count = self.replay.count_at(self.at) if count is None else count
        self.render_state()

    def tick(self) -> None:
        """Move the virtual clock by the real time since the last tick, times the speed."""
        now = self.wall()
        real, self._ticked = now - self._ticked, now
        if not self.playing:
            return
        if self.following:
            self.seek(now, follow=True)  # live: the replay is the present
            return
        at = self.at + real * self.speed
        upcoming = self.replay.times[self.count] if self.count < len(self.replay.times) else None
        if self.skip_idle and upcoming is not None and (upcoming - at) / self.speed > IDLE_SECONDS:
            at = upcoming - self.speed  # a second of real time before the next event
        if at >= self.replay.end:
            self.playing = self.live  # a live session plays on into the present
            self.seek(self.replay.end, follow=self.live)
            return
        self.seek(at)

    def journal_grew(self) -> None:
        """A live session grew. Following it, the new events show; otherwise the instant holds."""
        self.seek(
            self.wall() if self.following else self.at, None if self.following else self.count, follow=self.following
        )

    def render_state(self) -> SessionState:
        state = self.replay.state_at(self.at, self.count)
        self.state = state
        fit_results(self, state)
        for view in self.views:
            view.show(state)
        self.timeline.show(self.at, self.until)
        self.status_line.update(self._status())
        return state

    def _status(self) -> Text:
        line = Text(_("▶ replaying") if self.playing else _("❚❚ replay paused"), style="bold")
        line.append(f"  {self.speed:g}×")
        if self.skip_idle:
            line.append(_(" · skipping idle"), style="dim")
        line.append(
            _("  {clock} into the session").format(clock=clock(max(0.0, self.at - self.replay.start))), style=""
        )
        line.append(
            _("  · event {count} of {times}").format(count=self.count, times=len(self.replay.times)), style="dim"
        )
        if self.following:
            line.append(_("  · live: following the file"), style="bold green")
        return line

    # ------------------------------------------------------------------ actions

    def action_toggle_play(self) -> None:
        if not self.playing and self.at >= self.replay.end and not self.live:
            self.seek(self.replay.start, 0)  # at the end: play again from the start
        self.playing = not self.playing
        self._ticked = self.wall()
        if not self.playing:
            self.following = False  # paused: hold this instant, even of a live session
        self.render_state()

    def action_speed(self) -> None:
        self.speed = SPEEDS[(SPEEDS.index(self.speed) + 1) % len(SPEEDS)] if self.speed in SPEEDS else 1.0
        self.render_state()

    def action_toggle_idle(self) -> None:
        self.skip_idle = not self.skip_idle
        self.render_state()

    def action_event(self, direction: int) -> None:
        """One event on or back: events at the same instant are still taken one at a time."""
        count = min(max(self.count + direction, 0), len(self.replay.times))
        at = self.replay.times[count - 1] if count else self.replay.start
        self.seek(at, count)

    def action_step(self, direction: int) -> None:
        entry = self.replay.next_entry(self.count) if direction > 0 else self.replay.previous_entry(self.count)
        if entry is None:
            self.notify(_("No further step change") if direction > 0 else _("This is the first step"), timeout=2)
            return
        self.seek(entry.at, entry.count)

    def action_nudge(self, seconds: float) -> None:
        self.seek(self.at + seconds)

    def action_jump_start(self) -> None:
        self.seek(self.replay.start, 0)

    def action_jump_end(self) -> None:
        """To the last event; of a live session, to the present, playing on with it."""
        if self.live:
            self.playing = True
            self._ticked = self.wall()
            self.seek(self.wall(), follow=True)
        else:
            self.seek(self.replay.end)

    def action_goto(self) -> None:
        state = self.state
        if state is None:
            return
        state = state_in(state, i18n.language())  # titles in this screen's language
        choices = [(s.qid, s.module.title, s.spec.title) for s in state.steps]
        self.push_screen(
            PickStep(choices, state.step.qid if state.step else None),
            lambda qid: self.jump_to_step(qid) if qid else None,
        )

    @on(AgendaRail.StepChosen)
    def rail_step(self, event: AgendaRail.StepChosen) -> None:
        self.jump_to_step(event.qid)
        self.set_focus(None)  # home, end and the arrows move the replay again, not the rail

    def jump_to_step(self, qid: str) -> None:
        index = next((s.index for s in self.state.steps if s.qid == qid), None) if self.state else None
        entry = None if index is None else self.replay.entry_of(index)
        if entry is None:
            self.notify(_("That step was never run in this session"), severity="warning", timeout=3)
            return
        self.seek(entry.at, entry.count)

    @on(Timeline.Seek)
    def scrub(self, event: Timeline.Seek) -> None:
        self.seek(event.at)
