"""Random bytes and random TOML documents never make the validator raise anything but Invalid,
and every problem it reports points inside the file."""

from __future__ import annotations

import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from workshop.content import document, schema
from workshop.content.problems import Invalid


def check(raw: bytes) -> list:
    """Parse and check like `workshop validate`: the problems found, or [] when valid."""
    try:
        doc = document.parse(raw, "x.toml")
        if doc.kind == "module":
            schema.check_module(doc)
        elif doc.kind == "agenda":
            schema.check_agenda(doc, "x", {})
        return []
    except Invalid as err:
        assert err.problems
        return err.problems


def assert_points_inside(raw: bytes, problems: list) -> None:
    lines = raw.count(b"\n") + 1
    for p in problems:
        assert p.path == "x.toml"
        assert 1 <= p.line <= lines and p.col >= 1
        assert p.message and p.message.isprintable()  # one line, no control characters


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes(raw: bytes) -> None:
    assert_points_inside(raw, check(raw))


scalars = st.one_of(st.text(max_size=12), st.integers(-5, 200), st.booleans(),
                    st.floats(allow_nan=False, allow_infinity=False))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
                      max_leaves=12)


def maybe(key: str, good: st.SearchStrategy) -> st.SearchStrategy:
    return st.one_of(st.just({}), good.map(lambda v: {key: v}), values.map(lambda v: {key: v}))


def merged(*parts: st.SearchStrategy) -> st.SearchStrategy:
    return st.tuples(*parts).map(lambda ds: {k: v for d in ds for k, v in d.items()})


polls = merged(maybe("question", st.text(max_size=10)), maybe("vote", st.sampled_from(["single", "multi", "scale", "dots", "rank", "text", "x"])),
               maybe("options", st.lists(st.text(max_size=6), max_size=5)), maybe("min", st.integers(-3, 12)),
               maybe("max", st.integers(-3, 12)), maybe("budget", st.integers(-1, 120)), maybe("cap", st.integers(-1, 10)),
               maybe("labels", st.dictionaries(st.sampled_from(["0", "1", "5", "x", "99"]), st.text(max_size=5), max_size=3)),
               maybe("anonymous", st.booleans()), maybe("reveal", st.sampled_from(["live", "on-close", "manual", "no"])))
steps = merged(maybe("id", st.sampled_from(["a", "b", "B c", ""])), maybe("title", st.text(max_size=8)),
               maybe("kind", st.sampled_from(["talk", "poll", "notes", "pol"])), maybe("minutes", st.integers(-2, 30)),
               maybe("prompt", st.text(max_size=8)), maybe("poll", polls), maybe("extra", st.integers()))
modules = merged(maybe("id", st.sampled_from(["m", "M!"])), maybe("title", st.text(max_size=8)), maybe("summary", st.text(max_size=8)),
                 maybe("minutes", st.integers(-1, 60)),
                 maybe("source", st.fixed_dictionaries({"title": st.text(max_size=5), "author": st.text(max_size=5),
                                                        "publisher": st.text(max_size=5)})),
                 st.lists(steps, max_size=4).map(lambda s: {"steps": s}))
agendas = merged(maybe("title", st.text(max_size=8)), maybe("start", st.times()),
                 st.lists(merged(maybe("module", st.text(max_size=5)), maybe("minutes", st.dictionaries(st.text(max_size=4), st.integers(-1, 9), max_size=3))),
                          max_size=3).map(lambda m: {"modules": m}))


@settings(max_examples=300, deadline=None)
@given(st.one_of(modules, agendas, st.dictionaries(st.text(max_size=8), values, max_size=5)))
def test_random_documents(data: dict) -> None:
    raw = tomli_w.dumps(data).encode()
    assert_points_inside(raw, check(raw))
