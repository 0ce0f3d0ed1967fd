"""What `workshop join --plain` says: each change of the session as one sentence on its own line
("Poll open: Fast or high-touch? 4 options: 1 Fast, …", "1 minute left in this round, Speaker
A."), with no markup (a prompt's Markdown comes as sentences, content/prompt.py). `Transcript`
remembers what was said, so each change is said once, as it happens."""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable

from workshop import i18n
from workshop.content import languages
from workshop.content.prompt import plain
from workshop.engine.bidi import isolate
from workshop.engine.clockwords import counting
from workshop.engine.in_language import state_in
from workshop.engine.tally import UNITS, VOTE_WORDS, consent_words, plural, shown
from workshop.engine.views import PollView, SessionState, StepView
from workshop.i18n import N_, _, number

HOW = {
    "single": N_("Type vote and one number, like: vote 2."),
    "multi": N_("Type vote and up to {max} numbers, like: vote 1 3."),
    "scale": N_("Type vote and a number from {min} to {max}, like: vote {max}."),
    "dots": N_("Type vote and option=dots, {budget} dots in all, like: vote 1=2 2=1."),
    "rank": N_("Type vote and every option's number, first choice first, like: vote {order}."),
    "text": N_("Type vote and your answer, like: vote more coaching."),
}


def options_sentence(view: PollView) -> str:
    poll = view.poll
    if poll.vote == "scale":
        labels = "; ".join(f"{x} {label}" for x, label in poll.labels)
        if labels:
            return _("a number from {min} to {max} ({labels}).").format(min=poll.min, max=poll.max, labels=labels)
        return _("a number from {min} to {max}.").format(min=poll.min, max=poll.max)
    if poll.vote == "text":
        return _("a short answer.")
    listed = ", ".join(f"{i} {isolate(option)}" for i, option in enumerate(poll.options, 1))  # ideas: people's words
    return _("{options}: {listed}.").format(options=plural(len(poll.options), "option"), listed=listed)


def poll_open(view: PollView) -> str:
    poll = view.poll
    order = " ".join(str(i) for i in range(1, len(poll.options) + 1))
    how = _(HOW[poll.vote]).format(max=poll.max, min=poll.min, budget=poll.budget, order=order)
    if poll.anonymous:
        return _("Poll open: {question} {vote}, {options} Anonymous. {how}").format(
            question=poll.question, vote=_(VOTE_WORDS[poll.vote]), options=options_sentence(view), how=how
        )
    return _("Poll open: {question} {vote}, {options} {how}").format(
        question=poll.question, vote=_(VOTE_WORDS[poll.vote]), options=options_sentence(view), how=how
    )


def results(view: PollView) -> str:
    tally = view.tally
    unit = UNITS[tally.unit]
    rows = "; ".join(
        _("{label}: {value}, {share}").format(
            label=isolate(row.label), value=plural(row.value, unit), share=number(row.share, ".0%")
        )
        for row in shown(tally)
    )
    consent = consent_words(view.poll, tally).replace(" ✓", ",")  # 'Consent, 6 of 6 at 3 or more'
    sentences = [
        _("Results for {question} {ballots}.").format(
            question=view.poll.question, ballots=plural(tally.ballots, "ballot")
        )
    ]
    sentences += [f"{consent}."] if consent else []
    sentences.append(f"{rows}." if rows else _("No answers."))
    if tally.mean is not None:
        sentences.append(
            _("Mean {mean}, median {median}.").format(
                mean=number(tally.mean, ".1f"), median=number(tally.median or 0, "g")
            )
        )
    return " ".join(sentences)


