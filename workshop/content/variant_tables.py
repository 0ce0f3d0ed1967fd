"""A module's `[variants.LANG]` tables and back: the texts of the file's tables put on the model's
parts (`attach`, `titles`), and the parts' texts written as tables again (`authored`) for the frozen
copy in a session's header. content/languages.py reads the parts in a reader's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from workshop.content.languages import first, words
from workshop.content.model import Module, Step, Variants, Words


def attach(module: Module, table: Mapping[str, Any] | None) -> Module:
    """`module` with the texts of its `[variants.*]` tables (checked: content/variants.py) on its parts."""
    if not table:
        return module
    own: list[tuple[str, Words]] = []
    per_step: dict[str, list[tuple[str, dict]]] = {}
    for tag, variant in table.items():
        own.append((tag, tuple((k, variant[k]) for k in ("title", "summary") if k in variant)))
        for entry in variant.get("steps", ()):
            per_step.setdefault(entry["id"], []).append((tag, entry))
    steps = tuple(_step(s, per_step.get(s.id, ())) for s in module.steps)
    return replace(module, steps=steps, variants=tuple(own))


def _step(step: Step, given: Any) -> Step:
    if not given:
        return step
    said = tuple((tag, tuple((k, e[k]) for k in ("title", "prompt", "notes") if k in e)) for tag, e in given)
    poll = step.poll
    if poll is not None:
        polls = tuple((tag, _poll_words(e["poll"])) for tag, e in given if isinstance(e.get("poll"), dict))
        poll = replace(poll, variants=polls) if polls else poll
    rounds = tuple(
        replace(
            r,
            variants=tuple(
                (tag, (("label", e["rounds"][i]["label"]),))
                for tag, e in given
                if i < len(e.get("rounds", ())) and "label" in e["rounds"][i]
            ),
        )
        for i, r in enumerate(step.rounds)
    )
    return replace(step, variants=said, poll=poll, rounds=rounds)


def _poll_words(table: Mapping[str, Any]) -> Words:
    out: list[tuple[str, Any]] = []
    if "question" in table:
        out.append(("question", table["question"]))
    if "options" in table:
        out.append(("options", tuple(o.strip() for o in table["options"])))
    if "labels" in table:
        out.append(("labels", tuple(sorted((int(k), v) for k, v in table["labels"].items()))))
    return tuple(out)


def titles(table: Mapping[str, Any] | None) -> Variants:
    """An agenda's `[variants.*]` tables (checked) as the model keeps them: title and summary."""
    return tuple((tag, tuple((k, v[k]) for k in ("title", "summary") if k in v)) for tag, v in (table or {}).items())


def authored(module: Module) -> dict[str, Any]:
    """The module's variants as its file gives them (`attach` reads them back): for the frozen
    copy in a session's header. Every language any part is given in, and only what still fits
    the part (a module made from others, a poll given fewer options, keeps what it can); {} for
    a module in one language."""
    tags = [tag for tag, _ in module.variants]
    for step in module.steps:
        for part in (step, step.poll, *step.rounds):
            tags += [tag for tag, _ in (part.variants if part is not None else ()) if tag]
    out: dict[str, Any] = {}
    for tag in dict.fromkeys(tags):
        if tag.casefold() == first(module).casefold():
            continue
        variant: dict[str, Any] = words(module.variants, tag)
        entries = [e for s in module.steps if (e := _authored_step(s, tag))]
        if entries:
            variant["steps"] = entries
        out[tag] = variant
    return out


def _authored_step(step: Step, tag: str) -> dict[str, Any]:
    entry: dict[str, Any] = words(step.variants, tag)
    if step.poll is not None and (said := words(step.poll.variants, tag)):
        poll: dict[str, Any] = {"question": said["question"]} if "question" in said else {}
        if step.poll.options and len(said.get("options", ())) == len(step.poll.options):
            poll["options"] = list(said["options"])
        own = dict(step.poll.labels) if step.poll.vote == "scale" and step.poll.threshold is None else {}
        if scale := {str(k): v for k, v in said.get("labels", ()) if k in own}:
            poll["labels"] = scale
        if poll:
            entry["poll"] = poll
    labels = [words(r.variants, tag).get("label") for r in step.rounds]
    if step.rounds and all(labels):
        entry["rounds"] = [{"label": label} for label in labels]
    return {"id": step.id, **entry} if entry else {}
