"""A participant's ballot for each vote kind, keyboard first:

- single, scale: pick with the arrows, enter casts;
- multi: space ticks options, enter on "Cast" (or ctrl+s) casts;
- dots: up/down choose an option, +/- (or right/left) move a dot, budget left always shown;
- rank: up/down choose, [ and ] move the chosen option up or down;
- text: type, enter casts.

Every kind also works with the mouse alone: click an option, then the on-screen buttons (up and
down for rank, + and - for dots) and Cast. Each form says its keys in a hint line, as plain Text:
a hint with brackets in it must never be read as markup.

The form only builds the value; `Cast` carries it, with the id of the poll the form was built
for, to the app, which writes it and says "your ballot is recorded" only once it is on disk. The
poll id travels with the ballot because the facilitator may move on between a key press and the
message being handled: a ballot is then refused, never cast on whatever poll is open by then.
"""

from __future__ import annotations

from collections import Counter
from typing import Unpack

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, OptionList, SelectionList, Static
from textual.widgets.option_list import Option

from workshop.content.model import Poll
from workshop.i18n import N_, _
from workshop.tui.translated import Translated
from workshop.tui.widgets.options import WidgetOptions
from workshop.tui.widgets.ticklist import TickList

HINTS = {
    "single": N_("Up and down choose; enter (or a click) casts."),
    "scale": N_("Up and down choose; enter (or a click) casts."),
    "multi": N_("Tick up to {max} with space (or a click), then Cast (ctrl+s)."),
    "dots": N_("Up and down choose an option; + and - (or the buttons) move a dot; then Cast (ctrl+s)."),
    "rank": N_(
        "[ and ] (or the buttons) move the chosen option up or down; first is your first choice. Then Cast (ctrl+s)."
    ),
    "text": N_("Type your answer; enter casts."),
}


def hint(poll: Poll) -> Static:
    """The form's keys, as literal text: `[ and ]` would vanish if read as markup."""
    return Static(Text(_(HINTS[poll.vote]).format(max=poll.max)), classes="hint")


