"""The current poll: question, options, how many have voted (never who voted what), and the
tally as bars, hidden until the poll's reveal policy allows.

What the panel may say depends on who looks at it, so the app says so (`audience`) rather than
the panel guessing: the facilitator is told which key reveals the results, the room is not."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Unpack

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text
from textual.widgets import Static

from workshop.engine import tally
from workshop.engine.views import PollView, SessionState
from workshop.i18n import _, ngettext
from workshop.tui.widgets.base import Audience, ShowsState, question
from workshop.tui.widgets.options import WidgetOptions
from workshop.tui.widgets.results import Results

CONSENT_BANNER = 3  # lines a consent poll's result takes on the room display


def _decided(state: SessionState, qid: str) -> str:
    """The decision in force that rests on this poll ("" for none)."""
    return next((d.id for d in state.record.decisions if qid in d.polls and d.withdrawn is None), "")


class PollPanel(ShowsState, Static):
    def __init__(self, *, audience: Audience = "facilitator", **options: Unpack[WidgetOptions]) -> None:
        super().__init__("", **options)
        self.audience = audience

    def signature(self, state: SessionState) -> Hashable:
        view = state.poll
        if view is None:
            return None
        room = self.size.height if self.audience == "room" else 0  # the room's bars fill the height
        return (
            view.qid,
            view.status,
            view.revealed,
            view.visible,
            len(view.ballots),
            view.tally,
            len(state.here),
            state.all_voted(view),
            room,
            view.rounds,
            view.at_kiosk,
            _decided(state, view.qid),
        )

    def draw(self, state: SessionState) -> None:
        view = state.poll
        self.display = view is not None
        self.set_class(view is not None and view.visible, "revealed")
        if view is None:
            return
        self.update(self.render_poll(state, view))

    def render_poll(self, state: SessionState, view: PollView) -> Group:
        poll = view.poll
        parts = self._head(state, view)
        if view.visible:
            room = self.audience == "room"
            if room and (said := tally.consent_words(poll, view.tally)):
                parts.append(self._consent(said, blocked=bool(tally.under(poll, view.tally))))
            # the room's bars fill what the lines above leave (one spare, should the question wrap)
            used = sum(len(part.plain.splitlines()) if isinstance(part, Text) else CONSENT_BANNER for part in parts)
            height = self.content_region.height - used - 1 if room else 0
            parts.append(Results(view.tally, height=max(0, height), track=not room))
        else:
            parts.append(Text(self._hidden(view), style="italic dim"))
            if poll.options:
                parts.append(Text(_("Options: {options}").format(options=" · ".join(poll.options)), style="dim"))
        return Group(*parts)

    def _head(self, state: SessionState, view: PollView) -> list[RenderableType]:
        """The question (what a ballot is, while the room may still vote), how many voted, and
        the rounds. The cue that everyone has voted is the facilitator's, to move on by."""
        poll = view.poll
        status = {"open": _("open"), "closed": _("closed"), "waiting": _("not open yet")}[view.status]
        # "here" counts the screens present now, not everyone who ever joined (CLI voters too)
        kiosk = (
            _(" ({at_kiosk} at the kiosk)").format(at_kiosk=view.at_kiosk)
            if view.at_kiosk and self.audience == "facilitator"
            else ""
        )
        voted, here = len(view.ballots), len(state.here)
        count = Text(
            _("{voted}{kiosk} · {here} · poll {status}").format(
                voted=ngettext("{n} voted", "{n} voted", voted).format(n=voted),
                kiosk=kiosk,
                here=ngettext("{n} here", "{n} here", here).format(n=here),
                status=status,
            )
        )
        if self.audience == "facilitator" and state.all_voted(view):
            count.append(_("  · everyone has voted"), style="bold green")
        room_results = self.audience == "room" and view.visible
        asked = Text(poll.question, style="bold") if room_results else question(poll)
        return [asked, count, *self._rounds(view, _decided(state, view.qid))]

    @staticmethod
    def _consent(said: str, blocked: bool) -> Padding:
        """A consent poll's result, large: a band the width of the panel, its words centred."""
        style = "bold reverse yellow" if blocked else "bold reverse green"
        return Padding(Text(said, justify="center"), (1, 0), style=style, expand=True)

    def lines_needed(self, state: SessionState, width: int) -> int:
        """Lines the room's revealed results need at `width` with bars one line tall: what the
        room display leaves them before its timer takes the rest."""
        view = state.poll
        if view is None or not view.visible:
            return 0
        console = self.app.console
        options = console.options.update_width(max(12, width))
        head = sum(len(console.render_lines(part, options)) for part in self._head(state, view))
        banner = CONSENT_BANNER if tally.consent_words(view.poll, view.tally) else 0
        return head + banner + len(console.render_lines(Results(view.tally), options, pad=False))

    def _rounds(self, view: PollView, decided: str = "") -> list[Text]:
        """Earlier rounds side by side with this one ('round 1: 2 under 3; round 2: consent'), and
        for the facilitator, what to do when a consent poll has ballots under its threshold, and
        once it has consent, the key that records it as a decision (or the decision it became)."""
        lines = []
        if view.rounds:  # the room sees how earlier rounds went only once it may see results
            told = view.visible or self.audience == "facilitator"
            said = tally.rounds_words(view.poll, view.rounds, view.tally) if told else ""
            lines.append(
                Text(_("Round {round}").format(round=view.round) + (f" · {said}" if said else ""), style="bold")
            )
        blocks = tally.under(view.poll, view.tally)
        if blocks and self.audience == "facilitator":
            lines.append(
                Text(
                    _("{blocks} under {threshold}: no consent yet · o: objections round · v: vote again").format(
                        blocks=blocks, threshold=view.poll.threshold
                    ),
                    style="bold yellow",
                )
            )
        elif self.audience == "facilitator" and view.poll.threshold is not None and view.ballots:
            lines.append(
                Text(
                    _("Recorded as decision {decided}").format(decided=decided)
                    if decided
                    else _("Consent: D records the proposal as a decision"),
                    style="bold green",
                )
            )
        return lines

    def on_resize(self) -> None:
        if self.audience == "room":
            self.redraw()  # the bars are drawn to the panel's height

    def _hidden(self, view: PollView) -> str:
        if self.audience == "room":
            return _("Results will show here once they are revealed.")
        reveal = view.poll.reveal
        when = _("when you reveal it (r)") if reveal == "manual" else _("when the poll closes (c) or you reveal it (r)")
        return _("Results hidden {when}, so the room votes unbiased.").format(when=when)
