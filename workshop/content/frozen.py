"""A plan as plain TOML-ready data, for the session header, and back.

A session carries a frozen copy of the agenda it ran, so it replays the same after the seed files
change. TOML has no null: fields left at None are simply left out.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from workshop.content import variant_tables
from workshop.content.checker import left_open, quoted_value
from workshop.content.model import Agenda, AgendaItem, Module, Plan, Poll, Round, Source, Step
from workshop.engine.bidi import settled
from workshop.engine.text import UNCLEAN
from workshop.i18n import _


def _fields(thing: object, *names: str) -> dict[str, Any]:
    """`thing`'s attributes `names`, each under its own name, in that order."""
    return {name: getattr(thing, name) for name in names}


def _poll(poll: Poll) -> dict[str, Any]:
    out = _fields(poll, "question", "vote", "anonymous", "reveal")
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
    out = _fields(step, "id", "title", "kind", "minutes", "prompt", "notes")
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
    return {
        **_fields(module, "id", "title", "summary", "minutes"),
        "source": _fields(module.source, "title", "author", "publisher", "url", "seed"),
        "steps": [_step(st) for st in module.steps],
        **({"language": module.language} if module.language else {}),
        **({"variants": variant_tables.authored(module)} if module.variants else {}),
    }


def freeze(plan: Plan) -> dict[str, Any]:
    """The plan with overrides already applied; the per-step minutes are the ones that ran."""
    a = plan.agenda
    return {
        **_fields(a, "id", "title", "summary", "start"),
        "modules": [_module(m) for m in plan.modules],
        **({"variants": {tag: dict(said) for tag, said in a.variants}} if a.variants else {}),
    }


def problems(data: object) -> list[str]:
    """What is wrong with a frozen plan read from a session header (anyone who can write the file
    can write its header too): each module checked as the module schema checks an author's, its
    consent polls in the form an author writes them, and no text with a control character."""
    if not isinstance(data, dict) or not isinstance(data.get("modules"), list) or not data["modules"]:
        return [_("its agenda has no modules")]
    from workshop.content import schema
    from workshop.content.document import Document
    from workshop.content.problems import Invalid

    out = [
        _("agenda: {show} is not text").format(show=quoted_value(key))
        for key in ("id", "title")
        if not isinstance(data.get(key), str)
    ]
    titles = data.get("variants", {})
    if not isinstance(titles, dict) or not all(
        isinstance(t, dict) and all(k in ("title", "summary") and isinstance(v, str) for k, v in t.items())
        for t in titles.values()
    ):
        out.append(_("agenda: its titles in other languages are not text"))
    for i, module in enumerate(data["modules"]):
        if not isinstance(module, dict):
            out.append(_("module {i}: not a module").format(i=i + 1))
            continue
        try:
            schema.check_module(Document("", "", _authored(module)))
        except Invalid as err:
            out += [_("module {i}: {message}").format(i=i + 1, message=p.message) for p in err.problems]
        except (TypeError, AttributeError, ValueError):
            out.append(_("module {i}: not a module").format(i=i + 1))
    if _unclean(data):
        out.append(_("it holds a control character"))
    return out


def _authored(module: dict[str, Any]) -> dict[str, Any]:
    """A frozen module as an author writes it: a consent poll is `vote = "consent"` and its
    threshold (freezing writes out the 0-5 scale it is)."""
    if not isinstance(module.get("steps"), list):
        return module
    steps = []
    for step in module["steps"]:
        poll = step.get("poll") if isinstance(step, dict) else None
        if isinstance(poll, dict) and poll.get("threshold") is not None and poll.get("vote") == "scale":
            kept = {k: v for k, v in poll.items() if k not in ("min", "max", "labels")}
            step = {**step, "poll": {**kept, "vote": "consent"}}
        steps.append(step)
    return {**module, "steps": steps}


def _unclean(value: object) -> bool:
    if isinstance(value, str):
        return UNCLEAN.search(value) is not None
    if isinstance(value, dict):
        return any(_unclean(k) or _unclean(v) for k, v in value.items())
    if isinstance(value, list):
        return any(map(_unclean, value))
    return False


def _settled(value: Any) -> Any:
    if isinstance(value, str):
        return settled(value) if left_open(value) else value
    if isinstance(value, dict):
        return {k: _settled(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_settled(v) for v in value]
    return value


def thaw(data: dict[str, Any]) -> Plan:
    """The plan a session header froze, checked first (`problems`): ValueError names the first
    thing wrong, so a damaged or hand-written header is one line, never a crash later on."""
    data = _settled(data)  # a bidi control left open, frozen before validate refused it: taken out
    if found := problems(data):
        raise ValueError(f"{found[0]}{f' (and {len(found) - 1} more)' if len(found) > 1 else ''}")
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
            steps.append(
                Step(
                    st["id"],
                    st["title"],
                    st["kind"],
                    st["minutes"],
                    st["prompt"],
                    st.get("notes", ""),
                    poll,
                    rounds,
                    bool(st.get("anonymous", False)),
                    str(st.get("show", "cards")),
                )
            )
        modules.append(
            variant_tables.attach(
                Module(
                    m["id"],
                    m["title"],
                    m["summary"],
                    m["minutes"],
                    Source(**m["source"]),
                    tuple(steps),
                    str(m.get("language", "")),
                ),
                m.get("variants"),
            )
        )
    start = data.get("start")  # a header written by hand may leave it out: nine o'clock, as for a wrong one
    if not isinstance(start, (dt.time, dt.datetime)):
        start = dt.time(9, 0)
    agenda = Agenda(
        data["id"],
        data["title"],
        start,
        tuple(AgendaItem(m.id) for m in modules),
        data.get("summary", ""),
        variant_tables.titles(data.get("variants")),
    )
    return Plan(agenda, tuple(modules))
