"""The current poll: question, options, how many have voted (never who voted what), and the
tally as horizontal bars, hidden until the poll's reveal policy allows."""

from __future__ import annotations

from collections.abc import Hashable

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from workshop.engine.state import PollView, SessionState
from workshop.engine.tally import Tally
from workshop.engine.text import isolate
from workshop.tui.widgets.base import ShowsState

HINT = {
    "single": "one option", "multi": "up to {max} options", "scale": "a number from {min} to {max}",
    "dots": "{budget} dots to spread", "rank": "every option in order", "text": "a short answer",
}


def bars(tally: Tally, width: int = 24, limit: int = 8) -> Table:
    """The tally as a table of label, bar and value; labels (a text poll's are participants'
    answers) are Text, isolated so an answer cannot reorder its row."""
    table = Table.grid(padding=(0, 1))
    table.add_column(ratio=2, overflow="ellipsis", no_wrap=True)
    table.add_column(ratio=3, no_wrap=True)
    table.add_column(justify="right", no_wrap=True)
    rows = tally.rows[:limit] if tally.vote == "text" else tally.rows
    top = max((r.value for r in rows), default=0) or 1
    for row in rows:
        filled = round(width * row.value / top)
        value = f"{row.value:g}" + (f" {row.share:.0%}" if tally.unit in ("votes", "answers") else "")
        bar = Text("█" * filled + "░" * (width - filled), style="cyan")
        table.add_row(Text(isolate(str(row.label))), bar, Text(value))
    if tally.mean is not None:
        table.add_row(Text("mean / median", style="bold"), Text(""), Text(f"{tally.mean:.1f} / {tally.median:g}"))
    return table


class PollPanel(ShowsState, Static):
    def signature(self, state: SessionState) -> Hashable:
        view = state.poll
        if view is None:
            return None
        return (view.qid, view.status, view.revealed, view.visible, len(view.ballots), view.tally,
                len(state.here), state.all_voted(view))

    def draw(self, state: SessionState) -> None:
        view = state.poll
        self.display = view is not None
        if view is None:
            return
        self.update(self.render_poll(state, view))

    @staticmethod
    def render_poll(state: SessionState, view: PollView) -> Table:
        poll = view.poll
        out = Table.grid()
        out.add_column()
        head = Text(poll.question, style="bold")
        head.append(f"   {poll.vote}: " + HINT[poll.vote].format(max=poll.max, min=poll.min, budget=poll.budget),
                    style="dim")
        if poll.anonymous:
            head.append(" · anonymous", style="dim")
        out.add_row(head)
        status = {"open": "open", "closed": "closed", "waiting": "not open yet"}[view.status]
        # "here" counts the screens present now, not everyone who ever joined (CLI voters too)
        count = Text(f"{len(view.ballots)} voted · {len(state.here)} here · poll {status}")
        if state.all_voted(view):
            count.append("  · everyone has voted", style="bold green")
        out.add_row(count)
        if view.visible:
            out.add_row(bars(view.tally))
        else:
            when = "when you reveal it (r)" if poll.reveal == "manual" else "when the poll closes (c) or you reveal it (r)"
            out.add_row(Text(f"Results hidden {when}, so the room votes unbiased.", style="italic dim"))
            if poll.options:
                out.add_row(Text("Options: " + " · ".join(poll.options), style="dim"))
        return out
