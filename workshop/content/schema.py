"""Check a parsed module or agenda document and build the model from it.

Every rule collects a Problem that names the step (or module) and points at its line; nothing is
built unless the whole document is right, so a running workshop never meets half-valid content.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from workshop.content import variant_tables, variants
from workshop.content.checker import Checker, Spot, quoted_value, suggest
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
from workshop.i18n import N_, _

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
    c = Checker(doc)
    top = c.top()
    top.keys(MODULE_KEYS)
    module_id = top.slug("id")
    title = top.text("title")
    summary = top.text("summary")
    minutes = top.whole("minutes", low=1, high=MODULE_MINUTES_MAX)
    language = top.text("language", required=False)
    if language is not None and not LANGUAGE.match(language):
        top.report(
            _("language {show} must be a language tag such as 'en', 'de' or 'pt-BR'").format(
                show=quoted_value(language)
            ),
            "language",
        )
    source = _check_source(top)
    steps = _check_steps(top)
    if minutes is not None and steps is not None:
        total = sum(s.minutes for s in steps)
        if total != minutes:
            top.report(
                _("'minutes' is {minutes} but the steps add up to {total}").format(minutes=minutes, total=total),
                "minutes",
            )
    variants.check(top, steps, language or "en")
    if c.problems:
        raise Invalid(c.problems)
    assert module_id and title and summary and minutes and source and steps
    module = Module(module_id, title, summary, minutes, source, steps, language or "")
    return variant_tables.attach(module, doc.data.get("variants"))


def _check_source(top: Spot) -> Source | None:
    source = top.within("source", "source: ")
    if source is None:
        return None
    source.keys(SOURCE_KEYS)
    title = source.text("title")
    author = source.text("author")
    publisher = source.text("publisher")
    url = source.text("url", required=False) or ""
    seed = source.text("seed", required=False) or ""
    if title is None or author is None or publisher is None:
        return None
    return Source(title, author, publisher, url, seed)


def _check_steps(top: Spot) -> tuple[Step, ...] | None:
    entries = top.tables("steps")
    if entries is None:
        return None
    steps: list[Step | None] = []
    first_seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        raw_id = entry.get("id")
        context = (
            _("step {show}: ").format(show=quoted_value(raw_id))
            if isinstance(raw_id, str) and raw_id
            else _("step {index}: ").format(index=index + 1)
        )
        step = top.below(entry, "steps", index, context=context)
        step_id = step.slug("id")
        if step_id is not None:
            if step_id in first_seen:
                line, _col = top.checker.doc.locator.find(("steps", first_seen[step_id]))
                step.report(
                    _("duplicate step id {show} (first used on line {line})").format(
                        show=quoted_value(step_id), line=line
                    ),
                    "id",
                )
            else:
                first_seen[step_id] = index
        steps.append(_check_step(step, step_id))
    brainstorms = {e["id"] for e in entries if e.get("kind") == "brainstorm" and isinstance(e.get("id"), str)}
    for index, entry in enumerate(entries):
        poll = entry.get("poll")
        source = poll.get("options_from") if isinstance(poll, dict) else None
        if isinstance(source, str) and source not in brainstorms:
            top.report(
                _("options_from {show} names no brainstorm step of this module{suggest}").format(
                    show=quoted_value(source), suggest=suggest(source, sorted(brainstorms))
                ),
                "steps",
                index,
                "poll",
                "options_from",
                context=_("step {show}: ").format(show=quoted_value(entry.get("id"))) + "poll: ",  # a key: as spelt
            )
            steps[index] = None
    if any(s is None for s in steps):
        return None
    return tuple(s for s in steps if s is not None)


def _check_step(step: Spot, step_id: str | None) -> Step | None:
    step.keys(STEP_KEYS)
    title = step.text("title")
    kind = step.choice("kind", STEP_KINDS)
    minutes = step.whole("minutes", low=1, high=STEP_MINUTES_MAX)
    prompt = step.text("prompt")
    notes = step.text("notes", required=False) or ""
    poll = None
    if kind == "poll":
        if "poll" not in step.table:
            step.report(_("a poll step needs a [steps.poll] table"))
        else:
            poll = check_poll(step)
    elif kind is not None and "poll" in step.table:
        step.report(_("only a poll step may have a poll (this step's kind is '{kind}')").format(kind=kind), "poll")
    anonymous, show = False, "cards"
    if "anonymous" in step.table:
        if kind in ("brainstorm", "qa"):
            anonymous = bool(step.get("anonymous", bool, what=N_("true or false")))
        elif kind is not None:
            step.report(
                _("'anonymous' is for brainstorm and qa steps (a poll's goes in [steps.poll])")
                if kind == "poll"
                else _("'anonymous' is for brainstorm and qa steps"),
                "anonymous",
            )
    if "show" in step.table:
        if kind == "brainstorm":
            show = step.choice("show", SHOWS) or "cards"
        elif kind is not None:
            step.report(_("'show' is for brainstorm steps"), "show")
    rounds = _check_rounds(step, minutes) if "rounds" in step.table else ()
    if None in (step_id, title, kind, minutes, prompt, rounds) or (kind == "poll" and poll is None):
        return None
    return Step(step_id, title, kind, minutes, prompt, notes, poll, rounds, anonymous, show)  # type: ignore[arg-type]


def _check_rounds(step: Spot, minutes: int | None) -> tuple[Round, ...] | None:
    """`[[steps.rounds]]`: two or more, each a label and whole minutes, adding up to the step's."""
    tables = step.tables("rounds")
    if tables is None:
        return None
    rounds: list[Round] = []
    for index, table in enumerate(tables):
        part = step.below(table, "rounds", index)
        part.keys(ROUND_KEYS)
        label, length = part.text("label"), part.whole("minutes", low=1, high=STEP_MINUTES_MAX)
        if label is not None and length is not None:
            rounds.append(Round(label, length))
    if len(rounds) != len(tables):
        return None
    if len(rounds) < 2:
        step.report(_("a step with rounds needs at least two (or none: the step is one round)"), "rounds")
        return None
    total = sum(r.minutes for r in rounds)
    if minutes is not None and total != minutes:
        step.report(
            _("the rounds add up to {total} minutes but the step has {minutes}").format(total=total, minutes=minutes),
            "rounds",
        )
        return None
    return tuple(rounds)


