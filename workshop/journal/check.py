"""The reader's check: a block read back counts only if a writer of ours could have written it.

A block that passes its checksum was written by *someone* who can write the file, not
necessarily by us. Before anything folds, shows or renders it, each event is checked against its
type's definition (engine/events.py, the same one writers build): known fields, the right types
and lengths (msgspec, in C), and strings in their shapes: no control characters but newline and
tab, no lone surrogates, names as `text.name` leaves them, tokens and signatures as lower-case
hex, steps as `module/step`. What fails is skipped and reported like a damaged block.

Two ways in, one set of rules: `one` checks a single decoded dict (small reads, every write);
`fine` checks a whole large file's events at once, each shape tested once per distinct value
(100,000 events hold a few hundred names and tokens), so the check costs a fraction of reading.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import cache
from itertools import filterfalse
from operator import attrgetter
from typing import Annotated, Any, Union, cast, get_args, get_origin, get_type_hints

from workshop.engine import events, lookalikes, text
from workshop.engine.events import CLASSES, FACILITATOR, Event, TypedEvent
from workshop.engine.fields import Shape
from workshop.engine.text import UNCLEAN
from workshop.i18n import N_, _

_HEX = re.compile(r"[0-9a-f]*")
# the times an event may carry: a writer's clock says now; a time a calendar or a clock cannot
# turn into a local time (year 1 with a +05:00 offset, year 9999) would overflow whatever shows it
EARLIEST = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
LATEST = dt.datetime(9000, 1, 1, tzinfo=dt.UTC)
_QID = re.compile(r"[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*")
_REF = re.compile(r"[iq][1-9][0-9]{0,9}")
_WORD = re.compile(r"[a-z][a-z0-9-]*")
_DECISION = re.compile(r"d[1-9][0-9]{0,9}")
_SESSION_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


@cache
def _name_ok(value: str) -> bool:
    """A name as a writer of ours leaves it, now or before (`text.readable_name`)."""
    return text.readable_name(value)


@cache
def _joiner_ok(value: str) -> bool:
    """A name a participant may join with: never one that reads as the facilitator's or anonymous
    (`lookalikes.reserved`, the rule every channel applies)."""
    return _name_ok(value) and not lookalikes.reserved(value)


def _when_ok(value: str) -> bool:
    return text.seconds_at(value) is not None


def _clean(values: Iterable[str]) -> bool:
    """No value holds a control character or a surrogate (printable text is let through in C)."""
    return not any(map(UNCLEAN.search, filterfalse(str.isprintable, values)))


def _each(ok: Callable[[str], bool]) -> Callable[[Iterable[str]], bool]:
    return lambda values: all(map(ok, values))


def _hex(values: Iterable[str]) -> bool:
    return _HEX.fullmatch("".join(values)) is not None


# shape -> a check of a set of distinct values, all in one go
_CHECKS: dict[str, Callable[[Iterable[str]], bool]] = {
    "hex": _hex,
    "author": lambda values: _hex(v for v in values if v != FACILITATOR),
    "name": _each(_name_ok),
    "joiner": _each(_joiner_ok),
    "qid": _each(lambda v: v == "" or _QID.fullmatch(v) is not None),  # "" is "first" where a QidOrFirst allows it
    "ref": _each(lambda v: _REF.fullmatch(v) is not None),
    "date": _each(lambda v: v == "" or text.is_date(v)),  # "" clears an action's due date
    "owner": _each(lambda v: v == "" or _name_ok(v)),
    "when": _each(_when_ok),
    "word": _each(lambda v: _WORD.fullmatch(v) is not None),
    "text": _clean,
    "decision": _each(lambda v: _DECISION.fullmatch(v) is not None),
    "session": _each(lambda v: _SESSION_ID.fullmatch(v) is not None and ".." not in v),
}
_WHAT = {
    "hex": N_("lower-case hex digits"),
    "author": N_("a participant's token"),
    "name": N_("a name as names are written"),
    "owner": N_("a name as names are written"),
    "joiner": N_("a name a participant may join with"),
    "qid": N_("a step written module/step"),
    "ref": N_("an idea or question (i3, q2)"),
    "date": N_("a date (YYYY-MM-DD)"),
    "when": N_("a time with its zone"),
    "word": N_("a word"),
    "text": N_("clean text (a control character or a surrogate)"),
    "decision": N_("a decision's id (d1, d2)"),
    "session": N_("a session's name"),
}


def _shape_of(hint: Any) -> tuple[str, bool] | None:
    """(shape, is a list) of a field's annotation, or None when it has no shape to check."""
    if get_origin(hint) is Union:
        found = [s for a in get_args(hint) if (s := _shape_of(a)) is not None]
        return found[0] if found else None
    if get_origin(hint) is Annotated:
        base, *meta = get_args(hint)
        shape = next((m.kind for m in meta if isinstance(m, Shape)), None)
        if shape is not None:
            return shape, False
        inner = _shape_of(base)
        return None if inner is None else (inner[0], True) if get_origin(base) is list else inner
    if get_origin(hint) is list:
        inner = _shape_of(get_args(hint)[0])
        return None if inner is None else (inner[0], True)
    return None


