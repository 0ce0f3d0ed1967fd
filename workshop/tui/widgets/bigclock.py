"""The room's timer: digits drawn in a block font scaled to the window, so the room can read it
from the back: at least a fifth of the screen's height while nothing else needs the room, one
line once a poll's results take the screen. Its words say what its colour says."""

from __future__ import annotations

import math
from collections.abc import Hashable

from rich.text import Text
from textual.widget import Widget

from workshop.engine.state import SessionState
from workshop.tui.widgets.base import (
    ShowsState,
    clock,
    counting,
    just_switched,
    phase,
    round_words,
    time_left,
    timer_signature,
)

# 3x5 glyphs; each "pixel" is drawn two cells wide, as a terminal cell is about twice as tall as wide.
FONT = {
    "0": ("###", "# #", "# #", "# #", "###"), "1": (" # ", "## ", " # ", " # ", "###"),
    "2": ("###", "  #", "###", "#  ", "###"), "3": ("###", "  #", "###", "  #", "###"),
    "4": ("# #", "# #", "###", "  #", "  #"), "5": ("###", "#  ", "###", "  #", "###"),
    "6": ("###", "#  ", "###", "# #", "###"), "7": ("###", "  #", "  #", "  #", "  #"),
    "8": ("###", "# #", "###", "# #", "###"), "9": ("###", "# #", "###", "  #", "###"),
    ":": ("   ", " # ", "   ", " # ", "   "), "+": ("   ", " # ", "###", " # ", "   "),
    "-": ("   ", "   ", "###", "   ", "   "), "%": ("# #", "  #", " # ", "#  ", "# #"),
    ".": ("   ", "   ", "   ", "   ", " # "),
}
ROWS = 5


def big(text: str, scale: int) -> Text:
    """`text` (digits, ':', '+', '-') in the block font, `scale` times the 3x5 size."""
    lines = []
    for row in range(ROWS):
        line = "  ".join("".join("█" * 2 * scale if px == "#" else " " * 2 * scale for px in FONT[ch][row])
                         for ch in text)
        lines.extend([line] * scale)
    return Text("\n".join(lines))


def width_of(text: str, scale: int) -> int:
    return len(text) * 6 * scale + 2 * (len(text) - 1)


class RoomTimer(ShowsState, Widget):
    """`compact` (set by the room when results need the height): the time in one line."""

    DEFAULT_CSS = "RoomTimer { height: auto; }"

    compact = False
    _text = "--:--"
    _words = ""

    def signature(self, state: SessionState) -> Hashable:
        return timer_signature(state)

    def draw(self, state: SessionState) -> None:
        step = state.step
        kinds = ("calm", "amber", "red", "overtime", "switched")
        self.remove_class(*kinds)
        if step is None:
            self._text = "--:--"
            self._words = "The session has ended." if state.status == "ended" else "Starting soon."
        else:
            remaining, out_of = counting(step)  # the running round's time, when the step has rounds
            self._text = clock(math.ceil(remaining)) if remaining >= 0 else "+" + clock(math.floor(-remaining))
            self._words = time_left(step, paused=state.status == "paused")
            if step.rounds:
                self._words = f"{'Switch! Now ' if just_switched(step) else ''}{round_words(step)} · {self._words}"
            self.add_class(phase(remaining, out_of))
            self.set_class(just_switched(step), "switched")
        self.refresh(layout=True)

    def scale(self) -> int:
        """0 (one line) when compact, else the least scale that reaches a fifth of the screen's
        height, as far as the width allows."""
        if self.compact:
            return 0
        screen = self.screen.size
        wanted = max(1, math.ceil(screen.height / 5 / ROWS))
        while wanted > 1 and width_of(self._text, wanted) > (self.size.width or screen.width):
            wanted -= 1
        return wanted

    def get_content_height(self, container, viewport, width: int) -> int:
        scale = self.scale()
        return 1 if not scale else ROWS * scale + 1

    def render(self) -> Text:
        scale = self.scale()
        words = Text(self._words, style="bold")
        if not scale:
            return words  # the words start with the time
        out = big(self._text, scale)
        out.append("\n")
        return out + words
