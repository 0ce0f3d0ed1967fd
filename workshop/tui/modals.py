"""Small dialogs: pick a step, type a line of text, confirm, the join code to scan."""

from __future__ import annotations

from typing import TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from workshop import qr
from workshop.tui.widgets.qr import code_size, qr_text

Picked = TypeVar("Picked")


class _StepList(ModalScreen[Picked]):
    """A question over the steps as a list, the current one highlighted; subclasses say what
    choosing one gives back."""

    AUTO_FOCUS = "*"  # even over an app that focuses nothing by itself (replay)
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]
    HINT = ""

    def __init__(self, choices: list[tuple[str, str]], current: str | None, question: str) -> None:
        super().__init__()
        self.choices = choices
        self.current = current
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(self.question))
            yield OptionList(*[Option(Text(label), id=qid) for qid, label in self.choices], id="pick")
            if self.HINT:
                yield Label(self.HINT, classes="hint")

    def on_mount(self) -> None:
        pick = self.query_one(OptionList)
        ids = [qid for qid, _ in self.choices]
        if self.current in ids:
            pick.highlighted = ids.index(self.current)


class PickStep(_StepList[str | None]):
    def __init__(self, choices: list[tuple[str, str]], current: str | None,
                 question: str = "Go to which step? (enter to go, escape to cancel)") -> None:
        super().__init__(choices, current, question)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


class AgendaPick(_StepList[tuple[str, str] | None]):
    """The facilitator's `g`: go to a step, or change the agenda: skip (or unskip) it, move it.
    Dismisses with (what, qid): what is "goto", "skip" or "move"."""

    BINDINGS = [Binding("s", "pick('skip')", "Skip"), Binding("m", "pick('move')", "Move")]
    HINT = "enter: go there · s: skip or unskip · m: move · escape: cancel"

    def __init__(self, choices: list[tuple[str, str]], current: str | None,
                 question: str = "Go to which step?") -> None:
        super().__init__(choices, current, question)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.dismiss(("goto", event.option.id))

    def action_pick(self, what: str) -> None:
        pick = self.query_one(OptionList)
        if pick.highlighted is not None:
            self.dismiss((what, self.choices[pick.highlighted][0]))


class AskText(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, title: str, placeholder: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text)
            yield Input(placeholder=self.placeholder, max_length=2000, id="text")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)


class Confirm(ModalScreen[bool]):
    BINDINGS = [Binding("y", "dismiss(True)", "Yes"), Binding("n,escape", "dismiss(False)", "No")]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question)
            yield Label("y: yes   n: no", classes="hint")


class Info(ModalScreen[None]):
    BINDINGS = [Binding("escape,enter,q", "dismiss(None)", "Close")]

    def __init__(self, *lines: str) -> None:
        super().__init__()
        self.lines = lines

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            for line in self.lines:
                yield Label(Text(line))
            yield Label("escape: close", classes="hint")


class JoinQR(ModalScreen[None]):
    """The join page's QR code as big as the screen allows, the address and code in words under
    it; or, without an address a phone can open, why not."""

    BINDINGS = [Binding("escape,enter,q,j", "dismiss(None)", "Close")]
    CHROME = (8, 6)  # the dialog's border and padding, the words and the hint: columns, lines

    def __init__(self, address: str, code: str) -> None:
        super().__init__()
        self.address, self.code = address, code

    def compose(self) -> ComposeResult:
        url = qr.join_url(self.address, self.code)
        with Vertical(classes="dialog join-qr"):
            if url:
                matrix = qr.modules(url)
                width, height = code_size(matrix, big=True)
                big = width + self.CHROME[0] <= self.app.size.width and height + self.CHROME[1] <= self.app.size.height
                yield Static(qr_text(matrix, big=big), id="join-code")
                line = Text(f"Scan to join, or open {self.address} and type the code ")
                line.append(self.code, style="bold reverse")
            elif self.address and qr.only_here(self.address):
                line = Text(f"{self.address} only reaches this machine, so there is no code to scan: "
                            "`workshop serve --host 0.0.0.0` lets phones in.")
            elif self.address:
                line = Text(f"{self.address} is not an address `workshop serve` writes: no code for it.")
            else:
                line = Text("Nobody can join from a browser yet: `workshop serve SESSION` makes an address to scan.")
            yield Label(line)
            yield Label("escape: close", classes="hint")


class PickReaction(ModalScreen[str | None]):
    """A participant's reaction to the step: counted for the facilitator, never shown to the room."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, reactions: tuple[str, ...]) -> None:
        super().__init__()
        self.reactions = reactions

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("React to this step (the facilitator sees how many):")
            yield OptionList(*self.reactions, id="reactions")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.reactions[event.option_index])
