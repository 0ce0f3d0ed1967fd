"""Facilitation practice: warnings about content that is valid but runs against common norms.

`workshop validate --practice` prints them as `path:line:col: warning: …`; docs/authoring.md
gives each rule with its source. Module rules read the document's tables as written rather than
the model, so they still speak about a file the schema refuses, and about vote kinds the schema
learns later. Agenda rules need the plan, since an agenda changes how long steps run.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterator, Mapping
from typing import Any

from workshop.content.checker import quoted_value
from workshop.content.document import Document
from workshop.content.model import Module, Plan, Step
from workshop.content.problems import Problem
from workshop.content.quotes import Quote, contradictions
from workshop.i18n import N_, _

BREAK_EVERY = 90  # minutes an agenda may run without a break
MODULE_WITHOUT_BREAK = 120  # minutes a module may run without one
MOST_OPTIONS = 12
SAYS = {"prompt": N_("prompt says"), "notes": N_("notes say")}

Where = tuple[str | int, ...]


def _whole(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _tables(value: Any) -> list[dict]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _warning(doc: Document, where: Where, message: str) -> Problem:
    return doc.problem(where, _("warning: {message}").format(message=message))


# ---------------------------------------------------------------------------------------- modules


def check_module(doc: Document) -> list[Problem]:
    """Every practice warning about the module in `doc`."""
    steps = doc.data.get("steps")
    warnings = _long_module(doc, steps if isinstance(steps, list) else [])
    for index, step in enumerate(steps if isinstance(steps, list) else []):
        if not isinstance(step, dict):
            continue
        where: Where = ("steps", index)
        context = (
            _("step {show}: ").format(show=quoted_value(step["id"]))
            if isinstance(step.get("id"), str)
            else _("step {index}: ").format(index=index + 1)
        )
        if isinstance(step.get("poll"), dict):
            warnings += [
                _warning(doc, where + ("poll",) + key, context + "poll: " + message)
                for key, message in _poll(step["poll"], step.get("prompt"))
            ]
        warnings += _step_quotes(doc, step, where, context)
    return warnings


def _long_module(doc: Document, steps: list) -> list[Problem]:
    tables = _tables(steps)
    total = sum(_whole(s.get("minutes")) or 0 for s in tables)
    if total <= MODULE_WITHOUT_BREAK or any(s.get("kind") == "break" for s in tables):
        return []
    return [
        _warning(
            doc,
            ("minutes",),
            _(
                "the steps run {total} minutes with no break: a module over {MODULE_WITHOUT_BREAK} minutes needs a "
                "break step"
            ).format(total=total, MODULE_WITHOUT_BREAK=MODULE_WITHOUT_BREAK),
        )
    ]


def _poll(poll: Mapping[str, Any], prompt: Any) -> Iterator[tuple[Where, str]]:
    """(key, message) for each rule this poll table breaks."""
    options = poll.get("options")
    if isinstance(options, list) and len(options) > MOST_OPTIONS:
        yield (
            ("options",),
            (
                _(
                    "{options} options on one vote: more than {MOST_OPTIONS} are hard to read and weigh; shortlist or "
                    "group them"
                ).format(options=len(options), MOST_OPTIONS=MOST_OPTIONS)
            ),
        )
    if poll.get("reveal") == "live" and poll.get("anonymous") is not True:
        yield (
            ("reveal",),
            (
                _(
                    'a named poll revealed live: early votes sway later ones; use reveal = "on-close" '
                    'or "manual", or make it anonymous'
                )
            ),
        )
    if poll.get("vote") == "scale" and _mentions_fist(poll, prompt):
        yield (
            ("vote",),
            (
                _(
                    'fist-of-five is a consent check: use a consent poll (vote = "consent"), '
                    'or drop "fist" to keep a rating'
                )
            ),
        )
    if poll.get("vote") == "dots":
        yield from _dots(poll, options)


def _mentions_fist(poll: Mapping[str, Any], prompt: Any) -> bool:
    labels = poll.get("labels")
    texts = [poll.get("question"), prompt, *(labels.values() if isinstance(labels, dict) else ())]
    return any(isinstance(t, str) and "fist" in t.casefold() for t in texts)


def _dots(poll: Mapping[str, Any], options: Any) -> Iterator[tuple[Where, str]]:
    budget, cap = _whole(poll.get("budget")), _whole(poll.get("cap"))
    count = len(options) if isinstance(options, list) else 0
    if budget is not None and count and budget * 2 > count:
        low, high = math.ceil(count / 4), math.ceil(count / 3)
        advice = f"{low}" if low == high else f"{low} or {high}"
        yield (
            ("budget",),
            (
                _(
                    "{budget} dots on {count} options is more than half: give about a quarter to a third as many dots "
                    "as options ({advice})"
                ).format(budget=budget, count=count, advice=advice)
            ),
        )
    if budget is None or budget < 2:
        return
    if "cap" not in poll:
        yield (
            (),
            _("no cap on the {budget} dots: add cap = {value} so no one puts every dot on one option").format(
                budget=budget, value=max(1, budget // 2)
            ),
        )
    elif cap is not None and cap >= budget:
        yield (
            ("cap",),
            _("cap {cap} is the whole budget, so it limits nothing: make it {value}").format(
                cap=cap, value=max(1, budget // 2)
            ),
        )


def _step_quotes(doc: Document, step: Mapping[str, Any], where: Where, context: str) -> list[Problem]:
    minutes = _whole(step.get("minutes"))
    if minutes is None:
        return []
    rounds = [m for r in _tables(step.get("rounds")) if (m := _whole(r.get("minutes"))) is not None]
    found = []
    for field in SAYS:
        text = step.get(field)
        for quote in contradictions(text, minutes, rounds) if isinstance(text, str) else ():
            at = _quote_position(doc, where + (field,), quote)
            found.append(_quoted(doc, at, _('warning: {context}{SAYS} "{phrase}" but {why}'), context, field, quote))
    return found


def _quoted(doc: Document, at: tuple[int, int], message: str, context: str, field: str, quote: Quote) -> Problem:
    """The warning at `at` (line, column) that a step's `field` quotes minutes it contradicts: `message`
    with the context, the field, the quote and why filled in."""
    line, col = at
    return Problem(
        doc.path, line, col, message.format(context=context, SAYS=_(SAYS[field]), phrase=quote.phrase, why=quote.why)
    )


def _quote_position(doc: Document, where: Where, quote: Quote) -> tuple[int, int]:
    """Where the quote sits in the file: searched from its key on, since escapes and the key itself
    only ever put the raw text further along than the value's own offset; else the key."""
    line, col = doc.locator.find(where)
    starts = [0] + [i + 1 for i, ch in enumerate(doc.text) if ch == "\n"]
    key = starts[line - 1] + col - 1
    pattern = r"\s+".join(map(re.escape, quote.phrase.split()))
    found = re.compile(pattern).search(doc.text, key + quote.start)
    if found is None:
        return line, col
    at = found.start()
    return doc.text.count("\n", 0, at) + 1, at - (doc.text.rfind("\n", 0, at) + 1) + 1


