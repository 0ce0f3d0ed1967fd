"""Small builders shared by tests: modules written as text, plans, sessions in a tmp folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from workshop.content import document, schema
from workshop.content.model import Agenda, AgendaItem, Plan

POLLS_MODULE = """
id = "polls"
title = "Every kind of poll"
summary = "One poll of each vote kind."
minutes = 14

[source]
title = "A test article"
author = "Test Author"
publisher = "Test Press"

[[steps]]
id = "intro"
title = "Intro"
kind = "talk"
minutes = 2
prompt = "Welcome."

[[steps]]
id = "pick"
title = "Pick one"
kind = "poll"
minutes = 2
prompt = "Pick one."
[steps.poll]
question = "Which first?"
vote = "single"
options = ["Coaching", "Planning", "Quality"]

[[steps]]
id = "many"
title = "Pick some"
kind = "poll"
minutes = 2
prompt = "Pick up to two."
[steps.poll]
question = "Which matter?"
vote = "multi"
max = 2
options = ["Coaching", "Planning", "Quality"]
reveal = "live"

[[steps]]
id = "fist"
title = "Fist of five"
kind = "poll"
minutes = 2
prompt = "Show a hand."
[steps.poll]
question = "How ready are we?"
vote = "scale"
min = 0
max = 5
labels = { 0 = "not at all", 5 = "fully" }
anonymous = true

[[steps]]
id = "dots"
title = "Dots"
kind = "poll"
minutes = 2
prompt = "Spread five dots."
[steps.poll]
question = "Where to invest?"
vote = "dots"
budget = 5
cap = 3
options = ["Coaching", "Planning", "Quality"]
reveal = "manual"

[[steps]]
id = "order"
title = "Rank"
kind = "poll"
minutes = 2
prompt = "Order them."
[steps.poll]
question = "Hardest first?"
vote = "rank"
options = ["Trust", "Goals", "Change", "Letting go"]

[[steps]]
id = "word"
title = "One word"
kind = "poll"
minutes = 2
prompt = "One word."
[steps.poll]
question = "One word for today?"
vote = "text"
max_length = 60
"""


def module_after_an_intro(module_id: str, title: str, minutes: int, steps: str) -> str:
    """A module's text: its header and source, a two-minute talk step "intro", then `steps`."""
    head = POLLS_MODULE[: POLLS_MODULE.index('[[steps]]\nid = "pick"')]
    head = head.replace('id = "polls"', f'id = "{module_id}"', 1).replace("Every kind of poll", title, 1)
    head = head.replace("One poll of each vote kind.", f"{title}, for one test.", 1)
    return head.replace("minutes = 14", f"minutes = {minutes}", 1) + steps


def polls_module():
    return schema.check_module(document.parse(POLLS_MODULE.encode(), "polls.toml"))


def polls_plan(title: str = "Every kind of poll") -> Plan:
    module = polls_module()
    return Plan(Agenda("polls", title, dt.time(9), (AgendaItem(module.id),)), (module,))


def write_module(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "polls.toml"
    path.write_text(POLLS_MODULE, encoding="utf-8")
    return path


RECORDED_START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def record_session(folder: Path, name: str = "recorded") -> Path:
    """A finished session of the polls module with a known history, for replay and report tests:
    three people vote on every kind of poll, with notes, a pause, an extension, a reveal, a close
    and a step run too long; every event a fixed number of seconds after 09:00 UTC."""
    from workshop import sessions

    now = [RECORDED_START]

    def clock() -> dt.datetime:
        return now[0]

    def at(seconds: float) -> None:
        now[0] = RECORDED_START + dt.timedelta(seconds=seconds)

    path = sessions.create(polls_plan(), folder, name, "Sam", clock=clock, code="REPLAY")
    s = sessions.Session.open(path, clock)
    s.start()
    at(20)
    ana, bo, cy = (s.join(n) for n in ("Ana", "Bo", "Cy"))
    at(60)
    s.note("Ana", "Glad to be here")
    at(150)  # intro ran 30 s over
    s.next()  # pick (single, on-close)
    for seconds, token, value in ((160, ana, ["Coaching"]), (170, bo, ["Planning"]), (180, cy, ["Coaching"])):
        at(seconds)
        s.cast(token, "polls/pick", value)
    at(200)
    s.poll_action("close")
    at(230)
    s.next()  # many (multi, live)
    at(240)
    s.cast(ana, "polls/many", ["Coaching", "Quality"])
    at(250)
    s.pause()
    at(310)
    s.resume()
    s.cast(bo, "polls/many", ["Quality"])
    at(330)
    s.extend(1)
    s.next()  # fist (scale 0-5, anonymous)
    for seconds, token, value in ((340, ana, [4]), (345, bo, [2]), (350, cy, [5])):
        at(seconds)
        s.cast(token, "polls/fist", value)
    at(380)
    s.next()  # dots (manual reveal)
    for seconds, token, value in ((390, ana, ["Coaching", "Coaching", "Planning"]), (400, bo, ["Quality"] * 3)):
        at(seconds)
        s.cast(token, "polls/dots", value)
    at(410)
    s.poll_action("reveal")
    at(420)
    s.note(None, "Follow up on quality with Bo", action=True)
    at(440)
    s.next()  # order (rank)
    at(450)
    s.cast(cy, "polls/order", ["Change", "Trust", "Goals", "Letting go"])
    at(470)
    s.next()  # word (text)
    at(480)
    s.cast(ana, "polls/word", ["trust"])
    s.cast(bo, "polls/word", ["Trust "])
    at(520)
    s.end()
    return path


ROOM_MODULE = """
id = "room"
title = "The room makes the content"
summary = "A brainstorm, a vote on its ideas, questions."
minutes = 12

[source]
title = "A test article"
author = "Test Author"
publisher = "Test Press"

[[steps]]
id = "intro"
title = "Intro"
kind = "talk"
minutes = 2
prompt = "Welcome."

[[steps]]
id = "ideas"
title = "Ideas"
kind = "brainstorm"
minutes = 3
prompt = "One idea per entry: what would help most?"

[[steps]]
id = "vote"
title = "Vote on the ideas"
kind = "poll"
minutes = 2
prompt = "Spread your dots."
[steps.poll]
question = "Which ideas first?"
vote = "dots"
budget = 3
options_from = "ideas"
reveal = "live"

[[steps]]
id = "secret"
title = "Anonymous ideas"
kind = "brainstorm"
minutes = 2
prompt = "Anything goes."
anonymous = true
show = "cloud"

[[steps]]
id = "questions"
title = "Questions"
kind = "qa"
minutes = 3
prompt = "Ask anything; upvote what you want answered."
"""


def room_module():
    return schema.check_module(document.parse(ROOM_MODULE.encode(), "room.toml"))


def room_plan(title: str = "The room makes the content") -> Plan:
    module = room_module()
    return Plan(Agenda("room", title, dt.time(9), (AgendaItem(module.id),)), (module,))
