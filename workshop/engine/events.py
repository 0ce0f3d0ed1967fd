"""The vocabulary: every event a session journal can hold, one typed definition each.

Each class below is one event type: its tag is the `type` written in the file, its fields are
the keys of its block. Writers build these (`write(events.NoteEvent(...))`, so a misspelt field
is a type error), and the journal's reader checks every block it reads against the same
definition before anything folds, shows or renders it (journal/check.py). What the fold reads is
the checked event as a plain dict (`Event`), in the order the file holds them.

Steps and polls are named `module/step` (`Qid`). Every event has `at`, an aware time. Fields that
older files may lack are optional (`UNSET`: absent from the block, never written as empty).

Facilitator events (the `Signed` ones, and a note whose author is the facilitator) carry `sig`,
an Ed25519 signature (engine/trust.py), `nonce`, and the chain: `prev`, the signature of the
facilitator's previous signed event ("" for the first), and `seen`, how many events the
facilitator's fold had read when signing. Without a valid signature the fold ignores them.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, TypeVar, Union

from msgspec import UNSET, Meta, Struct, UnsetType

Event = dict[str, Any]  # an event as read: a checked block's fields, `at` an aware datetime
T = TypeVar("T")
Via = Literal["next", "prev", "goto"]
Reaction = Literal["agree", "disagree", "slower", "louder"]

FACILITATOR = "facilitator"
RESERVED_NAMES = frozenset({FACILITATOR, "anonymous"})  # what notes and anonymous polls say instead of a name


class Shape:
    """What a string field must look like beyond its length, checked by the reader
    (journal/check.py) on every distinct value: `hex` digits, a `name` as `text.name` leaves it,
    a `qid`, an idea or question `ref`, a `date`, a `words` token, or `text` (clean text)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def __repr__(self) -> str:
        return f"Shape({self.kind!r})"


HEX, AUTHOR, NAME, QID, REF, DATE, WHEN, WORD, TEXT = (
    Shape(k) for k in ("hex", "author", "name", "qid", "ref", "date", "when", "word", "text"))

Time = Annotated[dt.datetime, Meta(tz=True)]
Token = Annotated[str, Meta(min_length=8, max_length=64), HEX]  # a participant (12 hex) or anonymous ballot (16)
Author = Annotated[str, Meta(min_length=8, max_length=64), AUTHOR]  # a participant's token, or FACILITATOR
Name = Annotated[str, Meta(min_length=1, max_length=40), NAME]
Qid = Annotated[str, Meta(min_length=3, max_length=160), QID]
QidOrFirst = Annotated[str, Meta(max_length=160), QID]  # "" for "first"
NoteId = Annotated[str, Meta(min_length=4, max_length=32), HEX]
IdeaRef = Annotated[str, Meta(min_length=2, max_length=12), REF]  # i3, q2
Text = Annotated[str, Meta(min_length=1, max_length=2000), TEXT]
Title = Annotated[str, Meta(min_length=1, max_length=200), TEXT]
Address = Annotated[str, Meta(max_length=300), TEXT]
Proof = Annotated[str, Meta(min_length=32, max_length=32), HEX]
Nonce = Annotated[str, Meta(min_length=8, max_length=8), HEX]
Sig = Annotated[str, Meta(min_length=128, max_length=128), HEX]
PrevSig = Annotated[str, Meta(max_length=128), HEX]  # "" before the first signed event
Due = Annotated[str, Meta(min_length=10, max_length=10), DATE]
Word = Annotated[str, Meta(min_length=1, max_length=32), WORD]
Count = Annotated[int, Meta(ge=0, le=2**40)]
Minutes = Annotated[int, Meta(ge=1, le=24 * 60)]
Seconds = Annotated[int, Meta(ge=-100_000_000, le=100_000_000)]
Value = Annotated[list[Union[Annotated[str, Meta(max_length=2000), TEXT], int]], Meta(max_length=200)]


def given(value: T | None) -> T | UnsetType:
    """An optional field's value: None leaves it out of the block."""
    return UNSET if value is None else value


