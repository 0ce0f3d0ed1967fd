"""How participants join: the session, the join code, every way in (the exact command, the
address `serve` announced, the ssh command, and the fingerprints of its self-signed certificate
and ssh host key for people to check), and who is here. The count of wrong join codes (someone
may be guessing) is the facilitator's alone: the room display is told it speaks to the room."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Unpack

from rich.text import Text
from textual.widgets import Static

from workshop.engine.views import SessionState
from workshop.i18n import _, ngettext
from workshop.tui.styled import styled
from workshop.tui.widgets.base import Audience, ShowsState
from workshop.tui.widgets.options import WidgetOptions


class JoinBar(ShowsState, Static):
    def __init__(self, command: str, *, audience: Audience = "facilitator", **options: Unpack[WidgetOptions]) -> None:
        super().__init__("", **options)
        self.command = command
        self.audience = audience
        self.beside = False  # the room's join code stands beside it, with the address and certificate

    def signature(self, state: SessionState) -> Hashable:
        wrong = state.wrong_codes if self.audience == "facilitator" else 0
        return (state.code, len(state.here), self.command, state.address, state.ways, wrong, self.beside)

    def draw(self, state: SessionState) -> None:
        ways = state.ways
        line = Text(_("Join: "), style="bold")
        line.append(self.command)
        if state.address and not self.beside:
            line.append(styled(_("  or open {address}"), "dim", address=Text(state.address)))
        if ways.ssh:
            line.append(styled(_("  or {ssh}"), "dim", ssh=Text(ways.ssh)))
        line.append(styled(_("   code {code}"), "dim", code=Text(state.code, style="bold reverse")))
        line.append(_("   {here} here").format(here=len(state.here)), style="dim")
        if state.wrong_codes and self.audience == "facilitator":  # someone may be guessing the code
            line.append(
                ngettext("   {n} wrong code", "   {n} wrong codes", state.wrong_codes).format(n=state.wrong_codes),
                style="bold yellow",
            )
        checks = [
            _("certificate SHA-256 {fingerprint}").format(fingerprint=ways.certificate_short)
            if ways.certificate_short and not self.beside
            else "",
            _("ssh host key {fingerprint}").format(fingerprint=ways.host_key_short) if ways.host_key_short else "",
        ]
        if any(checks):
            shown = "   ".join(c for c in checks if c)
            line.append(_("\nCheck: {fingerprints}").format(fingerprints=shown), style="dim")
        self.update(line)
