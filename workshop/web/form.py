"""A posted ballot form, read into the value `Session.cast` checks (engine/ballots.py says what
each kind's value is). Options travel as their numbers, never their labels: a label is author
text, and a number is all a form field needs to carry. Anything malformed is a `FormError` with
one line for the person; the poll's own rules (budget, cap, max) are left to `ballots.check`,
so the page and the terminal refuse exactly the same ballots."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from workshop.content.model import Poll
from workshop.errors import WorkshopError
from workshop.i18n import _

_NUMBER = re.compile(r"-?[0-9]{1,6}")
MAX_DOTS_FIELD = 999  # more digits than any budget: refused before a list of that many is built


class FormError(WorkshopError, ValueError):
    """A form the page would never send; the message is one line for the person."""


def ballot(poll: Poll, fields: Mapping[str, Sequence[str]]) -> list[object]:
    read = _READERS[poll.vote]
    return read(poll, fields)


def _option(poll: Poll, raw: str) -> str:
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= len(poll.options):
        raise FormError(_("that option is not on this poll: reload the page"))
    return poll.options[int(raw) - 1]


def _choices(poll: Poll, fields: Mapping[str, Sequence[str]]) -> list[object]:
    picked: list[object] = [_option(poll, raw) for raw in fields.get("choice", ())]
    if not picked:
        raise FormError(_("choose an option first"))
    return picked


def _scale(poll: Poll, fields: Mapping[str, Sequence[str]]) -> list[object]:
    raw = list(fields.get("choice", ()))
    if len(raw) != 1:
        raise FormError(_("choose a number first"))
    value = raw[0].strip()
    if not _NUMBER.fullmatch(value):
        raise FormError(_("that is not a number on this scale"))
    return [int(value)]


def _dots(poll: Poll, fields: Mapping[str, Sequence[str]]) -> list[object]:
    value: list[object] = []
    for number, option in enumerate(poll.options, 1):
        raw = (list(fields.get(f"dots-{number}", ())) or ["0"])[0].strip() or "0"
        if not (raw.isascii() and raw.isdigit()) or int(raw) > MAX_DOTS_FIELD:
            raise FormError(_("dots are whole numbers from 0 to {budget}").format(budget=poll.budget))
        value += [option] * int(raw)
    if not value:
        raise FormError(_("place at least one dot"))
    return value


def _rank(poll: Poll, fields: Mapping[str, Sequence[str]]) -> list[object]:
    ranked: list[object] = [_option(poll, raw) for raw in fields.get("rank", ())]
    return ranked


def _text(poll: Poll, fields: Mapping[str, Sequence[str]]) -> list[object]:
    answer = "".join(fields.get("answer", ()))
    if not answer.strip():
        raise FormError(_("write an answer first"))
    return [answer]


_READERS = {"single": _choices, "multi": _choices, "scale": _scale, "dots": _dots, "rank": _rank, "text": _text}
