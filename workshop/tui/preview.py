"""`workshop preview`: the facilitator's screen on a throwaway session of one module, so an
author sees a draft as the room will. The session lives in a temporary folder, removed after.

With `--watch` the screen follows the file as the author edits it: on every save it is read
again and, when it is valid, shown in a fresh throwaway session on the step the author was on
(its position kept by step id, or by place when that step is gone), paused if it was paused. A
save that does not validate leaves the screen as it was and says what is wrong.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from textual import events, on

from workshop import sessions
from workshop.content.document import saved_as
from workshop.content.model import Plan
from workshop.engine.views import SessionState
from workshop.i18n import N_, _
from workshop.sessions import Clock, Session, SessionError, utc_now
from workshop.tui.facilitator import FacilitatorApp
from workshop.tui.widgets.rail import AgendaRail

WATCH_SECONDS = 0.3  # how often a watched file's size and time are looked at, as `validate --watch` does
JOIN_COMMAND = N_("nobody (a preview: nothing is kept)")

# What reading the file again gives: the plan (None when the file has problems), the problems as
# lines, and the files the plan is made of (an agenda's modules too), to watch from then on.
Reload = Callable[[], tuple[Plan | None, list[str], list[Path]]]


@contextmanager
def throwaway_session(plan: Plan) -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="workshop-preview-"))
    try:
        yield sessions.create(plan, folder, "preview", "preview")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


class PreviewApp(FacilitatorApp):
    """The facilitator's screen on a throwaway session; with `reload`, on a file being edited."""

    def __init__(
        self,
        session: Session,
        *,
        reload: Reload | None = None,
        files: Sequence[Path] = (),
        clock: Clock = utc_now,
        every: float = WATCH_SECONDS,
        **options: Any,
    ) -> None:
        super().__init__(session, join_command=_(JOIN_COMMAND), **options)
        self.reload = reload
        self.files = list(files)
        self.clock = clock
        self.every = every
        self.reloads = 0
        self._last_seen = saved_as(self.files)

    @on(events.Mount)
    def _watch_the_file(self) -> None:
        if self.reload is not None:
            self.set_interval(self.every, self.check_files)

    def check_files(self) -> None:
        """Read the file again when it was saved since last time."""
        now = saved_as(self.files)
        if now == self._last_seen or self.closing():
            return
        self._last_seen = now
        assert self.reload is not None
        plan, problems, files = self.reload()
        if plan is None:
            more = _(" (and {problems} more)").format(problems=len(problems) - 1) if len(problems) > 1 else ""
            self.notify(
                (problems[0] if problems else _("the file cannot be read")) + more,
                title=_("Not reloaded"),
                severity="error",
                markup=False,
                timeout=8,
            )
            return
        if files and files != self.files:
            self.files = list(files)
            self._last_seen = saved_as(self.files)
        try:
            self.show_plan(plan)
        except SessionError as err:
            self.notify(str(err), title=_("Not reloaded"), severity="error", markup=False)

    def show_plan(self, plan: Plan) -> None:
        """The plan in a new throwaway session beside the old one, at the step the screen was on."""
        before = self.session.state()
        self.reloads += 1
        # not translated: a session's name
        path = sessions.create(plan, self.session.path.parent, f"preview-{self.reloads}", "preview", clock=self.clock)
        session = Session.open(path, self.clock)
        _walk_to(session, before)
        self.session = self.main.session = session
        self.followed = session
        self.main.query_one(AgendaRail).ends = session.ends
        state = session.state()
        self.title = state.title
        self.follow_journal()  # the new file (the worker group is exclusive: the old one stops)
        self.main.render_state(state)
        for view in self.main.views:  # each draws only what changed in what it watches: its texts may have too
            view.redraw()
        self.notify(_("Reloaded"), timeout=2)


def _walk_to(session: Session, before: SessionState) -> None:
    """Bring a new session to where `before` stood: started, on the same step (by its id, else its
    place), paused or ended as it was."""
    if before.status == "waiting":
        return
    session.start()
    here = before.step
    if here is not None:
        steps = session.state().steps
        target = (
            next((s for s in steps if s.qid == here.qid), None)
            or next((s for s in steps if s.spec.id == here.spec.id), None)
            or steps[min(here.index, len(steps) - 1)]
        )
        if target.index != session.state().current:
            session.goto(target.qid)
    if before.status == "paused":
        session.pause()
    elif before.status == "ended":
        session.end()


def make_app(
    path: Path,
    *,
    dark: bool = True,
    clock: Clock = utc_now,
    reload: Reload | None = None,
    files: Sequence[Path] = (),
    **options: Any,
) -> PreviewApp:
    """The preview's screen on the session at `path`; with `reload`, it follows `files` as they are saved."""
    session = Session.open(path, clock)
    return PreviewApp(session, reload=reload, files=files, clock=clock, bell=False, dark=dark, **options)
