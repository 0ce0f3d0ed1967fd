"""A module's texts in a reader's language: which languages a module is given in, which of them a
reader sees, and each part (module, step, round, poll) with its texts in that language.

A module is written in its first language (`language`, else English) and may add others in
`[variants.LANG]` tables (docs/format.md); the model keeps each part's other languages beside it
(`variants`, model.py). A reader sees a module in their own language when the module is given in
it, and in its first language otherwise (`shown_in`, and `other` for the mark screens put on it).
A text a variant lacks (a step added on the day, a session file written by hand) is said in the
first language. Option identity never changes: the options keep their places, and a ballot names
its option by the first-language label (`canonical`), so ballots cast in any language count on
one tally.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from workshop.content.model import CONSENT_LABELS, Agenda, Module, Poll, Round, Step, Variants
from workshop.i18n import N_, _, catalog

TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*\Z")  # BCP 47 in shape: "en", "de-CH", "zh-Hant-TW"
SOURCE = "en"  # the language of a module that does not say
# Each language's own name for itself: the mark on a text shown in another language than the
# reader's, which a reader of any language can read.
NAMES = {
    "en": "English",
    "de": "Deutsch",
    "es": "Español",
    "fr": "Français",
    "it": "Italiano",
    "pt": "Português",
    "nl": "Nederlands",
    "pl": "Polski",
    "sv": "Svenska",
    "ja": "日本語",
}
# Their names in the reader's language, for messages about a file (`validate`): marked here, said
# where a message names one ("no German title" in English, "keine Fassung auf Deutsch" in German)
CALLED = {
    "en": N_("English"),
    "de": N_("German"),
    "es": N_("Spanish"),
    "fr": N_("French"),
    "it": N_("Italian"),
    "pt": N_("Portuguese"),
    "nl": N_("Dutch"),
    "pl": N_("Polish"),
    "sv": N_("Swedish"),
    "ja": N_("Japanese"),
}


def primary(tag: str) -> str:
    """The language of a tag without its region or script: "de-CH" -> "de"."""
    return tag.replace("_", "-").split("-")[0].casefold()


def first(module: Module) -> str:
    """The language the module is written in: its `language`, else English."""
    return module.language or SOURCE


def languages(module: Module) -> tuple[str, ...]:
    """Every language the module is given in, its first language first."""
    return (first(module), *(tag for tag, _ in module.variants))


def pick(tags: Iterable[str], wanted: str) -> str | None:
    """Which of `tags` a reader of `wanted` reads: the same tag, else the same language ("de"
    for "de-CH", "de-AT" for "de"); None when none is that language."""
    tags = tuple(tags)
    if not wanted:
        return None
    for tag in tags:
        if tag.casefold() == wanted.casefold():
            return tag
    return next((tag for tag in tags if primary(tag) == primary(wanted)), None)


def speaks(module: Module, lang: str) -> bool:
    """Whether the module is given in `lang`."""
    return pick(languages(module), lang) is not None


def shown_in(module: Module, lang: str) -> str:
    """The language a reader of `lang` sees the module in: theirs when the module has it, else
    the module's first language."""
    return pick(languages(module), lang) or first(module)


def other(module: Module, lang: str) -> str:
    """'' when a reader of `lang` sees the module in their language; else the name, in itself,
    of the language they see it in ("English"), for the mark beside its texts."""
    if speaks(module, lang):
        return ""
    return name(first(module))


def name(tag: str) -> str:
    """A language's own name for itself ("Deutsch"), or its tag when we do not know it."""
    return NAMES.get(primary(tag), tag)


def called(tag: str) -> str:
    """A language's name in the reader's language ("German" in English, "Deutsch" in German), or
    its tag in quotes."""
    return _(CALLED[primary(tag)]) if primary(tag) in CALLED else f"'{tag}'"


def words(variants: Variants, tag: str) -> dict[str, Any]:
    """A part's texts in language `tag` (exactly that tag), as a dict; {} when it has none."""
    return next((dict(w) for t, w in variants if t == tag), {})


def module_in(module: Module, tag: str) -> Module:
    """The module with its texts, and every step's, in language `tag` where it has them. `tag` is
    one of the module's own (`shown_in`): its first language gives the module as it is."""
    steps = tuple(step_in(s, tag) for s in module.steps)
    said = words(module.variants, tag)
    if not said and all(a is b for a, b in zip(steps, module.steps, strict=True)):
        return module
    return replace(module, steps=steps, **said)


