"""The throwaway session `workshop bench room` runs: one poll of every vote kind, as a workshop
has them (one revealed live, one anonymous, one the facilitator reveals), then a step for notes."""

from __future__ import annotations

import datetime as dt

from workshop.content import document, schema
from workshop.content.model import Agenda, AgendaItem, Plan

STEPS = ["pick", "many", "fist", "dots", "order", "word"]

# not translated: a throwaway module no person reads (simulated phones answer it, the screen runs headless)
MODULE = """
id = "bench"
title = "How many phones this laptop holds"
summary = "One poll of every kind, then notes: what `workshop bench room` asks of a room."
minutes = 16

[source]
title = "workshop bench room"
author = "workshop"
publisher = "workshop"

[[steps]]
id = "intro"
title = "Welcome"
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

[[steps]]
id = "notes"
title = "Notes"
kind = "notes"
minutes = 2
prompt = "A note for the record."
"""


def plan() -> Plan:
    module = schema.check_module(document.parse(MODULE.encode(), "bench.toml"))
    return Plan(Agenda("bench", module.title, dt.time(9), (AgendaItem(module.id),)), (module,))