class TypedEvent(Struct, tag_field="type", forbid_unknown_fields=True, kw_only=True, gc=False):
    """What every event has: its time (the writer sets it when left out). `crc`, the block's
    checksum, is read with the block and dropped once checked (journal/codec.py)."""

    at: Time | UnsetType = UNSET
    crc: Annotated[str, Meta(max_length=8)] | UnsetType = UNSET


class SignedEvent(TypedEvent):
    """An event only the facilitator may write: signed, and chained to the previous one."""

    nonce: Nonce | UnsetType = UNSET
    prev: PrevSig | UnsetType = UNSET
    seen: Count | UnsetType = UNSET
    sig: Sig | UnsetType = UNSET


# ---------------------------------------------------------------------- the facilitator's control

class StartEvent(SignedEvent, tag="start", kw_only=True):
    """The first step begins; `planned`: when the agenda meant it to start (ISO 8601)."""

    planned: Annotated[str, Meta(min_length=10, max_length=40), WHEN] | UnsetType = UNSET


class GotoEvent(SignedEvent, tag="goto", kw_only=True):
    """The room moves to a step."""

    step: Qid
    via: Via | UnsetType = UNSET


class PauseEvent(SignedEvent, tag="pause", kw_only=True):
    """The clock stops."""


class ResumeEvent(SignedEvent, tag="resume", kw_only=True):
    """The clock runs again."""


class ExtendEvent(SignedEvent, tag="extend", kw_only=True):
    """Time added to a step (negative: taken away)."""

    step: Qid
    seconds: Seconds


class CloseEvent(SignedEvent, tag="close", kw_only=True):
    """A poll stops taking ballots."""

    poll: Qid


class ReopenEvent(SignedEvent, tag="reopen", kw_only=True):
    """A closed poll takes ballots again."""

    poll: Qid


class ResetEvent(SignedEvent, tag="reset", kw_only=True):
    """A poll's ballots so far stop counting."""

    poll: Qid


class RevealEvent(SignedEvent, tag="reveal", kw_only=True):
    """A poll's results are shown to the room."""

    poll: Qid


class EndEvent(SignedEvent, tag="end", kw_only=True):
    """The session is over."""


class RoundEvent(SignedEvent, tag="round", kw_only=True):
    """The room moves on to a step's next round (`round`: its index)."""

    step: Qid
    round: Annotated[int, Meta(ge=1, le=100)]


class RevoteEvent(SignedEvent, tag="revote", kw_only=True):
    """A new round of the current step's poll; earlier rounds are kept."""

    poll: Qid


class SkipEvent(SignedEvent, tag="skip", kw_only=True):
    """A step still to come will not run (or, `on` false, will again)."""

    step: Qid
    on: bool


class MoveEvent(SignedEvent, tag="move", kw_only=True):
    """A step not yet run moves in the running order, after `after` ("": first)."""

    step: Qid
    after: QidOrFirst


class InsertEvent(SignedEvent, tag="insert", kw_only=True):
    """A step added on the day: a break, or an objections round (kind notes)."""

    step: Qid
    kind: Literal["break", "notes"]
    title: Title
    minutes: Minutes
    after: QidOrFirst
    prompt: Annotated[str, Meta(max_length=2000), TEXT] | UnsetType = UNSET


class ActionEvent(SignedEvent, tag="action", kw_only=True):
    """A note marked as an action item (or not, `on` false), with its owner and due date."""

    note: NoteId
    on: bool | UnsetType = UNSET
    owner: Name | UnsetType = UNSET
    due: Due | UnsetType = UNSET


class ServeEvent(SignedEvent, tag="serve", kw_only=True):
    """Where browsers join, from `workshop serve` ("" once it stops)."""

    address: Address


# ---------------------------------------------------------------------- participants

class JoinEvent(TypedEvent, tag="join", kw_only=True):
    """A person joins under a name; `proof` answers their rejoin code (sessions/people.py)."""

    participant: Token
    name: Name
    proof: Proof | UnsetType = UNSET


class BallotEvent(TypedEvent, tag="ballot", kw_only=True):
    """A ballot; `name` unless the poll is anonymous (then `participant` is a per-poll token)."""

    poll: Qid
    participant: Token
    value: Value
    name: Name | UnsetType = UNSET


