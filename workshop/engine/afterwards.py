"""What lasts after the room, as event types (engine/events.py gathers them with the rest of the
vocabulary; engine/decisions.py folds them): the facilitator's decisions, amended or withdrawn
later as events of their own, and in a follow-up session the actions carried on from the session
it follows and each review of one (done, blocked, dropped, or open again).

- `decision` (the facilitator's, signed): its id, the step, its wording, the polls it rests on,
  each of their rounds in words, the objections heard, the action items that follow;
- `decision-amend` and `decision-withdraw` (signed): new wording or actions, or none at all, and why;
- `carry` (signed, as a follow-up is made): an open action of the session before, with its id,
  words, owner, due date, the session it was written in, the decision it serves, its status so far;
- `review` (signed from the facilitator, or by the action's owner while the review step runs):
  done, blocked (with what blocks it), dropped, or open again.

A decision's `evidence` is the facilitator's signed record of each round's tally as it stood when
the decision was recorded, so the minutes can show it with the signature (report/decisions.py).
"""

from __future__ import annotations

from typing import Annotated, Literal

from msgspec import UNSET, Meta, UnsetType

from workshop.engine.fields import (
    Author,
    DecisionId,
    Due,
    NoteId,
    Owner,
    Qid,
    SessionId,
    SignedEvent,
    Text,
)
from workshop.i18n import pgettext

Status = Literal["open", "done", "blocked", "dropped"]
STATUSES: tuple[str, ...] = ("open", "done", "blocked", "dropped")


def status_said(status: str) -> str:
    """An action's status in the reader's words (a status none of STATUSES: as it is)."""
    return {
        "open": pgettext("an action's status", "open"),
        "done": pgettext("an action's status", "done"),
        "blocked": pgettext("an action's status", "blocked"),
        "dropped": pgettext("an action's status", "dropped"),
    }.get(status, status)


Lines = Annotated[list[Text], Meta(max_length=200)]
NoteIds = Annotated[list[NoteId], Meta(max_length=200)]


class DecisionEvent(SignedEvent, tag="decision", kw_only=True):
    """The room decided: the wording, what it rests on (polls and each round in words), the
    objections heard and the action items that follow."""

    decision: DecisionId
    step: Qid
    text: Text
    polls: Annotated[list[Qid], Meta(max_length=20)] | UnsetType = UNSET
    evidence: Lines | UnsetType = UNSET
    objections: Lines | UnsetType = UNSET
    actions: NoteIds | UnsetType = UNSET


class DecisionAmendEvent(SignedEvent, tag="decision-amend", kw_only=True):
    """A decision reworded, or given another list of actions, from now on; `why` says why."""

    decision: DecisionId
    text: Text | UnsetType = UNSET
    actions: NoteIds | UnsetType = UNSET
    why: Text | UnsetType = UNSET


class DecisionWithdrawEvent(SignedEvent, tag="decision-withdraw", kw_only=True):
    """A decision taken back; `why` says why."""

    decision: DecisionId
    why: Text | UnsetType = UNSET


class CarryEvent(SignedEvent, tag="carry", kw_only=True):
    """An action still open when the session it was written in was followed up: carried into
    the follow-up with its id, words, owner, due date, origin and status so far."""

    note: NoteId
    text: Text
    session: SessionId
    owner: Owner | UnsetType = UNSET
    due: Due | UnsetType = UNSET
    decision: Text | UnsetType = UNSET
    status: Literal["open", "blocked"] | UnsetType = UNSET
    comment: Text | UnsetType = UNSET


class ReviewEvent(SignedEvent, tag="review", kw_only=True):
    """A carried action reviewed: done, blocked (`comment`: what blocks it), dropped, or open
    again; by the facilitator (signed), or by its owner while the review step runs."""

    note: NoteId
    status: Status
    author: Author
    comment: Text | UnsetType = UNSET
