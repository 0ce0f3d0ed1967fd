"""The facilitator's control, as event types (engine/events.py gathers them with the rest of the
vocabulary; engine/state.py folds them): start, move between steps, pause and resume, extend,
close, reopen, reset and reveal a poll, run another round or a revote, skip, move or insert a
step, mark an action, and the address a session is served at. Every one is signed (`SignedEvent`).
"""

from __future__ import annotations

from typing import Annotated, Literal

from msgspec import UNSET, Meta, UnsetType

from workshop.engine.fields import (
    TEXT,
    WHEN,
    Address,
    Command,
    Digest,
    Due,
    Minutes,
    NoteId,
    Owner,
    PollEvent,
    QidOrFirst,
    Seconds,
    SignedEvent,
    StepEvent,
    Text,
    Title,
    Via,
)


class StartEvent(SignedEvent, tag="start", kw_only=True):
    """The first step begins; `planned`: when the agenda meant it to start (ISO 8601)."""

    planned: Annotated[str, Meta(min_length=10, max_length=40), WHEN] | UnsetType = UNSET


class GotoEvent(StepEvent, tag="goto", kw_only=True):
    """The room moves to a step."""

    via: Via | UnsetType = UNSET


class PauseEvent(SignedEvent, tag="pause", kw_only=True):
    """The clock stops."""


class ResumeEvent(SignedEvent, tag="resume", kw_only=True):
    """The clock runs again."""


class ExtendEvent(StepEvent, tag="extend", kw_only=True):
    """Time added to a step (negative: taken away)."""

    seconds: Seconds


class CloseEvent(PollEvent, tag="close", kw_only=True):
    """A poll stops taking ballots."""


class ReopenEvent(PollEvent, tag="reopen", kw_only=True):
    """A closed poll takes ballots again."""


class ResetEvent(PollEvent, tag="reset", kw_only=True):
    """A poll's ballots so far stop counting."""


class RevealEvent(PollEvent, tag="reveal", kw_only=True):
    """A poll's results are shown to the room."""


class EndEvent(SignedEvent, tag="end", kw_only=True):
    """The session is over."""


class RoundEvent(StepEvent, tag="round", kw_only=True):
    """The room moves on to a step's next round (`round`: its index)."""

    round: Annotated[int, Meta(ge=1, le=100)]


class RevoteEvent(PollEvent, tag="revote", kw_only=True):
    """A new round of the current step's poll, on new words if `wording`; earlier rounds are kept."""

    wording: Text | UnsetType = UNSET


class SkipEvent(StepEvent, tag="skip", kw_only=True):
    """A step still to come will not run (or, `on` false, will again)."""

    on: bool


class MoveEvent(StepEvent, tag="move", kw_only=True):
    """A step not yet run moves in the running order, after `after` ("": first)."""

    after: QidOrFirst


class InsertEvent(StepEvent, tag="insert", kw_only=True):
    """A step added on the day: a break, or an objections round (kind notes)."""

    kind: Literal["break", "notes"]
    title: Title
    minutes: Minutes
    after: QidOrFirst
    prompt: Annotated[str, Meta(max_length=2000), TEXT] | UnsetType = UNSET


class ActionEvent(SignedEvent, tag="action", kw_only=True):
    """A note marked as an action item (or not, `on` false), with its owner and due date ("" clears one)."""

    note: NoteId
    on: bool | UnsetType = UNSET
    owner: Owner | UnsetType = UNSET
    due: Due | UnsetType = UNSET


class ServeEvent(SignedEvent, tag="serve", kw_only=True):
    """Where browsers join, from `workshop serve` ("" once it stops), and every other way in it
    runs: the SHA-256 of its self-signed certificate (for people to check), the ssh command and
    the SHA-256 of its ssh host key. Files from before these fields read as serving none."""

    address: Address
    certificate: Digest | UnsetType = UNSET
    ssh: Command | UnsetType = UNSET
    host_key: Digest | UnsetType = UNSET
