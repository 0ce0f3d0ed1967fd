"""What the facilitator does to a session: move through it, run its timer and polls, mark action
items. Changing the agenda live (and revotes) is in `AgendaVerbs` (agenda.py), deciding in
`DecisionVerbs` (decisions.py); the participants' verbs, and what every verb shares, are in
`Taking` (taking.py). Each verb checks and appends under the file's lock
(`SessionFile.changing`), and raises `SessionError` with one line, having written nothing, when
it cannot be done.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from dataclasses import replace

from workshop import i18n
from workshop.engine import dates, events, forecast
from workshop.engine.in_language import spec_in, step_title
from workshop.engine.text import said_back
from workshop.engine.views import SessionState, StepView
from workshop.i18n import N_, _
from workshop.sessions.agenda import AgendaVerbs
from workshop.sessions.files import CODE_ALPHABET, SessionError, read_secret
from workshop.sessions.taking import RESERVED_NAMES
from workshop.sessions.typed import owner_and_due

POLL_EVENTS: dict[str, type[events.CloseEvent | events.ReopenEvent | events.ResetEvent | events.RevealEvent]] = {
    "close": events.CloseEvent,
    "reopen": events.ReopenEvent,
    "reset": events.ResetEvent,
    "reveal": events.RevealEvent,
}
POLL_ACTIONS = tuple(POLL_EVENTS)
POLL_DONE = {
    "close": N_("poll closed"),
    "reopen": N_("poll reopened"),
    "reset": N_("poll reset, its ballots no longer count"),
    "reveal": N_("results shown"),
}
__all__ = ["POLL_ACTIONS", "RESERVED_NAMES", "Session"]


class Session(AgendaVerbs):
    # ---------------------------------------------------------------- facilitator

    def start(self) -> str:
        with self.changing() as write:
            s = self._live()
            if s.status != "waiting":
                raise SessionError(_("the session has already started"))
            first = next((x for x in s.steps if not x.skipped), None)
            said = self._freeze_options(write, s, first) if first is not None else ""
            planned = self._planned_start()
            write(events.StartEvent(planned=planned.isoformat() if planned is not None else events.UNSET))
        return self._where() + said

    def ends(self, s: SessionState | None = None) -> tuple[float | None, float]:
        """When the workshop was planned to end (None before it is known) and when, as things
        stand, it will end: seconds since the epoch (engine/forecast.py). `s`: the state a
        screen is already showing."""
        s = s or self.state()
        planned = self._planned_start() if s.status == "waiting" else None
        start = None if planned is None else planned.timestamp()
        if start is not None:
            s = replace(s, planned_start=start)
        return forecast.planned_end(s), forecast.forecast_end(s, start)

    def starts_at(self) -> float | None:
        """When the agenda means this session to start (seconds since the epoch): what the room
        display says before the start; None when the session was made after that time."""
        planned = self._planned_start()
        return None if planned is None else planned.timestamp()

    def _planned_start(self) -> dt.datetime | None:
        """When the agenda meant this session to start, in the facilitator's time zone."""
        created = self.fold.header.get("created")
        if not isinstance(created, dt.datetime):
            return None
        local = (created if created.tzinfo else created.replace(tzinfo=dt.UTC)).astimezone()
        return forecast.planned_start(self.fold.plan.agenda.start, local)

    def next(self) -> str:
        return self._step_by(1)

    def prev(self) -> str:
        return self._step_by(-1)

    def goto(self, ref: str) -> str:
        with self.changing() as write:
            s = self._started("goto")
            target = s.step_by_id(ref)
            if target is None:
                raise SessionError(
                    _("no step {ref} in this agenda (or the id is in several modules: use module/step)").format(
                        ref=said_back(ref)
                    )
                )
            said = self._freeze_options(write, s, target)
            write(events.GotoEvent(step=target.qid, via="goto"))
        return self._where() + said

    def _step_by(self, delta: int) -> str:
        """To the next (or previous) step not skipped and not an objections round already held
        (`goto` enters one again); `next` first moves through a step's rounds."""
        word: events.Via = "next" if delta > 0 else "prev"
        with self.changing() as write:
            s = self._started(word)
            here = self._current(s)
            if delta > 0 and (now := here.round) is not None and now.index + 1 < len(here.rounds):
                write(events.RoundEvent(step=here.qid, round=now.index + 1))
                shown = spec_in(here, i18n.language())
                return _("now {label} ({title})").format(label=shown.rounds[now.index + 1].label, title=shown.title)
            index = here.index + delta
            while 0 <= index < len(s.steps) and _passed_over(s.steps[index]):
                index += delta
            if not 0 <= index < len(s.steps):
                raise SessionError(
                    _("already at the last step: `end` to finish") if delta > 0 else _("already at the first step")
                )
            said = self._freeze_options(write, s, s.steps[index])
            write(events.GotoEvent(step=s.steps[index].qid, via=word))
        return self._where() + said

    def pause(self) -> str:
        with self.changing() as write:
            if self._started("pause").status == "paused":
                raise SessionError(_("already paused"))
            write(events.PauseEvent())
        return "paused"

    def resume(self) -> str:
        with self.changing() as write:
            if self._started("resume").status != "paused":
                raise SessionError(_("not paused"))
            write(events.ResumeEvent())
        return "resumed"

    def extend(self, minutes: int) -> str:
        """Give the current step more minutes (fewer, when negative)."""
        if minutes == 0 or abs(minutes) > 120:
            raise SessionError(_("extend by 1 to 120 minutes (negative to shorten)"))
        with self.changing() as write:
            step = self._current(self._started("extend"))
            write(events.ExtendEvent(step=step.qid, seconds=minutes * 60))
        now = next(view for view in self.state().steps if view.qid == step.qid)
        changed = (now.allowed - step.allowed) // 60  # what it was given: a step is never shorter than nothing
        return _("{title}: {value}{minutes} min").format(
            title=step_title(step), value="+" if changed > 0 else "", minutes=changed
        )

    def poll_action(self, action: str, ref: str | None = None) -> str:
        """close, reopen, reset or reveal a poll: the current step's, or the one named."""
        if action not in POLL_ACTIONS:
            raise SessionError(
                _("unknown poll action {action}: {POLL_ACTIONS}").format(
                    action=said_back(action), POLL_ACTIONS=", ".join(POLL_ACTIONS)
                )
            )
        with self.changing() as write:
            s = self._started(action)
            poll = self._poll_named(s, ref, none=_("this step has no poll"))
            if action == "close" and poll.status != "open":
                raise SessionError(_("the poll is not open"))
            if action == "reopen" and poll.status != "closed":
                raise SessionError(_("the poll is not closed"))
            write(POLL_EVENTS[action](poll=poll.qid))
            said = self._freeze_options(write, s, s.steps[poll.index], again=True) if action == "reset" else ""
        return _("{title}: {done}{said}").format(
            title=step_title(s.steps[poll.index]), done=_(POLL_DONE[action]), said=said
        )

    def end(self) -> str:
        with self.changing() as write:
            self._started("end")
            write(events.EndEvent())
        return _("session ended")

    def announce(self, address: str, certificate: str = "", ssh: str = "", host_key: str = "") -> None:
        """Say where browsers can join, and every other way in `workshop serve` runs: its
        self-signed certificate's SHA-256, the ssh command, its host key's SHA-256 (hex)."""
        with self.changing() as write:
            write(
                events.ServeEvent(
                    address=address,
                    certificate=events.given(certificate or None),
                    ssh=events.given(ssh or None),
                    host_key=events.given(host_key or None),
                )
            )

    def withdraw(self, address: str) -> None:
        """Take `address` off the join bar (when `serve` stops), unless another `serve` has
        announced its own address since: that one is still there to be used."""
        with self.changing() as write:
            if self.state().address == address:
                write(events.ServeEvent(address=""))

    def mark_action(self, note_id: str, on: bool = True, owner: str | None = None, due: str | None = None) -> str:
        """Mark a note as an action item (or not), with an owner and a due date if given ("": clear
        them). The owner can be anyone, in the room or not ("WFM team")."""
        owner, due = owner_and_due(owner, due, self.today())
        with self.changing() as write:
            if note_id not in self.fold.notes:
                raise SessionError(_("no note {note_id}").format(note_id=said_back(note_id)))
            write(events.ActionEvent(note=note_id, on=on, owner=events.given(owner), due=events.given(due)))
        said = _(" for {owner}").format(owner=owner) if owner else ""
        return _("note {note_id}: {value}{said}").format(
            note_id=note_id, value=_("an action item") if on else _("no longer an action item"), said=said
        ) + (_(", due {shown}").format(shown=dates.shown(dt.date.fromisoformat(due))) if due else "")

    def facilitator_code(self) -> str:
        """The code that lets the facilitator leave kiosk mode. Derived from the session's secret
        key, so it is in no file anyone shares and differs from the participants' join code."""
        digest = hmac.new(read_secret(self.path), b"kiosk-exit", hashlib.sha256).digest()
        return "".join(CODE_ALPHABET[b % len(CODE_ALPHABET)] for b in digest[:6])


def _passed_over(step: StepView) -> bool:
    """A step `next` and `prev` do not stop at: skipped, or an objections round already held (the
    room went back to vote again; moving on means the step after it)."""
    return step.skipped or (step.inserted and step.spec.kind == "notes" and step.visited)
