"""The room's contributions and the corrections made on the day, as event types (the rest of the
vocabulary is engine/events.py, which gathers them all): ideas, questions, upvotes, hands and
reactions, the facilitator's part in them (merge, hide, options, answered, qa, call, signed), and
edits and withdrawals of notes and ideas and a poll's new wording (engine/corrections.py)."""

from __future__ import annotations

from typing import Annotated

from msgspec import UNSET, Meta, UnsetType

from workshop.engine.fields import (
    TEXT,
    Author,
    IdeaRef,
    Name,
    NoteId,
    ParticipantEvent,
    PollEvent,
    Qid,
    Reaction,
    SignedEvent,
    Text,
    Token,
    TypedEvent,
)

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


class HandEvent(ParticipantEvent, tag="hand", kw_only=True):
    """A participant raises (or lowers) a hand."""

    up: bool


class ReactEvent(ParticipantEvent, tag="react", kw_only=True):
    """A participant's reaction to the current step."""

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


class OptionsEvent(PollEvent, tag="options", kw_only=True):
    """A poll with `options_from` gets its options, from these ideas."""

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


# ---------------------------------------------------------------------- corrections (engine/corrections.py)


class NoteCorrection(SignedEvent, kw_only=True):
    """A change to one note: by the facilitator (signed), or by its author while its step runs."""

    note: NoteId
    author: Author


class NoteEditEvent(NoteCorrection, tag="note-edit", kw_only=True):
    """A note's text corrected."""

    text: Text


class NoteWithdrawEvent(NoteCorrection, tag="note-withdraw", kw_only=True):
    """A note taken back (`on` false: it is back)."""

    on: bool | UnsetType = UNSET


class IdeaCorrection(SignedEvent, kw_only=True):
    """A change to one idea, by the same people as a note's."""

    idea: IdeaRef
    author: Author


class IdeaEditEvent(IdeaCorrection, tag="idea-edit", kw_only=True):
    """An idea's text corrected."""

    text: Text


class IdeaWithdrawEvent(IdeaCorrection, tag="idea-withdraw", kw_only=True):
    """An idea taken back (`on` false: it is back)."""

    on: bool | UnsetType = UNSET


class WordingEvent(PollEvent, tag="wording", kw_only=True):
    """The facilitator rewords a poll's question (a consent proposal) from now on."""

    text: Text
