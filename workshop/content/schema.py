"""Check a parsed module or agenda document and build the model from it.

Every rule collects a Problem that names the step (or module) and points at its line; nothing is
built unless the whole document is right, so a running workshop never meets half-valid content.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from workshop.content import variant_tables, variants
from workshop.content.checker import Checker as _Checker
from workshop.content.checker import Where, quoted_value, suggest
from workshop.content.document import Document
from workshop.content.languages import TAG
from workshop.content.model import (
    SHOWS,
    STEP_KINDS,
    Agenda,
    AgendaItem,
    Module,
    Round,
    Source,
    Step,
)
from workshop.content.polls import ALL_POLL_KEYS, POLL_KEYS, check_poll  # noqa: F401 - the keys: for variants.py
from workshop.content.problems import Invalid
from workshop.i18n import _

LANGUAGE = TAG  # BCP 47 in shape: "en", "de-CH", "zh-Hant-TW"

MODULE_KEYS = ("id", "title", "summary", "minutes", "language", "source", "steps", "variants")
SOURCE_KEYS = ("title", "author", "publisher", "url", "seed")
STEP_KEYS = ("id", "title", "kind", "minutes", "prompt", "notes", "poll", "rounds", "anonymous", "show")
ROUND_KEYS = ("label", "minutes")
AGENDA_KEYS = ("title", "summary", "start", "modules", "variants")
ITEM_KEYS = ("module", "minutes")
STEP_MINUTES_MAX = 24 * 60  # a step, or a round, of a day at most: a larger number is a typo, and clocks overflow
MODULE_MINUTES_MAX = 7 * 24 * 60


def check_module(doc: Document) -> Module:
    """The module in `doc`, or Invalid with every problem found."""
    c = _Checker(doc)
    data = doc.data
    c.keys(data, (), "", MODULE_KEYS)
    module_id = c.slug(data, "id", (), "")
    title = c.text(data, "title", (), "")
    summary = c.text(data, "summary", (), "")
    minutes = c.whole(data, "minutes", (), "", low=1, high=MODULE_MINUTES_MAX)
    language = c.text(data, "language", (), "", required=False)
    if language is not None and not LANGUAGE.match(language):
        c.report(
            ("language",),
            "",
            _("language {show} must be a language tag such as 'en', 'de' or 'pt-BR'").format(
                show=quoted_value(language)
            ),
        )
    source = _check_source(c, data)
    steps = _check_steps(c, data)
    if minutes is not None and steps is not None:
        total = sum(s.minutes for s in steps)
        if total != minutes:
            c.report(
                ("minutes",),
                "",
                _("'minutes' is {minutes} but the steps add up to {total}").format(minutes=minutes, total=total),
            )
    variants.check(c, data, steps, language or "en")
    if c.problems:
        raise Invalid(c.problems)
    assert module_id and title and summary and minutes and source and steps
    module = Module(module_id, title, summary, minutes, source, steps, language or "")
    return variant_tables.attach(module, data.get("variants"))


def _check_source(c: _Checker, data: Mapping[str, Any]) -> Source | None:
    table = c.table(data, "source", (), "")
    if table is None:
        return None
    where, context = ("source",), "source: "
    c.keys(table, where, context, SOURCE_KEYS)
    title = c.text(table, "title", where, context)
    author = c.text(table, "author", where, context)
    publisher = c.text(table, "publisher", where, context)
    url = c.text(table, "url", where, context, required=False) or ""
    seed = c.text(table, "seed", where, context, required=False) or ""
    if title is None or author is None or publisher is None:
        return None
    return Source(title, author, publisher, url, seed)


def _check_steps(c: _Checker, data: Mapping[str, Any]) -> tuple[Step, ...] | None:
    entries = c.tables(data, "steps", (), "")
    if entries is None:
        return None
    steps: list[Step | None] = []
    first_seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        where: Where = ("steps", index)
        raw_id = entry.get("id")
        context = (
            _("step {show}: ").format(show=quoted_value(raw_id))
            if isinstance(raw_id, str) and raw_id
            else _("step {index}: ").format(index=index + 1)
        )
        step_id = c.slug(entry, "id", where, context)
        if step_id is not None:
            if step_id in first_seen:
                line, _col = c.doc.locator.find(("steps", first_seen[step_id]))
                c.report(
                    where + ("id",),
                    context,
                    _("duplicate step id {show} (first used on line {line})").format(
                        show=quoted_value(step_id), line=line
                    ),
                )
            else:
                first_seen[step_id] = index
        steps.append(_check_step(c, entry, where, context, step_id))
    brainstorms = {e["id"] for e in entries if e.get("kind") == "brainstorm" and isinstance(e.get("id"), str)}
    for index, entry in enumerate(entries):
        poll = entry.get("poll")
        source = poll.get("options_from") if isinstance(poll, dict) else None
        if isinstance(source, str) and source not in brainstorms:
            c.report(
                ("steps", index, "poll", "options_from"),
                _("step {show}: poll: ").format(show=quoted_value(entry.get("id"))),
                _("options_from {show} names no brainstorm step of this module{suggest}").format(
                    show=quoted_value(source), suggest=suggest(source, sorted(brainstorms))
                ),
            )
            steps[index] = None
    if any(s is None for s in steps):
        return None
    return tuple(s for s in steps if s is not None)


def _check_step(c: _Checker, entry: Mapping[str, Any], where: Where, context: str, step_id: str | None) -> Step | None:
    c.keys(entry, where, context, STEP_KEYS)
    title = c.text(entry, "title", where, context)
    kind = c.choice(entry, "kind", where, context, STEP_KINDS)
    minutes = c.whole(entry, "minutes", where, context, low=1, high=STEP_MINUTES_MAX)
    prompt = c.text(entry, "prompt", where, context)
    notes = c.text(entry, "notes", where, context, required=False) or ""
    poll = None
    if kind == "poll":
        if "poll" not in entry:
            c.report(where, context, _("a poll step needs a [steps.poll] table"))
        else:
            poll = check_poll(c, entry, where, context)
    elif kind is not None and "poll" in entry:
        c.report(
            where + ("poll",),
            context,
            _("only a poll step may have a poll (this step's kind is '{kind}')").format(kind=kind),
        )
    anonymous, show = False, "cards"
    if "anonymous" in entry:
        if kind in ("brainstorm", "qa"):
            anonymous = bool(c.get(entry, "anonymous", where, context, bool, what=_("true or false")))
        elif kind is not None:
            c.report(
                where + ("anonymous",),
                context,
                _("'anonymous' is for brainstorm and qa steps (a poll's goes in [steps.poll])")
                if kind == "poll"
                else _("'anonymous' is for brainstorm and qa steps"),
            )
    if "show" in entry:
        if kind == "brainstorm":
            show = c.choice(entry, "show", where, context, SHOWS) or "cards"
        elif kind is not None:
            c.report(where + ("show",), context, _("'show' is for brainstorm steps"))
    rounds = _check_rounds(c, entry, where, context, minutes) if "rounds" in entry else ()
    if None in (step_id, title, kind, minutes, prompt, rounds) or (kind == "poll" and poll is None):
        return None
    return Step(step_id, title, kind, minutes, prompt, notes, poll, rounds, anonymous, show)  # type: ignore[arg-type]


def _check_rounds(
    c: _Checker, entry: Mapping[str, Any], where: Where, context: str, minutes: int | None
) -> tuple[Round, ...] | None:
    """`[[steps.rounds]]`: two or more, each a label and whole minutes, adding up to the step's."""
    tables = c.tables(entry, "rounds", where, context)
    if tables is None:
        return None
    rounds: list[Round] = []
    for index, table in enumerate(tables):
        at = where + ("rounds", index)
        c.keys(table, at, context, ROUND_KEYS)
        label, length = (
            c.text(table, "label", at, context),
            c.whole(table, "minutes", at, context, low=1, high=STEP_MINUTES_MAX),
        )
        if label is not None and length is not None:
            rounds.append(Round(label, length))
    if len(rounds) != len(tables):
        return None
    if len(rounds) < 2:
        c.report(
            where + ("rounds",), context, _("a step with rounds needs at least two (or none: the step is one round)")
        )
        return None
    total = sum(r.minutes for r in rounds)
    if minutes is not None and total != minutes:
        c.report(
            where + ("rounds",),
            context,
            _("the rounds add up to {total} minutes but the step has {minutes}").format(total=total, minutes=minutes),
        )
        return None
    return tuple(rounds)


