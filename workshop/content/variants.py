"""`[variants.LANG]`: a module's texts in another language, in the module's own file.

A variant gives the module's `title` and `summary`, and `[[variants.LANG.steps]]` tables that
name a step by its `id` and give its `title`, `prompt` and `notes`, its poll's `question`,
`options` (as many, in the same order) and scale `labels`, and its rounds' labels. Everything
else (ids, kinds, minutes, vote rules) is the module's, once for every language. `check` reports
what is malformed (`schema.check_module` calls it, so a session header's frozen copy is checked
too; `variant_tables.attach` then puts the texts on the model's parts); lacking.py lists every text a
language the module declares still lacks, for `workshop validate`, which a session never needs:
a text a variant lacks is said in the first language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from workshop.content import languages
from workshop.content.checker import Checker, Where, quoted_value, suggest, type_name
from workshop.content.model import Poll, Step
from workshop.content.polls import check_distinct, option_strings, scale_point
from workshop.i18n import _

VARIANT_KEYS = ("title", "summary", "steps")
STEP_KEYS = ("id", "title", "prompt", "notes", "poll", "rounds")
POLL_KEYS = ("question", "options", "labels")
ROUND_KEYS = ("label",)
STEP_TEXTS = ("title", "prompt", "notes")


def _shared(key: str) -> str | None:
    if key in (
        "id",
        "minutes",
        "kind",
        "source",
        "language",
        "vote",
        "anonymous",
        "reveal",
        "show",
        "max",
        "min",
        "budget",
        "cap",
        "max_length",
        "threshold",
        "options_from",
        "start",
        "modules",
    ):
        return _("{key} is the same in every language: give it once, in the module itself").format(
            key=quoted_value(key)
        )
    return None


def check(
    c: Checker,
    data: Mapping[str, Any],
    steps: tuple[Step, ...] | None,
    first: str,
    keys: tuple[str, ...] = VARIANT_KEYS,
) -> None:
    """Report what is wrong with the module's `[variants.*]` tables (`steps`: the module's own,
    None when they are wrong themselves: only the tables' shape is checked then); an agenda's
    give `keys` title and summary only."""
    if "variants" not in data:
        return
    table = c.table(data, "variants", (), "")
    if table is None:
        return
    if not table:
        c.report(("variants",), "", _("'variants' names no language: give [variants.LANG] tables, or leave it out"))
    for tag, variant in table.items():
        where: Where = ("variants", tag)
        context = _("variants.{tag}: ").format(tag=tag)
        if not languages.TAG.match(tag):
            c.report(
                where,
                "",
                _("variants: {tag} must be a language tag such as 'de', 'es' or 'pt-BR'").format(tag=quoted_value(tag)),
            )
            continue
        if tag.casefold() == first.casefold():
            c.report(
                where, context, _("'{tag}' is the module's own language: its texts are the module's").format(tag=tag)
            )
            continue
        if not isinstance(variant, dict):
            c.report(where, context, _("must be a table, not {type_name}").format(type_name=type_name(variant)))
            continue
        c.keys(variant, where, context, keys, elsewhere=_shared)
        for key in ("title", "summary"):
            _text(c, variant, key, where, context)
        if "steps" in variant and (entries := c.tables(variant, "steps", where, context)) is not None and steps:
            _check_steps(c, entries, where, context, steps)
    if steps:
        _check_options_apart(c, table, steps)


def _text(c: Checker, table: Mapping[str, Any], key: str, where: Where, context: str) -> str | None:
    """An optional text: when given, a string that is not empty."""
    value = c.text(table, key, where, context, required=False)
    if value is not None and not value.strip():
        c.report(
            where + (key,),
            context,
            _("{key} must not be empty (leave it out to say it in the first language)").format(key=quoted_value(key)),
        )
        return None
    return value


def _check_steps(c: Checker, entries: list[dict], where: Where, context: str, steps: tuple[Step, ...]) -> None:
    ids = [s.id for s in steps]
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        at = where + ("steps", index)
        step_id = c.slug(entry, "id", at, context)
        c.keys(entry, at, context, STEP_KEYS, elsewhere=_shared)
        if step_id is None:
            continue
        here = context + _("step {show}: ").format(show=quoted_value(step_id))
        step = next((s for s in steps if s.id == step_id), None)
        if step is None:
            c.report(
                at + ("id",),
                context,
                _("no step {show} in this module{suggest}").format(
                    show=quoted_value(step_id), suggest=suggest(step_id, ids)
                ),
            )
            continue
        if step_id in seen:
            line, _col = c.doc.locator.find(where + ("steps", seen[step_id]))
            c.report(
                at + ("id",),
                context,
                _("step {show} is given twice in this language (first on line {line})").format(
                    show=quoted_value(step_id), line=line
                ),
            )
            continue
        seen[step_id] = index
        for key in STEP_TEXTS:
            _text(c, entry, key, at, here)
        if "poll" in entry:
            if step.poll is None:
                c.report(
                    at + ("poll",),
                    here,
                    _("only a poll step has a poll (this step's kind is '{kind}')").format(kind=step.kind),
                )
            elif (poll := c.table(entry, "poll", at, here)) is not None:
                _check_poll(c, poll, at + ("poll",), here + _("poll: "), step.poll)
        if "rounds" in entry:
            _check_rounds(c, entry, at, here, step)


def _check_poll(c: Checker, table: Mapping[str, Any], where: Where, context: str, poll: Poll) -> None:
    c.keys(table, where, context, POLL_KEYS, elsewhere=_shared)
    _text(c, table, "question", where, context)
    if "options" in table:
        if not poll.options:
            c.report(
                where + ("options",),
                context,
                _("'options' has nothing to say here: its options come from ideas")
                if poll.options_from
                else _("'options' has nothing to say here: a {kind} vote has none").format(kind=poll.kind),
            )
        else:
            _check_options(c, table, where, context, poll)
    if "labels" in table:
        if poll.vote != "scale" or poll.threshold is not None or not poll.labels:
            c.report(
                where + ("labels",),
                context,
                _("'labels' has nothing to say here: the poll's own has no labels")
                if poll.vote == "scale" and poll.threshold is None
                else _("'labels' has nothing to say here: a {kind} vote has none").format(kind=poll.kind),
            )
        elif (labels := c.table(table, "labels", where, context)) is not None:
            own = dict(poll.labels)
            for key, label in labels.items():
                at = where + ("labels", key)
                if (value := scale_point(key)) is None:
                    c.report(
                        at,
                        context,
                        _("label key {key} must be a whole number on the scale").format(key=quoted_value(key)),
                    )
                    continue
                if not isinstance(label, str) or not label.strip():
                    c.report(at, context, _("label for {value} must be a string that is not empty").format(value=value))
                elif value not in own:
                    c.report(
                        at,
                        context,
                        _("label for {value} stands for no label of the poll's own (it labels {labels})").format(
                            value=value, labels=", ".join(map(str, own))
                        ),
                    )


def _check_options(c: Checker, table: Mapping[str, Any], where: Where, context: str, poll: Poll) -> None:
    options = option_strings(c, table, where, context)
    if options is None:
        return
    here = where + ("options",)
    if len(options) != len(poll.options):
        # a poll has two options or more: the count is never one
        c.report(
            here,
            context,
            _("needs {n} options, one for each of the poll's own in the same order, has {has}").format(
                n=len(poll.options), has=len(options)
            ),
        )
    check_distinct(c, here, context, options)


def _check_rounds(c: Checker, entry: Mapping[str, Any], where: Where, context: str, step: Step) -> None:
    if not step.rounds:
        c.report(where + ("rounds",), context, _("this step has no rounds"))
        return
    tables = c.tables(entry, "rounds", where, context)
    if tables is None:
        return
    for index, table in enumerate(tables):
        c.keys(table, where + ("rounds", index), context, ROUND_KEYS, elsewhere=_shared)
        _text(c, table, "label", where + ("rounds", index), context)
    if len(tables) != len(step.rounds):
        # a step has two rounds or more: the count is never one
        c.report(
            where + ("rounds",),
            context,
            _("needs {n} rounds, one for each of the step's own in the same order, has {has}").format(
                n=len(step.rounds), has=len(tables)
            ),
        )


def _check_options_apart(c: Checker, table: Mapping[str, Any], steps: tuple[Step, ...]) -> None:
    """An option's label in one language must not be another option's in any language: a ballot
    that names it must say one option."""
    for step in steps:
        if step.poll is None or not step.poll.options:
            continue
        owner = {o.strip().casefold(): i for i, o in enumerate(step.poll.options)}
        for tag, variant in table.items():
            found = _variant_poll(variant, step.id)
            if found is None:
                continue
            place, options = found[0], found[1].get("options")
            if not isinstance(options, list) or len(options) != len(step.poll.options):
                continue
            for i, option in enumerate(options):
                key = option.strip().casefold() if isinstance(option, str) else ""
                if owner.setdefault(key, i) != i:
                    c.report(
                        ("variants", tag, "steps", place, "poll", "options"),
                        _("variants.{tag}: step {show}: poll: ").format(tag=tag, show=quoted_value(step.id)),
                        _(
                            "option {show} is also option {n}: in every language an option's label must name "
                            "that option only"
                        ).format(show=quoted_value(option), n=owner[key] + 1),
                    )


def _variant_poll(variant: Any, step_id: str) -> tuple[int, dict] | None:
    if not isinstance(variant, dict) or not isinstance(variant.get("steps"), list):
        return None
    for index, entry in enumerate(variant["steps"]):
        if isinstance(entry, dict) and entry.get("id") == step_id and isinstance(entry.get("poll"), dict):
            return index, entry["poll"]
    return None
