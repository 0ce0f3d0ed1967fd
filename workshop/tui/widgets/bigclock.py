"""The room's timer: digits drawn in a block font scaled to the window, so the room can read it
from the back: at least a fifth of the screen's height while nothing else needs the room, and
still in block digits beside revealed results (the room sets how many lines they leave it). Its
words say what its colour says."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Hashable

from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from workshop.engine.views import SessionState
from workshop.i18n import _
from workshop.tui.widgets.base import (
    ShowsState,
    clock,
    counting,
    just_switched,
    phase,
    time_words,
    timer_signature,
)

# 3x5 glyphs; each "pixel" is drawn two cells wide, as a terminal cell is about twice as tall as wide.
FONT = {
    "0": ("###", "# #", "# #", "# #", "###"),
    "1": (" # ", "## ", " # ", " # ", "###"),
    "2": ("###", "  #", "###", "#  ", "###"),
    "3": ("###", "  #", "###", "  #", "###"),
    "4": ("# #", "# #", "###", "  #", "  #"),
    "5": ("###", "#  ", "###", "  #", "###"),
    "6": ("###", "#  ", "###", "# #", "###"),
    "7": ("###", "  #", "  #", "  #", "  #"),
    "8": ("###", "# #", "###", "# #", "###"),
    "9": ("###", "# #", "###", "  #", "###"),
    ":": ("   ", " # ", "   ", " # ", "   "),
    "+": ("   ", " # ", "###", " # ", "   "),
    "-": ("   ", "   ", "###", "   ", "   "),
    "%": ("# #", "  #", " # ", "#  ", "# #"),
    ".": ("   ", "   ", "   ", "   ", " # "),
    ",": ("   ", "   ", "   ", " # ", "#  "),
}
ROWS = 5


def big(text: str, scale: int) -> Text:
    """`text` (digits, ':', '+', '-') in the block font, `scale` times the 3x5 size."""
    lines = []
    for row in range(ROWS):
        line = "  ".join(
            "".join("█" * 2 * scale if px == "#" else " " * 2 * scale for px in FONT[ch][row]) for ch in text
        )
        lines.extend([line] * scale)
    return Text("\n".join(lines))


def width_of(text: str, scale: int) -> int:
    return len(text) * 6 * scale + 2 * (len(text) - 1)


def clock_time(timestamp: float) -> str:
    """'10:45': a moment in the room's own clock (this machine's local time)."""
    return dt.datetime.fromtimestamp(timestamp).strftime("%H:%M")


class RoomTimer(ShowsState, Widget):
    """What the room needs to know of time, large: before the start, when it starts ('Starting
    at' 09:00); during a break, when the room is back ('Back at' 10:45); otherwise the step's (or
    the running round's) time counting down. Over the digits a caption, under them the words.

    The room sets `most`, the lines it may take (0: a fifth of the screen, as it likes), and
    `starts`, when the agenda means the session to start. Under a caption and digits' least
    size it is one line."""

    # not translated: a stylesheet
    DEFAULT_CSS = "RoomTimer { height: auto; }"

    most = 0
    starts: float | None = None
    _caption = ""
    _text = ""
    _words = ""

    def signature(self, state: SessionState) -> Hashable:
        step = state.step
        back = step is not None and step.spec.kind == "break" and clock_time(state.now + step.remaining)
        return timer_signature(state), self.starts, back  # while paused, the break ends later

    def draw(self, state: SessionState) -> None:
        step = state.step
        kinds = ("calm", "amber", "red", "overtime", "switched")
        self.remove_class(*kinds)
        self._caption = self._text = self._words = ""
        if state.status == "ended":
            pass  # the ended screen says it (widgets/ended.py)
        elif step is None:
            if self.starts is not None and self.starts > state.now:
                self._caption, self._text = _("Starting at"), clock_time(self.starts)
            else:
                self._words = _("Starting soon.")
        else:
            remaining, out_of = counting(step)  # the running round's time, when the step has rounds
            self._text = clock(math.ceil(remaining)) if remaining >= 0 else "+" + clock(math.floor(-remaining))
            paused = state.status == "paused"
            self._words = time_words(step, paused=paused)
            if step.rounds and just_switched(step):
                self._words = _("Switch! Now {words}").format(words=self._words)
            if step.spec.kind == "break" and remaining >= 0:  # the room wants to know when it is back
                self._caption, self._text = _("Back at"), clock_time(state.now + remaining)
                self._words = _("Break · {words}").format(words=self._words)
            self.add_class(phase(remaining, out_of))
            self.set_class(just_switched(step), "switched")
        self.display = bool(self._caption or self._text or self._words)
        self.refresh(layout=True)

    def scale(self) -> int:
        """0 (one line) when the room gives it too few lines, else the least scale that reaches a
        fifth of the screen's height, as far as the width and `most` allow."""
        if not self._text:
            return 0
        screen = self.screen.size
        wanted = max(1, math.ceil(screen.height / 5 / ROWS))
        if self.most:
            wanted = min(wanted, (self.most - self._extra_lines(self.size.width or screen.width)) // ROWS)
        while wanted > 1 and width_of(self._text, wanted) > (self.size.width or screen.width):
            wanted -= 1
        return max(0, wanted)

    def _extra_lines(self, width: int) -> int:
        """The caption's line and the words' lines: a round's words can wrap onto a second."""
        words = len(Text(self._words).wrap(self.app.console, max(1, width))) if self._words else 0
        return bool(self._caption) + words

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        scale = self.scale()
        return 1 if not scale else ROWS * scale + self._extra_lines(width)

    def render(self) -> Text:
        scale = self.scale()
        if not scale:  # one line: the words start with the time
            line = " ".join(w for w in (self._caption, self._text if self._caption else "") if w)
            return Text(" · ".join(w for w in (line, self._words) if w), style="bold")
        out = Text(self._caption + "\n", style="bold") if self._caption else Text()
        out.append_text(big(self._text, scale))
        if self._words:
            out.append("\n")
            out.append(self._words, style="bold")
        return out