# ---------------------------------------------------------------------------------------- agendas


def check_agenda(doc: Document, agenda_id: str, modules: Mapping[str, Module] | None = None) -> Agenda:
    """The agenda in `doc`; with `modules`, its references and overrides are checked too."""
    c = _Checker(doc)
    data = doc.data
    c.keys(data, (), "", AGENDA_KEYS)
    title = c.text(data, "title", (), "")
    summary = c.text(data, "summary", (), "", required=False) or ""
    start = c.get(data, "start", (), "", (dt.time, dt.datetime), what=_("a time like 09:00:00 or a date-time"))
    entries = c.tables(data, "modules", (), "")
    items: list[AgendaItem] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries or ()):
        where: Where = ("modules", index)
        raw = entry.get("module")
        context = (
            _("module {show}: ").format(show=quoted_value(raw))
            if isinstance(raw, str) and raw
            else _("modules[{index}]: ").format(index=index)
        )
        c.keys(entry, where, context, ITEM_KEYS)
        ref = c.text(entry, "module", where, context)
        overrides = c.table(entry, "minutes", where, context, required=False) or {}
        if ref is None:
            continue
        if ref in seen:
            c.report(
                where + ("module",),
                "",
                _("module {show} appears twice in the agenda (entries {seen} and {index})").format(
                    show=quoted_value(ref), seen=seen[ref] + 1, index=index + 1
                ),
            )
        seen.setdefault(ref, index)
        module = None
        if modules is not None:
            module = modules.get(ref)
            if module is None:
                c.report(
                    where + ("module",),
                    "",
                    _("module {show} does not exist{suggest}").format(
                        show=quoted_value(ref), suggest=suggest(ref, sorted(modules))
                    ),
                )
        good: list[tuple[str, int]] = []
        for step_id in overrides:
            minutes = c.whole(overrides, step_id, where + ("minutes",), context, low=1, high=STEP_MINUTES_MAX)
            if module is not None and module.step(step_id) is None:
                steps = [s.id for s in module.steps]
                c.report(
                    where + ("minutes", step_id),
                    context,
                    _("no step {show} to override{suggest}").format(
                        show=quoted_value(step_id), suggest=suggest(step_id, steps)
                    ),
                )
            elif minutes is not None:
                good.append((step_id, minutes))
        items.append(AgendaItem(ref, tuple(good)))
    variants.check(c, data, None, "en", keys=("title", "summary"))
    if c.problems:
        raise Invalid(c.problems)
    return Agenda(
        agenda_id,
        title,  # type: ignore[arg-type]
        start,
        tuple(items),
        summary,
        variant_tables.titles(data.get("variants")),
    )