# ---------------------------------------------------------------------------------------- agendas


def check_agenda(doc: Document, agenda_id: str, modules: Mapping[str, Module] | None = None) -> Agenda:
    """The agenda in `doc`; with `modules`, its references and overrides are checked too."""
    c = Checker(doc)
    top = c.top()
    top.keys(AGENDA_KEYS)
    title = top.text("title")
    summary = top.text("summary", required=False) or ""
    start = top.get("start", (dt.time, dt.datetime), what=N_("a time like 09:00:00 or a date-time"))
    entries = top.tables("modules")
    items: list[AgendaItem] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries or ()):
        raw = entry.get("module")
        context = (
            _("module {show}: ").format(show=quoted_value(raw))
            if isinstance(raw, str) and raw
            else _("modules[{index}]: ").format(index=index)
        )
        item = top.below(entry, "modules", index, context=context)
        item.keys(ITEM_KEYS)
        ref = item.text("module")
        overrides = item.within("minutes", required=False)
        if ref is None:
            continue
        if ref in seen:
            item.report(
                _("module {show} appears twice in the agenda (entries {seen} and {index})").format(
                    show=quoted_value(ref), seen=seen[ref] + 1, index=index + 1
                ),
                "module",
                context="",
            )
        seen.setdefault(ref, index)
        module = None
        if modules is not None:
            module = modules.get(ref)
            if module is None:
                item.report(
                    _("module {show} does not exist{suggest}").format(
                        show=quoted_value(ref), suggest=suggest(ref, sorted(modules))
                    ),
                    "module",
                    context="",
                )
        items.append(AgendaItem(ref, _check_overrides(overrides, module) if overrides is not None else ()))
    variants.check(top, None, "en", keys=("title", "summary"))
    if c.problems:
        raise Invalid(c.problems)
    return Agenda(
        agenda_id,
        title,  # type: ignore[arg-type]
        start,
        tuple(items),
        summary,
        variant_tables.titles(doc.data.get("variants")),
    )


def _check_overrides(overrides: Spot, module: Module | None) -> tuple[tuple[str, int], ...]:
    """An agenda item's `minutes` table: the minutes it gives a step of its module, by the step's id."""
    good: list[tuple[str, int]] = []
    for step_id in overrides.table:
        minutes = overrides.whole(step_id, low=1, high=STEP_MINUTES_MAX)
        if module is not None and module.step(step_id) is None:
            steps = [s.id for s in module.steps]
            overrides.report(
                _("no step {show} to override{suggest}").format(
                    show=quoted_value(step_id), suggest=suggest(step_id, steps)
                ),
                step_id,
            )
        elif minutes is not None:
            good.append((step_id, minutes))
    return tuple(good)
