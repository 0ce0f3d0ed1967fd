"""Small builders shared by tests: modules written as text, plans, sessions in a tmp folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from workshop.content import document, schema
from workshop.content.model import Agenda, AgendaItem, Plan

POLLS_MODULE = '''
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
'''


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
