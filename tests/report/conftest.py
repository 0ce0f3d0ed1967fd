"""Sessions with a known history for the report tests, built through the verbs (as the CLI does)
with a clock of our own, so every time in them is known."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from tests.support import POLLS_MODULE, polls_plan
from workshop import sessions
from workshop.content import document, schema
from workshop.content.model import Agenda, AgendaItem, Plan
from workshop.engine import events
from workshop.sessions import people

START = dt.datetime(2026, 4, 1, 9, 0, tzinfo=dt.UTC)
HOSTILE_NAME = "<script>alert(1)</script>"
HOSTILE_NOTE = "[@click=app.quit]x[/]"
HOSTILE_ANSWER = "<img src=x onerror=alert(1)>"


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> dt.datetime:
        return self.now

    def at(self, seconds: float) -> None:
        self.now = START + dt.timedelta(seconds=seconds)


def renamed_word_plan() -> Plan:
    """The polls plan with its text poll under another step id: a poll the other sessions lack."""
    text = POLLS_MODULE.replace('id = "word"', 'id = "word2"')
    module = schema.check_module(document.parse(text.encode(), "polls.toml"))
    return Plan(Agenda("polls", "Every kind of poll, again", dt.time(9), (AgendaItem(module.id),)), (module,))


@dataclass
class Built:
    path: Path
    session: sessions.Session
    tokens: dict[str, str] = field(default_factory=dict)


def written_as_typed(s: sessions.Session, name: str) -> people.Person:
    """A participant whose join holds `name` exactly: every verb keeps only a name's letters,
    digits and a little punctuation, but a file written by hand (or before that rule) may hold
    anything, and every report must show it escaped."""
    person = people.newcomer(name)
    with s.changing() as write:
        write(events.JoinEvent(participant=person.token, name=name, proof=person.proof))
    return s.adopt(person)


def build(folder: Path, name: str, coaching: int = 3, plan: Plan | None = None) -> Built:
    """A session of the polls module: `coaching` of three people pick Coaching (the others
    Planning), with a replaced ballot, a reset, a ballot after a close, hostile text, notes and
    an action item. Ends after 9 minutes."""
    clock = Clock()
    path = sessions.create(plan or polls_plan(), folder, name, clock=clock, code="ABCDEF")
    s = sessions.Session.open(path, clock)
    s.start()
    clock.at(10)
    names = [HOSTILE_NAME, "Bo", "Cy"]
    tokens = {HOSTILE_NAME: written_as_typed(s, HOSTILE_NAME), **{n: s.join(n) for n in names[1:]}}
    s.note_as(tokens[HOSTILE_NAME], HOSTILE_NOTE, action=True)
    s.note(None, HOSTILE_ANSWER)
    clock.at(150)  # intro ran 30 s over
    s.next()  # pick
    for i, n in enumerate(names):
        clock.at(160 + i)
        s.cast(tokens[n], "polls/pick", ["Quality"])  # replaced below
    for i, n in enumerate(names):
        clock.at(170 + i)
        s.cast(tokens[n], "polls/pick", ["Coaching" if i < coaching else "Planning"])
    clock.at(180)
    s.poll_action("close")
    # another process's ballot that lands after the close: late, not counted
    with s.changing() as write:  # a ballot written straight to the journal, as no verb would
        write(events.BallotEvent(poll="polls/pick", participant=tokens["Bo"].token, name="Bo", value=["Quality"]))
    clock.at(200)
    s.next()  # many
    s.cast(tokens["Bo"], "polls/many", ["Coaching", "Quality"])
    s.poll_action("reset")  # Bo's multi ballot stops counting
    s.cast(tokens["Cy"], "polls/many", ["Planning"])
    clock.at(260)
    s.next()  # fist: scale, anonymous
    for i, n in enumerate(names):
        s.cast(tokens[n], "polls/fist", [coaching + i])
    clock.at(300)
    s.next()  # dots
    s.cast(tokens["Cy"], "polls/dots", ["Coaching", "Coaching", "Quality"])
    clock.at(330)
    s.next()  # order
    s.cast(tokens[HOSTILE_NAME], "polls/order", ["Trust", "Goals", "Change", "Letting go"])
    clock.at(400)
    s.next()  # word (or word2)
    word = s.state().step.qid  # type: ignore[union-attr]
    s.cast(tokens[HOSTILE_NAME], word, [HOSTILE_ANSWER])
    s.cast(tokens["Bo"], word, ["=SUM(A1:A9)"])
    s.note("Cy", "Line one\nline two")
    clock.at(540)
    s.end()
    return Built(path, s, tokens)
