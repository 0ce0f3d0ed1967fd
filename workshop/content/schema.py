"""Check a parsed module or agenda document and build the model from it.

Every rule collects a Problem that names the step (or module) and points at its line; nothing is
built unless the whole document is right, so a running workshop never meets half-valid content.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Mapping
from typing import Any

from workshop.content.document import Document
from workshop.content.model import (
    CONSENT_LABELS,
    REVEALS,
    SHOWS,
    STEP_KINDS,
    VOTE_KINDS,
    Agenda,
    AgendaItem,
    Module,
    Poll,
    Round,
    Source,
    Step,
)
from workshop.content.problems import Invalid, Problem

Where = tuple[str | int, ...]

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")  # BCP 47 in shape: "en", "de-CH", "zh-Hant-TW"

MODULE_KEYS = ("id", "title", "summary", "minutes", "language", "source", "steps")
SOURCE_KEYS = ("title", "author", "publisher", "url", "seed")
STEP_KEYS = ("id", "title", "kind", "minutes", "prompt", "notes", "poll", "rounds", "anonymous", "show")
ROUND_KEYS = ("label", "minutes")
POLL_COMMON = ("question", "vote", "anonymous", "reveal")
POLL_KEYS: dict[str, tuple[str, ...]] = {
    "single": ("options", "options_from"),
    "multi": ("options", "options_from", "max"),
    "scale": ("min", "max", "labels"),
    "dots": ("options", "options_from", "budget", "cap"),
    "rank": ("options", "options_from"),
    "text": ("max_length",),
    "consent": ("threshold",),
}
ALL_POLL_KEYS = tuple(dict.fromkeys(POLL_COMMON + sum(POLL_KEYS.values(), ())))
AGENDA_KEYS = ("title", "summary", "start", "modules")
ITEM_KEYS = ("module", "minutes")

OPTION_LIMITS = {"single": (2, 12), "multi": (2, 12), "dots": (2, 12), "rank": (2, 10)}
SCALE_SPAN = 10
BUDGET_LIMIT = 100
TEXT_LIMIT = 500


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dt.datetime):
        return "a date-time"
    if isinstance(value, dt.date):
        return "a date without a time"
    if isinstance(value, dt.time):
        return "a time"
    return type(value).__name__


def _suggest(word: str, choices: tuple[str, ...] | list[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _show(value: Any) -> str:
    """A value from the file, quoted for a message: one line, short, control characters escaped
    (a file's text must not move the cursor or colour the terminal of whoever validates it)."""
    if not isinstance(value, str):
        return repr(value)[:40]
    body = "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in value)
    return f"'{body}'" if len(body) <= 38 else f"'{body[:35]}…'"


class _Checker:
    """Collects problems while reading a document's tables, each pointing at its line."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.problems: list[Problem] = []

    def report(self, where: Where, context: str, message: str) -> None:
        self.problems.append(self.doc.problem(where, f"{context}{message}"))

    def keys(self, table: Mapping[str, Any], where: Where, context: str, allowed: tuple[str, ...],
             elsewhere: Callable[[str], str | None] = lambda key: None) -> None:
        """Report keys that are not allowed, suggesting the near miss."""
        for key in table:
            if key in allowed:
                continue
            if (why := elsewhere(key)) is not None:
                self.report(where + (key,), context, why)
            else:
                self.report(where + (key,), context, f"unknown key {_show(key)}{_suggest(key, allowed)}")

    def get(self, table: Mapping[str, Any], key: str, where: Where, context: str, kind: type | tuple[type, ...],
            *, required: bool = True, what: str = "") -> Any:
        """The value at `key` if present and of `kind`; otherwise report and return None."""
        if key not in table:
            if required:
                self.report(where, context, f"missing required key {_show(key)}")
            return None
        value = table[key]
        kinds = kind if isinstance(kind, tuple) else (kind,)
        ok = isinstance(value, kinds) and not (isinstance(value, bool) and bool not in kinds)
        if not ok:
            self.report(where + (key,), context, f"{_show(key)} must be {what or kinds[0].__name__}, not {_type_name(value)}")
            return None
        return value

    def text(self, table: Mapping[str, Any], key: str, where: Where, context: str, *, required: bool = True) -> str | None:
        value = self.get(table, key, where, context, str, required=required, what="a string")
        if value is not None and required and not value.strip():
            self.report(where + (key,), context, f"{_show(key)} must not be empty")
            return None
        return value

    def whole(self, table: Mapping[str, Any], key: str, where: Where, context: str, *, required: bool = True,
              low: int | None = None, high: int | None = None) -> int | None:
        value = self.get(table, key, where, context, int, required=required, what="a whole number")
        if value is None:
            return None
        if low is not None and value < low or high is not None and value > high:
            if high is None:
                bounds = f"at least {low}"
            elif low is None:
                bounds = f"at most {high}"
            else:
                bounds = f"between {low} and {high}"
            self.report(where + (key,), context, f"{_show(key)} must be {bounds}, not {value}")
            return None
        return value

    def slug(self, table: Mapping[str, Any], key: str, where: Where, context: str) -> str | None:
        value = self.text(table, key, where, context)
        if value is not None and not SLUG.match(value):
            self.report(where + (key,), context, f"{key} {_show(value)} must be lower-case letters, digits and dashes")
            return None
        return value

    def table(self, table: Mapping[str, Any], key: str, where: Where, context: str, *, required: bool = True) -> dict | None:
        return self.get(table, key, where, context, dict, required=required, what="a table")

    def tables(self, table: Mapping[str, Any], key: str, where: Where, context: str) -> list[dict] | None:
        """An array of tables, at least one; each entry that is not a table is reported."""
        value = self.get(table, key, where, context, list, what=f"an array of tables ([[{key}]])")
        if value is None:
            return None
        if not value:
            self.report(where + (key,), context, f"{_show(key)} must have at least one entry")
            return None
        good = True
        for index, entry in enumerate(value):
            if not isinstance(entry, dict):
                self.report(where + (key, index), context, f"{key}[{index}] must be a table, not {_type_name(entry)}")
                good = False
        return value if good else None

    def choice(self, table: Mapping[str, Any], key: str, where: Where, context: str, choices: tuple[str, ...],
               *, required: bool = True) -> str | None:
        value = self.get(table, key, where, context, str, required=required, what="a string")
        if value is not None and value not in choices:
            listed = ", ".join(choices)
            self.report(where + (key,), context, f"{key} {_show(value)} is not one of {listed}{_suggest(value, choices)}")
            return None
        return value


# ---------------------------------------------------------------------------------------- modules


def check_module(doc: Document) -> Module:
    """The module in `doc`, or Invalid with every problem found."""
    c = _Checker(doc)
    data = doc.data
    c.keys(data, (), "", MODULE_KEYS)
    module_id = c.slug(data, "id", (), "")
    title = c.text(data, "title", (), "")
    summary = c.text(data, "summary", (), "")
    minutes = c.whole(data, "minutes", (), "", low=1)
    language = c.text(data, "language", (), "", required=False)
    if language is not None and not LANGUAGE.match(language):
        c.report(("language",), "", f"language {_show(language)} must be a language tag such as 'en', 'de' or 'pt-BR'")
    source = _check_source(c, data)
    steps = _check_steps(c, data)
    if minutes is not None and steps is not None:
        total = sum(s.minutes for s in steps)
        if total != minutes:
            c.report(("minutes",), "", f"'minutes' is {minutes} but the steps add up to {total}")
    if c.problems:
        raise Invalid(c.problems)
    assert module_id and title and summary and minutes and source and steps
    return Module(module_id, title, summary, minutes, source, steps, language or "")


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
        context = f"step {_show(raw_id)}: " if isinstance(raw_id, str) and raw_id else f"step {index + 1}: "
        step_id = c.slug(entry, "id", where, context)
        if step_id is not None:
            if step_id in first_seen:
                line, _ = c.doc.locator.find(("steps", first_seen[step_id]))
                c.report(where + ("id",), context, f"duplicate step id {_show(step_id)} (first used on line {line})")
            else:
                first_seen[step_id] = index
        steps.append(_check_step(c, entry, where, context, step_id))
    brainstorms = {e["id"] for e in entries if e.get("kind") == "brainstorm" and isinstance(e.get("id"), str)}
    for index, entry in enumerate(entries):
        poll = entry.get("poll")
        source = poll.get("options_from") if isinstance(poll, dict) else None
        if isinstance(source, str) and source not in brainstorms:
            c.report(("steps", index, "poll", "options_from"), f"step {_show(entry.get('id'))}: poll: ",
                     f"options_from {_show(source)} names no brainstorm step of this module"
                     f"{_suggest(source, sorted(brainstorms))}")
            steps[index] = None
    if any(s is None for s in steps):
        return None
    return tuple(s for s in steps if s is not None)


def _check_step(c: _Checker, entry: Mapping[str, Any], where: Where, context: str, step_id: str | None) -> Step | None:
    c.keys(entry, where, context, STEP_KEYS)
    title = c.text(entry, "title", where, context)
    kind = c.choice(entry, "kind", where, context, STEP_KINDS)
    minutes = c.whole(entry, "minutes", where, context, low=1)
    prompt = c.text(entry, "prompt", where, context)
    notes = c.text(entry, "notes", where, context, required=False) or ""
    poll = None
    if kind == "poll":
        if "poll" not in entry:
            c.report(where, context, "a poll step needs a [steps.poll] table")
        else:
            poll = _check_poll(c, entry, where, context)
    elif kind is not None and "poll" in entry:
        c.report(where + ("poll",), context, f"only a poll step may have a poll (this step's kind is '{kind}')")
    anonymous, show = False, "cards"
    if "anonymous" in entry:
        if kind in ("brainstorm", "qa"):
            anonymous = bool(c.get(entry, "anonymous", where, context, bool, what="true or false"))
        elif kind is not None:
            c.report(where + ("anonymous",), context, "'anonymous' is for brainstorm and qa steps"
                     + (" (a poll's goes in [steps.poll])" if kind == "poll" else ""))
    if "show" in entry:
        if kind == "brainstorm":
            show = c.choice(entry, "show", where, context, SHOWS) or "cards"
        elif kind is not None:
            c.report(where + ("show",), context, "'show' is for brainstorm steps")
    rounds = _check_rounds(c, entry, where, context, minutes) if "rounds" in entry else ()
    if None in (step_id, title, kind, minutes, prompt, rounds) or (kind == "poll" and poll is None):
        return None
    return Step(step_id, title, kind, minutes, prompt, notes, poll, rounds, anonymous, show)  # type: ignore[arg-type]


def _check_rounds(c: _Checker, entry: Mapping[str, Any], where: Where, context: str,
                  minutes: int | None) -> tuple[Round, ...] | None:
    """`[[steps.rounds]]`: two or more, each a label and whole minutes, adding up to the step's."""
    tables = c.tables(entry, "rounds", where, context)
    if tables is None:
        return None
    rounds: list[Round] = []
    for index, table in enumerate(tables):
        at = where + ("rounds", index)
        c.keys(table, at, context, ROUND_KEYS)
        label, length = c.text(table, "label", at, context), c.whole(table, "minutes", at, context, low=1)
        if label is not None and length is not None:
            rounds.append(Round(label, length))
    if len(rounds) != len(tables):
        return None
    if len(rounds) < 2:
        c.report(where + ("rounds",), context, "a step with rounds needs at least two (or none: the step is one round)")
        return None
    total = sum(r.minutes for r in rounds)
    if minutes is not None and total != minutes:
        c.report(where + ("rounds",), context, f"the rounds add up to {total} minutes but the step has {minutes}")
        return None
    return tuple(rounds)


def _check_poll(c: _Checker, entry: Mapping[str, Any], step_where: Where, step_context: str) -> Poll | None:
    table = c.table(entry, "poll", step_where, step_context)
    if table is None:
        return None
    where, context = step_where + ("poll",), step_context + "poll: "
    before = len(c.problems)
    question = c.text(table, "question", where, context)
    vote = c.choice(table, "vote", where, context, (*VOTE_KINDS, "consent"))
    anonymous = c.get(table, "anonymous", where, context, bool, required=False, what="true or false")
    reveal = c.choice(table, "reveal", where, context, REVEALS, required=False)
    if vote is None:
        c.keys(table, where, context, ALL_POLL_KEYS)
        return None
    allowed = POLL_COMMON + POLL_KEYS[vote]
    c.keys(table, where, context, allowed,
           elsewhere=lambda key: f"'{key}' is not used by a {vote} vote" if key in ALL_POLL_KEYS else None)
    fields: dict[str, Any] = {}
    if vote in OPTION_LIMITS and "options_from" in table:
        fields["options_from"] = c.slug(table, "options_from", where, context)
        if "options" in table:
            c.report(where + ("options",), context, "give options or options_from, not both")
    elif vote in OPTION_LIMITS:
        fields["options"] = _check_options(c, table, where, context, *OPTION_LIMITS[vote])
    if vote == "multi":
        options = fields.get("options") or ()
        fields["max"] = c.whole(table, "max", where, context, required=False, low=1)
        if fields["max"] is not None and options and fields["max"] > len(options):
            c.report(where + ("max",), context, f"max {fields['max']} is more than the {len(options)} options")
        if fields["max"] is None and "max" not in table and options:
            fields["max"] = len(options)
    elif vote == "scale":
        _check_scale(c, table, where, context, fields)
    elif vote == "dots":
        fields["budget"] = c.whole(table, "budget", where, context, low=1, high=BUDGET_LIMIT)
        fields["cap"] = c.whole(table, "cap", where, context, required=False, low=1)
        if fields["budget"] is not None and fields["cap"] is not None and fields["cap"] > fields["budget"]:
            c.report(where + ("cap",), context, f"cap {fields['cap']} is larger than the budget {fields['budget']}")
    elif vote == "text":
        length = c.whole(table, "max_length", where, context, required=False, low=1, high=TEXT_LIMIT)
        fields["max_length"] = length if length is not None else 140
    elif vote == "consent":  # a fist of five that knows what blocks (model.CONSENT_LABELS)
        threshold = c.whole(table, "threshold", where, context, required=False, low=1, high=5)
        fields.update(min=0, max=5, labels=CONSENT_LABELS, threshold=3 if threshold is None else threshold)
        vote = "scale"
    if len(c.problems) > before or question is None:
        return None
    return Poll(question=question, vote=vote, anonymous=bool(anonymous), reveal=reveal or "on-close",  # type: ignore[arg-type]
                **fields)


def _check_options(c: _Checker, table: Mapping[str, Any], where: Where, context: str, low: int, high: int) -> tuple[str, ...] | None:
    options = c.get(table, "options", where, context, list, what="an array of strings")
    if options is None:
        return None
    here = where + ("options",)
    if not all(isinstance(o, str) for o in options):
        wrong = next(o for o in options if not isinstance(o, str))
        c.report(here, context, f"every option must be a string, not {_type_name(wrong)}")
        return None
    if not low <= len(options) <= high:
        c.report(here, context, f"needs {low} to {high} options, has {len(options)}")
    seen: set[str] = set()
    for option in options:
        key = option.strip().casefold()
        if not key:
            c.report(here, context, "an option is empty")
        elif key in seen:
            c.report(here, context, f"option {_show(option)} appears twice")
        seen.add(key)
    return tuple(o.strip() for o in options)


def _check_scale(c: _Checker, table: Mapping[str, Any], where: Where, context: str, fields: dict[str, Any]) -> None:
    low = c.whole(table, "min", where, context)
    high = c.whole(table, "max", where, context)
    fields["min"], fields["max"] = low, high
    if low is not None and high is not None:
        if low >= high:
            c.report(where + ("max",), context, f"scale min {low} must be less than max {high}")
        elif high - low > SCALE_SPAN:
            c.report(where + ("max",), context, f"scale {low} to {high} is more than {SCALE_SPAN} apart")
    labels = c.table(table, "labels", where, context, required=False) or {}
    parsed: list[tuple[int, str]] = []
    for key, label in labels.items():
        here = where + ("labels", key)
        try:
            value = int(key)
        except ValueError:
            c.report(here, context, f"label key {_show(key)} must be a whole number on the scale")
            continue
        if not isinstance(label, str):
            c.report(here, context, f"label for {value} must be a string, not {_type_name(label)}")
        elif low is not None and high is not None and not low <= value <= high:
            c.report(here, context, f"label for {value} is outside the scale {low} to {high}")
        else:
            parsed.append((value, label))
    fields["labels"] = tuple(sorted(parsed))


# ---------------------------------------------------------------------------------------- agendas


def check_agenda(doc: Document, agenda_id: str, modules: Mapping[str, Module] | None = None) -> Agenda:
    """The agenda in `doc`; with `modules`, its references and overrides are checked too."""
    c = _Checker(doc)
    data = doc.data
    c.keys(data, (), "", AGENDA_KEYS)
    title = c.text(data, "title", (), "")
    summary = c.text(data, "summary", (), "", required=False) or ""
    start = c.get(data, "start", (), "", (dt.time, dt.datetime), what="a time like 09:00:00 or a date-time")
    entries = c.tables(data, "modules", (), "")
    items: list[AgendaItem] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries or ()):
        where: Where = ("modules", index)
        raw = entry.get("module")
        context = f"module {_show(raw)}: " if isinstance(raw, str) and raw else f"modules[{index}]: "
        c.keys(entry, where, context, ITEM_KEYS)
        ref = c.text(entry, "module", where, context)
        overrides = c.table(entry, "minutes", where, context, required=False) or {}
        if ref is None:
            continue
        if ref in seen:
            c.report(where + ("module",), "", f"module {_show(ref)} appears twice in the agenda (entries {seen[ref] + 1} and {index + 1})")
        seen.setdefault(ref, index)
        module = None
        if modules is not None:
            module = modules.get(ref)
            if module is None:
                c.report(where + ("module",), "", f"module {_show(ref)} does not exist{_suggest(ref, sorted(modules))}")
        good: list[tuple[str, int]] = []
        for step_id in overrides:
            minutes = c.whole(overrides, step_id, where + ("minutes",), context, low=1)
            if module is not None and module.step(step_id) is None:
                steps = [s.id for s in module.steps]
                c.report(where + ("minutes", step_id), context, f"no step {_show(step_id)} to override{_suggest(step_id, steps)}")
            elif minutes is not None:
                good.append((step_id, minutes))
        items.append(AgendaItem(ref, tuple(good)))
    if c.problems:
        raise Invalid(c.problems)
    return Agenda(agenda_id, title, start, tuple(items), summary)  # type: ignore[arg-type]
