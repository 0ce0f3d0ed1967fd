"""A step's `[steps.poll]` table: the keys of each vote kind, its options, its scale, a consent
poll's threshold, and a poll whose options come from a brainstorm (`options_from`)."""

from __future__ import annotations

from typing import Any

from workshop.content.checker import Spot, quoted_value, type_name
from workshop.content.model import CONSENT_LABELS, REVEALS, VOTE_KINDS, Poll
from workshop.i18n import N_, _

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


def check_poll(step: Spot) -> Poll | None:
    poll = step.within("poll", step.context + "poll: ")  # a key, as the file spells it: never translated
    if poll is None:
        return None
    before = len(step.checker.problems)
    question = poll.text("question")
    vote = poll.choice("vote", (*VOTE_KINDS, "consent"))
    anonymous = poll.get("anonymous", bool, required=False, what=N_("true or false"))
    reveal = poll.choice("reveal", REVEALS, required=False)
    if vote is None:
        poll.keys(ALL_POLL_KEYS)
        return None
    allowed = POLL_COMMON + POLL_KEYS[vote]
    poll.keys(
        allowed,
        elsewhere=lambda key: (
            _("'{key}' is not used by a {vote} vote").format(key=key, vote=vote) if key in ALL_POLL_KEYS else None
        ),
    )
    fields: dict[str, Any] = {}
    if vote in OPTION_LIMITS and "options_from" in poll.table:
        fields["options_from"] = poll.slug("options_from")
        if "options" in poll.table:
            poll.report(_("give options or options_from, not both"), "options")
    elif vote in OPTION_LIMITS:
        fields["options"] = _check_options(poll, *OPTION_LIMITS[vote])
    if vote == "multi":
        options = fields.get("options") or ()
        fields["max"] = poll.whole("max", required=False, low=1)
        if fields["max"] is not None and options and fields["max"] > len(options):
            poll.report(
                _("max {fields} is more than the {options} options").format(fields=fields["max"], options=len(options)),
                "max",
            )
        if fields["max"] is None and "max" not in poll.table and options:
            fields["max"] = len(options)
    elif vote == "scale":
        _check_scale(poll, fields)
    elif vote == "dots":
        fields["budget"] = poll.whole("budget", low=1, high=BUDGET_LIMIT)
        fields["cap"] = poll.whole("cap", required=False, low=1)
        if fields["budget"] is not None and fields["cap"] is not None and fields["cap"] > fields["budget"]:
            poll.report(
                _("cap {cap} is larger than the budget {budget}").format(cap=fields["cap"], budget=fields["budget"]),
                "cap",
            )
    elif vote == "text":
        length = poll.whole("max_length", required=False, low=1, high=TEXT_LIMIT)
        fields["max_length"] = length if length is not None else 140
    elif vote == "consent":  # a fist of five that knows what blocks (model.CONSENT_LABELS)
        threshold = poll.whole("threshold", required=False, low=1, high=5)
        fields.update(min=0, max=5, labels=CONSENT_LABELS, threshold=3 if threshold is None else threshold)
        vote = "scale"
    if len(step.checker.problems) > before or question is None:
        return None
    return Poll(
        question=question,
        vote=vote,  # type: ignore[arg-type]
        anonymous=bool(anonymous),
        reveal=reveal or "on-close",  # type: ignore[arg-type]
        **fields,
    )


def option_strings(poll: Spot) -> list[str] | None:
    """A poll table's `options`: an array of strings, or None when it is missing or holds anything else
    (reported)."""
    options = poll.get("options", list, what=N_("an array of strings"))
    if options is None:
        return None
    if not all(isinstance(o, str) for o in options):
        wrong = next(o for o in options if not isinstance(o, str))
        poll.report(_("every option must be a string, not {type_name}").format(type_name=type_name(wrong)), "options")
        return None
    return options if poll.clean("options", *options) else None


def check_distinct(poll: Spot, options: list[str]) -> None:
    """Report each option that is empty, or the same as an earlier one but for case and spaces."""
    seen: set[str] = set()
    for option in options:
        key = option.strip().casefold()
        if not key:
            poll.report(_("an option is empty"), "options")
        elif key in seen:
            poll.report(_("option {show} appears twice").format(show=quoted_value(option)), "options")
        seen.add(key)


def scale_point(key: str) -> int | None:
    """The whole number a scale label's key names ("3" in `labels = { 3 = "…" }`), or None when it names none."""
    try:
        return int(key)
    except ValueError:
        return None


def _check_options(poll: Spot, low: int, high: int) -> tuple[str, ...] | None:
    options = option_strings(poll)
    if options is None:
        return None
    if not low <= len(options) <= high:
        poll.report(
            _("needs {low} to {high} options, has {options}").format(low=low, high=high, options=len(options)),
            "options",
        )
    check_distinct(poll, options)
    return tuple(o.strip() for o in options)


def _check_scale(poll: Spot, fields: dict[str, Any]) -> None:
    low = poll.whole("min")
    high = poll.whole("max")
    fields["min"], fields["max"] = low, high
    if low is not None and high is not None:
        if low >= high:
            poll.report(_("scale min {low} must be less than max {high}").format(low=low, high=high), "max")
        elif high - low > SCALE_SPAN:
            poll.report(
                _("scale {low} to {high} is more than {SCALE_SPAN} apart").format(
                    low=low, high=high, SCALE_SPAN=SCALE_SPAN
                ),
                "max",
            )
    labels = poll.within("labels", required=False)
    fields["labels"] = _check_labels(labels, low, high) if labels is not None else ()


def _check_labels(labels: Spot, low: int | None, high: int | None) -> tuple[tuple[int, str], ...]:
    """A scale's `labels`: a string for each point it names, every point on the scale."""
    parsed: list[tuple[int, str]] = []
    for key, label in labels.table.items():
        if (value := scale_point(key)) is None:
            labels.report(_("label key {show} must be a whole number on the scale").format(show=quoted_value(key)), key)
            continue
        if not isinstance(label, str):
            labels.report(
                _("label for {value} must be a string, not {type_name}").format(
                    value=value, type_name=type_name(label)
                ),
                key,
            )
        elif low is not None and high is not None and not low <= value <= high:
            labels.report(
                _("label for {value} is outside the scale {low} to {high}").format(value=value, low=low, high=high),
                key,
            )
        elif labels.clean(key, label):
            parsed.append((value, label))
    return tuple(sorted(parsed))
