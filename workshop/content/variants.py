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

from typing import Any

from workshop.content import languages
from workshop.content.checker import Spot, quoted_value, suggest, type_name
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


def check(top: Spot, steps: tuple[Step, ...] | None, first: str, keys: tuple[str, ...] = VARIANT_KEYS) -> None:
    """Report what is wrong with the module's `[variants.*]` tables (`steps`: the module's own,
    None when they are wrong themselves: only the tables' shape is checked then); an agenda's
    give `keys` title and summary only."""
    if "variants" not in top.table:
        return
    variants = top.within("variants")
    if variants is None:
        return
    if not variants.table:
        variants.report(_("'variants' names no language: give [variants.LANG] tables, or leave it out"))
    for tag, table in variants.table.items():
        context = _("variants.{tag}: ").format(tag=tag)
        if not languages.TAG.match(tag):
            variants.report(
                _("variants: {tag} must be a language tag such as 'de', 'es' or 'pt-BR'").format(tag=quoted_value(tag)),
                tag,
            )
            continue
        if tag.casefold() == first.casefold():
            variants.report(
                _("'{tag}' is the module's own language: its texts are the module's").format(tag=tag),
                tag,
                context=context,
            )
            continue
        if not isinstance(table, dict):
            variants.report(
                _("must be a table, not {type_name}").format(type_name=type_name(table)), tag, context=context
            )
            continue
        variant = variants.below(table, tag, context=context)
        variant.keys(keys, elsewhere=_shared)
        for key in ("title", "summary"):
            _text(variant, key)
        if "steps" in table and (entries := variant.tables("steps")) is not None and steps:
            _check_steps(variant, entries, steps)
    if steps:
        _check_options_apart(variants, steps)


def _text(spot: Spot, key: str) -> str | None:
    """An optional text: when given, a string that is not empty."""
    value = spot.text(key, required=False)
    if value is not None and not value.strip():
        spot.report(
            _("{key} must not be empty (leave it out to say it in the first language)").format(key=quoted_value(key)),
            key,
        )
        return None
    return value


def _check_steps(variant: Spot, entries: list[dict], steps: tuple[Step, ...]) -> None:
    ids = [s.id for s in steps]
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        at = variant.below(entry, "steps", index)
        step_id = at.slug("id")
        at.keys(STEP_KEYS, elsewhere=_shared)
        if step_id is None:
            continue
        step = next((s for s in steps if s.id == step_id), None)
        if step is None:
            at.report(
                _("no step {show} in this module{suggest}").format(
                    show=quoted_value(step_id), suggest=suggest(step_id, ids)
                ),
                "id",
            )
            continue
        if step_id in seen:
            line, _col = variant.checker.doc.locator.find(variant.where + ("steps", seen[step_id]))
            at.report(
                _("step {show} is given twice in this language (first on line {line})").format(
                    show=quoted_value(step_id), line=line
                ),
                "id",
            )
            continue
        seen[step_id] = index
        here = at.context + _("step {show}: ").format(show=quoted_value(step_id))
        _check_step(variant.below(entry, "steps", index, context=here), step)


def _check_step(given: Spot, step: Step) -> None:
    """One step's texts in a language (`given`, its table, named by the step)."""
    for key in STEP_TEXTS:
        _text(given, key)
    if "poll" in given.table:
        if step.poll is None:
            given.report(_("only a poll step has a poll (this step's kind is '{kind}')").format(kind=step.kind), "poll")
        elif (poll := given.within("poll", given.context + "poll: ")) is not None:  # a key: as the file spells it
            _check_poll(poll, step.poll)
    if "rounds" in given.table:
        _check_rounds(given, step)


