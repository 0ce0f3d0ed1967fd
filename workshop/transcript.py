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
from workshop.engine.clockwords import counting
from workshop.engine.in_language import state_in
from workshop.engine.state import PollView, SessionState, StepView
from workshop.engine.tally import UNITS, consent_words, plural, shown

HOW = {
    "single": "Type vote and one number, like: vote 2.",
    "multi": "Type vote and up to {max} numbers, like: vote 1 3.",
    "scale": "Type vote and a number from {min} to {max}, like: vote {max}.",
    "dots": "Type vote and option=dots, {budget} dots in all, like: vote 1=2 2=1.",
    "rank": "Type vote and every option's number, first choice first, like: vote {order}.",
    "text": "Type vote and your answer, like: vote more coaching.",
}


def options_sentence(view: PollView) -> str:
    poll = view.poll
    if poll.vote == "scale":
        labels = "; ".join(f"{x} {label}" for x, label in poll.labels)
        return f"a number from {poll.min} to {poll.max}" + (f" ({labels})" if labels else "") + "."
    if poll.vote == "text":
        return "a short answer."
    listed = ", ".join(f"{i} {option}" for i, option in enumerate(poll.options, 1))
    return f"{plural(len(poll.options), 'option')}: {listed}."


def poll_open(view: PollView) -> str:
    poll = view.poll
    order = " ".join(str(i) for i in range(1, len(poll.options) + 1))
    how = HOW[poll.vote].format(max=poll.max, min=poll.min, budget=poll.budget, order=order)
    anonymous = " Anonymous." if poll.anonymous else ""
    return f"Poll open: {poll.question} {poll.vote}, {options_sentence(view)}{anonymous} {how}"


def results(view: PollView) -> str:
    tally = view.tally
    unit = UNITS[tally.unit]
    rows = "; ".join(f"{row.label}: {plural(row.value, unit)}, {row.share:.0%}" for row in shown(tally))
    summary = f" Mean {tally.mean:.1f}, median {tally.median:g}." if tally.mean is not None else ""
    consent = consent_words(view.poll, tally).replace(" ✓", ",")  # 'Consent, 6 of 6 at 3 or more'
    decided = f" {consent}." if consent else ""
    return (f"Results for {view.poll.question} {plural(tally.ballots, 'ballot')}.{decided} "
            f"{rows or 'No answers'}.{summary}")


def step_sentence(state: SessionState) -> str:
    """'Now: MODULE, STEP, 5 minutes. PROMPT' of a state in the reader's language (`state_in`)."""
    step = state.step
    if step is None:
        return ""
    prompt = plain(step.step.prompt)  # sentences: no Markdown reaches a screen reader
    other = languages.other(step.module, i18n.language())
    title = f"{step.step.title} ({other})" if other else step.step.title  # said in another language: which
    return f"Now: {step.module.title}, {title}, {plural(step.allowed // 60, 'minute')}. {prompt}"


def round_sentence(step: StepView) -> str:
    """'Round 2 of 2: Speaker B, 3 minutes; 3 minutes left in the step.'"""
    now = step.round
    assert now is not None
    left = math.ceil(max(0.0, now.end - step.elapsed) / 60)
    total = math.ceil(max(0.0, step.remaining) / 60)
    return (f"Round {now.index + 1} of {len(step.rounds)}: {now.label}, {plural(left, 'minute')}; "
            f"{plural(total, 'minute')} left in the step.")


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
            if step.step.kind == "brainstorm":
                self.say("Brainstorm: type idea and your idea, one per line, like: idea more coaching.")
        if self.changed("asking", step is not None and (step.step.kind == "qa" or state.room.qa)) \
                and step is not None and (step.step.kind == "qa" or state.room.qa):
            self.say("Questions are open: type ask and your question; questions lists them; upvote q1 upvotes one.")
        was_paused = self.seen.get("paused")
        if self.changed("paused", state.status == "paused") and was_paused is not None:
            self.say("The facilitator paused the timer." if state.status == "paused" else "The timer runs again.")
        self._time(state)
        self._poll(state)
        for note in state.notes:
            if note.author == self.token and self.changed(f"note {note.id}", note.action) and note.action:
                self.say(f"Your note is now an action item: {note.text}")
        if self.changed("ended", state.status == "ended") and state.status == "ended":
            self.say("The session has ended. Thank you!")

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
        unit = "this step" if now is None or now.last else f"this round, {now.label}"
        said = "over" if remaining < 0 else "30" if remaining <= 30 else "60" if remaining <= 60 else ""
        key = f"time {step.qid} {now.index if now else ''}"
        if self.changed(key, said) and said and (said == "over" or planned > int(said)):
            self.say(f"Time is up for {unit}." if said == "over" else
                     f"1 minute left in {unit}." if said == "60" else f"30 seconds left in {unit}.")

    def _poll(self, state: SessionState) -> None:
        for other in state.polls.values():  # a poll left behind closes as the facilitator moves on
            key = f"status {other.qid}"
            # self.changed records each status it is shown: it is asked of every poll left behind
            changed = other is not state.poll and key in self.seen and self.changed(key, (other.status, other.resets))
            if changed and other.status == "closed":
                self.say(f"Poll closed: {other.poll.question}")
        view = state.poll
        if view is None:
            return
        if self.changed(f"status {view.qid}", (view.status, view.resets)):
            if view.status == "open":
                self.say(poll_open(view))
            elif view.status == "closed":
                self.say(f"Poll closed: {view.poll.question}")
        shown = view.tally if view.visible else None
        if self.changed(f"results {view.qid}", shown) and shown is not None:
            self.say(results(view))