def _fields(cls: type[TypedEvent]) -> list[tuple[str, str, bool, bool]]:
    """(field, shape, is a list, is required) of every field of `cls` with a shape to check."""
    import msgspec

    hints = get_type_hints(cls, include_extras=True)
    out = []
    for info in msgspec.structs.fields(cls):
        if (shape := _shape_of(hints[info.name])) is not None:
            out.append((info.name, *shape, info.required))
    return out


FIELDS = {cls: _fields(cls) for cls in CLASSES.values()}


# ---------------------------------------------------------------------- one event


def _message(err: Exception, kind: object) -> str:
    said = str(err).splitlines()[0]
    where = re.search(r" - at `\$\.?([^`]*)`$", said)
    # msgspec quotes an unknown field's name as it is written: what does not print (a control, a
    # bidi override, a zero-width space) is escaped, and a name of any length cut short
    said = text.escaped(re.sub(r" - at `[^`]*`$", "", said))
    said = said if len(said) <= 160 else said[:159] + "…"
    what = (
        _("a {kind!r} event").format(kind=kind)
        if isinstance(kind, str) and kind in CLASSES
        else _("an event of no known type")
    )
    return _("{what} no writer of ours writes ({said}{value})").format(
        what=what, said=said, value=f" in {where.group(1)!r}" if where and where.group(1) else ""
    )


def typed(event: Event) -> TypedEvent:
    """`event` (a decoded dict) as its type's definition, checked; raises ValueError saying why not."""
    import msgspec

    try:
        found = msgspec.convert(event, events.ANY)
    except msgspec.ValidationError as err:
        raise ValueError(_message(err, event.get("type"))) from None
    if found.at is msgspec.UNSET:
        raise ValueError(_message(ValueError("Object missing required field `at`"), event.get("type")))
    if not EARLIEST <= found.at <= LATEST:
        raise ValueError(
            _("a {kind!r} event no writer of ours writes (its time is not between 1970 and 9000)").format(
                kind=event["type"]
            )
        )
    for name, shape, many, _kind in FIELDS[type(found)]:
        value = getattr(found, name)
        if value is msgspec.UNSET:
            continue
        values = [v for v in value if type(v) is str] if many else [value]
        if not _CHECKS[shape](values):
            raise ValueError(
                _("a {type!r} event no writer of ours writes (its {name!r} is not {what})").format(
                    type=event["type"], name=name, what=_(_WHAT[shape])
                )
            )
    return found


def one(event: Event) -> str | None:
    """Why `event` is not one a writer of ours writes, or None when it is."""
    try:
        typed(event)
    except ValueError as err:
        return str(err)
    return None


# ---------------------------------------------------------------------- a whole file at once

# In the bytes our writer makes, the only escapes are \" \\ \n \t and \u003d (" = "): any other
# is a control character, a surrogate, or someone else's writing. A C1 control would be raw.
_ODD_ESCAPE = re.compile(rb'\\(?![\\"nt]|u003d)')
_RAW_C1 = re.compile(rb"\x7f|\xc2[\x80-\x9f]")  # DEL, which JSON lets stand raw in a string, and C1