def step_sentence(state: SessionState) -> str:
    """'Now: MODULE, STEP, 5 minutes. PROMPT' of a state in the reader's language (`state_in`)."""
    step = state.step
    if step is None:
        return ""
    prompt = plain(step.spec.prompt)  # sentences: no Markdown reaches a screen reader
    other = languages.other(step.module, i18n.language())
    title = f"{step.spec.title} ({other})" if other else step.spec.title  # said in another language: which
    return _("Now: {module}, {step}, {minutes}. {prompt}").format(
        module=step.module.title, step=title, minutes=plural(step.allowed // 60, "minute"), prompt=prompt
    )


def round_sentence(step: StepView) -> str:
    """'Round 2 of 2: Speaker B, 3 minutes; 3 minutes left in the step.'"""
    now = step.round
    assert now is not None
    left = math.ceil(max(0.0, now.end - step.elapsed) / 60)
    total = math.ceil(max(0.0, step.remaining) / 60)
    return _("Round {index} of {rounds}: {label}, {left}; {total} left in the step.").format(
        index=now.index + 1,
        rounds=len(step.rounds),
        label=now.label,
        left=plural(left, "minute"),
        total=plural(total, "minute"),
    )


def _unit(step: StepView) -> str:
    """What a timer counts for, in words: 'this step', or 'this round, Speaker A' before the last round."""
    now = step.round
    return _("this step") if now is None or now.last else _("this round, {label}").format(label=now.label)


def time_sentence(state: SessionState) -> str:
    """'4 minutes left in this step.', of the round when the step has rounds, 'Time is up for this
    step.' in overtime, with 'The timer is paused.' before it while paused: what `where` tells."""
    step = state.step
    if step is None or state.status == "ended":
        return ""
    unit = _unit(step)
    remaining, _planned = counting(step)
    said = (
        _("Time is up for {unit}.").format(unit=unit)
        if remaining < 0
        else _("{time} left in {unit}.").format(time=plural(math.ceil(remaining / 60), "minute"), unit=unit)
    )
    return f"{_('The timer is paused.')} {said}" if state.status == "paused" else said


class Transcript:
    """What the participant has been told, so each change is said once, as it happens."""

    def __init__(self, token: str, say: Callable[[str], None]) -> None:
        self.token = token
        self.say = say
        self.seen: dict[str, Hashable] = {}

    def changed(self, key: str, value: Hashable) -> bool:
        if self.seen.get(key, object()) == value:
            return False
        self.seen[key] = value
        return True

    def follow(self, state: SessionState) -> None:
        state = state_in(state, i18n.language())  # the module's texts in the reader's language
        step = state.step
        if self.changed("step", step.qid if step else None) and step is not None:
            self.say(step_sentence(state))
            if step.spec.kind == "brainstorm":
                self.say(_("Brainstorm: type idea and your idea, one per line, like: idea more coaching."))
        if (
            self.changed("asking", step is not None and (step.spec.kind == "qa" or state.room.qa))
            and step is not None
            and (step.spec.kind == "qa" or state.room.qa)
        ):
            self.say(_("Questions are open: type ask and your question; questions lists them; upvote q1 upvotes one."))
        was_paused = self.seen.get("paused")
        if self.changed("paused", state.status == "paused") and was_paused is not None:
            self.say(_("The facilitator paused the timer.") if state.status == "paused" else _("The timer runs again."))
        self._time(state)
        self._poll(state)
        for note in state.notes:
            if note.author == self.token and self.changed(f"note {note.id}", note.action) and note.action:
                self.say(_("Your note is now an action item: {text}").format(text=note.text))
        if self.changed("ended", state.status == "ended") and state.status == "ended":
            self.say(_("The session has ended. Thank you!"))

    def _time(self, state: SessionState) -> None:
        """A new round, then 1 minute and 30 seconds left of the round (or of the step), and
        time up: each once, as the timers on the screens show it."""
        step = state.step
        if step is None or state.status == "ended":
            return
        now = step.round
        if now is not None and self.changed(f"round {step.qid}", now.index):
            self.say(round_sentence(step))
        remaining, planned = counting(step)
        unit = _unit(step)
        said = "over" if remaining < 0 else "30" if remaining <= 30 else "60" if remaining <= 60 else ""
        key = f"time {step.qid} {now.index if now else ''}"  # not translated: a key, as each below
        if self.changed(key, said) and said and (said == "over" or planned > int(said)):
            self.say(
                _("Time is up for {unit}.").format(unit=unit)
                if said == "over"
                else _("1 minute left in {unit}.").format(unit=unit)
                if said == "60"
                else _("30 seconds left in {unit}.").format(unit=unit)
            )

    def _poll(self, state: SessionState) -> None:
        for other in state.polls.values():  # a poll left behind closes as the facilitator moves on
            key = f"status {other.qid}"  # not translated: a key
            # self.changed records each status it is shown: it is asked of every poll left behind
            changed = other is not state.poll and key in self.seen and self.changed(key, (other.status, other.resets))
            if changed and other.status == "closed":
                self.say(_("Poll closed: {question}").format(question=other.poll.question))
        view = state.poll
        if view is None:
            return
        if self.changed(f"status {view.qid}", (view.status, view.resets)):  # not translated: a key
            if view.status == "open":
                self.say(poll_open(view))
            elif view.status == "closed":
                self.say(_("Poll closed: {question}").format(question=view.poll.question))
        shown = view.tally if view.visible else None
        if self.changed(f"results {view.qid}", shown) and shown is not None:  # not translated: a key
            self.say(results(view))
