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
    """Mixin for an App with `session: Session` and `render_state()`."""

    session: Session

    def render_state(self) -> object:
        raise NotImplementedError

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

    def sync(self) -> None:
        if not self.is_running or getattr(self, "_closing", False):  # type: ignore[attr-defined]
            return  # the app is closing: its widgets may already be gone
        try:
            if self.session.refresh():
                self.render_state()
        except SessionError as err:
            self.notify(str(err), severity="error")  # type: ignore[attr-defined]