def step_in(step: Step, tag: str) -> Step:
    """The step with its texts, its rounds' and its poll's in language `tag` where it has them."""
    said = words(step.variants, tag)
    poll = None if step.poll is None else poll_in(step.poll, tag)
    rounds = tuple(round_in(r, tag) for r in step.rounds)
    if not said and poll is step.poll and all(a is b for a, b in zip(rounds, step.rounds, strict=True)):
        return step
    return replace(step, poll=poll, rounds=rounds, **said)


def round_in(round_: Round, tag: str) -> Round:
    said = words(round_.variants, tag)
    return replace(round_, **said) if said else round_


def poll_in(poll: Poll, tag: str) -> Poll:
    """The poll with its question, options and labels in language `tag` where it has them. It
    keeps its own words (under the tag ""), so that `own` gives them back and a ballot cast on it
    still names its options as the poll's first language does."""
    said = words(poll.variants, tag)
    if poll.labels == CONSENT_LABELS and "labels" not in said:
        labels = consent_labels(tag)
        said = {**said, "labels": labels} if labels != CONSENT_LABELS else said
    if not said:
        return poll
    changed: dict[str, Any] = {}
    if "question" in said:
        changed["question"] = said["question"]
    if len(said.get("options", ())) == len(poll.options) and poll.options:
        changed["options"] = tuple(said["options"])
    if said.get("labels"):
        changed["labels"] = tuple(sorted({**dict(poll.labels), **dict(said["labels"])}.items()))
    own = words(poll.variants, "") or {"question": poll.question, "options": poll.options, "labels": poll.labels}
    kept = tuple((t, w) for t, w in poll.variants if t)
    return replace(poll, variants=(("", tuple(own.items())), *kept), **changed)


def consent_labels(tag: str) -> tuple[tuple[int, str], ...]:
    """A consent poll's labels (model.CONSENT_LABELS) in language `tag`, as the interface gives
    them; in English where it has none."""
    said = catalog(primary(tag)).gettext
    return tuple((value, said(label)) for value, label in CONSENT_LABELS)


def own(poll: Poll) -> Poll:
    """The poll in its first language: itself, or the poll `poll_in` gave it in another."""
    said = words(poll.variants, "")
    if not said:
        return poll
    return replace(poll, variants=tuple((t, w) for t, w in poll.variants if t), **said)


def value_in(shown: Poll, value: tuple[Any, ...]) -> tuple[Any, ...]:
    """A ballot's value (options named in the poll's first language) as `shown`, the poll in a
    reader's language, words its options; a number or an answer as it is."""
    options = words(shown.variants, "").get("options", ())
    if not options or len(options) != len(shown.options):
        return value
    return tuple(shown.options[options.index(v)] if v in options else v for v in value)


def canonical(poll: Poll, label: str, loose: bool = False) -> str | None:
    """The option `label` names in any language the poll is given in, as the poll's first
    language words it (what ballots store); None when it names none. `loose`: in any case, with
    spaces around."""
    first = own(poll)

    def same(a: str) -> bool:
        return a.strip().casefold() == label.strip().casefold() if loose else a == label

    if label in first.options:
        return label
    for candidates in (first.options, *(dict(w).get("options", ()) for _tag, w in poll.variants)):
        if len(candidates) == len(first.options):
            for i, option in enumerate(candidates):
                if same(option):
                    return first.options[i]
    return None


def reworded(poll: Poll, question: str) -> Poll:
    """The poll with its question reworded on the day: the new words are everyone's, in every
    language (its other languages' questions would no longer say what is voted on)."""
    poll = own(poll)
    kept = tuple((tag, tuple((k, v) for k, v in said if k != "question")) for tag, said in poll.variants)
    return replace(poll, question=question, variants=kept)


def title_in(agenda: Agenda, lang: str) -> str:
    """The agenda's title as a reader of `lang` reads it: in their language when it is given in
    it, else as written."""
    tag = pick((tag for tag, _ in agenda.variants), lang)
    return words(agenda.variants, tag).get("title", agenda.title) if tag else agenda.title
