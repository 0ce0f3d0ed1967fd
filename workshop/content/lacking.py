"""What a module or agenda still lacks in the languages it declares, for `workshop validate` (and
`validate --lang`): every text a `[variants.LANG]` table does not give, at the table it belongs in
(or, when that is missing too, at the text in the first language), saying where the text in the
first language is. A session never needs them: a text a variant lacks is said in the first language.

Each message names the languages in the reader's words (`languages.called`) and the texts by what
they are, so a German author reads "keine Fassung auf Deutsch" where an English one reads "no
German title".
"""

from __future__ import annotations

from workshop.content import languages
from workshop.content.checker import Where, quoted_value
from workshop.content.document import Document
from workshop.content.model import Agenda, Module, Step
from workshop.content.problems import Problem
from workshop.content.variants import STEP_TEXTS
from workshop.i18n import _, pgettext


def _what(text: str) -> str:
    """A text of a module, named for the reader ("title", "poll question")."""
    words = {
        "title": pgettext("a text of a module", "title"),
        "summary": pgettext("a text of a module", "summary"),
        "prompt": pgettext("a text of a module", "prompt"),
        "notes": pgettext("a text of a module", "notes"),
        "poll.question": pgettext("a text of a module", "poll question"),
        "poll.options": pgettext("a text of a module", "poll options"),
        "poll.labels": pgettext("a text of a module", "poll labels"),
        "rounds.label": pgettext("a text of a module", "round labels"),
    }
    return words.get(text, text)


def missing(doc: Document, module: Module, lang: str | None = None) -> list[Problem]:
    """Every text missing in a language the module declares (or only in `lang`)."""
    out: list[Problem] = []
    raw = doc.data.get("variants", {})
    first = languages.called(languages.first(module))
    chosen = languages.pick((tag for tag, _words in module.variants), lang) if lang else None
    for tag, said in module.variants:
        if lang and tag != chosen:
            continue
        name = languages.called(tag)
        table = raw.get(tag, {}) if isinstance(raw, dict) else {}
        places = {e.get("id"): i for i, e in enumerate(table.get("steps", ())) if isinstance(e, dict)}
        for key in ("title", "summary"):
            if key not in dict(said):
                line, _col = doc.locator.find((key,))
                out.append(
                    doc.problem(
                        ("variants", tag) if _has_table(doc, tag) else (key,),
                        _("variants.{tag}: no {language} {what} (the {first} one is on line {line})").format(
                            tag=tag, language=name, what=_what(key), first=first, line=line
                        ),
                    )
                )
        for index, step in enumerate(module.steps):
            texts = _lacking(step, tag)
            if not texts:
                continue
            own: Where = ("steps", index)
            if step.id not in places:
                out.append(
                    doc.problem(
                        own,
                        _(
                            "variants.{tag}: step {show} is not given in {language}: no {texts} (add "
                            "[[variants.{tag}.steps]] with id = {show})"
                        ).format(
                            tag=tag, show=quoted_value(step.id), language=name, texts=_listed([_what(t) for t in texts])
                        ),
                    )
                )
                continue
            at: Where = ("variants", tag, "steps", places[step.id])
            for text in texts:
                target = at + ("poll",) if text.startswith("poll") and "poll" in table["steps"][places[step.id]] else at
                line, _col = doc.locator.find(own + _own_key(text))
                out.append(
                    doc.problem(
                        target,
                        _(
                            "variants.{tag}: step {show}: no {language} {what} (the {first} one is on line {line})"
                        ).format(
                            tag=tag, show=quoted_value(step.id), language=name, what=_what(text), first=first, line=line
                        ),
                    )
                )
    return out


def _has_table(doc: Document, tag: str) -> bool:
    return doc.locator.find(("variants", tag)) != (1, 1)


def _own_key(text: str) -> Where:
    return {
        "poll.question": ("poll", "question"),
        "poll.options": ("poll", "options"),
        "poll.labels": ("poll", "labels"),
        "rounds.label": ("rounds",),
    }.get(text, (text,))


def _lacking(step: Step, tag: str) -> list[str]:
    """The texts of `step` that language `tag` does not give."""
    said = languages.words(step.variants, tag)
    out = [key for key in STEP_TEXTS if key not in said and (key != "notes" or step.notes.strip())]
    if step.poll is not None:
        poll = languages.words(step.poll.variants, tag)
        if "question" not in poll:
            out.append("poll.question")
        if step.poll.options and "options" not in poll:
            out.append("poll.options")
        if (
            step.poll.threshold is None
            and step.poll.labels
            and set(dict(poll.get("labels", ()))) != set(dict(step.poll.labels))
        ):
            out.append("poll.labels")
    if step.rounds and not all(languages.words(r.variants, tag).get("label") for r in step.rounds):
        out.append("rounds.label")
    return out


def _listed(texts: list[str]) -> str:
    """ "title", "title or prompt", "title, prompt or notes"."""
    if len(texts) == 1:
        return texts[0]
    return _("{items} or {last}").format(items=", ".join(texts[:-1]), last=texts[-1])


def missing_titles(doc: Document, agenda: Agenda, lang: str | None = None) -> list[Problem]:
    """An agenda's title (and summary, when it has one) missing in a language it declares, or
    (`lang`) in `lang`, where the agenda is given in English: its readers would see its title so."""
    out: list[Problem] = []
    tags = [tag for tag, _words in agenda.variants]
    wanted = tags if lang is None else [languages.pick(tags, lang) or lang]
    for tag in wanted:
        said = languages.words(agenda.variants, tag)
        if lang is not None and languages.primary(lang) == languages.SOURCE:
            continue
        for key in ("title", "summary") if agenda.summary else ("title",):
            if key not in said:
                where: Where = ("variants", tag) if _has_table(doc, tag) else (key,)
                out.append(
                    doc.problem(
                        where,
                        _("variants.{tag}: no {language} {what} for the agenda").format(
                            tag=tag, language=languages.called(tag), what=_what(key)
                        ),
                    )
                )
    return out


def not_in(doc: Document, module: Module, lang: str) -> Problem | None:
    """For `validate --lang`: a problem when the module is not given in `lang` at all."""
    if languages.speaks(module, lang):
        return None
    return doc.problem(
        ("id",),
        _("not in {language}: a reader of it sees the module in {first} (give its texts in [variants.{tag}])").format(
            language=languages.called(lang), first=languages.called(languages.first(module)), tag=lang
        ),
    )
