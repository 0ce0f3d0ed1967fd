"""The current poll: question, options, how many have voted (never who voted what), and the
tally as bars, hidden until the poll's reveal policy allows.

What the panel may say depends on who looks at it, so the app says so (`audience`) rather than
the panel guessing: the facilitator is told which key reveals the results, the room is not."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Literal

from rich.console import Group, RenderableType
from rich.text import Text
from textual.widgets import Static

from workshop.engine import tally
from workshop.engine.state import PollView, SessionState
from workshop.tui.widgets.base import ShowsState, question
from workshop.tui.widgets.results import Results

Audience = Literal["facilitator", "room"]


class PollPanel(ShowsState, Static):
    def __init__(self, *, audience: Audience = "facilitator", **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        self.audience = audience

    def signature(self, state: SessionState) -> Hashable:
        view = state.poll
        if view is None:
            return None
        room = self.size.height if self.audience == "room" else 0  # the room's bars fill the height
        return (view.qid, view.status, view.revealed, view.visible, len(view.ballots), view.tally,
                len(state.here), state.all_voted(view), room, view.rounds, view.at_kiosk)

    def draw(self, state: SessionState) -> None:
        view = state.poll
        self.display = view is not None
        self.set_class(view is not None and view.visible, "revealed")
        if view is None:
            return
        self.update(self.render_poll(state, view))

    def render_poll(self, state: SessionState, view: PollView) -> Group:
        poll = view.poll
        status = {"open": "open", "closed": "closed", "waiting": "not open yet"}[view.status]
        # "here" counts the screens present now, not everyone who ever joined (CLI voters too)
        kiosk = f" ({view.at_kiosk} at the kiosk)" if view.at_kiosk and self.audience == "facilitator" else ""
        count = Text(f"{len(view.ballots)} voted{kiosk} · {len(state.here)} here · poll {status}")
        if state.all_voted(view):
            count.append("  · everyone has voted", style="bold green")
        parts: list[RenderableType] = [question(poll), count]
        parts += self._rounds(view)
        if view.visible:
            # the room's bars fill what the question and count lines leave (one spare, should the
            # question wrap)
            height = self.content_region.height - 3 if self.audience == "room" else 0
            parts.append(Results(view.tally, height=max(0, height)))
        else:
            parts.append(Text(self._hidden(view), style="italic dim"))
            if poll.options:
                parts.append(Text("Options: " + " · ".join(poll.options), style="dim"))
        return Group(*parts)

    def _rounds(self, view: PollView) -> list[Text]:
        """Earlier rounds side by side with this one ('round 1: 2 under 3; round 2: consent'), and
        for the facilitator, what to do when a consent poll has ballots under its threshold."""
        lines = []
        if view.rounds:  # the room sees how earlier rounds went only once it may see results
            told = view.visible or self.audience == "facilitator"
            said = tally.rounds_words(view.poll, view.rounds, view.tally) if told else ""
            lines.append(Text(f"Round {view.round}" + (f" · {said}" if said else ""), style="bold"))
        blocks = tally.under(view.poll, view.tally)
        if blocks and self.audience == "facilitator":
            lines.append(Text(f"{blocks} under {view.poll.threshold}: no consent yet · o: objections round · "
                              "v: vote again", style="bold yellow"))
        return lines

    def on_resize(self) -> None:
        if self.audience == "room":
            self.redraw()  # the bars are drawn to the panel's height

    def _hidden(self, view: PollView) -> str:
        if self.audience == "room":
            return "Results will show here once they are revealed."
        reveal = view.poll.reveal
        when = "when you reveal it (r)" if reveal == "manual" else "when the poll closes (c) or you reveal it (r)"
        return f"Results hidden {when}, so the room votes unbiased."
