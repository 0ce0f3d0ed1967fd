"""A SelectionList whose boxes say whether they are ticked: Textual draws an X in every box and
tells ticked from unticked by colour alone, which a colour-blind participant (or a grey
projector) cannot see. Here an unticked box is empty.

It also keeps the poll's limit where it is chosen: with `most` boxes ticked, another tick is
refused as it is made (by key or by click), and `Refused` says so, rather than the ballot being
refused at Cast."""

from __future__ import annotations

from typing import Unpack

from rich.segment import Segment
from rich.text import Text
from textual.message import Message
from textual.strip import Strip
from textual.widgets import SelectionList
from textual.widgets._toggle_button import ToggleButton
from textual.widgets.selection_list import Selection

from workshop.tui.widgets.options import WidgetOptions


class TickList(SelectionList[str]):
    class Refused(Message):
        """Posted by a `TickList` when a tick over its limit is refused; `control` is the list."""

        def __init__(self, ticks: TickList) -> None:
            super().__init__()
            self.ticks = ticks

        @property
        def control(self) -> TickList:
            return self.ticks

    def __init__(
        self, *selections: tuple[Text | str, str, bool], most: int = 0, **options: Unpack[WidgetOptions]
    ) -> None:
        super().__init__(*selections, **options)
        self.most = most  # 0: no limit

    def toggle(self, selection: Selection[str] | str) -> TickList:
        value = selection.value if isinstance(selection, Selection) else selection
        if self.most and value not in self.selected and len(self.selected) >= self.most:
            self.post_message(self.Refused(self))
            return self
        return super().toggle(selection)

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
