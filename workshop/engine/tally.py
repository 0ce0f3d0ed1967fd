"""Results of a poll from its counted ballots, one rule per vote kind."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from workshop.content.model import Poll
from workshop.i18n import N_, _, ngettext, number


@dataclass(frozen=True)
class Row:
    label: str
    value: float  # votes, dots, Borda points or answers, by vote kind
    share: float  # value as a part of the whole (0..1), for bars


@dataclass(frozen=True)
class Tally:
    vote: str
    ballots: int
    rows: tuple[Row, ...]
    unit: str  # what `value` counts: "votes", "dots", "points", "answers"
    mean: float | None = None  # scale only
    median: float | None = None  # scale only


def normalise(answer: str) -> str:
    """How text answers are grouped: case, spacing and trailing punctuation do not matter."""
    return re.sub(r"\s+", " ", answer.casefold()).strip().rstrip(".!?,;:").strip()


# Mapping, not dict: counts arrive as dict[str, int] and dict's value type is invariant
def _rows(counts: Mapping[str, float], total: float) -> tuple[Row, ...]:
    return tuple(Row(label, value, value / total if total else 0.0) for label, value in counts.items())


def tally(poll: Poll, values: Sequence[Sequence[object]]) -> Tally:
    """Tally counted ballot values (already checked) for `poll`."""
    n = len(values)
    kind = poll.vote
    if kind in ("single", "multi"):
        counts = Counter(v for value in values for v in value)
        # share of voters who picked the option: multi shares can add up to more than 100 %
        return Tally(kind, n, _rows({o: counts[o] for o in poll.options}, n), "votes")
    if kind == "dots":
        counts = Counter(v for value in values for v in value)
        total = sum(counts.values())
        return Tally(kind, n, _rows({o: counts[o] for o in poll.options}, total), "dots")
    if kind == "rank":
        size = len(poll.options)
        points: Counter[str] = Counter(dict.fromkeys(poll.options, 0))
        for value in values:
            for place, option in enumerate(value):
                points[str(option)] += size - 1 - place
        ordered = dict(sorted(points.items(), key=lambda kv: (-kv[1], poll.options.index(kv[0]))))
        return Tally(kind, n, _rows(ordered, sum(points.values())), "points")
    if kind == "scale":
        assert poll.min is not None and poll.max is not None
        numbers = [int(value[0]) for value in values]  # type: ignore[call-overload]
        counts = Counter(numbers)
        dist = {scale_label(poll, x): counts[x] for x in range(poll.min, poll.max + 1)}
        import statistics  # only scale polls need it, and it is slow to import

        mean = statistics.fmean(numbers) if numbers else None
        median = statistics.median(numbers) if numbers else None
        return Tally(kind, n, _rows(dist, n), "votes", mean, median)
    # text: the most frequent answers first, each shown as first written
    groups: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for value in values:
        key = normalise(str(value[0]))
        groups[key] += 1
        shown.setdefault(key, str(value[0]))
    ordered = {shown[k]: c for k, c in sorted(groups.items(), key=lambda kv: (-kv[1], kv[0]))}
    return Tally(kind, n, _rows(ordered, n), "answers")


def shown(result: Tally) -> tuple[Row, ...]:
    """The rows in the order screens show them: dots most first (ties in option order), as a
    rank's points and text answers already are, so the room reads where to invest from the top;
    single and multi in the poll's order, a scale in its own. Reports keep the poll's order."""
    if result.vote != "dots":
        return result.rows
    return tuple(sorted(result.rows, key=lambda row: -row.value))  # sorted() is stable: ties keep their order


def scale_label(poll: Poll, x: int) -> str:
    label = poll.label_for(x)
    return f"{x} {label}" if label else str(x)


UNITS = {"votes": "vote", "answers": "answer", "dots": "dot", "points": "point"}
# a vote kind and a poll's status as the screens and reports name them (files name them in English)
VOTE_WORDS = {
    "single": N_("single"),
    "multi": N_("multi"),
    "scale": N_("scale"),
    "dots": N_("dots"),
    "rank": N_("rank"),
    "text": N_("text"),
    "consent": N_("consent"),
}
POLL_STATUS_WORDS = {"open": N_("open"), "closed": N_("closed"), "waiting": N_("not open yet")}
SESSION_STATUS_WORDS = {
    "waiting": N_("waiting"),
    "running": N_("running"),
    "paused": N_("paused"),
    "ended": N_("ended"),
    "stale": N_("stale"),
}


def said(words: Mapping[str, str], key: str) -> str:
    """`key` in the reader's words, by one of the tables above (a key none has: as it is)."""
    return _(words[key]) if key in words else key


