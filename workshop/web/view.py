"""What the phone page shows, as plain data: `Public` is the part every participant sees alike
(computed once per change of the journal), `Mine` what only this person sees (their ballot,
their notes). Templates render these and nothing else, so the page never reaches into the fold.

Participant strings stay strings here: the template escapes every one (autoescape) and wraps it
in <bdi>, so a name or note can neither inject markup nor reorder the text around it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from workshop.content import languages, prompt
from workshop.content.model import Poll
from workshop.engine.in_language import state_in
from workshop.engine.tally import UNITS, consent_words, mean_words, plural, shown
from workshop.engine.views import PollView, SessionState
from workshop.i18n import N_, _

VOTE_HINT = {
    "single": N_("Choose one."),
    "multi": N_("Choose up to {max}."),
    "scale": N_("Choose a number from {min} to {max}."),
    "dots": N_("Share {budget} dots among the options{cap}."),
    "rank": N_("Put every option in order, first choice first."),
    "text": N_("A short answer, up to {max_length} characters."),
}


@dataclass(frozen=True)
class ResultLine:
    label: str
    amount: str  # "3 votes"
    percent: int


@dataclass(frozen=True)
class PollPart:
    qid: str
    poll: Poll
    status: str  # "waiting", "open", "closed"
    resets: int
    hint: str
    results: tuple[ResultLine, ...] | None  # None while the reveal rule hides them
    summary: str  # "5 ballots · mean 3.2"
    round: int = 1  # after a revote: 2, 3…
    decided: str = ""  # a consent poll's result once shown: "Consent ✓ 6 of 6 at 3 or more"


@dataclass(frozen=True)
class RoomPart:
    """What the room makes on this step, as everyone sees it: the brainstorm's ideas (remaining,
    with how many were merged into each), or the questions, most upvoted first. Never a name."""

    ideas: bool  # a brainstorm step: the idea form is offered
    asking: bool  # a Q&A step, or Q&A switched on: the question form is offered
    anonymous: bool  # questions here carry no name whatever the asker chooses
    listed_ideas: tuple[tuple[str, int], ...]  # (text, merged into it)
    questions: tuple[tuple[str, str, int, bool], ...]  # (id, text, upvotes, answered)
    hands: tuple[str, ...]  # the queue, as participant tokens (for each page's own place)


@dataclass(frozen=True)
class Public:
    title: str
    code: str
    status: str  # "waiting", "running", "paused", "ended"
    module: str
    step: str  # the step's title; "" before the start
    step_qid: str
    prompt: Markup
    remaining: int  # seconds, negative in overtime
    allowed: int
    poll: PollPart | None
    round: str = ""  # "Speaker B · round 2 of 2", in a step with rounds
    room: RoomPart | None = None
    round_remaining: int = 0  # seconds left of the running round (negative in overtime)
    round_allowed: int = 0  # the round's seconds
    lang: str = ""  # the language the module's texts are shown in, when it is not the reader's
    other: str = ""  # then its name, in itself ("English"): the mark beside them

    @property
    def key(self) -> str:
        """Changes whenever what this page shows others changes (not the ticking clock: the page
        counts down by itself from `remaining`)."""
        return f"{hash((self.status, self.step_qid, self.allowed, self.poll, self.round, self.room)) & 0xFFFFFFFF:08x}"

    @property
    def moment(self) -> tuple[object, ...]:
        """What the room is doing: the step, its time and round, whether its poll is open and its
        results shown. A change of it reaches every page at once; a tally or a list that grows
        reaches a large room's pages a little later (pages.py)."""
        poll = (
            None
            if self.poll is None
            else (self.poll.qid, self.poll.status, self.poll.resets, self.poll.round, self.poll.results is None)
        )
        return self.status, self.step_qid, self.allowed, self.round, poll


@dataclass(frozen=True)
class Mine:
    name: str
    rejoin: str
    ballot: tuple[Any, ...] | None
    notes: tuple[tuple[str, bool], ...]  # (text, made an action item) on this step, newest first
    hand: int = 0  # this person's place in the queue of raised hands (0: hand down)
    upvoted: frozenset[str] = frozenset()  # the questions this person has upvoted: marked, not offered again


