"""The agenda rail: modules and steps with planned minutes, a mark on the current step, actual
minutes on the steps already run, and the whole workshop's drift."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.geometry import Region
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from workshop.engine.views import SessionState
from workshop.i18n import _
from workshop.tui.widgets.base import ShowsState, drift_text


class AgendaRail(ShowsState, Vertical):
    class StepChosen(Message):
        """Posted by an `AgendaRail` when a step in its list is chosen (enter or a click):
        `qid` is the step's "module/step" id; `control` is the rail."""

        def __init__(self, rail: AgendaRail, qid: str) -> None:
            super().__init__()
            self.rail = rail
            self.qid = qid

        @property
        def control(self) -> AgendaRail:
            return self.rail

    def compose(self) -> ComposeResult:
        yield Static("", id="drift")
        yield OptionList(id="steps")

    _in_sight: tuple[str, int] | None = None  # the step scrolled into sight, at this width

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # the planned and forecast end, asked of the session (Session.ends); replay has none
        self.ends: Callable[[SessionState], tuple[float | None, float | None]] = lambda state: (None, None)

    def signature(self, state: SessionState) -> Hashable:
        steps = tuple((s.qid, s.visited, round(s.elapsed / 60), s.allowed, s.skipped) for s in state.steps)
        return (state.current, round(state.drift / 60), state.status, steps, self.size.width, self.ends_words(state))

    def ends_words(self, state: SessionState) -> str:
        """'ends 12:42 (plan 12:30)', in this machine's time; before the start, the day as planned
        ('plan 09:00–12:40'), never a time worked out from now."""
        planned, forecast = self.ends(state)
        if not forecast:
            return ""
        if state.status == "waiting":
            total = sum(s.planned for s in state.steps if not s.inserted)
            if planned is None:
                return _("plan {total} min, from the start").format(total=total // 60)
            return _("plan {start}–{end}").format(start=_hhmm(planned - total), end=_hhmm(planned))
        words = _("ends {hhmm}").format(hhmm=_hhmm(forecast))
        return words + (_(" (plan {hhmm})").format(hhmm=_hhmm(planned)) if planned else "")

    def draw(self, state: SessionState) -> None:
        ends = self.ends_words(state)
        self.query_one("#drift", Static).update(Text(drift_text(state.drift) + (f"\n{ends}" if ends else "")))
        width = self.size.width
        if not width:
            return  # not laid out yet: titles are cut to the width, so on_resize draws them
        options = self.query_one("#steps", OptionList)
        highlighted = options.highlighted
        lines: list[Option] = []
        module = None
        for s in state.steps:
            if s.module.id != module:
                module = s.module.id
                lines.append(Option(Text(s.module.title, style="bold"), disabled=True))
            if s.index == state.current:
                mark, style = "▶", "reverse"
            elif s.visited:
                mark, style = "✓", "dim"
            elif s.skipped:
                mark, style = "–", "dim strike"  # not translated: a style
            else:
                mark, style = ("+" if s.inserted else " "), ""
            planned = s.allowed // 60
            actual = f"{round(s.elapsed / 60)}/" if s.visited and s.index != state.current else ""
            minutes = "skip" if s.skipped else f"{actual}{planned}′"
            room = max(8, width - 4 - len(minutes) - 2)  # mark, padding, scrollbar
            title = s.spec.title if len(s.spec.title) <= room else s.spec.title[: room - 1] + "…"
            line = Text(f"{mark} ", style=style)
            line.append(title.ljust(room), style=style)  # Text.append: a title is never markup
            line.append(" " + minutes, style="dim")
            lines.append(Option(line, id=s.qid))
        options.set_options(lines)
        if highlighted is not None and highlighted < options.option_count:
            options.highlighted = highlighted
        current = state.steps[state.current].qid if state.current is not None else None
        if current is not None and (current, width) != self._in_sight:
            self._in_sight = (current, width)
            self.call_after_refresh(self._keep_in_sight, options, options.get_option_index(current))

    def _keep_in_sight(self, options: OptionList, index: int) -> None:
        """Scroll the rail so the current step is in sight, with a step or two around it: an agenda
        longer than the window would otherwise keep its ▶ below the bottom as the day goes on."""
        try:
            y, height = options._index_to_line[index], options._heights[index]  # textual is pinned
        except (KeyError, AttributeError):  # a step not drawn yet; or a textual whose insides moved: no scroll
            return
        options.scroll_to_region(Region(0, max(0, y - 2), 1, height + 4), animate=False, immediate=True)

    def on_resize(self) -> None:
        self.redraw()  # titles are cut to the rail's width, known only once laid out

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.StepChosen(self, event.option.id))


def _hhmm(timestamp: float) -> str:
    return dt.datetime.fromtimestamp(timestamp).strftime("%H:%M")  # the room's clock: local time
