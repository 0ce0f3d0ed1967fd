"""The part of the fold that applies the room's contributions (ideas, merges, hides, options
from ideas, questions, upvotes, answered, Q&A, hands, calls and reactions; the table of who
writes each is in engine/ideas.py, beside the views it builds)."""

from __future__ import annotations

from collections.abc import Mapping

from workshop.engine.context import Context, Part, handles
from workshop.engine.events import Event
from workshop.engine.ideas import OPTIONS_MAX, REACTIONS, Hand, Idea, Question, RoomView
from workshop.engine.order import RunningOrder
from workshop.engine.people import People
from workshop.engine.polls import PollEvents


def _text(value: object) -> str:
    if type(value) is not str or not value or len(value) > 2000:
        raise ValueError("not a text")
    return value


class Contributions(Part):
    """The part of the fold that applies the room's contributions: it reads who joined (people),
    the steps (running) and the polls whose options come from ideas."""

    def __init__(self, context: Context, running: RunningOrder, people: People, polls: PollEvents) -> None:
        self.context, self.running, self.people, self.polls = context, running, people, polls
        self.ideas: dict[str, Idea] = {}
        self.questions: dict[str, Question] = {}
        self.upvoters: dict[str, set[str]] = {}
        self.hands: dict[str, float] = {}  # token -> when raised, in queue order
        self.called: tuple[str, float] | None = None
        self.qa = False
        self.reactions: dict[str, dict[str, set[str]]] = {}
        self.raised: dict[str, int] = {}
        self.calls: dict[str, int] = {}
        self.options: dict[str, tuple[str, ...]] = {}

    # ------------------------------------------------------------------ where things may happen

    def _current(self) -> str | None:
        slot = self.context.live()
        return None if slot is None else self.running.qids[slot]

    def _kind(self, qid: str) -> str:
        return self.running.step(self.running.slot[qid]).kind

    def _author(self, event: Event, anonymous: bool, t: float) -> tuple[str, str]:
        """(token, name) of a contribution: a joined participant's, or ("", "") on an anonymous step."""
        if anonymous:
            return "", ""
        token = event.get("author")
        name = self.people.carried(token, event.get("name"))  # a lost join: the name it carries
        if not name or type(token) is not str:
            raise ValueError("not from a joined participant")
        self.context.seen(token, t)
        return token, name

    def _new_on_current(self, event: Event, key: str, taken: Mapping[str, object]) -> tuple[str, str] | None:
        """(id, step) of a contribution new on the running step: its id (under `key`) is not yet
        `taken` and its step is the one running; None for any other."""
        ref, step = event.get(key), self._current()
        if type(ref) is not str or ref in taken or step is None or event.get("step") != step:
            return None
        return ref, step

    def _joined(self, event: Event, t: float) -> str:
        token = event.get("participant")
        if type(token) is not str or not self.people.counts(token):
            raise ValueError("not from a joined participant")
        self.context.seen(token, t)
        return token

    # ------------------------------------------------------------------ ideas and options

    @handles("idea")
    def _on_idea(self, event: Event, t: float) -> None:
        new = self._new_on_current(event, "idea", self.ideas)
        if new is None or self._kind(new[1]) != "brainstorm":
            return
        idea_id, step = new
        anonymous = self.running.step(self.running.slot[step]).anonymous
        author, name = self._author(event, anonymous, t)
        self.ideas[idea_id] = Idea(idea_id, step, author, name, _text(event.get("text")), t)

    def _root(self, ref: object) -> Idea | None:
        idea = self.ideas.get(ref) if type(ref) is str else None
        while idea is not None and idea.merged_into:
            idea = self.ideas[idea.merged_into]
        return idea

    @handles("merge")
    def _on_merge(self, event: Event, t: float) -> None:
        idea, into = self.ideas.get(str(event.get("idea"))), self._root(event.get("into"))
        if idea is None or into is None or idea.merged_into or into.id == idea.id or into.step != idea.step:
            return
        for other in list(self.ideas.values()):  # what was merged into this idea now belongs to the target
            if other.merged_into == idea.id:
                self.ideas[other.id] = other._replace(merged_into=into.id)
        self.ideas[idea.id] = idea._replace(merged_into=into.id, merged=0)
        self.ideas[into.id] = into._replace(merged=into.merged + 1 + idea.merged)

    @handles("hide")
    def _on_hide(self, event: Event, t: float) -> None:
        item, on = str(event.get("item")), bool(event.get("on", True))
        if item in self.ideas:
            self.ideas[item] = self.ideas[item]._replace(hidden=on)
        elif item in self.questions:
            self.questions[item] = self.questions[item]._replace(hidden=on)

    @handles("options")
    def _on_options(self, event: Event, t: float) -> None:
        """A poll with `options_from` gets its options, frozen: what the fold counts ballots
        against from now on. Ballots counted against earlier options stop counting."""
        poll, options, ideas = str(event.get("poll")), event.get("options"), event.get("ideas")
        if not self.polls.takes_options(poll) or type(options) is not list or type(ideas) is not list:
            return
        labels = tuple(_text(o) for o in options)
        if len({o.casefold() for o in labels}) != len(labels) or len(labels) > OPTIONS_MAX:
            raise ValueError("options not distinct")
        self.polls.set_options(poll, labels)
        self.options[poll] = tuple(str(i) for i in ideas)

    # ------------------------------------------------------------------ questions

    @handles("question")
    def _on_question(self, event: Event, t: float) -> None:
        new = self._new_on_current(event, "question", self.questions)
        if new is None or not (self.qa or self._kind(new[1]) == "qa"):
            return
        question_id, step = new
        anonymous = self._kind(step) == "qa" and self.running.step(self.running.slot[step]).anonymous
        author, name = self._author(event, anonymous or event.get("author") is None, t)
        self.questions[question_id] = Question(question_id, step, author, name, _text(event.get("text")), t)
        self.upvoters[question_id] = set()

    @handles("upvote")
    def _on_upvote(self, event: Event, t: float) -> None:
        question = self.questions.get(str(event.get("question")))
        token = self._joined(event, t)
        if question is None or token in self.upvoters[question.id] or self.context.ended:
            return
        self.upvoters[question.id].add(token)
        self.questions[question.id] = question._replace(votes=question.votes + 1)

    @handles("answered")
    def _on_answered(self, event: Event, t: float) -> None:
        question = self.questions.get(str(event.get("question")))
        if question is not None:
            self.questions[question.id] = question._replace(answered=bool(event.get("on", True)))

    @handles("qa")
    def _on_qa(self, event: Event, t: float) -> None:
        self.qa = bool(event.get("on", True))

    # ------------------------------------------------------------------ hands and reactions

    @handles("hand")
    def _on_hand(self, event: Event, t: float) -> None:
        token = self._joined(event, t)
        if not event.get("up", True):
            self.hands.pop(token, None)
        elif token not in self.hands and not self.context.ended:
            self.hands[token] = t
            if (step := self._current()) is not None:
                self.raised[step] = self.raised.get(step, 0) + 1

    @handles("call")
    def _on_call(self, event: Event, t: float) -> None:
        token = event.get("participant")
        if type(token) is str and token in self.hands:
            del self.hands[token]
            self.called = (token, t)
            if (step := self._current()) is not None:
                self.calls[step] = self.calls.get(step, 0) + 1

    @handles("react")
    def _on_react(self, event: Event, t: float) -> None:
        token, reaction, step = self._joined(event, t), event.get("reaction"), self._current()
        if reaction in REACTIONS and step is not None and event.get("step") == step:
            self.reactions.setdefault(step, {}).setdefault(str(reaction), set()).add(token)

    # ------------------------------------------------------------------ the view

    def view(self) -> RoomView:
        names = self.people.participants
        questions = sorted(self.questions.values(), key=lambda q: (-q.votes, q.at))
        return RoomView(
            ideas=tuple(i for i in self.ideas.values() if not i.withdrawn),
            questions=tuple(questions),
            hands=tuple(Hand(token, names[token][0], at) for token, at in self.hands.items()),
            called=None if self.called is None else Hand(self.called[0], names[self.called[0]][0], self.called[1]),
            qa=self.qa,
            reactions={step: {r: len(who[r]) for r in REACTIONS if r in who} for step, who in self.reactions.items()},
            hands_raised=dict(self.raised),
            hands_called=dict(self.calls),
            options=dict(self.options),
            upvoters={q: frozenset(who) for q, who in self.upvoters.items() if who},
        )
