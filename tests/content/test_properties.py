"""Properties: whatever bytes or TOML documents arrive, parsing and checking raise nothing but Invalid,
and every problem points inside the text, at the line of the key it is about."""

from __future__ import annotations

from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.content.samples import MODULE
from workshop.content import document, schema
from workshop.content.locate import Locator
from workshop.content.model import REVEALS, STEP_KINDS, VOTE_KINDS
from workshop.content.problems import Invalid, Problem

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PROBE = schema.check_module(document.parse(MODULE.encode(), "probe.toml"))  # a real module for agendas to name


def check(raw: bytes, modules: dict | None = None) -> list[Problem]:
    """Parse and check like `workshop validate`; the problems found, or [] when valid.
    Any exception other than Invalid propagates and fails the test."""
    try:
        doc = document.parse(raw, "x.toml")
        if doc.kind == "module":
            schema.check_module(doc)
        elif doc.kind == "agenda":
            schema.check_agenda(doc, "x", {} if modules is None else modules)
    except Invalid as err:
        assert err.problems, "Invalid raised with no problem in it"
        return err.problems
    return []


def assert_inside(problems: list[Problem], last_line: int) -> None:
    for p in problems:
        assert p.path == "x.toml"
        assert 1 <= p.line <= max(1, last_line), (p, last_line)
        assert p.col >= 1, p
        assert p.message and p.message.isprintable(), p  # one line, no control characters


# ------------------------------------------------------------------------------------- (a) bytes


@SETTINGS
@given(st.binary(max_size=600))
def test_random_bytes_raise_only_invalid(raw: bytes) -> None:
    # a parse error "at end of document" sits on the line after the last newline
    assert_inside(check(raw), raw.count(b"\n") + 1)


@SETTINGS
@given(
    st.lists(
        st.sampled_from(
            [
                b"[[steps]]\n",
                b"[steps.poll]\n",
                b"[[modules]]\n",
                b"id = ",
                b'"x"',
                b"1",
                b"\n",
                b"=",
                b"[",
                b"]",
                b"{",
                b"}",
                b'"""',
                b"'''",
                b"#",
                b".",
                b",",
                b"\xff",
                b"minutes = ",
                b"options = [",
                b"vote = ",
                b"\\",
                b"\r\n",
                b"\x00",
            ]
        ),
        max_size=40,
    ).map(b"".join)
)
def test_toml_shaped_bytes_raise_only_invalid(raw: bytes) -> None:
    assert_inside(check(raw), raw.count(b"\n") + 1)


# ----------------------------------------------------------------------------------- (b) documents

texts = st.text(max_size=12)
integers = st.integers(min_value=-(2**63), max_value=2**63 - 1)  # TOML's range; Python can't print huge ints anyway
scalars = st.one_of(texts, integers, st.booleans(), st.floats(allow_nan=False), st.dates(), st.times(), st.datetimes())
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=10,
)


def either(good: st.SearchStrategy) -> st.SearchStrategy:
    """Mostly a value of the right type and range, sometimes anything at all."""
    return st.one_of(good, good, values)


polls = st.fixed_dictionaries(
    {},
    optional={
        "question": either(texts),
        "vote": either(st.sampled_from([*VOTE_KINDS, "singel", ""])),
        "anonymous": either(st.booleans()),
        "reveal": either(st.sampled_from([*REVEALS, "later"])),
        "options": either(st.lists(st.sampled_from(["A", "B", " a ", "C", "", "Dé"]), max_size=13)),
        "min": either(st.integers(-12, 12)),
        "max": either(st.integers(-12, 14)),
        "budget": either(st.integers(-1, 101)),
        "cap": either(st.integers(-1, 101)),
        "labels": either(st.dictionaries(st.integers(-12, 12).map(str) | texts, either(texts), max_size=4)),
        "max_length": either(st.integers(-1, 501)),
        "colour": values,
    },
)
steps = st.fixed_dictionaries(
    {},
    optional={
        "id": either(st.sampled_from(["welcome", "vote", "a", "B c", "", "-x"])),
        "title": either(texts),
        "kind": either(st.sampled_from([*STEP_KINDS, "pol"])),
        "minutes": either(st.integers(-2, 30)),
        "prompt": either(texts),
        "notes": either(texts),
        "poll": either(polls),
        "minuts": values,
    },
)
sources = st.fixed_dictionaries(
    {}, optional={k: either(texts) for k in ("title", "author", "publisher", "url", "seed")}
)
modules = st.fixed_dictionaries(
    {"steps": either(st.lists(steps, max_size=4))},
    optional={
        "id": either(st.sampled_from(["probe-trust", "m", "M!", ""])),
        "title": either(texts),
        "summary": either(texts),
        "minutes": either(st.integers(-1, 60)),
        "source": either(sources),
        "sumary": values,
    },
)
items = st.fixed_dictionaries(
    {},
    optional={
        "module": either(st.sampled_from(["probe-trust", "probe-trsut", "", "x"])),
        "minutes": either(
            st.dictionaries(st.sampled_from(["welcome", "vote", "welcom", "x"]), either(st.integers(-1, 9)), max_size=3)
        ),
        "note": values,
    },
)
agendas = st.fixed_dictionaries(
    {"modules": either(st.lists(items, max_size=4))},
    optional={
        "title": either(texts),
        "summary": either(texts),
        "start": either(st.times() | st.datetimes()),
    },
)
anything = st.dictionaries(st.text(max_size=8), values, max_size=6)


