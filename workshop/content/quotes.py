"""Minutes quoted in a step's prompt or notes, checked against the minutes the step runs.

Only phrases that plainly time the step are checked, so that a number of minutes the text talks
*about* ("the same 30 minutes of coaching", "ten-minute micro-sessions") is never mistaken for
the step's own length. The classes, tried in this order (docs/authoring.md has the same list):

- per turn, "N minutes each" (also "apiece", "per person"): the group (pairs 2, threes or trios
  3, fours 4; 2 when the sentence names none) needs N × group minutes; the step may be longer,
  the rest being the debrief;
- whole, "keep to N minutes", "all N minutes", "the full N minutes", "N minutes in total", or
  "an N-minute (or N minute) break/step/exercise/discussion/activity/talk/poll/slot": the
  step's minutes exactly;
- part, "after N minutes", "the first/last N minutes", "N minutes before/left/into", "N minutes
  in," (a moment; "N minutes in pairs" is not one): less than the step's minutes;
- round, "(N minutes)" or "an N-minute round": a round, several rounds in a row or the whole
  step lasts N (a step without rounds must be at least N long).

Anything else is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from workshop.i18n import _

_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_WORD = (
    rf"(?:{'|'.join(_TENS)})(?:[- ](?:{'|'.join(_UNITS[1:10])}))?"
    rf"|{'|'.join(sorted(_UNITS, key=len, reverse=True))}"
)
QUOTE = re.compile(rf"(?<![\w.,:])(?P<number>\d{{1,3}}|{_WORD})[ -](?:minutes?|mins?)\b", re.IGNORECASE)

_EACH = re.compile(r"^\s*(?:each|apiece|per (?:person|speaker|head))\b", re.IGNORECASE)
_WHOLE_AFTER = re.compile(r"^\s*(?:in all|in total|total)\b", re.IGNORECASE)
_WHOLE_BEFORE = re.compile(
    r"\b(?:keep(?: it| this| the step)? (?:to|within)|stick to|all|the full|the whole)\s+$", re.IGNORECASE
)
_STEP_NOUN = re.compile(r"^\s*(?:break|step|exercise|discussion|activity|talk|poll|slot)\b", re.IGNORECASE)
_PART_BEFORE = re.compile(r"\b(?:after|first|last|final)\s+$", re.IGNORECASE)
# "N minutes in" is a moment only when the phrase ends there: "three minutes in pairs" is a length
_PART_AFTER = re.compile(r"^\s*(?:before|left|remaining|into|to go|in(?=\s*(?:[,;:)]|$)))", re.IGNORECASE)
_ROUND_NOUN = re.compile(r"^\s*round\b", re.IGNORECASE)
_GROUPS = (
    (re.compile(r"\b(?:groups? of four|fours)\b", re.IGNORECASE), 4),
    (re.compile(r"\b(?:threes|trios?|groups? of three)\b", re.IGNORECASE), 3),
    (re.compile(r"\bpairs?\b", re.IGNORECASE), 2),
)


@dataclass(frozen=True)
class Quote:
    """A phrase quoting minutes, where it starts in the text, and why it disagrees with the step."""

    phrase: str
    start: int
    why: str


def _number(text: str) -> int:
    if text.isdigit():
        return int(text)
    words = re.split(r"[- ]", text.lower())
    tens = _TENS.get(words[0])
    if tens is None:
        return _UNITS.index(words[0])
    return tens + (_UNITS.index(words[1]) if len(words) > 1 else 0)


def _sentence(text: str, start: int, end: int) -> tuple[str, str]:
    """The text before and after a quote, within its sentence (a line break or a full stop ends it)."""
    head = max(text.rfind(mark, 0, start) for mark in (".", "\n", "!", "?", ";")) + 1
    tails = [i for i in (text.find(mark, end) for mark in (".", "\n", "!", "?", ";")) if i >= 0]
    return text[head:start], text[end : min(tails, default=len(text))]


def _group(before: str, after: str) -> int:
    for pattern, size in _GROUPS:
        if pattern.search(before) or pattern.search(after):
            return size
    return 2


def _kind(before: str, after: str) -> str | None:
    """per-turn, whole, part, round, or None for a quote that does not time the step."""
    if _EACH.match(after):
        return "each"
    if _WHOLE_AFTER.match(after) or _WHOLE_BEFORE.search(before) or _STEP_NOUN.match(after):
        return "whole"
    if _PART_BEFORE.search(before) or _PART_AFTER.match(after):
        return "part"
    if (before.endswith("(") and after.startswith(")")) or _ROUND_NOUN.match(after):
        return "round"
    return None


def _spans(rounds: Sequence[int], minutes: int) -> set[int]:
    """Lengths a parenthetical may give: a round, a run of rounds in a row, or the whole step."""
    return {sum(rounds[i:j]) for i in range(len(rounds)) for j in range(i + 1, len(rounds) + 1)} | {minutes}


def _why(kind: str, n: int, minutes: int, rounds: Sequence[int], group: int) -> str | None:
    """Why quoting `n` minutes disagrees with a step of `minutes` (and `rounds`), or None."""
    if kind == "each" and n * group > minutes:
        return _("{group} turns of {n} minutes need {needed}, the step has {minutes}").format(
            group=group, n=n, needed=n * group, minutes=minutes
        )
    if kind == "whole" and n != minutes:
        return _("the step has {minutes} minutes").format(minutes=minutes)
    if kind == "part" and n >= minutes:
        return _("the step has only {minutes} minutes").format(minutes=minutes)
    if kind == "round" and rounds and n not in _spans(rounds, minutes):
        return _("its rounds last {map} minutes").format(map=", ".join(map(str, rounds)))
    if kind == "round" and not rounds and n > minutes:
        return _("the step has only {minutes} minutes").format(minutes=minutes)
    return None


def contradictions(text: str, minutes: int, rounds: Sequence[int] = ()) -> Iterator[Quote]:
    """Every quote in `text` that a step of `minutes` (with `rounds`) contradicts."""
    for found in QUOTE.finditer(text):
        before, after = _sentence(text, found.start(), found.end())
        kind = _kind(before, after)
        if kind is None:
            continue
        why = _why(kind, _number(found["number"]), minutes, rounds, _group(before, after))
        if why is not None:
            start, end = found.start(), found.end()
            if kind == "whole" and (lead := _WHOLE_BEFORE.search(before)):
                start -= len(lead[0])  # quote "keep to four minutes", not just "four minutes"
            if kind == "each":
                end += len(_EACH.match(after)[0])  # type: ignore[index]
            yield Quote(" ".join(text[start:end].split()), start, why)
