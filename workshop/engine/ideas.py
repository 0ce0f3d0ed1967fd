"""What the room contributes: ideas (brainstorm steps), questions and upvotes (Q&A), raised
hands and reactions, and the poll options frozen from a brainstorm's ideas.

`RoomView` is the frozen view a `SessionState` carries; `engine/room_fold.Contributions` is the
part of the fold that applies these events. Like the rest of the fold it is pure: the fold, not
the writer, decides what counts. A participant's idea, question, upvote, hand or reaction counts
only under the token of someone who joined (an anonymous idea or question carries no token at
all); merge, hide, answered, call, qa and options are the facilitator's and arrive here only
with a valid signature (engine/trust.py).

| type     | fields                        | who writes it |
|----------|-------------------------------|---------------|
| idea     | idea, step, text, author and name (unless anonymous) | a participant on a brainstorm step |
| merge    | idea, into                    | facilitator: a duplicate folded into another idea |
| hide     | item, on                      | facilitator: an idea or a question hidden (or shown again) |
| options  | poll, options, ideas          | facilitator: a poll's options frozen from the ideas as it opens |
| question | question, step, text, author and name (unless anonymous) | a participant (qa step, or Q&A switched on) |
| upvote   | question, participant         | a participant: once per question |
| answered | question, on                  | facilitator |
| qa       | on                            | facilitator: Q&A open on every step (or not) |
| hand     | participant, up               | a participant raises (or lowers) a hand |
| call     | participant                   | facilitator: gives the word to the first hand in the queue |
| react    | participant, step, reaction   | a participant: agree, disagree, slower, louder |
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

IDEA_MAX = 280  # characters in one idea or question
OPTIONS_MAX = 30  # options a poll takes from a brainstorm; the rest are left out with a message
REACTIONS = ("agree", "disagree", "slower", "louder")


class Idea(NamedTuple):
    id: str
    step: str
    author: str  # the participant's token; "" when anonymous
    name: str  # "" when anonymous
    text: str
    at: float
    merged_into: str = ""  # the idea this one was merged into (always one not merged itself)
    hidden: bool = False
    merged: int = 0  # how many ideas were merged into this one
    edited: bool = False  # its text was corrected (engine/corrections.py)
    withdrawn: bool = False  # taken back: a room's view lists only ideas not withdrawn

    @property
    def remaining(self) -> bool:
        """Neither merged into another idea nor hidden: a candidate for a poll's options."""
        return not self.merged_into and not self.hidden and not self.withdrawn


class Question(NamedTuple):
    id: str
    step: str
    author: str  # "" when anonymous
    name: str  # "" when anonymous
    text: str
    at: float
    votes: int = 0
    answered: bool = False
    hidden: bool = False


class Hand(NamedTuple):
    participant: str
    name: str
    at: float


@dataclass(frozen=True)
class RoomView:
    ideas: tuple[Idea, ...] = ()  # in the order they arrived
    questions: tuple[Question, ...] = ()  # most upvotes first, then oldest first
    hands: tuple[Hand, ...] = ()  # raised hands, first raised first
    called: Hand | None = None  # the last hand the facilitator called
    qa: bool = False  # Q&A open on every step
    reactions: Mapping[str, Mapping[str, int]] = field(default_factory=dict)  # step -> reaction -> people
    hands_raised: Mapping[str, int] = field(default_factory=dict)  # step -> hands raised during it
    hands_called: Mapping[str, int] = field(default_factory=dict)  # step -> hands called during it
    options: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # poll -> the idea ids its options came from
    upvoters: Mapping[str, frozenset[str]] = field(default_factory=dict)  # question -> who upvoted it (tokens)

    def upvoted(self, token: str) -> frozenset[str]:
        """The ids of the questions participant `token` has upvoted: their page marks them."""
        return frozenset(q for q, who in self.upvoters.items() if token in who)

    def ideas_of(self, step: str, *, remaining: bool = False) -> tuple[Idea, ...]:
        return tuple(i for i in self.ideas if i.step == step and (i.remaining or not remaining))

    def questions_of(self, step: str | None = None, *, shown: bool = True) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if (step is None or q.step == step) and not (shown and q.hidden))

    def idea(self, ref: str) -> Idea | None:
        return next((i for i in self.ideas if i.id == ref), None)

    def question(self, ref: str) -> Question | None:
        return next((q for q in self.questions if q.id == ref), None)


def option_labels(ideas: tuple[Idea, ...]) -> list[str]:
    """The ideas' texts as a poll's options: each one distinct (a repeated text gets " (2)")."""
    labels: list[str] = []
    seen: set[str] = set()
    for idea in ideas:
        label, n = idea.text, 1
        while label.casefold() in seen:
            n += 1
            label = f"{idea.text} ({n})"
        seen.add(label.casefold())
        labels.append(label)
    return labels


def candidates(ideas: tuple[Idea, ...]) -> tuple[Idea, ...]:
    """The remaining ideas in the order they become options: most merged into first, then oldest."""
    return tuple(sorted((i for i in ideas if i.remaining), key=lambda i: -i.merged))