@SETTINGS
@given(st.one_of(modules, agendas, anything), st.booleans())
@pytest.mark.slow
def test_random_documents_raise_only_invalid_and_point_inside(data: dict[str, Any], with_module: bool) -> None:
    text = tomli_w.dumps(data)
    problems = check(text.encode(), {PROBE.id: PROBE} if with_module else {})
    assert_inside(problems, len(text.splitlines()))


# ------------------------------------------------------------------------------------ (c) locator
#
# Documents of the module's shape written by hand, one key per line (or per multi-line array), so the
# test knows the line of every key: the Locator must find each one there, and every problem the
# schema reports must sit on one of those lines (or on line 1, for what is missing at the top).

key_names = st.text(alphabet=st.sampled_from("abcxyz_-09 .#=[]{}'é"), max_size=6)  # written quoted when not bare
flat = st.recursive(
    st.one_of(texts, st.integers(-5, 40), st.booleans(), st.floats(allow_nan=False), st.times()),
    lambda inner: st.lists(inner, max_size=12),  # long arrays are written over several lines
    max_leaves=20,
)


def plain(good: st.SearchStrategy) -> st.SearchStrategy:
    return st.one_of(good, good, flat)


flat_polls = st.tuples(
    st.fixed_dictionaries(
        {},
        optional={
            "question": plain(texts),
            "vote": plain(st.sampled_from([*VOTE_KINDS, "x"])),
            "reveal": plain(st.sampled_from(REVEALS)),
            "options": plain(st.lists(st.sampled_from(["A", "B", "a", "C"]), max_size=13)),
            "min": plain(st.integers(-12, 12)),
            "max": plain(st.integers(-12, 14)),
            "budget": plain(st.integers(-1, 101)),
            "cap": plain(st.integers(-1, 101)),
            "max_length": plain(st.integers(-1, 501)),
            "anonymous": plain(st.booleans()),
        },
    ),
    st.dictionaries(key_names, flat, max_size=2),
).map(lambda t: {**t[1], **t[0]})
flat_steps = st.tuples(
    st.fixed_dictionaries(
        {},
        optional={
            "id": plain(st.sampled_from(["welcome", "vote", "Bad id"])),
            "title": plain(texts),
            "kind": plain(st.sampled_from([*STEP_KINDS, "pol"])),
            "minutes": plain(st.integers(-2, 30)),
            "prompt": plain(texts),
            "notes": plain(texts),
            "poll": st.one_of(flat_polls, flat_polls, flat),
        },
    ),
    st.dictionaries(key_names, flat, max_size=2),
).map(lambda t: {**t[1], **t[0]})
flat_modules = st.tuples(
    st.fixed_dictionaries(
        {"steps": st.one_of(st.lists(flat_steps, min_size=1, max_size=4), flat)},
        optional={
            "id": plain(st.sampled_from(["probe-trust", "Bad"])),
            "title": plain(texts),
            "summary": plain(texts),
            "minutes": plain(st.integers(-1, 60)),
            "source": st.one_of(
                st.fixed_dictionaries({}, optional={k: plain(texts) for k in ("title", "author", "publisher")}), flat
            ),
        },
    ),
    st.dictionaries(key_names, flat, max_size=2),
).map(lambda t: {**t[1], **t[0]})


def render(data: dict[str, Any]) -> tuple[str, dict[tuple, int]]:
    """TOML text for `data` and the line on which each key path starts (tables as headers)."""
    lines: list[str] = []
    at: dict[tuple, int] = {}

    def keys(path: tuple, table: dict[str, Any]) -> None:
        for key, value in table.items():
            if isinstance(value, dict) or (path == () and key == "steps" and _is_aot(value)):
                continue
            at[path + (key,)] = len(lines) + 1
            lines.extend(tomli_w.dumps({key: value}).rstrip("\n").split("\n"))

    def header(text: str, path: tuple) -> None:
        lines.extend(["", text])
        at[path] = len(lines)

    keys((), data)
    if isinstance(data.get("source"), dict):
        header("[source]", ("source",))
        keys(("source",), data["source"])
    if _is_aot(data.get("steps")):
        for index, step in enumerate(data["steps"]):
            header("[[steps]]", ("steps", index))
            at.setdefault(("steps",), len(lines))
            keys(("steps", index), step)
            if isinstance(step.get("poll"), dict):
                header("[steps.poll]", ("steps", index, "poll"))
                keys(("steps", index, "poll"), step["poll"])
    return "\n".join(lines) + "\n", at


def _is_aot(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


@SETTINGS
@given(flat_modules)
@pytest.mark.slow
def test_the_locator_finds_every_key_on_its_line(data: dict[str, Any]) -> None:
    text, at = render(data)
    doc = document.parse(text.encode(), "x.toml")  # the rendering is valid TOML …
    assert doc.data == data  # … of exactly this document
    locator = Locator(text)
    for path, line in at.items():
        assert locator.find(path)[0] == line, (path, text)
    try:
        schema.check_module(doc)
    except Invalid as err:
        lines_with_keys = set(at.values()) | {1}
        for p in err.problems:
            assert p.line in lines_with_keys and p.col == 1, (p, text)
