"""A plan as plain TOML-ready data, for the session header, and back.

A session carries a frozen copy of the agenda it ran, so it replays the same after the seed files
change. TOML has no null: fields left at None are simply left out.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from workshop.content.model import Agenda, AgendaItem, Module, Plan, Poll, Round, Source, Step


def _poll(poll: Poll) -> dict[str, Any]:
    out: dict[str, Any] = {"question": poll.question, "vote": poll.vote, "anonymous": poll.anonymous,
                           "reveal": poll.reveal}
    for key in ("options", "min", "max", "budget", "cap", "threshold"):
        value = getattr(poll, key)
        if value not in (None, ()):
            out[key] = list(value) if isinstance(value, tuple) else value
    if poll.labels:
        out["labels"] = {str(k): v for k, v in poll.labels}
    if poll.vote == "text":
        out["max_length"] = poll.max_length
    if poll.options_from:
        out["options_from"] = poll.options_from
    return out


def _step(step: Step) -> dict[str, Any]:
    out: dict[str, Any] = {"id": step.id, "title": step.title, "kind": step.kind, "minutes": step.minutes,
                           "prompt": step.prompt, "notes": step.notes}
    if step.poll is not None:
        out["poll"] = _poll(step.poll)
    if step.anonymous:
        out["anonymous"] = True
    if step.kind == "brainstorm":
        out["show"] = step.show
    if step.rounds:
        out["rounds"] = [{"label": r.label, "minutes": r.minutes} for r in step.rounds]
    return out


def _module(module: Module) -> dict[str, Any]:
    s = module.source
    return {"id": module.id, "title": module.title, "summary": module.summary, "minutes": module.minutes,
            "source": {"title": s.title, "author": s.author, "publisher": s.publisher, "url": s.url, "seed": s.seed},
            "steps": [_step(st) for st in module.steps], **({"language": module.language} if module.language else {})}


def freeze(plan: Plan) -> dict[str, Any]:
    """The plan with overrides already applied; the per-step minutes are the ones that ran."""
    a = plan.agenda
    return {"id": a.id, "title": a.title, "summary": a.summary, "start": a.start,
            "modules": [_module(m) for m in plan.modules]}


def thaw(data: dict[str, Any]) -> Plan:
    modules = []
    for m in data["modules"]:
        steps = []
        for st in m["steps"]:
            poll = None
            if "poll" in st:
                p = dict(st["poll"])
                p["options"] = tuple(p.get("options", ()))
                p["labels"] = tuple(sorted((int(k), v) for k, v in p.get("labels", {}).items()))
                poll = Poll(**p)
            rounds = tuple(Round(r["label"], r["minutes"]) for r in st.get("rounds", ()))
            steps.append(Step(st["id"], st["title"], st["kind"], st["minutes"], st["prompt"], st.get("notes", ""), poll,
                              rounds, bool(st.get("anonymous", False)), str(st.get("show", "cards"))))
        modules.append(Module(m["id"], m["title"], m["summary"], m["minutes"], Source(**m["source"]), tuple(steps),
                              str(m.get("language", ""))))
    start = data["start"]
    if not isinstance(start, (dt.time, dt.datetime)):
        start = dt.time(9, 0)
    agenda = Agenda(data["id"], data["title"], start,
                    tuple(AgendaItem(m.id) for m in modules), data.get("summary", ""))
    return Plan(agenda, tuple(modules))
