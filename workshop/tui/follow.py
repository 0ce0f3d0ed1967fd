"""Following a live session file from a screen: a thread notices that the file grew, the UI
thread folds the new bytes and redraws. Shared by every app that watches a session."""

from __future__ import annotations

import os
import time

from textual import work
from textual.worker import get_current_worker

from workshop.sessions import Session, SessionError

POLL_SECONDS = 0.03


class FollowsJournal:
    """Mixin for an App with `session: Session`, `watch_file`, `tick_seconds` and `render_state()`."""

    session: Session
    watch_file: bool = True
    tick_seconds: float = 0.5

    def render_state(self) -> object:
        raise NotImplementedError

    def start_following(self) -> None:
        """Redraw on a steady tick (the clock moves even when the file does not) and on every
        append by another process."""
        self.set_interval(self.tick_seconds, self.tick)  # type: ignore[attr-defined]
        if self.watch_file:
            self.follow_journal()

    def closing(self) -> bool:
        """While an app shuts down its widgets go before its timers and workers stop."""
        return not self.is_running or getattr(self, "_closing", False)  # type: ignore[attr-defined]

    @work(thread=True, exclusive=True, group="follow")
    def follow_journal(self) -> None:
        """Watch the file's size; when others append, have the UI thread fold the new bytes
        (the fold is only ever touched from that one thread)."""
        worker = get_current_worker()
        path = self.session.path
        last = -1
        while not worker.is_cancelled:
            try:
                size = os.stat(path).st_size
            except OSError:
                size = last
            if size != last:
                last = size
                self.call_from_thread(self.sync)  # type: ignore[attr-defined]
            time.sleep(POLL_SECONDS)

    def tick(self) -> None:
        if not self.closing():
            self.render_state()

    def sync(self) -> None:
        if self.closing():
            return
        try:
            grew = self.session.refresh()
        except SessionError as err:
            self.notify(str(err), markup=False, severity="error")  # type: ignore[attr-defined]
            return
        for warning in self.session.new_warnings():  # damage found while following: say it once
            self.notify(warning, markup=False, severity="warning", timeout=10)
        if grew:
            self.journal_grew()

    def journal_grew(self) -> None:
        """Others appended to the file, and it is folded in: show it."""
        self.render_state()
