"""`[variants.LANG]`: a module's texts in another language, in the module's own file.

A variant gives the module's `title` and `summary`, and `[[variants.LANG.steps]]` tables that
name a step by its `id` and give its `title`, `prompt` and `notes`, its poll's `question`,
`options` (as many, in the same order) and scale `labels`, and its rounds' labels. Everything
else (ids, kinds, minutes, vote rules) is the module's, once for every language. `check` reports
what is malformed (`schema.check_module` calls it, so a session header's frozen copy is checked
too; `languages.attach` then puts the texts on the model's parts); `missing` lists every text a
language the module declares still lacks, for `workshop validate`, which a session never needs:
a text a variant lacks is said in the first language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from workshop.content import languages
from workshop.content.checker import Checker, Where, _show, _suggest, _type_name
from workshop.content.document import Document
from workshop.content.model import Agenda, Module, Poll, Step
from workshop.content.problems import Problem

VARIANT_KEYS = ("title", "summary", "steps")
STEP_KEYS = ("id", "title", "prompt", "notes", "poll", "rounds")
POLL_KEYS = ("question", "options", "labels")
ROUND_KEYS = ("label",)
STEP_TEXTS = ("title", "prompt", "notes")


def _shared(key: str) -> str | None:
    if key in ("id", "minutes", "kind", "source", "language", "vote", "anonymous", "reveal", "show", "max", "min",
               "budget", "cap", "max_length", "threshold", "options_from", "start", "modules"):
        return f"{_show(key)} is the same in every language: give it once, in the module itself"
    return None


def check(c: Checker, data: Mapping[str, Any], steps: tuple[Step, ...] | None, first: str,
          keys: tuple[str, ...] = VARIANT_KEYS) -> None:
    """Report what is wrong with the module's `[variants.*]` tables (`steps`: the module's own,
    None when they are wrong themselves: only the tables' shape is checked then); an agenda's
    give `keys` title and summary only."""
    if "variants" not in data:
        return
    table = c.table(data, "variants", (), "")
    if table is None:
        return
    if not table:
        c.report(("variants",), "", "'variants' names no language: give [variants.LANG] tables, or leave it out")
    for tag, variant in table.items():
        where: Where = ("variants", tag)
        context = f"variants.{tag}: "
        if not languages.TAG.match(tag):
            c.report(where, "", f"variants: {_show(tag)} must be a language tag such as 'de', 'es' or 'pt-BR'")
            continue
        if tag.casefold() == first.casefold():
            c.report(where, context, f"'{tag}' is the module's own language: its texts are the module's")
            continue
        if not isinstance(variant, dict):
            c.report(where, context, f"must be a table, not {_type_name(variant)}")
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
        c.report(where + (key,), context,
                 f"{_show(key)} must not be empty (leave it out to say it in the first language)")
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
        here = f"{context}step {_show(step_id)}: "
        step = next((s for s in steps if s.id == step_id), None)
        if step is None:
            c.report(at + ("id",), context, f"no step {_show(step_id)} in this module{_suggest(step_id, ids)}")
            continue
        if step_id in seen:
            line, _ = c.doc.locator.find(where + ("steps", seen[step_id]))
            c.report(at + ("id",), context, f"step {_show(step_id)} is given twice in this language "
                     f"(first on line {line})")
            continue
        seen[step_id] = index
        for key in STEP_TEXTS:
            _text(c, entry, key, at, here)
        if "poll" in entry:
            if step.poll is None:
                c.report(at + ("poll",), here, f"only a poll step has a poll (this step's kind is '{step.kind}')")
            elif (poll := c.table(entry, "poll", at, here)) is not None:
                _check_poll(c, poll, at + ("poll",), here + "poll: ", step.poll)
        if "rounds" in entry:
            _check_rounds(c, entry, at, here, step)


def _check_poll(c: Checker, table: Mapping[str, Any], where: Where, context: str, poll: Poll) -> None:
    c.keys(table, where, context, POLL_KEYS, elsewhere=_shared)
    _text(c, table, "question", where, context)
    if "options" in table:
        if not poll.options:
            why = "its options come from ideas" if poll.options_from else f"a {poll.kind} vote has none"
            c.report(where + ("options",), context, f"'options' has nothing to say here: {why}")
        else:
            _check_options(c, table, where, context, poll)
    if "labels" in table:
        if poll.vote != "scale" or poll.threshold is not None or not poll.labels:
            c.report(where + ("labels",), context, "'labels' has nothing to say here: the poll's own has no labels"
                     if poll.vote == "scale" and poll.threshold is None else
                     f"'labels' has nothing to say here: a {poll.kind} vote has none")
        elif (labels := c.table(table, "labels", where, context)) is not None:
            own = dict(poll.labels)
            for key, label in labels.items():
                at = where + ("labels", key)
                try:
                    value = int(key)
                except ValueError:
                    c.report(at, context, f"label key {_show(key)} must be a whole number on the scale")
                    continue
                if not isinstance(label, str) or not label.strip():
                    c.report(at, context, f"label for {value} must be a string that is not empty")
                elif value not in own:
                    c.report(at, context, f"label for {value} stands for no label of the poll's own "
                             f"(it labels {', '.join(map(str, own))})")


def _check_options(c: Checker, table: Mapping[str, Any], where: Where, context: str, poll: Poll) -> None:
    options = c.get(table, "options", where, context, list, what="an array of strings")
    if options is None:
        return
    here = where + ("options",)
    if not all(isinstance(o, str) for o in options):
        wrong = next(o for o in options if not isinstance(o, str))
        c.report(here, context, f"every option must be a string, not {_type_name(wrong)}")
        return
    if len(options) != len(poll.options):
        c.report(here, context, f"needs {len(poll.options)} options, one for each of the poll's own in the same "
                 f"order, has {len(options)}")
    seen: set[str] = set()
    for option in options:
        key = option.strip().casefold()
        if not key:
            c.report(here, context, "an option is empty")
        elif key in seen:
            c.report(here, context, f"option {_show(option)} appears twice")
        seen.add(key)


def _check_rounds(c: Checker, entry: Mapping[str, Any], where: Where, context: str, step: Step) -> None:
    if not step.rounds:
        c.report(where + ("rounds",), context, "this step has no rounds")
        return
    tables = c.tables(entry, "rounds", where, context)
    if tables is None:
        return
    for index, table in enumerate(tables):
        c.keys(table, where + ("rounds", index), context, ROUND_KEYS, elsewhere=_shared)
        _text(c, table, "label", where + ("rounds", index), context)
    if len(tables) != len(step.rounds):
        c.report(where + ("rounds",), context, f"needs {len(step.rounds)} rounds, one for each of the step's own "
                 f"in the same order, has {len(tables)}")


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
                    c.report(("variants", tag, "steps", place, "poll", "options"), f"variants.{tag}: step "
                             f"{_show(step.id)}: poll: ", f"option {_show(option)} is also option {owner[key] + 1}: "
                             "in every language an option's label must name that option only")


def _variant_poll(variant: Any, step_id: str) -> tuple[int, dict] | None:
    if not isinstance(variant, dict) or not isinstance(variant.get("steps"), list):
        return None
    for index, entry in enumerate(variant["steps"]):
        if isinstance(entry, dict) and entry.get("id") == step_id and isinstance(entry.get("poll"), dict):
            return index, entry["poll"]
    return None


# ------------------------------------------------------------------------ what a language lacks


def missing(doc: Document, module: Module, lang: str | None = None) -> list[Problem]:
    """Every text missing in a language the module declares (or only in `lang`), each at the table
    it belongs in (or, when that is missing too, at the text in the first language), saying where
    the text in the first language is."""
    out: list[Problem] = []
    raw = doc.data.get("variants", {})
    first = languages.english_name(languages.first(module))
    chosen = languages.pick((tag for tag, _ in module.variants), lang) if lang else None
    for tag, said in module.variants:
        if lang and tag != chosen:
            continue
        name = languages.english_name(tag)
        table = raw.get(tag, {}) if isinstance(raw, dict) else {}
        places = {e.get("id"): i for i, e in enumerate(table.get("steps", ())) if isinstance(e, dict)}

        def lack(where: Where, what: str, own: Where, tag: str = tag, name: str = name) -> None:
            line, _ = doc.locator.find(own)
            out.append(doc.problem(where, f"variants.{tag}: {what.format(name)} (the {first} one is on line {line})"))

        for key in ("title", "summary"):
            if key not in dict(said):
                lack(("variants", tag) if _has_table(doc, tag) else (key,), f"no {{}} {key}", (key,))
        for index, step in enumerate(module.steps):
            texts = _lacking(step, tag)
            if not texts:
                continue
            own: Where = ("steps", index)
            if step.id not in places:
                line, _ = doc.locator.find(own)
                out.append(doc.problem(own, f"variants.{tag}: step {_show(step.id)} is not given in {name}: no "
                                       f"{_listed(texts)} (add [[variants.{tag}.steps]] with id = {_show(step.id)})"))
                continue
            at: Where = ("variants", tag, "steps", places[step.id])
            for text in texts:
                target = at + ("poll",) if text.startswith("poll") and "poll" in table["steps"][places[step.id]] else at
                lack(target, f"step {_show(step.id)}: no {{}} {text}", own + _own_key(text))
    return out


def _has_table(doc: Document, tag: str) -> bool:
    return doc.locator.find(("variants", tag)) != (1, 1)


def _own_key(text: str) -> Where:
    return {"poll question": ("poll", "question"), "poll options": ("poll", "options"),
            "poll labels": ("poll", "labels"), "round labels": ("rounds",)}.get(text, (text,))


def _lacking(step: Step, tag: str) -> list[str]:
    """The texts of `step` that language `tag` does not give."""
    said = languages.words(step.variants, tag)
    out = [key for key in STEP_TEXTS if key not in said and (key != "notes" or step.notes.strip())]
    if step.poll is not None:
        poll = languages.words(step.poll.variants, tag)
        if "question" not in poll:
            out.append("poll question")
        if step.poll.options and "options" not in poll:
            out.append("poll options")
        if step.poll.threshold is None and step.poll.labels and set(dict(poll.get("labels", ()))) != set(
                dict(step.poll.labels)):
            out.append("poll labels")
    if step.rounds and not all(languages.words(r.variants, tag).get("label") for r in step.rounds):
        out.append("round labels")
    return out


def _listed(texts: list[str]) -> str:
    return texts[0] if len(texts) == 1 else f"{', '.join(texts[:-1])} or {texts[-1]}"


def missing_titles(doc: Document, agenda: Agenda, lang: str | None = None) -> list[Problem]:
    """An agenda's title (and summary, when it has one) missing in a language it declares, or
    (`lang`) in `lang`, where the agenda is given in English: its readers would see its title so."""
    out: list[Problem] = []
    tags = [tag for tag, _ in agenda.variants]
    wanted = tags if lang is None else [languages.pick(tags, lang) or lang]
    for tag in wanted:
        said = languages.words(agenda.variants, tag)
        if lang is not None and languages.primary(lang) == languages.SOURCE:
            continue
        for key in ("title", "summary") if agenda.summary else ("title",):
            if key not in said:
                where: Where = ("variants", tag) if _has_table(doc, tag) else (key,)
                out.append(doc.problem(where, f"variants.{tag}: no {languages.english_name(tag)} {key} for the "
                                       "agenda"))
    return out


def not_in(doc: Document, module: Module, lang: str) -> Problem | None:
    """For `validate --lang`: a problem when the module is not given in `lang` at all."""
    if languages.speaks(module, lang):
        return None
    return doc.problem(("id",), f"not in {languages.english_name(lang)}: a reader of it sees the module in "
                       f"{languages.english_name(languages.first(module))} (give its texts in [variants.{lang}])")
