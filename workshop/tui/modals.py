"""Small dialogs: pick a step, type a line of text, confirm."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option


class PickStep(ModalScreen[str | None]):
    AUTO_FOCUS = "*"  # even over an app that focuses nothing by itself (replay)
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, choices: list[tuple[str, str]], current: str | None) -> None:
        super().__init__()
        self.choices = choices
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Go to which step? (enter to go, escape to cancel)")
            yield OptionList(*[Option(Text(label), id=qid) for qid, label in self.choices], id="pick")

    def on_mount(self) -> None:
        pick = self.query_one(OptionList)
        ids = [qid for qid, _ in self.choices]
        if self.current in ids:
            pick.highlighted = ids.index(self.current)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


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
