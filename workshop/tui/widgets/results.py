"""A poll's results as bars that fit whatever width they are given.

Nothing that carries meaning is ever cut: the number column (count and share, or points) is
always whole, a label wraps onto more lines rather than being truncated, and where a line is too
narrow for label, bar and number side by side each row takes two lines (label, then bar and
number). It is a Rich renderable, so it is laid out again at every width the widget gets.
Labels come from participants (text answers): they go in as Text, never as markup."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table
from rich.text import Text

from workshop.engine.bidi import isolate
from workshop.engine.tally import UNITS, Row, Tally, mean_words, plural, shown
from workshop.i18n import _, number
from workshop.tui.widgets.bigclock import ROWS, big, width_of

TEXT_ROWS = 8  # text answers shown; the rest are counted in a line under them
LARGE_TYPE = 120  # columns from which the room shows shares in block digits, given the height
LABEL_COLUMN = 30  # a label column narrower than this: a row is its label, then its bar and number


def value_text(tally: Tally, row: Row) -> str:
    """A row's number as every screen writes it: '3 votes · 50%'."""
    return f"{plural(row.value, UNITS[tally.unit])} · {number(row.share, '.0%')}"


def summary_text(tally: Tally) -> str:
    """The line under a scale's bars: 'mean 3.0 · median 4'."""
    return mean_words(tally) if tally.mean is not None else ""


class Results:
    """The bars of `tally`. Given the `height` it may fill (the room display, once revealed), the
    bars grow to fill it, up to five lines each, and take the width the labels do not need."""

    def __init__(self, tally: Tally, *, height: int = 0, track: bool = True) -> None:
        self.tally = tally
        self.height = height
        self.track = track  # the unfilled part of a bar drawn; the room draws nothing for nothing

    def _row_height(self, rows: int) -> int:
        spare = self.height - (1 if self.tally.mean is not None else 0)
        return max(1, min(5, (spare + 1) // max(1, rows) - 1)) if self.height else 1

    def _rows(self) -> tuple[list[Row], int]:
        rows = list(shown(self.tally))
        if self.tally.vote == "text":
            return rows[:TEXT_ROWS], max(0, len(rows) - TEXT_ROWS)
        return rows, 0

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(12, options.max_width)
        rows, more = self._rows()
        values = [value_text(self.tally, row) for row in rows]
        number = max((len(v) for v in values), default=0)
        top = max((row.value for row in rows), default=0) or 1
        bar = max(6, min(40, (width - number - 2) // 3))
        tall = self._row_height(len(rows))
        if self.height:  # the room: labels as wide as they need (up to half), the bars the rest
            longest = max((len(row.label) for row in rows), default=0)
            bar = max(bar, width - number - 2 - max(LABEL_COLUMN, min(longest, width // 2)))
        if not rows:
            yield Text(_("No answers yet."), style="italic")
        elif self.tally.vote == "text":
            # An answer is a sentence, maybe a long one: it flows after its number and wraps at
            # the full width, rather than in a column that would make it three times as tall.
            for row, value in zip(rows, values, strict=True):
                line = self._bar(row.value / top, 6)
                line.append(f" {value.rjust(number)}  ", style="bold")
                line.append(isolate(row.label))
                yield Text.assemble(line, overflow="fold")
        elif self.height and tall >= ROWS and width >= LARGE_TYPE:
            yield self._large(rows, values, top, width)
        elif width - number - bar - 2 >= LABEL_COLUMN:
            table = Table.grid(padding=(0, 1))
            table.add_column(width=width - number - bar - 2, overflow="fold")
            table.add_column(width=bar, no_wrap=True)
            table.add_column(width=number, justify="right", no_wrap=True)
            for at, (row, value) in enumerate(zip(rows, values, strict=True)):
                if tall > 1 and at:
                    table.add_row("", "", "")  # a gap between tall bars, so each reads as one
                block = Text("\n").join([self._bar(row.value / top, bar)] * tall)
                table.add_row(Text(isolate(row.label)), block, Text(value, style="bold"))
            yield table
        else:
            bar = max(1, width - number - 1)
            for row, value in zip(rows, values, strict=True):
                yield Text(isolate(row.label), overflow="fold")
                line = self._bar(row.value / top, bar)
                line.append(" " + value.rjust(number), style="bold")
                yield line
        if more:
            yield Text(_("… and {answers}, in the report").format(answers=plural(more, "other answer")), style="dim")
        if self.tally.mean is not None:
            yield Text(summary_text(self.tally), style="bold")

    def _large(self, rows: list[Row], values: list[str], top: float, width: int) -> Table:
        """The room with height and width to spare: each share in the timer's block digits
        beside a bar as tall as they are, the count in words under the label."""
        # in block digits a share is its digits and sign only: "45 %" in German is drawn "45%"
        shares = [number(row.share, ".0%").replace("\u00a0", "").replace(" ", "") for row in rows]
        digits = max(width_of(share, 1) for share in shares)
        label = max(LABEL_COLUMN, min(max(len(row.label) for row in rows), width // 3))
        bar = width - label - digits - 4
        table = Table.grid(padding=(0, 2))
        table.add_column(width=label, overflow="fold")
        table.add_column(width=bar, no_wrap=True)
        table.add_column(width=digits, no_wrap=True)
        for at, (row, value, share) in enumerate(zip(rows, values, shares, strict=True)):
            if at:
                table.add_row("", "", "")
            words = Text(isolate(row.label))
            words.append("\n" + value, style="bold")
            block = Text("\n").join([self._bar(row.value / top, bar)] * ROWS)
            table.add_row(words, block, big(share, 1))
        return table

    def _bar(self, part: float, width: int) -> Text:
        filled = round(width * part)
        return Text("█" * filled + ("░" if self.track else " ") * (width - filled), style="cyan")