def _check_poll(given: Spot, poll: Poll) -> None:
    given.keys(POLL_KEYS, elsewhere=_shared)
    _text(given, "question")
    if "options" in given.table:
        if not poll.options:
            given.report(
                _("'options' has nothing to say here: its options come from ideas")
                if poll.options_from
                else _("'options' has nothing to say here: a {kind} vote has none").format(kind=poll.kind),
                "options",
            )
        else:
            _check_options(given, poll)
    if "labels" in given.table:
        if poll.vote != "scale" or poll.threshold is not None or not poll.labels:
            given.report(
                _("'labels' has nothing to say here: the poll's own has no labels")
                if poll.vote == "scale" and poll.threshold is None
                else _("'labels' has nothing to say here: a {kind} vote has none").format(kind=poll.kind),
                "labels",
            )
        elif (labels := given.within("labels")) is not None:
            _check_labels(labels, dict(poll.labels))


def _check_labels(labels: Spot, own: dict[int, str]) -> None:
    for key, label in labels.table.items():
        if (value := scale_point(key)) is None:
            labels.report(_("label key {key} must be a whole number on the scale").format(key=quoted_value(key)), key)
            continue
        if not isinstance(label, str) or not label.strip():
            labels.report(_("label for {value} must be a string that is not empty").format(value=value), key)
        elif not labels.clean(key, label):
            continue
        elif value not in own:
            labels.report(
                _("label for {value} stands for no label of the poll's own (it labels {labels})").format(
                    value=value, labels=", ".join(map(str, own))
                ),
                key,
            )


def _check_options(given: Spot, poll: Poll) -> None:
    options = option_strings(given)
    if options is None:
        return
    if len(options) != len(poll.options):
        # a poll has two options or more: the count is never one
        given.report(
            _("needs {n} options, one for each of the poll's own in the same order, has {has}").format(
                n=len(poll.options), has=len(options)
            ),
            "options",
        )
    check_distinct(given, options)


def _check_rounds(given: Spot, step: Step) -> None:
    if not step.rounds:
        given.report(_("this step has no rounds"), "rounds")
        return
    tables = given.tables("rounds")
    if tables is None:
        return
    for index, table in enumerate(tables):
        part = given.below(table, "rounds", index)
        part.keys(ROUND_KEYS, elsewhere=_shared)
        _text(part, "label")
    if len(tables) != len(step.rounds):
        # a step has two rounds or more: the count is never one
        given.report(
            _("needs {n} rounds, one for each of the step's own in the same order, has {has}").format(
                n=len(step.rounds), has=len(tables)
            ),
            "rounds",
        )


def _check_options_apart(variants: Spot, steps: tuple[Step, ...]) -> None:
    """An option's label in one language must not be another option's in any language: a ballot
    that names it must say one option."""
    for step in steps:
        if step.poll is None or not step.poll.options:
            continue
        owner = {o.strip().casefold(): i for i, o in enumerate(step.poll.options)}
        for tag, variant in variants.table.items():
            found = _variant_poll(variant, step.id)
            if found is None:
                continue
            place, options = found[0], found[1].get("options")
            if not isinstance(options, list) or len(options) != len(step.poll.options):
                continue
            for i, option in enumerate(options):
                key = option.strip().casefold() if isinstance(option, str) else ""
                if owner.setdefault(key, i) != i:
                    variants.report(
                        _(
                            "option {show} is also option {n}: in every language an option's label must name "
                            "that option only"
                        ).format(show=quoted_value(option), n=owner[key] + 1),
                        tag,
                        "steps",
                        place,
                        "poll",
                        "options",
                        context=_("variants.{tag}: ").format(tag=tag)
                        + _("step {show}: ").format(show=quoted_value(step.id))
                        + "poll: ",
                    )


def _variant_poll(variant: Any, step_id: str) -> tuple[int, dict] | None:
    if not isinstance(variant, dict) or not isinstance(variant.get("steps"), list):
        return None
    for index, entry in enumerate(variant["steps"]):
        if isinstance(entry, dict) and entry.get("id") == step_id and isinstance(entry.get("poll"), dict):
            return index, entry["poll"]
    return None
