"""A step's `[steps.poll]` table: the keys of each vote kind, its options, its scale, a consent
poll's threshold, and a poll whose options come from a brainstorm (`options_from`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from workshop.content.checker import Checker as _Checker
from workshop.content.checker import Where, quoted_value, type_name
from workshop.content.model import CONSENT_LABELS, REVEALS, VOTE_KINDS, Poll
from workshop.i18n import _

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

OPTION_LIMITS = {"single": (2, 12), "multi": (2, 12), "dots": (2, 12), "rank": (2, 10)}
SCALE_SPAN = 10
BUDGET_LIMIT = 100
TEXT_LIMIT = 500


def check_poll(c: _Checker, entry: Mapping[str, Any], step_where: Where, step_context: str) -> Poll | None:
    table = c.table(entry, "poll", step_where, step_context)
    if table is None:
        return None
    where, context = step_where + ("poll",), step_context + "poll: "
    before = len(c.problems)
    question = c.text(table, "question", where, context)
    vote = c.choice(table, "vote", where, context, (*VOTE_KINDS, "consent"))
    anonymous = c.get(table, "anonymous", where, context, bool, required=False, what=_("true or false"))
    reveal = c.choice(table, "reveal", where, context, REVEALS, required=False)
    if vote is None:
        c.keys(table, where, context, ALL_POLL_KEYS)
        return None
    allowed = POLL_COMMON + POLL_KEYS[vote]
    c.keys(
        table,
        where,
        context,
        allowed,
        elsewhere=lambda key: (
            _("'{key}' is not used by a {vote} vote").format(key=key, vote=vote) if key in ALL_POLL_KEYS else None
        ),
    )
    fields: dict[str, Any] = {}
    if vote in OPTION_LIMITS and "options_from" in table:
        fields["options_from"] = c.slug(table, "options_from", where, context)
        if "options" in table:
            c.report(where + ("options",), context, _("give options or options_from, not both"))
    elif vote in OPTION_LIMITS:
        fields["options"] = _check_options(c, table, where, context, *OPTION_LIMITS[vote])
    if vote == "multi":
        options = fields.get("options") or ()
        fields["max"] = c.whole(table, "max", where, context, required=False, low=1)
        if fields["max"] is not None and options and fields["max"] > len(options):
            c.report(
                where + ("max",),
                context,
                _("max {fields} is more than the {options} options").format(fields=fields["max"], options=len(options)),
            )
        if fields["max"] is None and "max" not in table and options:
            fields["max"] = len(options)
    elif vote == "scale":
        _check_scale(c, table, where, context, fields)
    elif vote == "dots":
        fields["budget"] = c.whole(table, "budget", where, context, low=1, high=BUDGET_LIMIT)
        fields["cap"] = c.whole(table, "cap", where, context, required=False, low=1)
        if fields["budget"] is not None and fields["cap"] is not None and fields["cap"] > fields["budget"]:
            c.report(
                where + ("cap",),
                context,
                _("cap {cap} is larger than the budget {budget}").format(cap=fields["cap"], budget=fields["budget"]),
            )
    elif vote == "text":
        length = c.whole(table, "max_length", where, context, required=False, low=1, high=TEXT_LIMIT)
        fields["max_length"] = length if length is not None else 140
    elif vote == "consent":  # a fist of five that knows what blocks (model.CONSENT_LABELS)
        threshold = c.whole(table, "threshold", where, context, required=False, low=1, high=5)
        fields.update(min=0, max=5, labels=CONSENT_LABELS, threshold=3 if threshold is None else threshold)
        vote = "scale"
    if len(c.problems) > before or question is None:
        return None
    return Poll(
        question=question,
        vote=vote,  # type: ignore[arg-type]
        anonymous=bool(anonymous),
        reveal=reveal or "on-close",  # type: ignore[arg-type]
        **fields,
    )


def option_strings(c: _Checker, table: Mapping[str, Any], where: Where, context: str) -> list[str] | None:
    """A poll table's `options`: an array of strings, or None when it is missing or holds anything else
    (reported)."""
    options = c.get(table, "options", where, context, list, what=_("an array of strings"))
    if options is None:
        return None
    if not all(isinstance(o, str) for o in options):
        wrong = next(o for o in options if not isinstance(o, str))
        c.report(
            where + ("options",),
            context,
            _("every option must be a string, not {type_name}").format(type_name=type_name(wrong)),
        )
        return None
    return options


def check_distinct(c: _Checker, here: Where, context: str, options: list[str]) -> None:
    """Report each option that is empty, or the same as an earlier one but for case and spaces."""
    seen: set[str] = set()
    for option in options:
        key = option.strip().casefold()
        if not key:
            c.report(here, context, _("an option is empty"))
        elif key in seen:
            c.report(here, context, _("option {show} appears twice").format(show=quoted_value(option)))
        seen.add(key)


def scale_point(key: str) -> int | None:
    """The whole number a scale label's key names ("3" in `labels = { 3 = "…" }`), or None when it names none."""
    try:
        return int(key)
    except ValueError:
        return None


def _check_options(
    c: _Checker, table: Mapping[str, Any], where: Where, context: str, low: int, high: int
) -> tuple[str, ...] | None:
    options = option_strings(c, table, where, context)
    if options is None:
        return None
    here = where + ("options",)
    if not low <= len(options) <= high:
        c.report(
            here,
            context,
            _("needs {low} to {high} options, has {options}").format(low=low, high=high, options=len(options)),
        )
    check_distinct(c, here, context, options)
    return tuple(o.strip() for o in options)


def _check_scale(c: _Checker, table: Mapping[str, Any], where: Where, context: str, fields: dict[str, Any]) -> None:
    low = c.whole(table, "min", where, context)
    high = c.whole(table, "max", where, context)
    fields["min"], fields["max"] = low, high
    if low is not None and high is not None:
        if low >= high:
            c.report(
                where + ("max",), context, _("scale min {low} must be less than max {high}").format(low=low, high=high)
            )
        elif high - low > SCALE_SPAN:
            c.report(
                where + ("max",),
                context,
                _("scale {low} to {high} is more than {SCALE_SPAN} apart").format(
                    low=low, high=high, SCALE_SPAN=SCALE_SPAN
                ),
            )
    labels = c.table(table, "labels", where, context, required=False) or {}
    parsed: list[tuple[int, str]] = []
    for key, label in labels.items():
        here = where + ("labels", key)
        if (value := scale_point(key)) is None:
            c.report(
                here, context, _("label key {show} must be a whole number on the scale").format(show=quoted_value(key))
            )
            continue
        if not isinstance(label, str):
            c.report(
                here,
                context,
                _("label for {value} must be a string, not {type_name}").format(
                    value=value, type_name=type_name(label)
                ),
            )
        elif low is not None and high is not None and not low <= value <= high:
            c.report(
                here,
                context,
                _("label for {value} is outside the scale {low} to {high}").format(value=value, low=low, high=high),
            )
        else:
            parsed.append((value, label))
    fields["labels"] = tuple(sorted(parsed))
