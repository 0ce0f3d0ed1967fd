"""Record the demo session that ships in sessions/demo.toml by driving the real apps.

A facilitator runs the default agenda in the facilitator's app and four participants take part
in the participant app, each pressing keys as a person would; a virtual clock moves through the
afternoon so the recording has the timing of a real session (steps a little over or under,
a pause, an extension) without taking three and a half hours. Deterministic: the same code
gives the same journal, apart from the participants' random tokens.

    python -m tests.demo.record            # writes sessions/demo.toml
    python -m tests.demo.record OUT.toml
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import shutil
import sys
import tempfile
from pathlib import Path

from textual.widgets import Input

from workshop.engine.tally import normalise

START = dt.datetime(2026, 11, 16, 13, 0, tzinfo=dt.UTC)
PEOPLE = ("Priya", "Marcus", "Dana", "Tomás")
# A step runs its planned minutes times this, in turn: some run over, some finish early.
PACE = (1.1, 0.9, 1.25, 1.0, 0.8, 1.15, 0.95)
NOTES = {  # step id -> (person, note): what the room wrote down
    "compromise-story": (0, "Our WFM and quality teams each gave up a target to agree one"),
    "tech-that-helps": (2, "Headsets that cancel noise would help more than any new dashboard"),
    "experiment": (1, "Try a no-meeting morning for team leads for one month"),
    "hero-ask": (3, "Ask agents what they need before buying anything"),
}
ACTIONS = {"experiment": "Pilot the no-meeting morning with two teams and report back in March"}
QUESTIONS = {  # qa step id -> (person, question) asked, then each other person upvotes the first listed
    "questions": (
        (1, "How do we keep a shared measure from turning into a blame chart?"),
        (3, "Can we pilot this across two sites at once?"),
    ),
}
IDEAS = {  # brainstorm step id -> one idea per person, in turn (two say the same thing)
    "rework": (
        "Swap one early shift a week between the two teams",
        "A shared measure: resolved first time",
        "Pilot ten-minute coaching in the quiet half hours",
        "A shared measure: resolved first time!",
    ),
    "hero-ask": ("Air cover when we try something new", "Time to coach", "Clear priorities", "time to coach"),
}


class VirtualClock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> dt.datetime:
        return self.now

    def wait(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


def ballot_keys(poll, person: int) -> list[str]:
    """The keys person number `person` presses to vote on `poll`: different people, different votes."""
    kind, n = poll.vote, len(poll.options)
    if kind == "single":
        return ["down"] * ((person * 2 + 1) % n) + ["enter"]
    if kind == "scale":
        span = poll.max - poll.min
        return ["down"] * ((span // 2 + person - 1) % (span + 1)) + ["enter"]
    if kind == "multi":
        keys: list[str] = []
        at = 0
        for choice in sorted({person % n, (person + 2) % n}):
            keys += ["down"] * (choice - at) + ["space"]
            at = choice
        return keys + ["ctrl+s"]
    if kind == "dots":  # the whole budget, two at a time (or the cap) on successive options: 5 is 2, 2, 1
        spread, left, step = {}, poll.budget, min(2, poll.cap or 2)
        while left and len(spread) < n:
            choice = (person + len(spread)) % n
            spread[choice] = min(step, left)
            left -= spread[choice]
        keys, at = [], 0
        for choice, dots in sorted(spread.items()):
            keys += ["down"] * (choice - at) + ["plus"] * dots
            at = choice
        return keys + ["ctrl+s"]
    if kind == "rank":
        return ["down"] * ((person + 1) % n) + ["left_square_bracket"] * ((person + 1) % n) + ["ctrl+s"]
    words = ("trust", "listening", "Trust", "time")
    return list(words[person]) + ["enter"]


async def facilitator(path: Path, clock: VirtualClock, keys: list[str], note: str = "", merge: str = "") -> None:
    from workshop.tui.facilitator import make_app

    app = make_app(path, clock=clock, bell=False, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        for key in keys:
            await pilot.press(key)
        if merge:  # the newest idea (selected) is a duplicate of idea `merge`
            await pilot.press("M")
            app.screen.query_one(Input).value = merge
            await pilot.press("enter")
            await pilot.pause()
        if note:
            await pilot.press("a")
            app.screen.query_one(Input).value = note
            await pilot.press("enter")
            await pilot.pause()
            notes = app.main.notes_list
            notes.focus()
            notes.highlighted = 0  # the newest note: this one
            await pilot.press("m")
        await pilot.pause()


async def participant(
    path: Path,
    clock: VirtualClock,
    person: int,
    keys: list[str],
    note: str = "",
    idea: str = "",
    ask: str = "",
    upvote: bool = False,
) -> None:
    from workshop.tui.participant import make_app

    app = make_app(path, clock=clock, name=PEOPLE[person], watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.query_one("#code", Input).value = app.session.state().code
        await pilot.press("enter", "enter")  # the code, then the name given on the command line
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
            await pilot.pause()
        for box, text in (("#idea", idea), ("#ask", ask)):
            if text:
                main = app.main
                main.query_one(box, Input).value = text
                main.query_one(box, Input).focus()
                await pilot.press("enter")
                await pilot.pause()
        if upvote:  # the most upvoted question so far
            questions = app.main.query_one("#questions")
            questions.focus()
            questions.highlighted = 0
            await pilot.press("enter")
            await pilot.pause()
        if note:
            main = app.main
            main.query_one("#note", Input).value = note
            main.query_one("#note", Input).focus()
            await pilot.press("enter")
            await pilot.pause()


async def record(out: Path, agenda: str = "") -> None:
    from workshop.content import catalog
    from workshop.content.library import DEFAULT_AGENDA, plan_for

    clock = VirtualClock()
    work = Path(tempfile.mkdtemp())
    saved = os.environ.get("XDG_STATE_HOME")
    os.environ["XDG_STATE_HOME"] = str(work / "state")  # the participants' tokens, not the user's
    try:
        await _run(work, clock, plan_for(catalog(), agenda or DEFAULT_AGENDA), out)
    finally:
        if saved is None:
            os.environ.pop("XDG_STATE_HOME", None)
        else:
            os.environ["XDG_STATE_HOME"] = saved
        shutil.rmtree(work, ignore_errors=True)


async def _run(work: Path, clock: VirtualClock, plan, out: Path) -> None:
    from workshop import sessions

    path = sessions.create(plan, work, "demo", "Alex", clock=clock, code="DEMO42")
    steps = sessions.Session.open(path).state().steps
    for person in range(len(PEOPLE)):  # the room arrives
        clock.wait(40)
        await participant(path, clock, person, [])
    clock.wait(60)
    await facilitator(path, clock, ["n"])  # start
    for number, step in enumerate(steps):
        planned = step.spec.minutes * 60
        ran = planned * PACE[number % len(PACE)]
        for person, idea in enumerate(IDEAS.get(step.spec.id, ())):
            clock.wait(min(45, ran / 8))
            await participant(path, clock, person, [], idea=idea)
        for person, question in QUESTIONS.get(step.spec.id, ()):
            clock.wait(min(45, ran / 8))
            await participant(path, clock, person, [], ask=question)
        if step.spec.id in QUESTIONS:
            for person in (0, 2):
                clock.wait(10)
                await participant(path, clock, person, [], upvote=True)
        if step.spec.id in IDEAS:  # the facilitator merges the duplicate
            ideas = sessions.Session.open(path).state().room.ideas_of(step.qid)
            twin = next(i for i in ideas if normalise(i.text) == normalise(ideas[-1].text))
            clock.wait(20)
            await facilitator(path, clock, [], merge=twin.id)
        poll = step.spec.poll
        if poll is not None:
            poll = sessions.Session.open(path).state().polls[step.qid].poll  # options_from: as frozen
            for person in range(len(PEOPLE)):
                clock.wait(min(45, ran / 8))
                await participant(path, clock, person, ballot_keys(poll, person))
        if step.spec.id in NOTES:
            person, note = NOTES[step.spec.id]
            clock.wait(60)
            await participant(path, clock, person, [], note)
        if number == min(10, len(steps) - 2):
            clock.wait(30)
            await facilitator(path, clock, ["space"])  # a fire alarm test: the timer stops
            clock.wait(300)
            await facilitator(path, clock, ["space", "plus"])  # back, and a minute more for the step
            ran += 60
        keys = ["r"] if poll is not None and poll.reveal == "manual" else []
        clock.wait(max(0.0, ran - clock_in_step(clock, path)))
        await facilitator(path, clock, keys, ACTIONS.get(step.spec.id, ""))
        clock.wait(5)
        await facilitator(path, clock, ["n"] if number + 1 < len(steps) else ["e", "y"])
    out.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, out)


def clock_in_step(clock: VirtualClock, path: Path) -> float:
    """How long the current step has run by the virtual clock."""
    from workshop import sessions

    step = sessions.Session.open(path, clock).state().step
    return 0.0 if step is None else step.elapsed


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "sessions" / "demo.toml"
    asyncio.run(record(target))
    print(target)
