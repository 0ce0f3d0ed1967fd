"""A session made to stress a screen: every vote kind, option labels 60 characters long, one
500-character text answer, all revealed. Shared by the every-size test and the room snapshots."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from tests import by_name
from workshop import sessions
from workshop.content import document, schema
from workshop.content.model import Agenda, AgendaItem, Plan
from workshop.engine.views import PollView


def label(text: str) -> str:
    """`text` padded with dots to exactly 60 characters."""
    return (text + " " + "." * 60)[:60]


A, B, C, D = (
    label(f"{word} option that needs the whole width of a line to say")
    for word in ("First", "Second", "Third", "Fourth")
)
LOW, HIGH = label("0 means not at all ready for this change"), label("5 means fully ready for this")
LONG_ANSWER = ("We should stop measuring handle time alone and look at the whole journey " * 8)[:499] + "!"


def _options() -> str:
    return ", ".join(f'"{o}"' for o in (A, B, C, D))


def module_text() -> str:
    opts = _options()
    polls = [
        ("single", f'vote = "single"\noptions = [{opts}]'),
        ("multi", f'vote = "multi"\nmax = 2\noptions = [{opts}]'),
        ("scale", f'vote = "scale"\nmin = 0\nmax = 5\nlabels = {{ 0 = "{LOW[2:]}", 5 = "{HIGH[2:]}" }}'),
        ("dots", f'vote = "dots"\nbudget = 5\ncap = 3\noptions = [{opts}]'),
        ("rank", f'vote = "rank"\noptions = [{opts}]'),
        ("text", 'vote = "text"\nmax_length = 500'),
    ]
    talk = (
        '[[steps]]\nid = "talk"\ntitle = "Why we are here"\nkind = "talk"\nminutes = 5\n'
        'prompt = "Think of a customer who came back."\n'
    )
    steps = [talk]
    for kind, body in polls:
        steps.append(
            f'[[steps]]\nid = "{kind}"\ntitle = "A {kind} poll"\nkind = "poll"\nminutes = 3\n'
            f'prompt = "Vote: {kind}."\n[steps.poll]\nquestion = "Which {kind} answer?"\n{body}\n'
        )
    head = (
        'id = "wide"\ntitle = "Long labels"\nsummary = "Every vote kind with long labels."\nminutes = 23\n'
        '[source]\ntitle = "A test article"\nauthor = "Test Author"\npublisher = "Test Press"\n\n'
    )
    return head + "\n".join(steps)


def plan() -> Plan:
    module = schema.check_module(document.parse(module_text().encode(), "wide.toml"))
    return Plan(Agenda("wide", "Long labels", dt.time(9), (AgendaItem(module.id),)), (module,))


KINDS = ("single", "multi", "scale", "dots", "rank", "text")

BALLOTS: dict[str, list[list[str]]] = {
    "single": [["1"], ["1"], ["1"], ["2"], ["2"], ["3"]],  # 3 / 2 / 1 / 0
    "multi": [["1", "2"], ["1"], ["1", "3"], ["2"], ["1"]],
    "scale": [["5"], ["4"], ["4"], ["0"], ["2"]],
    "dots": [["1=3", "2=2"], ["2=1", "3=3", "4=1"], ["1=1", "4=3", "3=1"]],
    "rank": [["1", "2", "3", "4"], ["2", "1", "4", "3"], ["1", "3", "2", "4"]],
    "text": [[LONG_ANSWER], ["more coaching"], ["More coaching."], ["calm"]],
}
NAMES = ("Ana", "Bo", "Cy", "Di", "Ed", "Flo")


def create(folder: Path, clock: Callable[[], dt.datetime], name: str = "wide") -> Path:
    """A session with every poll voted and revealed, standing on the talk step."""
    path = sessions.create(plan(), folder, name, "Sam", clock=clock, code="K7P2QX")
    live = sessions.Session.open(path, clock)
    live.start()
    for kind in KINDS:
        live.goto(kind)
        for who, raw in zip(NAMES, BALLOTS[kind], strict=False):
            by_name.vote(live, who, raw)
        live.poll_action("reveal")
    live.goto("talk")
    return path


def numbers(view: PollView) -> list[str]:
    """Every number a revealed poll must show, as the screens write them."""
    from workshop.engine.tally import mean_words
    from workshop.tui.widgets.results import value_text

    found = [value_text(view.tally, row) for row in view.tally.rows]
    if view.tally.mean is not None:
        found += mean_words(view.tally).split(" · ")  # 'mean 3.0', 'median 4', each on screen
    return found
