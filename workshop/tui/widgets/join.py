"""How participants join: the session, the join code, the exact command, and who is here. The
count of wrong join codes (someone may be guessing) is the facilitator's alone: the room display
is told it speaks to the room."""

from __future__ import annotations

from collections.abc import Hashable

from rich.text import Text
from textual.widgets import Static

from workshop.engine.views import SessionState
from workshop.i18n import _, ngettext
from workshop.tui.styled import styled
from workshop.tui.widgets.base import Audience, ShowsState


class JoinBar(ShowsState, Static):
    def __init__(self, command: str, *, audience: Audience = "facilitator", **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        self.command = command
        self.audience = audience

    def signature(self, state: SessionState) -> Hashable:
        wrong = state.wrong_codes if self.audience == "facilitator" else 0
        return (state.code, len(state.here), self.command, state.address, wrong)

    def draw(self, state: SessionState) -> None:
        line = Text(_("Join: "), style="bold")
        line.append(self.command)
        if state.address:
            line.append(styled(_("  or open {address}"), "dim", address=Text(state.address)))
        line.append(styled(_("   code {code}"), "dim", code=Text(state.code, style="bold reverse")))
        line.append(_("   {here} here").format(here=len(state.here)), style="dim")
        if state.wrong_codes and self.audience == "facilitator":  # someone may be guessing the code
            line.append(ngettext("   {n} wrong code", "   {n} wrong codes", state.wrong_codes).format(
                n=state.wrong_codes), style="bold yellow")
        self.update(line)