_FORMS: dict[str, Callable[[int], str]] = {
    "vote": lambda n: ngettext("{n} vote", "{n} votes", n),
    "answer": lambda n: ngettext("{n} answer", "{n} answers", n),
    "dot": lambda n: ngettext("{n} dot", "{n} dots", n),
    "point": lambda n: ngettext("{n} point", "{n} points", n),
    "ballot": lambda n: ngettext("{n} ballot", "{n} ballots", n),
    "upvote": lambda n: ngettext("{n} upvote", "{n} upvotes", n),
    "participant": lambda n: ngettext("{n} participant", "{n} participants", n),
    "option": lambda n: ngettext("{n} option", "{n} options", n),
    "minute": lambda n: ngettext("{n} minute", "{n} minutes", n),
    "other answer": lambda n: ngettext("{n} other answer", "{n} other answers", n),
}


def plural(count: float, unit: str) -> str:
    """'1 vote', '2 votes', '0 votes', '1.5 points', in the reader's language by its plural rules:
    `unit` is the English singular, one of _FORMS."""
    whole = int(count) if float(count).is_integer() else 2  # a fraction of points reads as many
    return _FORMS[unit](whole).format(n=number(count, "g"))


def under(poll: Poll, result: Tally) -> int:
    """Ballots under a consent poll's threshold (its blocks and serious concerns); 0 otherwise."""
    if poll.threshold is None or poll.min is None:
        return 0
    return sum(int(row.value) for i, row in enumerate(result.rows) if poll.min + i < poll.threshold)


def round_words(poll: Poll, result: Tally) -> str:
    """What one round of a poll came to, in a few words: '2 under 3' (consent) or '5 ballots'."""
    if poll.threshold is None:
        return plural(result.ballots, "ballot")
    if not result.ballots:
        return _("no ballots")
    blocks = under(poll, result)
    return _("{blocks} under {threshold}").format(blocks=blocks, threshold=poll.threshold) if blocks else _("consent")


def rounds_words(poll: Poll, earlier: Sequence[Tally], now: Tally | None = None) -> str:
    """'round 1: 2 under 3; round 2: consent' ('' for a poll voted on once)."""
    every = [*earlier, *([now] if now is not None else [])]
    if len(every) < 2:
        return ""
    return "; ".join(
        _("round {i}: {round_words}").format(i=i, round_words=round_words(poll, t)) for i, t in enumerate(every, 1)
    )


def consent_words(poll: Poll, result: Tally) -> str:
    """A consent poll's result as the room reads it: 'Consent ✓ 6 of 6 at 3 or more' or 'No
    consent: 2 under 3' ('' for any other poll, or before a ballot)."""
    if poll.threshold is None or not result.ballots:
        return ""
    blocks = under(poll, result)
    if blocks:
        return _("No consent: {blocks} under {threshold}").format(blocks=blocks, threshold=poll.threshold)
    return _("Consent ✓ {ballots} of {ballots} at {threshold} or more").format(
        ballots=result.ballots, threshold=poll.threshold
    )


def mean_words(result: Tally) -> str:
    """A scale's mean and median as every screen says them: 'mean 3.0 · median 4'."""
    return _("mean {mean} · median {median}").format(
        mean=number(result.mean or 0, ".1f"), median=number(result.median or 0, "g")
    )


def headline(poll: Poll, result: Tally) -> str:
    """What a poll came to in one line: the leading option ('Coaching: 3 votes · 50%', or two
    options tied, 'Coaching and Quality: 2 votes each · 33%'), a scale's mean and median, a
    consent poll's result."""
    if not result.ballots:
        return _("no ballots")
    if poll.threshold is not None:
        return consent_words(poll, result)
    if result.mean is not None:
        return mean_words(result)
    top = max(row.value for row in result.rows)
    leading = [row for row in result.rows if row.value == top]
    amount, share = plural(top, UNITS[result.unit]), number(leading[0].share, ".0%")
    if len(leading) == 1:
        return _("{label}: {amount} · {share}").format(label=leading[0].label, amount=amount, share=share)
    labels = _(" and ").join(row.label for row in leading[:-1])  # three tied: "A and B and C"
    return _("{labels} and {last}: {amount} each · {share}").format(
        labels=labels, last=leading[-1].label, amount=amount, share=share
    )