def public(state: SessionState, lang: str | None = None) -> Public:
    """What every participant sees alike; with `lang`, what a reader of that language sees (the
    modules' texts in it where they are given in it, else marked, engine/in_language.py)."""
    if lang is not None:
        state = state_in(state, lang)
    step = state.step
    if step is None:
        return Public(state.title, state.code, state.status, "", "", "", Markup(""), 0, 0, None)
    now = step.round
    round_left = _whole(now.end - step.elapsed) if now is not None else 0
    other = languages.other(step.module, lang) if lang is not None else ""
    return Public(
        state.title,
        state.code,
        state.status,
        step.module.title,
        step.spec.title,
        step.qid,
        prompt_html(step.spec.prompt),
        _whole(step.remaining),
        step.allowed,
        None if state.poll is None else poll_part(state.poll),
        step.round_words,
        room_part(state),
        round_left,
        now.planned if now is not None else 0,
        languages.first(step.module) if other else "",
        other,
    )


def _whole(seconds: float) -> int:
    """Whole seconds as a countdown shows them: up while time is left, down once it is over."""
    return math.ceil(seconds) if seconds >= 0 else math.floor(seconds)


def room_part(state: SessionState) -> RoomPart | None:
    step, room = state.step, state.room
    if step is None or state.status == "ended":
        return None
    ideas = step.spec.kind == "brainstorm"
    asking = step.spec.kind == "qa" or room.qa
    hands = tuple(h.participant for h in room.hands)
    if not (ideas or asking or hands):
        return None
    listed = tuple((i.text, i.merged) for i in room.ideas_of(step.qid, remaining=True)) if ideas else ()
    questions = (
        tuple((q.id, q.text, q.votes, q.answered) for q in room.questions_of(None if room.qa else step.qid))
        if asking
        else ()
    )
    return RoomPart(ideas, asking, step.spec.kind == "qa" and step.spec.anonymous, listed, questions, hands)


def poll_part(view: PollView) -> PollPart:
    poll = view.poll
    cap = _(", at most {cap} on one").format(cap=poll.cap) if poll.cap else ""
    hint = _(VOTE_HINT[poll.vote]).format(
        max=poll.max, min=poll.min, budget=poll.budget, cap=cap, max_length=poll.max_length
    )
    results, summary, decided = None, "", ""
    if view.visible:
        decided = consent_words(poll, view.tally)
        unit = UNITS[view.tally.unit]
        results = tuple(ResultLine(r.label, plural(r.value, unit), round(r.share * 100)) for r in shown(view.tally))
        summary = plural(view.tally.ballots, "ballot")
        if view.tally.mean is not None:
            summary = _("{ballots} · {mean_and_median}").format(ballots=summary, mean_and_median=mean_words(view.tally))
    return PollPart(view.qid, poll, view.status, view.resets, hint, results, summary, view.round, decided)


def prompt_html(markdown: str) -> Markup:
    """The prompt as HTML, tables included (content/prompt.py renders it once per prompt)."""
    return Markup(prompt.html(markdown))  # markdown-it escaped every text node: html is off


def mine(state: SessionState, token: str, name: str, rejoin: str, ballot: tuple[Any, ...] | None) -> Mine:
    step = state.step
    notes = (
        ()
        if step is None
        else tuple((n.text, n.action) for n in reversed(state.notes) if n.author == token and n.step == step.qid)
    )
    hand = next((n for n, h in enumerate(state.room.hands, 1) if h.participant == token), 0)
    return Mine(name, rejoin, ballot, notes, hand, state.room.upvoted(token))


def time_words(remaining: int, allowed: int, paused: bool = False) -> str:
    """'12:30 left of 15 min', '01:10 over 10 min': what the page shows before its script takes
    over the counting (phone.js words it the same way)."""
    minutes, seconds = divmod(abs(remaining), 60)
    clock = f"{minutes:02d}:{seconds:02d}"
    words = (
        _("{clock} left of {allowed} min").format(clock=clock, allowed=allowed // 60)
        if remaining >= 0
        else _("{clock} over {allowed} min").format(clock=clock, allowed=allowed // 60)
    )
    return _("{time} · paused").format(time=words) if paused else words
