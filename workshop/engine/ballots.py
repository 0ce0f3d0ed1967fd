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
    raise BallotError(f"no option {wanted!r} (choose from {choices})")


def parse(poll: Poll, raw: Sequence[str]) -> Value:
    """A ballot typed on a command line, as its stored value; raises BallotError."""
    if poll.vote == "text":
        return check(poll, [" ".join(raw)])
    if not raw:
        raise BallotError("a ballot needs a value")
    if poll.vote == "scale":
        if len(raw) != 1:
            raise BallotError(f"give one number from {poll.min} to {poll.max}")
        try:
            number = int(raw[0])
        except ValueError:
            raise BallotError(f"{raw[0]!r} is not a number from {poll.min} to {poll.max}") from None
        return check(poll, [number])
    if poll.vote == "dots":
        value: list[str] = []
        for item in raw:
            label, sep, count = item.rpartition("=")
            if not sep:
                label, count = item, "1"
            count = count.strip()
            if not (count.isascii() and count.isdigit()) or len(count) > 4:
                raise BallotError(f"{item!r}: write option=dots, like 'Coaching=3'")
            if int(count) > (poll.budget or 0):  # before building a list of that many dots
                raise BallotError(f"{count} dots is over the budget of {poll.budget}")
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
        raise BallotError("options are named by their labels")
    if poll.variants:
        named = [languages.canonical(poll, str(v)) for v in value]
        poll = languages.own(poll)
        value = [v if n is None else n for v, n in zip(value, named, strict=True)]
    unknown = [v for v in value if v not in poll.options]
    if unknown:
        raise BallotError(f"no option {unknown[0]!r}")
    picks = [str(v) for v in value]
    rule = _PICKS.get(poll.vote)
    return picks if rule is None else rule(poll, picks, Counter(picks))


def _text(poll: Poll, value: Sequence[object]) -> Value:
    if len(value) != 1 or not isinstance(value[0], str):
        raise BallotError("a text answer is one piece of text")
    try:
        return [text.body(value[0], "an answer", poll.max_length)]
    except text.TextError as err:
        raise BallotError(str(err)) from None


def _scale(poll: Poll, value: Sequence[object]) -> Value:
    if len(value) != 1 or not isinstance(value[0], int) or isinstance(value[0], bool):
        raise BallotError(f"give one number from {poll.min} to {poll.max}")
    assert poll.min is not None and poll.max is not None
    if not poll.min <= value[0] <= poll.max:
        raise BallotError(f"{value[0]} is outside the scale {poll.min} to {poll.max}")
    return [value[0]]


def _single(poll: Poll, picks: list[str], counts: Counter[str]) -> Value:
    if len(picks) != 1:
        raise BallotError("choose exactly one option")
    return picks


def _multi(poll: Poll, picks: list[str], counts: Counter[str]) -> Value:
    if not picks:
        raise BallotError("choose at least one option")
    if len(counts) != len(picks):
        raise BallotError(f"{next(o for o, n in counts.items() if n > 1)!r} is chosen twice")
    if poll.max is not None and len(picks) > poll.max:
        raise BallotError(f"choose at most {poll.max} options, not {len(picks)}")
    return picks


def _dots(poll: Poll, picks: list[str], counts: Counter[str]) -> Value:
    assert poll.budget is not None
    if not picks:
        raise BallotError("place at least one dot")
    if len(picks) > poll.budget:
        raise BallotError(f"{len(picks)} dots is over the budget of {poll.budget}")
    if poll.cap is not None and (over := [o for o, n in counts.items() if n > poll.cap]):
        raise BallotError(f"{counts[over[0]]} dots on {over[0]!r} is over the cap of {poll.cap} per option")
    return [o for o in poll.options for _ in range(counts[o])]  # one canonical order


def _rank(poll: Poll, picks: list[str], counts: Counter[str]) -> Value:
    if len(counts) != len(picks):
        raise BallotError(f"{next(o for o, n in counts.items() if n > 1)!r} is ranked twice")
    if len(picks) != len(poll.options):
        missing = [o for o in poll.options if o not in counts]
        raise BallotError(f"rank every option; missing {missing[0]!r}")
    return picks


# what each vote kind asks of a ballot: of its one free value, or of the options it picks
_FREE: dict[str, Callable[[Poll, Sequence[object]], Value]] = {"text": _text, "scale": _scale}
_PICKS: dict[str, Callable[[Poll, list[str], Counter[str]], Value]] = {
    "single": _single, "multi": _multi, "dots": _dots, "rank": _rank}
