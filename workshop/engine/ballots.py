"""What a ballot is for each vote kind, and the rules it must keep.

A ballot's value is always a flat list, so it stores as one TOML array:
single/multi: the chosen options; scale: [n]; dots: one entry per dot (["A", "A", "B"]);
rank: every option, first choice first; text: [answer].
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from workshop.content import languages
from workshop.content.model import Poll
from workshop.engine import text
from workshop.errors import WorkshopError
from workshop.i18n import _

Value = list[str] | list[int]


class BallotError(WorkshopError, ValueError):
    """A ballot the poll cannot take; the message is one line for the user."""


def _option(poll: Poll, token: str) -> str:
    """An option named by its label (any case, in any language the poll is given in) or its
    1-based number."""
    wanted = token.strip()
    if wanted.isascii() and wanted.isdigit() and 1 <= int(wanted) <= len(poll.options):
        return poll.options[int(wanted) - 1]
    for option in poll.options:
        if option.casefold() == wanted.casefold():
            return option
    if poll.variants and (found := languages.canonical(poll, wanted, loose=True)) is not None:
        return found
    choices = "; ".join(f"{i}. {o}" for i, o in enumerate(poll.options, 1))
    raise BallotError(_("no option {wanted!r} (choose from {choices})").format(wanted=wanted, choices=choices))


def parse(poll: Poll, raw: Sequence[str]) -> Value:
    """A ballot typed on a command line, as its stored value; raises BallotError."""
    if poll.vote == "text":
        return check(poll, [" ".join(raw)])
    if not raw:
        raise BallotError(_("a ballot needs a value"))
    if poll.vote == "scale":
        if len(raw) != 1:
            raise BallotError(_("give one number from {min} to {max}").format(min=poll.min, max=poll.max))
        try:
            number = int(raw[0])
        except ValueError:
            raise BallotError(
                _("{raw!r} is not a number from {min} to {max}").format(raw=raw[0], min=poll.min, max=poll.max)
            ) from None
        return check(poll, [number])
    if poll.vote == "dots":
        value: list[str] = []
        for item in raw:
            label, sep, count = item.rpartition("=")
            if not sep:
                label, count = item, "1"
            count = count.strip()
            if not (count.isascii() and count.isdigit()) or len(count) > 4:
                raise BallotError(_("{item!r}: write option=dots, like 'Coaching=3'").format(item=item))
            if int(count) > (poll.budget or 0):  # before building a list of that many dots
                raise BallotError(
                    _("{count} dots is over the budget of {budget}").format(count=count, budget=poll.budget)
                )
            value += [_option(poll, label)] * int(count)
        return check(poll, value)
    return check(poll, [_option(poll, r) for r in raw])


def check(poll: Poll, value: Sequence[object]) -> Value:
    """`value` if the poll can count it, its options named as the poll's first language names
    them (a label in another language the poll is given in names the same option, so ballots
    from every language count together); raises BallotError saying why not."""
    if (free := _FREE.get(poll.vote)) is not None:
        return free(poll, value)
    if not all(isinstance(v, str) for v in value):
        raise BallotError(_("options are named by their labels"))
    if poll.variants:
        named = [languages.canonical(poll, str(v)) for v in value]
        poll = languages.own(poll)
        value = [v if n is None else n for v, n in zip(value, named, strict=True)]
    unknown = [v for v in value if v not in poll.options]
    if unknown:
        raise BallotError(_("no option {unknown!r}").format(unknown=unknown[0]))
    picks = [str(v) for v in value]
    rule = _PICKS.get(poll.vote)
    return picks if rule is None else rule(poll, picks, Counter(picks))


def _text(poll: Poll, value: Sequence[object]) -> Value:
    if len(value) != 1 or not isinstance(value[0], str):
        raise BallotError(_("a text answer is one piece of text"))
    try:
        return [text.body(value[0], _("an answer"), poll.max_length)]
    except text.TextError as err:
        raise BallotError(str(err)) from None


def _scale(poll: Poll, value: Sequence[object]) -> Value:
    if len(value) != 1 or not isinstance(value[0], int) or isinstance(value[0], bool):
        raise BallotError(_("give one number from {min} to {max}").format(min=poll.min, max=poll.max))
    assert poll.min is not None and poll.max is not None
    if not poll.min <= value[0] <= poll.max:
        raise BallotError(
            _("{value} is outside the scale {min} to {max}").format(value=value[0], min=poll.min, max=poll.max)
        )
    return [value[0]]


def _single(poll: Poll, picks: list[str], counts: Counter[str]) -> Value:
    if len(picks) != 1:
        raise BallotError(_("choose exactly one option"))
    return picks


def _multi(poll: Poll, picks: list[str], counts: Counter[str]) -> Value:
    if not picks:
        raise BallotError(_("choose at least one option"))
    if len(counts) != len(picks):
        raise BallotError(_("{next!r} is chosen twice").format(next=next(o for o, n in counts.items() if n > 1)))
    if poll.max is not None and len(picks) > poll.max:
        raise BallotError(_("choose at most {max} options, not {picks}").format(max=poll.max, picks=len(picks)))
    return picks


def _dots(poll: Poll, picks: list[str], counts: Counter[str]) -> Value:
    assert poll.budget is not None
    if not picks:
        raise BallotError(_("place at least one dot"))
    if len(picks) > poll.budget:
        raise BallotError(_("{picks} dots is over the budget of {budget}").format(picks=len(picks), budget=poll.budget))
    if poll.cap is not None and (over := [o for o, n in counts.items() if n > poll.cap]):
        raise BallotError(
            _("{counts} dots on {over!r} is over the cap of {cap} per option").format(
                counts=counts[over[0]], over=over[0], cap=poll.cap
            )
        )
    return [o for o in poll.options for _ in range(counts[o])]  # one canonical order


def _rank(poll: Poll, picks: list[str], counts: Counter[str]) -> Value:
    if len(counts) != len(picks):
        raise BallotError(_("{next!r} is ranked twice").format(next=next(o for o, n in counts.items() if n > 1)))
    if len(picks) != len(poll.options):
        missing = [o for o in poll.options if o not in counts]
        raise BallotError(_("rank every option; missing {missing!r}").format(missing=missing[0]))
    return picks


# what each vote kind asks of a ballot: of its one free value, or of the options it picks
_FREE: dict[str, Callable[[Poll, Sequence[object]], Value]] = {"text": _text, "scale": _scale}
_PICKS: dict[str, Callable[[Poll, list[str], Counter[str]], Value]] = {
    "single": _single,
    "multi": _multi,
    "dots": _dots,
    "rank": _rank,
}