class NoteEvent(SignedEvent, tag="note", kw_only=True):
    """A note on a step, by a participant or (signed) the facilitator."""

    note: NoteId
    step: Qid
    author: Author
    name: Name
    text: Text


class PresentEvent(TypedEvent, tag="present", kw_only=True):
    """A participant's screen says they are here (on joining, then each minute)."""

    participant: Token


class LeaveEvent(TypedEvent, tag="leave", kw_only=True):
    """A participant's screen closed."""

    participant: Token


class WrongCodeEvent(TypedEvent, tag="wrong-code", kw_only=True):
    """Someone typed a wrong join code on a channel."""

    channel: Word


# ---------------------------------------------------------------------- the room's contributions

class IdeaEvent(TypedEvent, tag="idea", kw_only=True):
    """An idea on the current brainstorm step (no author on an anonymous step)."""

    idea: IdeaRef
    step: Qid
    text: Text
    author: Token | UnsetType = UNSET
    name: Name | UnsetType = UNSET


class QuestionEvent(TypedEvent, tag="question", kw_only=True):
    """A question on a Q&A step, or on any step while Q&A is on."""

    question: IdeaRef
    step: Qid
    text: Text
    author: Token | UnsetType = UNSET
    name: Name | UnsetType = UNSET


class UpvoteEvent(TypedEvent, tag="upvote", kw_only=True):
    """A participant upvotes a question."""

    question: IdeaRef
    participant: Token


class HandEvent(TypedEvent, tag="hand", kw_only=True):
    """A participant raises (or lowers) a hand."""

    participant: Token
    up: bool


class ReactEvent(TypedEvent, tag="react", kw_only=True):
    """A participant's reaction to the current step."""

    participant: Token
    step: Qid
    reaction: Reaction


class MergeEvent(SignedEvent, tag="merge", kw_only=True):
    """The facilitator merges an idea into another."""

    idea: IdeaRef
    into: IdeaRef


class HideEvent(SignedEvent, tag="hide", kw_only=True):
    """The facilitator hides (or shows again) an idea or a question."""

    item: IdeaRef
    on: bool | UnsetType = UNSET


class OptionsEvent(SignedEvent, tag="options", kw_only=True):
    """A poll with `options_from` gets its options, from these ideas."""

    poll: Qid
    options: Annotated[list[Annotated[str, Meta(min_length=1, max_length=2000), TEXT]], Meta(max_length=100)]
    ideas: Annotated[list[IdeaRef], Meta(max_length=100)]


class AnsweredEvent(SignedEvent, tag="answered", kw_only=True):
    """The facilitator marks a question answered (or not)."""

    question: IdeaRef
    on: bool | UnsetType = UNSET


class QaEvent(SignedEvent, tag="qa", kw_only=True):
    """Q&A on every step switched on or off."""

    on: bool


class CallEvent(SignedEvent, tag="call", kw_only=True):
    """The facilitator calls on the participant whose hand is up."""

    participant: Token


ANY = Union[
    StartEvent, GotoEvent, PauseEvent, ResumeEvent, ExtendEvent, CloseEvent, ReopenEvent, ResetEvent,
    RevealEvent, EndEvent, RoundEvent, RevoteEvent, SkipEvent, MoveEvent, InsertEvent, ActionEvent, ServeEvent,
    JoinEvent, BallotEvent, NoteEvent, PresentEvent, LeaveEvent, WrongCodeEvent,
    IdeaEvent, QuestionEvent, UpvoteEvent, HandEvent, ReactEvent,
    MergeEvent, HideEvent, OptionsEvent, AnsweredEvent, QaEvent, CallEvent,
]
CLASSES: dict[str, type[TypedEvent]] = {cls.__struct_config__.tag: cls for cls in ANY.__args__}  # type: ignore[attr-defined]

CONTROL = ("start", "goto", "pause", "resume", "extend", "close", "reopen", "reset", "reveal", "end",
           "round", "skip", "move", "insert", "revote")
# the facilitator's part in the room's contributions (engine/ideas.py): signed like CONTROL
ROOM_CONTROL = ("merge", "hide", "options", "answered", "qa", "call")
ROOM = ("idea", "question", "upvote", "hand", "react")
TYPES = tuple(CLASSES)
