"""The throwaway session `workshop bench room` runs: one poll of every vote kind, as a workshop
has them (one revealed live, one anonymous, one the facilitator reveals), then a step for notes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from workshop.content import document, schema
from workshop.content.model import Agenda, AgendaItem, Plan

STEPS = ["pick", "many", "fist", "dots", "order", "word"]

MODULE = Path(__file__).with_name("bench.toml")  # the module it runs, as an author writes one


def plan() -> Plan:
    module = schema.check_module(document.parse(MODULE.read_bytes(), MODULE.name))
    return Plan(Agenda("bench", module.title, dt.time(9), (AgendaItem(module.id),)), (module,))