def clean_bytes(chunk: bytes) -> bool:
    """Whether sealed blocks' bytes can hold no unclean string (see `UNCLEAN`): checked in C over
    the bytes, so the strings need no check one by one. A backslash typed before an `n` makes
    this say no too; the reader then checks those blocks one at a time."""
    return _ODD_ESCAPE.search(chunk) is None and (
        b"\xc2" not in chunk and b"\x7f" not in chunk or _RAW_C1.search(chunk) is None
    )


def fine(found: list[TypedEvent], clean: bool = False) -> bool:
    """Whether every event (decoded into its definition) has its strings in their shapes: each
    field's shape is checked once per distinct value, and ids that differ for every event (a
    note's) joined into one string. `clean`: the bytes they came from were `clean_bytes`, so
    text needs no check."""
    import msgspec

    unset = msgspec.UNSET
    groups: dict[type, list[TypedEvent]] = defaultdict(list)
    for event in found:
        groups[type(event)].append(event)
    times = cast(list[dt.datetime], list(map(attrgetter("at"), found)))
    try:
        if times and not EARLIEST <= min(times) <= max(times) <= LATEST:
            return False
    except TypeError:  # an event without its time: UNSET compares with no datetime
        return False
    for cls, group in groups.items():
        for name, shape, many, required in FIELDS[cls]:
            if name == "crc" or clean and shape == "text":  # crc: the fast path's `_sealed` read it
                continue
            get = attrgetter(name)
            if shape == "hex" and not many:  # ids and signatures: each event's own, joined (no set of them)
                if not _hex(map(get, group) if required else filter(None, map(get, group))):  # UNSET is falsy
                    return False
                continue
            given = filter(lambda value: value is not unset, map(get, group))  # a list left out: none given
            values: set[Any] = set(map(tuple, given)) if many else set(given)
            if many:
                values = {v for row in values for v in row if type(v) is str}
            if not _CHECKS[shape](values):
                return False
    return True


def decoder() -> Any:
    """msgspec's decoder of a JSON array of events into their definitions."""
    import msgspec

    return msgspec.json.Decoder(list[events.ANY])


def as_dicts(found: list[TypedEvent]) -> list[Event]:
    """The checked events as the fold reads them: plain dicts, `at` a datetime, with the block's
    `crc` (a signed event's `since` covers the checksums of the blocks before it)."""
    import msgspec

    out: list[Event] = msgspec.to_builtins(found, builtin_types=(dt.datetime,))
    return out


# ---------------------------------------------------------------------- the header

_CODE = re.compile(r"[A-Z0-9]{4,12}")
_KEY = re.compile(r"[0-9a-f]{64}")
HEADER_KEYS = ("format", "id", "title", "created", "facilitator", "code", "facilitator_key", "agenda", "follows")


def header(session: dict[str, Any]) -> str | None:
    """What is wrong with a session's `[session]` table, or None: its own fields here, its frozen
    agenda by `content.frozen.problems` (when it is thawed)."""
    unknown = sorted(set(session) - set(HEADER_KEYS))
    if unknown:
        return _("its key {unknown!r} is not one a session header has").format(unknown=unknown[0])
    checks: dict[str, Callable[[Any], bool]] = {
        "format": lambda v: type(v) is int and 0 < v < 1000,
        "id": lambda v: type(v) is str and _SESSION_ID.fullmatch(v) is not None,
        "title": lambda v: type(v) is str and len(v) <= 200 and UNCLEAN.search(v) is None,
        "created": lambda v: isinstance(v, dt.datetime) and 1970 <= v.year <= 9000,  # local time, planned starts
        "facilitator": lambda v: v == "" or type(v) is str and _name_ok(v),
        "code": lambda v: type(v) is str and _CODE.fullmatch(v) is not None,
        "facilitator_key": lambda v: v == "" or type(v) is str and _KEY.fullmatch(v) is not None,
        "agenda": lambda v: isinstance(v, dict),
        # a follow-up session names the session it follows up (sessions/followup.py)
        "follows": lambda v: type(v) is str and _SESSION_ID.fullmatch(v) is not None and ".." not in v,
    }
    for key in ("id", "title", "code", "agenda"):
        if key not in session:
            return _("it has no {key!r}").format(key=key)
    for key, ok in checks.items():
        if key in session and not ok(session[key]):
            return _("its {key!r} is not what a session header holds there").format(key=key)
    return None
