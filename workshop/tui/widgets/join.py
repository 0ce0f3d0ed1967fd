"""How participants join: the session, the join code, every way in (the exact command, the
address `serve` announced, the ssh command, and the fingerprints of its self-signed certificate
and ssh host key for people to check), and who is here. The count of wrong join codes (someone
may be guessing) is the facilitator's alone: the room display is told it speaks to the room."""

from __future__ import annotations

from collections.abc import Hashable

from rich.text import Text
from textual.widgets import Static

from workshop.engine.state import SessionState
from workshop.tui.widgets.base import Audience, ShowsState


class JoinBar(ShowsState, Static):
    def __init__(self, command: str, *, audience: Audience = "facilitator", **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        self.command = command
        self.audience = audience
        self.beside = False  # the room's join code stands beside it, with the address and certificate

    def signature(self, state: SessionState) -> Hashable:
        wrong = state.wrong_codes if self.audience == "facilitator" else 0
        return (state.code, len(state.here), self.command, state.address, state.ways, wrong, self.beside)

    def draw(self, state: SessionState) -> None:
        ways = state.ways
        line = Text("Join: ", style="bold")
        line.append(self.command)
        if state.address and not self.beside:
            line.append("  or open ", style="dim")
            line.append(state.address)
        if ways.ssh:
            line.append("  or ", style="dim")
            line.append(ways.ssh)
        line.append("   code ", style="dim")
        line.append(state.code, style="bold reverse")
        line.append(f"   {len(state.here)} here", style="dim")
        if state.wrong_codes and self.audience == "facilitator":  # someone may be guessing the code
            line.append(f"   {state.wrong_codes} wrong code{'s' if state.wrong_codes != 1 else ''}",
                        style="bold yellow")
        checks = [("certificate SHA-256 ", ways.certificate_short) if not self.beside else ("", ""),
                  ("ssh host key ", ways.host_key_short)]
        if any(value for _, value in checks):
            line.append("\nCheck: ", style="dim")
            line.append("   ".join(what + value for what, value in checks if value), style="dim")
        self.update(line)
