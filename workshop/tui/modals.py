"""Small dialogs: pick a step, type a line of text, confirm, the join code to scan."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from workshop import qr
from workshop.engine.ways import Ways
from workshop.i18n import N_, _
from workshop.tui.translated import Translated
from workshop.tui.widgets.qr import code_size, qr_text

Picked = TypeVar("Picked")


Choice = tuple[str, str, str]  # (id, group, label): steps under their module's title, which heads them once


class _StepList(Translated, ModalScreen[Picked]):
    """A question over the steps as a list, grouped under their modules' titles, the current one
    highlighted and scrolled to; it is never taller than the window leaves room for, so its key
    line always shows. Subclasses say what choosing one gives back."""

    AUTO_FOCUS = "*"  # even over an app that focuses nothing by itself (replay)
    BINDINGS = [Binding("escape", "dismiss(None)", N_("Cancel"))]
    HINT = ""
    CHROME = 9  # the dialog's border and padding, the question, the hint and its margin: lines

    def __init__(self, choices: list[Choice], current: str | None, question: str) -> None:
        super().__init__()
        self.choices = choices
        self.current = current
        self.question = question

    def compose(self) -> ComposeResult:
        options: list[Option] = []
        group = None
        for qid, heading, label in self.choices:
            if heading and heading != group:
                options.append(Option(Text(heading, style="bold"), disabled=True))
            group = heading
            options.append(Option(Text(("  " if heading else "") + label), id=qid))
        with Vertical(classes="dialog"):
            yield Label(Text(self.question))
            yield OptionList(*options, id="pick")
            if self.HINT:
                yield Label(_(self.HINT), classes="hint")

    def on_mount(self) -> None:
        self._fit()
        pick = self.query_one(OptionList)
        if self.current is not None:
            try:
                pick.highlighted = pick.get_option_index(self.current)
            except OptionDoesNotExist:  # not in the list: nothing highlighted
                pass
        self.call_after_refresh(pick.scroll_to_highlight, top=False)

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """The list takes what the window leaves (80% of it, less the dialog's other lines)."""
        self.query_one(OptionList).styles.max_height = max(3, int(self.app.size.height * 0.8) - self.CHROME)

    def chosen(self) -> str | None:
        pick = self.query_one(OptionList)
        if pick.highlighted is None:
            return None
        return pick.get_option_at_index(pick.highlighted).id


class PickStep(_StepList[str | None]):
    def __init__(
        self,
        choices: list[Choice],
        current: str | None,
        question: str | None = None,
    ) -> None:
        # said when the dialog opens, in its reader's language (a default would be said on import)
        super().__init__(choices, current, question or _("Go to which step? (enter to go, escape to cancel)"))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


class AgendaPick(_StepList[tuple[str, str] | None]):
    """The facilitator's `g`: go to a step, or change the agenda: skip (or unskip) it, move it.
    Dismisses with (what, qid): what is "goto", "skip" or "move"."""

    BINDINGS = [Binding("s", "pick('skip')", N_("Skip")), Binding("m", "pick('move')", N_("Move"))]
    HINT = N_("enter: go · s: skip/unskip · m: move · esc: cancel")

    def __init__(self, choices: list[Choice], current: str | None, question: str | None = None) -> None:
        super().__init__(choices, current, question or _("Go to which step?"))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.dismiss(("goto", event.option.id))

    def action_pick(self, what: str) -> None:
        chosen = self.chosen()
        if chosen is not None:
            self.dismiss((what, chosen))


class AskText(Translated, ModalScreen[str | None]):
    """A line to type. With `reading`, each keystroke shows under it how the line is read (or why
    it cannot be), and enter saves only a line that reads."""

    BINDINGS = [Binding("escape", "dismiss(None)", N_("Cancel"))]

    def __init__(
        self,
        title: str,
        placeholder: str = "",
        value: str = "",
        reading: Callable[[str], tuple[bool, str]] | None = None,
        suggestions: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self.title_text = title
        self.placeholder = placeholder
        self.value = value
        self.reading = reading
        self.suggestions = suggestions

    def compose(self) -> ComposeResult:
        from textual.suggester import SuggestFromList

        suggester = SuggestFromList(self.suggestions, case_sensitive=False) if self.suggestions else None
        with Vertical(classes="dialog"):
            yield Label(self.title_text)
            yield Input(self.value, placeholder=self.placeholder, max_length=2000, id="text", suggester=suggester)
            if self.reading is not None:
                yield Label("", id="reading", classes="hint")

    def on_mount(self) -> None:
        self._read(self.value)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._read(event.value)

    def _read(self, typed: str) -> bool:
        if self.reading is None:
            return True
        ok, said = self.reading(typed)
        label = self.query_one("#reading", Label)
        label.update(Text(said))
        label.set_class(not ok, "refused")
        return ok

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if self._read(event.value):
            self.dismiss(event.value)


class Confirm(Translated, ModalScreen[bool]):
    BINDINGS = [Binding("y", "dismiss(True)", N_("Yes")), Binding("n,escape", "dismiss(False)", N_("No"))]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question)
            yield Label(_("y: yes   n: no"), classes="hint")


class Info(Translated, ModalScreen[None]):
    BINDINGS = [Binding("escape,enter,q", "dismiss(None)", N_("Close"))]

    def __init__(self, *lines: str) -> None:
        super().__init__()
        self.lines = lines

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            for line in self.lines:
                yield Label(Text(line))
            yield Label(_("escape: close"), classes="hint")


class JoinQR(Translated, ModalScreen[None]):
    """The join page's QR code as big as the screen allows, the address and code in words under
    it; or, without an address a phone can open, why not. Then every other way in `serve` runs:
    the self-signed certificate's fingerprint, the ssh command and its host key's."""

    BINDINGS = [Binding("escape,enter,q,j", "dismiss(None)", N_("Close"))]
    CHROME = (8, 6)  # the dialog's border and padding, the words and the hint: columns, lines
    FULL_WIDTH = 120  # columns from which a whole certificate fingerprint fits on its line

    def __init__(self, address: str, code: str, ways: Ways | None = None) -> None:
        super().__init__()
        self.address, self.code = address, code
        self.ways = ways or Ways(address)

    def compose(self) -> ComposeResult:
        url = qr.join_url(self.address, self.code)
        extra = self._others(full=self.app.size.width >= self.FULL_WIDTH)
        with VerticalScroll(classes="dialog join-qr"):  # on a small screen the ways below the code scroll
            if url:
                matrix = qr.modules(url)
                width, height = code_size(matrix, big=True)
                lines = height + self.CHROME[1] + len(extra)
                big = width + self.CHROME[0] <= self.app.size.width and lines <= self.app.size.height
                yield Static(qr_text(matrix, big=big), id="join-code")
                line = Text(_("Scan to join, or open {address} and type the code ").format(address=self.address))
                line.append(self.code, style="bold reverse")
            elif self.address and qr.only_here(self.address):
                line = Text(
                    _(
                        "{address} only reaches this machine, so there is no code to scan: `workshop serve --host "
                        "0.0.0.0` lets phones in."
                    ).format(address=self.address)
                )
            elif self.address:
                line = Text(
                    _("{address} is not an address `workshop serve` writes: no code for it.").format(
                        address=self.address
                    )
                )
            else:
                line = Text(_("Nobody can join from a browser yet: `workshop serve SESSION` makes an address to scan."))
            yield Label(line)
            for more in extra:
                yield Label(more)
            yield Label(_("escape: close"), classes="hint")

    def _others(self, full: bool) -> list[Text]:
        """The other ways in, and the fingerprints to check: whole where a line holds them."""
        ways, lines = self.ways, []
        if ways.certificate and self.address:
            words = ways.certificate_words if full else ways.certificate_short
            lines.append(
                Text(
                    _("Its certificate is self-signed (browsers warn). Its SHA-256:\n{fingerprint}").format(
                        fingerprint=words
                    )
                )
            )
        if ways.ssh:
            words = ways.host_key_words if full else ways.host_key_short
            lines.append(
                Text(_("From any terminal: {ssh}   (host key {fingerprint})").format(ssh=ways.ssh, fingerprint=words))
            )
        return lines


class PickReaction(Translated, ModalScreen[str | None]):
    """A participant's reaction to the step: counted for the facilitator, never shown to the room."""

    BINDINGS = [Binding("escape", "dismiss(None)", N_("Cancel"))]

    def __init__(self, reactions: tuple[str, ...]) -> None:
        super().__init__()
        self.reactions = reactions

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(_("React to this step (the facilitator sees how many):"))
            yield OptionList(*self.reactions, id="reactions")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.reactions[event.option_index])
