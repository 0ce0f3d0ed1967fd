"""How participants join: the session, the join code, the exact command, and who is here."""

from __future__ import annotations

from collections.abc import Hashable

from rich.text import Text
from textual.widgets import Static

from workshop.engine.state import SessionState
from workshop.tui.widgets.base import ShowsState


class JoinBar(ShowsState, Static):
    def __init__(self, command: str, **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        self.command = command

    def signature(self, state: SessionState) -> Hashable:
        return (state.code, len(state.here), self.command, state.address, state.wrong_codes)

    def draw(self, state: SessionState) -> None:
        line = Text("Join: ", style="bold")
        line.append(self.command)
        if state.address:
            line.append("  or open ", style="dim")
            line.append(state.address)
        line.append("   code ", style="dim")
        line.append(state.code, style="bold reverse")
        line.append(f"   {len(state.here)} here", style="dim")
        if state.wrong_codes:  # someone may be guessing the code
            line.append(f"   {state.wrong_codes} wrong code{'s' if state.wrong_codes != 1 else ''}",
                        style="bold yellow")
        self.update(line)