# ---------------------------------------------------------------------------------------- agendas


def check_agenda(doc: Document, plan: Plan, modules: Mapping[str, Module]) -> list[Problem]:
    """Every practice warning about the agenda in `doc`, run as `plan`; `modules` as written."""
    return _stretches(doc, plan) + _overridden_quotes(doc, plan, modules)


def _stretches(doc: Document, plan: Plan) -> list[Problem]:
    """A warning for every run of more than BREAK_EVERY minutes without a break step, at the
    module in which it passes the limit, with its clock times (steps run on across modules)."""
    start = plan.agenda.start
    base = start.hour * 60 + start.minute if isinstance(start, (dt.time, dt.datetime)) else 0
    warnings, clock, run_from, crossed = [], 0, 0, None
    entries = [(index, step) for index, module in enumerate(plan.modules) for step in module.steps]
    for index, step in [*entries, (None, None)]:
        if step is None or step.kind == "break":
            if crossed is not None:
                warnings.append(_warning(doc, ("modules", crossed, "module"), _stretch_message(base, run_from, clock)))
            clock += step.minutes if step is not None else 0
            run_from, crossed = clock, None
            continue
        clock += step.minutes
        if crossed is None and clock - run_from > BREAK_EVERY:
            crossed = index
    return warnings


def _stretch_message(base: int, begin: int, end: int) -> str:
    def at(minutes: int) -> str:
        return f"{(base + minutes) // 60 % 24:02d}:{(base + minutes) % 60:02d}"

    return _(
        "{minutes} minutes without a break ({start} to {end}): add a break step so that no stretch runs over "
        "{BREAK_EVERY} minutes"
    ).format(minutes=end - begin, start=at(begin), end=at(end), BREAK_EVERY=BREAK_EVERY)


def _overridden_quotes(doc: Document, plan: Plan, modules: Mapping[str, Module]) -> list[Problem]:
    """Quotes that agree with a module's own minutes but not with the minutes this agenda gives
    the step, reported at the override (the module itself is fine; the agenda changed it)."""
    warnings = []
    for index, (item, running) in enumerate(zip(plan.agenda.items, plan.modules, strict=True)):
        written = modules[item.module]
        for step_id, _minutes in item.minutes:
            before, after = written.step(step_id), running.step(step_id)
            if before is None or after is None or before.minutes == after.minutes:
                continue
            for field, quote in _new_quotes(before, after):
                at = _override_position(doc, index, step_id)
                context = _("module {module}: step {step}: ").format(
                    module=quoted_value(item.module), step=quoted_value(step_id)
                )
                message = _('warning: {context}{SAYS} "{phrase}" but {why} in this agenda')
                warnings.append(_quoted(doc, at, message, context, field, quote))
    return warnings


def _new_quotes(written: Step, running: Step) -> Iterator[tuple[str, Quote]]:
    for field in SAYS:
        text = getattr(written, field)
        known = {q.phrase for q in contradictions(text, written.minutes, [r.minutes for r in written.rounds])}
        for quote in contradictions(text, running.minutes, [r.minutes for r in running.rounds]):
            if quote.phrase not in known:
                yield field, quote


def _override_position(doc: Document, index: int, step_id: str) -> tuple[int, int]:
    """The override's own key: the locator knows `minutes = { … }` but not the keys inside it."""
    line, col = doc.locator.find(("modules", index, "minutes", step_id))
    text = doc.text.split("\n")[line - 1]
    key = re.compile(rf"(?<![\w-])([\"']?){re.escape(step_id)}\1\s*=")
    found = key.search(text, col - 1)
    return (line, found.start() + 1) if found else (line, col)