class BallotForm(Translated, Vertical):
    # not translated: a stylesheet
    DEFAULT_CSS = """
    BallotForm { height: auto; }
    BallotForm .moves { height: auto; }
    BallotForm .moves Button { margin-right: 1; min-width: 10; }
    """
    # The keys of every kind; `check_action` keeps each to its kind. The moves stay off the key
    # bar (at 80 columns it would push the screen's own keys out of sight): the hint line over
    # the ballot says them, and its buttons do them.
    BINDINGS = [
        Binding("ctrl+s", "cast", N_("Cast ballot")),
        Binding("plus,equals_sign,right", "move_dot(1)", N_("+ dot"), key_display="+", show=False),
        Binding("minus,left", "move_dot(-1)", N_("- dot"), key_display="-", show=False),
        Binding("left_square_bracket", "move_rank(-1)", N_("▲ up"), key_display="[", show=False),
        Binding("right_square_bracket", "move_rank(1)", N_("▼ down"), key_display="]", show=False),
    ]
    KINDS = {"move_dot": "dots", "move_rank": "rank"}  # the actions only one kind of ballot has

    class Cast(Message):
        """Posted by a `BallotForm` when its participant casts: `value` as the poll stores it,
        for the poll `poll_id` the form was built for; `control` is the form."""

        def __init__(self, form: BallotForm, poll_id: str, value: list) -> None:
            super().__init__()
            self.form = form
            self.poll_id = poll_id
            self.value = value

        @property
        def control(self) -> BallotForm:
            return self.form

    def __init__(
        self, poll: Poll, poll_id: str, current: tuple | None = None, **options: Unpack[WidgetOptions]
    ) -> None:
        super().__init__(**options)
        self.poll = poll
        self.poll_id = poll_id
        self.current = current
        kind = poll.vote
        if kind == "dots":
            self.dots = Counter(current or ())
        if kind == "rank":
            self.order = list(current) if current else list(poll.options)

    def compose(self) -> ComposeResult:
        # The hint first, over the choices: on a small window the keys are said before a long
        # list pushes them out of sight, and they stay in view with the list (`keep_in_sight`).
        poll, kind = self.poll, self.poll.vote
        yield hint(poll)
        if kind in ("single", "scale"):
            yield OptionList(*[Option(Text(label), id=str(i)) for i, label in enumerate(self._choices())], id="choices")
        elif kind == "multi":
            picked = set(self.current or ())
            yield TickList(*[(Text(o), o, o in picked) for o in poll.options], most=poll.max or 0, id="choices")
            yield Static("", id="limit", classes="hint")
            yield Button(_("Cast"), id="cast", variant="primary")
        elif kind == "dots":
            yield OptionList(*self._dot_rows(), id="choices")
            yield Static("", id="budget", classes="hint")
            with Horizontal(classes="moves"):
                yield Button(_("+ dot"), id="more-dot")
                yield Button(_("- dot"), id="less-dot")
                yield Button(_("Cast"), id="cast", variant="primary")
        elif kind == "rank":
            yield OptionList(*self._rank_rows(), id="choices")
            with Horizontal(classes="moves"):
                yield Button(_("▲ up"), id="move-up")
                yield Button(_("▼ down"), id="move-down")
                yield Button(_("Cast"), id="cast", variant="primary")
        else:
            start = str(self.current[0]) if self.current else ""
            yield Input(start, placeholder=_("Your answer"), max_length=poll.max_length, id="answer")

    def on_mount(self) -> None:
        for button in self.query(".moves Button"):
            # each click moves once, however fast they come (a button ignores clicks while it
            # shows its press, and three quick clicks on "+ dot" must be three dots)
            button.active_effect_duration = 0  # type: ignore[attr-defined]
        if self.poll.vote == "dots":
            self._show_budget()
        # Focused, but not scrolled to: the screen opens at its top, where the step and any
        # revealed results are; the keys work on the ballot all the same.
        self.query("OptionList, SelectionList, Input").first().focus(scroll_visible=False)

    @on(OptionList.OptionHighlighted, "#choices")
    @on(SelectionList.SelectionHighlighted, "#choices")
    def keep_in_sight(self, event: OptionList.OptionHighlighted | SelectionList.SelectionHighlighted) -> None:
        """The participant moved to another option: the list keeps it in its own window, and the
        screen scrolls (as little as it must) to show the whole form, so the chosen option and
        the hint are never out of sight below a long prompt. The list opens on its first option
        by itself: that is no move, and a new ballot still opens at the step's top."""
        index = event.option_index if isinstance(event, OptionList.OptionHighlighted) else event.selection_index
        if not self._moved and index == 0:
            return
        self._moved = True
        self.call_after_refresh(self.scroll_visible, animate=False)

    _moved = False

    # ------------------------------------------------------------------ single and scale

    def _choices(self) -> list[str]:
        poll = self.poll
        if poll.vote == "scale":
            assert poll.min is not None and poll.max is not None
            return [f"{x}  {poll.label_for(x)}".rstrip() for x in range(poll.min, poll.max + 1)]
        return list(poll.options)

    @on(OptionList.OptionSelected, "#choices")
    def picked(self, event: OptionList.OptionSelected) -> None:
        if self.poll.vote not in ("single", "scale"):
            return
        event.stop()
        index = int(event.option.id or 0)
        value = [self.poll.min + index] if self.poll.vote == "scale" else [self.poll.options[index]]  # type: ignore[operator]
        self.post_message(self.Cast(self, self.poll_id, value))

    @on(TickList.Refused)
    def too_many(self, event: TickList.Refused) -> None:
        """A tick over the poll's limit, refused on the spot: the ticks stay as they were."""
        event.stop()
        self.query_one("#limit", Static).update(
            Text(_("At most {max}: untick one first.").format(max=self.poll.max), style="bold")
        )

    @on(SelectionList.SelectedChanged, "#choices")
    def ticked(self, event: SelectionList.SelectedChanged) -> None:
        self.query_one("#limit", Static).update("")

    # ------------------------------------------------------------------ dots

    def _dot_rows(self) -> list[Option]:
        rows = []
        for option in self.poll.options:
            most = self.poll.cap or self.poll.budget or 0
            line = Text("●" * self.dots[option], style="bold cyan")
            line.append("·" * max(0, most - self.dots[option]), style="dim")
            line.append("  ")
            line.append(option)
            rows.append(Option(line, id=option))
        return rows

    def _show_budget(self) -> None:
        left = (self.poll.budget or 0) - sum(self.dots.values())
        cap = _(", at most {cap} on one").format(cap=self.poll.cap) if self.poll.cap else ""
        self.query_one("#budget", Static).update(
            Text(_("{left} of {budget} dots left{cap}.").format(left=left, budget=self.poll.budget, cap=cap))
        )

    def action_move_dot(self, step: int) -> None:
        """A dot more (1) or less (-1) on the highlighted option."""
        choices = self.query_one("#choices", OptionList)
        if choices.highlighted is None:
            return
        option = self.poll.options[choices.highlighted]
        if step > 0 and sum(self.dots.values()) >= (self.poll.budget or 0):
            self.query_one("#budget", Static).update(_("No dots left: take one from another option first."))
            return
        if step > 0 and self.poll.cap and self.dots[option] >= self.poll.cap:
            self.query_one("#budget", Static).update(_("At most {cap} dots on one option.").format(cap=self.poll.cap))
            return
        if step < 0 and not self.dots[option]:
            return
        self.dots[option] += step
        self._redraw(choices)
        self._show_budget()

    # ------------------------------------------------------------------ rank

    def _rank_rows(self) -> list[Option]:
        rows = []
        for place, option in enumerate(self.order, 1):
            line = Text(f"{place}. ", style="bold")
            line.append(option)
            rows.append(Option(line, id=option))
        return rows

    def action_move_rank(self, step: int) -> None:
        """The highlighted option a place up (-1) or down (1)."""
        choices = self.query_one("#choices", OptionList)
        at = choices.highlighted
        if at is None or not 0 <= at + step < len(self.order):
            return
        self.order[at], self.order[at + step] = self.order[at + step], self.order[at]
        self._redraw(choices)
        choices.highlighted = at + step

    # ------------------------------------------------------------------ keys and casting

    def _redraw(self, choices: OptionList) -> None:
        at = choices.highlighted
        choices.clear_options()
        choices.add_options(self._dot_rows() if self.poll.vote == "dots" else self._rank_rows())
        choices.highlighted = at

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        kind = self.KINDS.get(action)
        return kind is None or kind == self.poll.vote

    def value(self) -> list:
        kind = self.poll.vote
        if kind == "multi":
            return list(self.query_one("#choices", SelectionList).selected)
        if kind == "dots":
            return [o for o in self.poll.options for _ in range(self.dots[o])]
        if kind == "rank":
            return list(self.order)
        if kind == "text":
            return [self.query_one("#answer", Input).value]
        choices = self.query_one("#choices", OptionList)
        index = choices.highlighted or 0
        return [self.poll.min + index] if kind == "scale" else [self.poll.options[index]]  # type: ignore[operator]

    def action_cast(self) -> None:
        self.post_message(self.Cast(self, self.poll_id, self.value()))

    @on(Button.Pressed, "#more-dot, #less-dot")
    def dot_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_move_dot(1 if event.button.id == "more-dot" else -1)

    @on(Button.Pressed, "#move-up, #move-down")
    def move_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_move_rank(-1 if event.button.id == "move-up" else 1)

    @on(Button.Pressed, "#cast")
    def cast_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cast()

    @on(Input.Submitted, "#answer")
    def answered(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_cast()
