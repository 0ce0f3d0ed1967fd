"""The whole session on two lines: how many ballots happened when, and where people wrote
(notes, ideas, questions), where each step began, and where the replay stands. Clicking
anywhere on it moves the replay there."""

from __future__ import annotations

from typing import Unpack

from textual import events
from textual.content import Content
from textual.message import Message
from textual.widget import Widget

from workshop.engine.replay import Replay
from workshop.tui.widgets.options import WidgetOptions

LEVELS = " ▁▂▃▄▅▆▇█"


class Timeline(Widget):
    DEFAULT_CSS = """
    Timeline { height: 2; padding: 0 1; background: $boost; }
    """

    class Seek(Message):
        """Posted by a `Timeline` when it is clicked: `at` is the instant under the click, in
        seconds since the epoch; `control` is the timeline."""

        def __init__(self, timeline: Timeline, at: float) -> None:
            super().__init__()
            self.timeline = timeline
            self.at = at

        @property
        def control(self) -> Timeline:
            return self.timeline

    def __init__(self, replay: Replay, **options: Unpack[WidgetOptions]) -> None:
        super().__init__(**options)
        self.replay = replay
        self.at = replay.start
        self.until = replay.end  # the right edge: the last event, or now while the session is live
        self._drawn: tuple[int, int, int, int] | None = None  # what the columns were counted for
        self._columns: list[tuple[int, int, bool]] = []  # per column: ballots, writings, a step began

    def show(self, at: float, until: float) -> None:
        self.at, self.until = at, max(until, self.replay.start)
        self.refresh()

    def _column(self, t: float, width: int) -> int:
        span = self.until - self.replay.start
        if span <= 0:
            return 0
        return min(width - 1, max(0, int((t - self.replay.start) / span * (width - 1))))

    def _count(self, width: int) -> list[tuple[int, int, bool]]:
        key = (width, len(self.replay.marks), len(self.replay.entries), round(self.until))  # until: the scale
        if self._drawn != key:
            ballots, notes, starts = [0] * width, [0] * width, [False] * width
            for t, kind in self.replay.marks:
                column = self._column(t, width)
                if kind == "ballot":
                    ballots[column] += 1
                else:
                    notes[column] += 1
            for entry in self.replay.entries:
                starts[self._column(entry.at, width)] = True
            self._columns = list(zip(ballots, notes, starts, strict=True))
            self._drawn = key
        return self._columns

    def render(self) -> Content:
        width = max(1, self.content_region.width)
        columns = self._count(width)
        busiest = max((b for b, _, _ in columns), default=0) or 1
        marks: list[tuple[str, str]] = []
        for ballots, notes, _ in columns:
            if ballots:
                marks.append((LEVELS[max(1, round(ballots / busiest * (len(LEVELS) - 1)))], "bold $accent"))
            elif notes:
                marks.append(("•", "$warning"))
            else:
                marks.append(("·", "dim"))
        here = self._column(self.at, width)
        rule = [
            ("▲", "bold $text") if column == here else ("│" if started else "─", "dim")
            for column, (_, _, started) in enumerate(columns)
        ]
        return Content("\n").join([Content.assemble(*marks), Content.assemble(*rule)])

    def on_click(self, event: events.Click) -> None:
        width = max(1, self.content_region.width)
        offset = event.get_content_offset(self)
        if offset is None:
            return
        span = self.until - self.replay.start
        self.post_message(self.Seek(self, self.replay.start + span * min(1.0, max(0.0, offset.x / max(1, width - 1)))))
