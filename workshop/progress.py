"""A progress bar on stderr that appears only once the work has taken a second.

Small reports finish before it would show, so their output (and the tests that compare it) never
sees it; a report of a large session file shows which stage it is in. rich.progress is imported
only when the bar is shown.
"""

from __future__ import annotations

import sys
import threading
from types import TracebackType
from typing import Any


class Stages:
    def __init__(self, stages: int, delay: float = 1.0) -> None:
        self.total = stages
        self.done = 0
        self.label = ""
        self.delay = delay
        self._lock = threading.Lock()
        self._finished = False
        self._bar: Any = None
        self._task: Any = None
        self._timer = threading.Timer(delay, self._show)
        self._timer.daemon = True

    def __enter__(self) -> Stages:
        self._timer.start()
        return self

    def step(self, label: str) -> None:
        """Start the next stage, called `label`."""
        with self._lock:
            if self.label:
                self.done += 1
            self.label = label
            if self._bar is not None:
                self._bar.update(self._task, completed=self.done, description=label)

    def _show(self) -> None:
        if not sys.stderr.isatty():
            return  # a bar is for a person watching: a script reading stderr gets only what went wrong
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        with self._lock:
            if self._finished:
                return
            self._bar = Progress(
                TextColumn("{task.description}", markup=False),
                BarColumn(),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._task = self._bar.add_task(self.label, total=self.total, completed=self.done)
            self._bar.start()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        with self._lock:
            self._finished = True
            self._timer.cancel()
            if self._bar is not None:
                self._bar.stop()
