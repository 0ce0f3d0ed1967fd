"""What every content check shares: `Checker` collects problems, each at the line and column of
the key it concerns, and reads a key as the type the schema wants (or reports why not)."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from workshop.content.document import Document
from workshop.content.problems import Problem
from workshop.engine.bidi import unbalanced
from workshop.engine.text import UNCLEAN, escaped
from workshop.i18n import N_, _

Where = tuple[str | int, ...]
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*\Z")  # \Z: "$" would take a trailing newline


def type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"  # not translated: TOML's own words
    if isinstance(value, int):
        return _("a whole number")
    if isinstance(value, float):
        return _("a decimal number")
    if isinstance(value, str):
        return _("a string")
    if isinstance(value, dict):
        return _("a table")
    if isinstance(value, list):
        return _("an array")
    if isinstance(value, dt.datetime):
        return _("a date-time")
    if isinstance(value, dt.date):
        return _("a date without a time")
    if isinstance(value, dt.time):
        return _("a time")
    return type(value).__name__


def suggest(word: str, choices: tuple[str, ...] | list[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return _(" (did you mean '{close}'?)").format(close=close[0]) if close else ""


def quoted_value(value: Any) -> str:
    """A value from the file, quoted for a message: one line, short, control characters escaped
    (a file's text must not move the cursor or colour the terminal of whoever validates it)."""
    if not isinstance(value, str):
        return repr(value)[:40]
    body = escaped(value)
    return f"'{body}'" if len(body) <= 38 else f"'{body[:35]}…'"


# A line break inside a Markdown paragraph: the next line goes on the same paragraph (no blank
# line, list item, heading, quote or table row begins there), as the screens show it.
_SOFT_BREAK = re.compile(r"\n(?=[ \t]*(?![-*+][ \t]|\d+[.)][ \t]|[#>|])[^\s])")


def _unclean(value: str) -> str | None:
    """The first control character in `value` (or bidi control a paragraph of it leaves open: a
    prompt's isolate may close on the line after, as its paragraph is shown whole), or None."""
    found = UNCLEAN.search(value)
    return found.group() if found is not None else left_open(value)


def left_open(value: str) -> str | None:
    """The first bidi control in `value` when a paragraph of it leaves one open, else None."""
    return None if unbalanced(value) is None else unbalanced(_SOFT_BREAK.sub(" ", value))


class Checker:
    """Collects problems while reading a document's tables, each pointing at its line."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.problems: list[Problem] = []

    def report(self, where: Where, context: str, message: str) -> None:
        self.problems.append(self.doc.problem(where, f"{context}{message}"))

    def top(self) -> Spot:
        """The document's own table: at no key, its problems named by nothing before them."""
        return Spot(self, self.doc.data, (), "")


@dataclass(frozen=True, slots=True)
class Spot:
    """One table of the document being read, and how its problems are told: `where` it sits (the
    keys down to it, for a problem's line and column) and the `context` each message starts with
    ("step 'vote': "). Its keys are read as the type the schema wants, or the problem reported.

    Its words are translated only when a problem is reported (`what` comes marked with N_, not
    translated): reading a right table looks nothing up in a catalog."""

    checker: Checker
    table: Mapping[str, Any]
    where: Where
    context: str

    def report(self, message: str, *keys: str | int, context: str | None = None) -> None:
        """A problem at `keys` below this table (at the table itself without any), told in this
        table's context (or `context`)."""
        self.checker.report(self.where + keys, self.context if context is None else context, message)

    def below(self, table: Mapping[str, Any], *keys: str | int, context: str | None = None) -> Spot:
        """`table`, found at `keys` below this one (an entry of an array of tables), in this
        table's context (or `context`)."""
        return Spot(self.checker, table, self.where + keys, self.context if context is None else context)

    def keys(self, allowed: tuple[str, ...], elsewhere: Callable[[str], str | None] = lambda key: None) -> None:
        """Report keys that are not allowed, suggesting the near miss (`elsewhere`: a key's own
        message, or None for the usual one)."""
        for key in self.table:
            if key in allowed:
                continue
            if (why := elsewhere(key)) is not None:
                self.report(why, key)
            else:
                self.report(
                    _("unknown key {show}{suggest}").format(show=quoted_value(key), suggest=suggest(key, allowed)), key
                )

    def get(self, key: str, kind: type | tuple[type, ...], *, required: bool = True, what: str = "") -> Any:
        """The value at `key` if present and of `kind`; otherwise report and return None. `what`:
        what the value must be, marked with N_ and translated only when it is said; `{key}` in it
        names the key."""
        if key not in self.table:
            if required:
                self.report(_("missing required key {show}").format(show=quoted_value(key)))
            return None
        value = self.table[key]
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if isinstance(value, kinds) and not (isinstance(value, bool) and bool not in kinds):
            return value
        self.report(
            _("{show} must be {value}, not {type_name}").format(
                show=quoted_value(key),
                value=_(what).format(key=key) if what else kinds[0].__name__,
                type_name=type_name(value),
            ),
            key,
        )
        return None

    def text(self, key: str, *, required: bool = True, controls: bool = False) -> str | None:
        """A string; `controls`: let control characters through (the caller's own rule refuses them)."""
        value = self.get(key, str, required=required, what=N_("a string"))
        if value is not None and required and not value.strip():
            self.report(_("{show} must not be empty").format(show=quoted_value(key)), key)
            return None
        if value is not None and not controls and not self.clean(key, value):
            return None
        return value

    def clean(self, key: str, *values: str) -> bool:
        """Whether `values` (given under `key`) hold no control character, nor a bidi control a
        line of them leaves open (it would reorder what a screen shows after it); reported when
        they do."""
        bad = next((found for value in values if (found := _unclean(value)) is not None), None)
        if bad is not None:
            self.report(
                _("{show} holds a control character (U+{ord:04X}): it would reach every terminal that shows it").format(
                    show=quoted_value(key), ord=ord(bad)
                ),
                key,
            )
        return bad is None

    def whole(self, key: str, *, required: bool = True, low: int | None = None, high: int | None = None) -> int | None:
        value = self.get(key, int, required=required, what=N_("a whole number"))
        if value is None:
            return None
        if low is not None and value < low or high is not None and value > high:
            if high is None:
                bounds = _("at least {low}").format(low=low)
            elif low is None:
                bounds = _("at most {high}").format(high=high)
            else:
                bounds = _("between {low} and {high}").format(low=low, high=high)
            self.report(
                _("{show} must be {bounds}, not {value}").format(show=quoted_value(key), bounds=bounds, value=value),
                key,
            )
            return None
        return value

    def slug(self, key: str) -> str | None:
        value = self.text(key, controls=True)  # no slug holds one: its message says why
        if value is not None and not SLUG.match(value):
            self.report(
                _("{key} {show} must be lower-case letters, digits and dashes").format(
                    key=key, show=quoted_value(value)
                ),
                key,
            )
            return None
        return value

    def within(self, key: str, context: str | None = None, *, required: bool = True) -> Spot | None:
        """The table at `key`, in this table's context (or `context`); None when it is missing
        or not a table (reported)."""
        value = self.get(key, dict, required=required, what=N_("a table"))
        return None if value is None else self.below(value, key, context=context)

    def tables(self, key: str) -> list[dict] | None:
        """An array of tables, at least one; each entry that is not a table is reported."""
        value = self.get(key, list, what=N_("an array of tables ([[{key}]])"))
        if value is None:
            return None
        if not value:
            self.report(_("{show} must have at least one entry").format(show=quoted_value(key)), key)
            return None
        good = True
        for index, entry in enumerate(value):
            if not isinstance(entry, dict):
                self.report(
                    _("{key}[{index}] must be a table, not {type_name}").format(
                        key=key, index=index, type_name=type_name(entry)
                    ),
                    key,
                    index,
                )
                good = False
        return value if good else None

    def choice(self, key: str, choices: tuple[str, ...], *, required: bool = True) -> str | None:
        value = self.get(key, str, required=required, what=N_("a string"))
        if value is not None and value not in choices:
            listed = ", ".join(choices)
            self.report(
                _("{key} {show} is not one of {listed}{suggest}").format(
                    key=key, show=quoted_value(value), listed=listed, suggest=suggest(value, choices)
                ),
                key,
            )
            return None
        return value


# ---------------------------------------------------------------------------------------- modules
