"""The parts every event type is made of (engine/events.py): the kinds of field, each with its
type, its length and the shape its strings must have, and the two bases, `TypedEvent` (every
event has its time) and `SignedEvent` (the facilitator's, signed and chained), with the bases of
the events about one step, one poll or one participant, whose field comes first."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, TypeVar, Union

from msgspec import UNSET, Meta, Struct, UnsetType

T = TypeVar("T")
Via = Literal["next", "prev", "goto"]
Reaction = Literal["agree", "disagree", "slower", "louder"]


class Shape:
    """What a string field must look like beyond its length, checked by the reader
    (journal/check.py) on every distinct value: `hex` digits, a `name` as `text.name` leaves it,
    a `qid`, an idea or question `ref`, a `date`, a `words` token, `text` (clean text), a
    `decision` (d1, d2) or a `session`'s id."""

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def __repr__(self) -> str:
        # not translated: a type's name, for a developer
        return f"Shape({self.kind!r})"


HEX, AUTHOR, NAME, JOINER, OWNER, QID, REF, DATE, WHEN, WORD, TEXT, DECISION, SESSION = (
    Shape(k)
    for k in (
        "hex",
        "author",
        "name",
        "joiner",
        "owner",
        "qid",
        "ref",
        "date",
        "when",
        "word",
        "text",
        "decision",
        "session",
    )
)

Time = Annotated[dt.datetime, Meta(tz=True)]
Token = Annotated[str, Meta(min_length=8, max_length=64), HEX]  # a participant (12 hex) or anonymous ballot (16)
Author = Annotated[str, Meta(min_length=8, max_length=64), AUTHOR]  # a participant's token, or FACILITATOR
Name = Annotated[str, Meta(min_length=1, max_length=40), NAME]
Joiner = Annotated[str, Meta(min_length=1, max_length=40), JOINER]  # a name a participant joins with
Qid = Annotated[str, Meta(min_length=3, max_length=160), QID]
QidOrFirst = Annotated[str, Meta(max_length=160), QID]  # "" for "first"
NoteId = Annotated[str, Meta(min_length=4, max_length=32), HEX]
IdeaRef = Annotated[str, Meta(min_length=2, max_length=12), REF]  # i3, q2
Text = Annotated[str, Meta(min_length=1, max_length=2000), TEXT]
Title = Annotated[str, Meta(min_length=1, max_length=200), TEXT]
Address = Annotated[str, Meta(max_length=300), TEXT]
Digest = Annotated[str, Meta(min_length=64, max_length=64), HEX]  # a SHA-256, as 64 lower-case hex digits
Command = Annotated[str, Meta(min_length=1, max_length=300), TEXT]  # a command line to type, shown as text
Proof = Annotated[str, Meta(min_length=32, max_length=32), HEX]
Nonce = Annotated[str, Meta(min_length=8, max_length=8), HEX]
Sig = Annotated[str, Meta(min_length=128, max_length=128), HEX]
PrevSig = Annotated[str, Meta(max_length=128), HEX]  # "" before the first signed event
Due = Annotated[str, Meta(max_length=10), DATE]  # "" clears it
Owner = Annotated[str, Meta(max_length=40), OWNER]  # a name, anyone's ("WFM team"); "" clears it
Word = Annotated[str, Meta(min_length=1, max_length=32), WORD]
Client = Annotated[str, Meta(min_length=1, max_length=80), TEXT]  # an address, "this machine", "account 1000", "kiosk"
DecisionId = Annotated[str, Meta(min_length=2, max_length=12), DECISION]  # d1, d2
SessionId = Annotated[str, Meta(min_length=1, max_length=64), SESSION]
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
    crc: Annotated[str, Meta(min_length=8, max_length=8), HEX] | UnsetType = UNSET


class SignedEvent(TypedEvent):
    """An event only the facilitator may write: signed, and chained to the previous one."""

    nonce: Nonce | UnsetType = UNSET
    prev: PrevSig | UnsetType = UNSET
    since: Annotated[str, Meta(min_length=8, max_length=8), HEX] | UnsetType = UNSET
    seen: Count | UnsetType = UNSET
    sig: Sig | UnsetType = UNSET


class StepEvent(SignedEvent, kw_only=True):
    """The facilitator's event about one step (goto, extend, round, skip, move, insert)."""

    step: Qid


class PollEvent(SignedEvent, kw_only=True):
    """The facilitator's event about one poll (close, reopen, reset, reveal, revote, options, wording)."""

    poll: Qid


class ParticipantEvent(TypedEvent, kw_only=True):
    """A participant's event, or one about a participant (join, present, leave, hand, react, wrong-rejoin)."""

    participant: Token
