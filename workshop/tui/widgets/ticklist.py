"""A SelectionList whose boxes say whether they are ticked: Textual draws an X in every box and
tells ticked from unticked by colour alone, which a colour-blind participant (or a grey
projector) cannot see. Here an unticked box is empty."""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import SelectionList
from textual.widgets._toggle_button import ToggleButton


class TickList(SelectionList[str]):
    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = []
        for segment in strip:
            meta = segment.style.meta if segment.style else {}
            if segment.text == ToggleButton.BUTTON_INNER and "option" in meta:
                option = self.get_option_at_index(meta["option"])
                if option.value not in self.selected:
                    segment = Segment(" " * len(segment.text), segment.style)
            segments.append(segment)
        return Strip(segments, strip.cell_length)
