"""The part of the fold that applies what lasts after the room (engine/afterwards.py): decisions,
their amendments and withdrawals, and in a follow-up the carried actions and their reviews; and
the view of them a state carries (`RecordView`).

Who may: every decision, amendment, withdrawal and carried action is the facilitator's (the fold
has checked its signature). A review counts from the facilitator at any time, or from the
participant who joined under the action's owner's name, while the follow-up's review step runs
and before the session ends (`REVIEW_STEP`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from workshop.engine.afterwards import STATUSES
from workshop.engine.context import Context, Part, handles
from workshop.engine.events import FACILITATOR, Event
from workshop.engine.lookalikes import name_key
from workshop.engine.order import RunningOrder
from workshop.engine.people import People

REVIEW_STEP = "action-review/review"  # the step a follow-up opens with (sessions/followup.py)


class Change(NamedTuple):
    """An amendment or a withdrawal: when, the wording after it ("" for a withdrawal), and why."""

    at: float
    text: str
    why: str


class Decision(NamedTuple):
    id: str
    step: str
    text: str  # the latest wording
    polls: tuple[str, ...]
    evidence: tuple[str, ...]  # each round of those polls in words, as signed when it was recorded
    objections: tuple[str, ...]
    actions: tuple[str, ...]  # note ids, the latest list
    at: float
    first_text: str = ""  # the wording it was recorded with
    amended: tuple[Change, ...] = ()
    withdrawn: Change | None = None


class Review(NamedTuple):
    at: float
    status: str
    comment: str
    by: str  # a name, or "facilitator"


class Carried(NamedTuple):
    """An action carried on from the session before, with what has happened to it since."""

    note: str
    text: str
    owner: str
    due: str
    session: str  # where it was first written
    decision: str  # the wording of the decision it serves ("" for none)
    status: str  # open, done, blocked or dropped: the latest
    comment: str  # what came with the latest status (what blocks it)
    at: float  # when it was carried
    reviews: tuple[Review, ...] = ()  # in this session, in order


@dataclass(frozen=True)
class RecordView:
    decisions: tuple[Decision, ...] = ()
    carried: tuple[Carried, ...] = ()

    def decision(self, ref: str) -> Decision | None:
        return next((d for d in self.decisions if d.id == ref), None)

    def serving(self, note_id: str) -> Decision | None:
        """The decision in force that lists this action, if any."""
        return next((d for d in self.decisions if d.withdrawn is None and note_id in d.actions), None)


def _words(value: object, limit: int = 2000) -> str:
    if type(value) is not str or not value.strip() or len(value) > limit:
        raise ValueError("not a text")
    return value


def _strings(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(type(v) is str for v in value):
        raise ValueError("not a list of strings")
    return tuple(value)


class Decisions(Part):
    """The part of the fold that holds the decisions and carried actions, and applies their events."""

    def __init__(self, context: Context, running: RunningOrder, people: People) -> None:
        self.context, self.running, self.people = context, running, people
        self.decisions: dict[str, Decision] = {}
        self.carried: dict[str, Carried] = {}

    def view(self) -> RecordView:
        return RecordView(tuple(self.decisions.values()), tuple(self.carried.values()))

    @handles("decision")
    def _on_decision(self, event: Event, t: float) -> None:
        ref = event.get("decision")
        if type(ref) is not str or ref in self.decisions:
            return
        text = _words(event.get("text"))
        self.decisions[ref] = Decision(
            ref,
            str(event.get("step", "")),
            text,
            _strings(event.get("polls")),
            _strings(event.get("evidence")),
            _strings(event.get("objections")),
            _strings(event.get("actions")),
            t,
            text,
        )

    @handles("decision-amend")
    def _on_amend(self, event: Event, t: float) -> None:
        found = self.decisions.get(str(event.get("decision")))
        if found is None or found.withdrawn is not None:
            return
        text = _words(event["text"]) if "text" in event else found.text
        actions = _strings(event["actions"]) if "actions" in event else found.actions
        why = str(event.get("why", ""))
        self.decisions[found.id] = found._replace(
            text=text, actions=actions, amended=(*found.amended, Change(t, text, why))
        )

    @handles("decision-withdraw")
    def _on_withdraw(self, event: Event, t: float) -> None:
        found = self.decisions.get(str(event.get("decision")))
        if found is not None and found.withdrawn is None:
            self.decisions[found.id] = found._replace(withdrawn=Change(t, "", str(event.get("why", ""))))

    @handles("carry")
    def _on_carry(self, event: Event, t: float) -> None:
        note = event.get("note")
        if type(note) is not str or note in self.carried:
            return
        status = event.get("status", "open")
        self.carried[note] = Carried(
            note,
            _words(event.get("text")),
            str(event.get("owner", "")),
            str(event.get("due", "")),
            str(event.get("session", "")),
            str(event.get("decision", "")),
            status if status in STATUSES else "open",
            str(event.get("comment", "")),
            t,
        )

    @handles("review")
    def _on_review(self, event: Event, t: float) -> None:
        action = self.carried.get(str(event.get("note")))
        status = event.get("status")
        if action is None or status not in STATUSES:
            return
        by = self._reviewer(event.get("author"), action)
        if by:
            comment = str(event.get("comment", ""))
            self.carried[action.note] = action._replace(
                status=status, comment=comment, reviews=(*action.reviews, Review(t, str(status), comment, by))
            )

    def _reviewer(self, author: object, action: Carried) -> str:
        """Who reviews: the facilitator (signed: the fold checked it), or the action's owner, a
        participant who joined under that name, while the review step runs; "" for nobody."""
        if author == FACILITATOR:
            return FACILITATOR
        joined = self.people.participants.get(author) if type(author) is str else None
        if joined is None or not action.owner or name_key(joined[0]) != name_key(action.owner):
            return ""
        current = self.context.live()
        return joined[0] if current is not None and self.running.qids[current] == REVIEW_STEP else ""
