"""The vocabulary: every event a session journal can hold, one typed definition each.

Each class is one event type: its tag is the `type` written in the file, its fields are the keys
of its block (built from the kinds in engine/fields.py). The participants' events are below; the
facilitator's control (engine/control.py), the room's contributions (engine/contributions.py) and
what lasts afterwards (engine/afterwards.py) are gathered here, so writers find every type here. Writers build these
(`write(events.NoteEvent(...))`, so a misspelt field is a type error), and the journal's reader
checks every block it reads against the same definition before anything folds, shows or renders
it (journal/check.py). What the fold reads is the checked event as a plain dict (`Event`), in
the order the file holds them.

Steps and polls are named `module/step` (`Qid`). Every event has `at`, an aware time. Fields that
older files may lack are optional (`UNSET`: absent from the block, never written as empty).

Facilitator events (the `SignedEvent` ones: control, an action mark, a `serve` address, the
room's facilitator events, a poll's new wording, decisions and carried actions; and a note, a
correction or an action's review whose author is the facilitator) carry `sig`, an Ed25519
signature (engine/trust.py), `nonce`, and the chain: `prev`, the signature of the facilitator's
previous signed event ("" for the first), and `seen`, how many events the facilitator's fold had
read when signing. Without a valid signature the fold
ignores them. Corrections (note-edit, note-withdraw, idea-edit, idea-withdraw, wording) change
nothing already written: engine/corrections.py folds them.
"""

from __future__ import annotations

from typing import Any, Literal, Union

from msgspec import UNSET, UnsetType

from workshop.engine.afterwards import (
    CarryEvent,
    DecisionAmendEvent,
    DecisionEvent,
    DecisionWithdrawEvent,
    ReviewEvent,
)
from workshop.engine.contributions import (
    AnsweredEvent,
    CallEvent,
    HandEvent,
    HideEvent,
    IdeaEditEvent,
    IdeaEvent,
    IdeaWithdrawEvent,
    MergeEvent,
    NoteEditEvent,
    NoteWithdrawEvent,
    OptionsEvent,
    QaEvent,
    QuestionEvent,
    ReactEvent,
    UpvoteEvent,
    WordingEvent,
)
from workshop.engine.control import (  # the facilitator's control, gathered here with the rest
    ActionEvent,
    CloseEvent,
    EndEvent,
    ExtendEvent,
    GotoEvent,
    InsertEvent,
    MoveEvent,
    PauseEvent,
    ReopenEvent,
    ResetEvent,
    ResumeEvent,
    RevealEvent,
    RevoteEvent,
    RoundEvent,
    ServeEvent,
    SkipEvent,
    StartEvent,
)
from workshop.engine.fields import (  # noqa: F401 - `given`, `Reaction`, `Via`, `TypedEvent`: where writers find them
    Author,
    Client,
    Count,
    IdeaRef,
    Joiner,
    Name,
    NoteId,
    ParticipantEvent,
    Proof,
    Qid,
    Reaction,
    SignedEvent,
    Text,
    Token,
    TypedEvent,
    Value,
    Via,
    Word,
    given,
)

Event = dict[str, Any]  # an event as read: a checked block's fields, `at` an aware datetime

FACILITATOR = "facilitator"
RESERVED_NAMES = frozenset({FACILITATOR, "anonymous"})  # what notes and anonymous polls say instead of a name


# ---------------------------------------------------------------------- participants


class JoinEvent(ParticipantEvent, tag="join", kw_only=True):
    """A person joins under a name; `proof` answers their rejoin code (sessions/people.py)."""

    name: Joiner
    proof: Proof | UnsetType = UNSET


class BallotEvent(TypedEvent, tag="ballot", kw_only=True):
    """A ballot; `name` unless the poll is anonymous (then `participant` is a per-poll token)."""

    poll: Qid
    participant: Token
    value: Value
    name: Name | UnsetType = UNSET
    via: Literal["kiosk"] | UnsetType = UNSET  # cast at the kiosk: the facilitator counts them


class NoteEvent(SignedEvent, tag="note", kw_only=True):
    """A note on a step, by a participant or (signed) the facilitator."""

    note: NoteId
    step: Qid
    author: Author
    name: Name
    text: Text


class PresentEvent(ParticipantEvent, tag="present", kw_only=True):
    """A participant's screen says they are here (on joining, then each minute)."""


class LeaveEvent(ParticipantEvent, tag="leave", kw_only=True):
    """A participant's screen closed."""


class WrongCodeEvent(TypedEvent, tag="wrong-code", kw_only=True):
    """Someone typed a wrong join code on a channel (phone, browser, ssh, terminal, plain, kiosk, cli);
    `client` is whom the limits count (sessions/door.py; older files have none)."""

    channel: Word
    client: Client | UnsetType = UNSET


class RightCodeEvent(TypedEvent, tag="right-code", kw_only=True):
    """The right join code from a client, forgiving its wrong ones (engine/guesses.py)."""

    client: Client


class WrongRejoinEvent(ParticipantEvent, tag="wrong-rejoin", kw_only=True):
    """A wrong rejoin code (or kiosk PIN) typed for `participant`."""

    channel: Word
    client: Client


ANY = Union[
    StartEvent,
    GotoEvent,
    PauseEvent,
    ResumeEvent,
    ExtendEvent,
    CloseEvent,
    ReopenEvent,
    ResetEvent,
    RevealEvent,
    EndEvent,
    RoundEvent,
    RevoteEvent,
    SkipEvent,
    MoveEvent,
    InsertEvent,
    ActionEvent,
    ServeEvent,
    JoinEvent,
    BallotEvent,
    NoteEvent,
    PresentEvent,
    LeaveEvent,
    WrongCodeEvent,
    RightCodeEvent,
    WrongRejoinEvent,
    IdeaEvent,
    QuestionEvent,
    UpvoteEvent,
    HandEvent,
    ReactEvent,
    MergeEvent,
    HideEvent,
    OptionsEvent,
    AnsweredEvent,
    QaEvent,
    CallEvent,
    NoteEditEvent,
    NoteWithdrawEvent,
    IdeaEditEvent,
    IdeaWithdrawEvent,
    WordingEvent,
    DecisionEvent,
    DecisionAmendEvent,
    DecisionWithdrawEvent,
    CarryEvent,
    ReviewEvent,
]
CLASSES: dict[str, type[TypedEvent]] = {cls.__struct_config__.tag: cls for cls in ANY.__args__}  # type: ignore[attr-defined]

CONTROL = (
    "start",
    "goto",
    "pause",
    "resume",
    "extend",
    "close",
    "reopen",
    "reset",
    "reveal",
    "end",
    "round",
    "skip",
    "move",
    "insert",
    "revote",
)
# the facilitator's part in the room's contributions (engine/ideas.py): signed like CONTROL
ROOM_CONTROL = ("merge", "hide", "options", "answered", "qa", "call")
ROOM = ("idea", "question", "upvote", "hand", "react")
CORRECTIONS = ("note-edit", "note-withdraw", "idea-edit", "idea-withdraw", "wording")
# what lasts after the room (engine/afterwards.py): the facilitator's, signed like CONTROL
DECISIONS = ("decision", "decision-amend", "decision-withdraw", "carry")
TYPES = tuple(CLASSES)
