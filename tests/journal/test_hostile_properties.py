"""Random hostile writing into a recorded session (issue #23): events of every type with random
fields (control characters, surrogates, huge and wrong-typed values), forged and re-spelt
signatures, copies of the facilitator's signed blocks, blocks deleted and moved. No command
raises, no escape reaches a report, no facilitator event without its own signature changes what
the fold obeys, and every deleted or moved signed event is reported by `validate`."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.journal import hand
from tests.journal.recorded import record
from workshop import sessions
from workshop.cli import app
from workshop.engine import events, trust

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
AT = dt.datetime(2026, 11, 23, 9, 40, tzinfo=dt.UTC)
FIELDS = sorted({f for cls in events.CLASSES.values() for f in cls.__struct_fields__} - {"crc"})

escapes = st.sampled_from(
    [
        "\x1b]0;owned\x07",
        "wipe\x1b[2J",
        "\x9b31m",
        "half \udc00",
        "\ud800x",
        "bell\x07",
        "\x1b]8;;http://evil.example\x1b\\link",
    ]
)
nasty_text = st.one_of(
    escapes,
    st.text(max_size=12),
    st.sampled_from(
        ["Ana\u2800", "facilitator", "x" * 5000, "", " ", "polls/order", "0123456789ab", "i1", "q1", "2026-12-15"]
    ),
    st.text(alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf", "Zs", "Lu", "Nd"]), max_size=8),
)
value = st.one_of(
    nasty_text,
    st.integers(-(2**70), 2**70),
    st.booleans(),
    st.lists(nasty_text, max_size=4),
    st.lists(st.integers(), max_size=3),
)
sig = st.one_of(
    st.text("0123456789abcdef", min_size=128, max_size=128),
    st.text("0123456789ABCDEF", min_size=128, max_size=128),
    nasty_text,
)


PLAUSIBLE = {
    "participant": "0123456789ab",
    "author": "0123456789ab",
    "name": "Mal",
    "step": "polls/order",
    "poll": "polls/order",
    "note": "0a0b0c0d",
    "text": "hello",
    "idea": "i1",
    "question": "q1",
    "into": "i2",
    "item": "i1",
    "value": ["Trust", "Goals", "Change", "Letting go"],
    "via": "goto",
    "seconds": 600,
    "round": 1,
    "on": True,
    "up": True,
    "after": "",
    "kind": "break",
    "title": "Break",
    "minutes": 5,
    "address": "http://10.0.0.2:8000",
    "channel": "phone",
    "reaction": "agree",
    "options": ["A", "B"],
    "ideas": ["i1", "i2"],
    "owner": "Mal",
    "due": "2026-12-15",
    "planned": "2026-11-23T09:00:00+00:00",
    "proof": "0" * 32,
}


@st.composite
def hostile_event(draw: st.DrawFn, facilitator_only: bool = False, tokens: tuple[str, ...] = ()) -> dict:
    """An event of any type (or a facilitator's) with its fields filled in plausibly, then some
    of them, or others, given hostile values; `tokens`: participants who joined, whose own
    tokens a hostile writer would use to be shown."""
    shown = ["note", "idea", "question", "join", "ballot", "insert", "options", "action", "serve"] * 8  # carry text
    kinds = sorted(trust.SIGNED) if facilitator_only else [*events.TYPES, *shown, "nope", ""]
    kind = draw(st.sampled_from(kinds))
    cls = events.CLASSES.get(kind)
    fields = [] if cls is None else [f for f in cls.__struct_fields__ if f in PLAUSIBLE]
    event: dict = {"type": kind, "at": AT, **{f: PLAUSIBLE[f] for f in fields}}
    for who in ("author", "participant"):
        if tokens and who in event:
            event[who] = draw(st.sampled_from(tokens))
    if fields:  # one of its own fields hostile (text as text, mostly), now and then more
        for name in draw(
            st.lists(st.sampled_from(fields), min_size=1, max_size=draw(st.sampled_from([1, 1, 1, 3])), unique=True)
        ):
            event[name] = draw(st.one_of(escapes, nasty_text) if isinstance(event[name], str) else value)
    for name in draw(st.lists(st.sampled_from(FIELDS), max_size=draw(st.sampled_from([0, 0, 2])), unique=True)):
        event[name] = draw(value)  # and fields it does not have
    if facilitator_only and kind == "note":
        event["author"] = "facilitator"
    if draw(st.booleans()):
        event["sig"] = draw(sig)
    return event


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return record(tmp_path_factory.mktemp("rec"))  # its facilitator's record of what they signed is kept


def _copy(recorded: Path, tmp: Path) -> Path:
    shutil.copy(recorded, tmp / recorded.name)
    shutil.copy(sessions.files.secret_path(recorded), sessions.files.secret_path(tmp / recorded.name))
    return tmp / recorded.name


def _obeyed(path: Path) -> tuple:
    """What the facilitator's events decide: status, step, time given, and each poll's state."""
    state = sessions.Session.open(path, lambda: AT).state()
    polls = tuple((q, p.status, p.revealed, p.resets, len(p.rounds)) for q, p in sorted(state.polls.items()))
    steps = tuple((s.qid, s.extra, s.skipped, s.visited) for s in state.steps)
    said = tuple(n.text for n in state.notes if n.author == events.FACILITATOR)
    return state.status, state.current, steps, polls, said, state.address, state.room.qa


def _respelt(block: bytes, draw: st.DrawFn) -> bytes:
    found = re.search(rb'sig = "([0-9a-f]{128})"', block)
    assert found is not None
    spelling = draw(st.sampled_from([bytes.upper, lambda s: s + b" ", lambda s: b" " + s, lambda s: s, bytes.title]))
    return hand.reseal(block, (found.group(1), spelling(found.group(1))))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
@pytest.mark.slow
def test_nothing_written_by_hand_raises_or_escapes(recorded: Path, tmp_path_factory, data) -> None:
    path = _copy(recorded, tmp_path_factory.mktemp("h"))
    tokens = tuple(p.token for p in sessions.Session.open(path).state().participants)
    hand.append(
        path, *(hand.block(e) for e in data.draw(st.lists(hostile_event(tokens=tokens), min_size=1, max_size=8)))
    )
    runner = CliRunner()
    for command in (
        ["validate", str(path)],
        ["sessions", "--sessions-dir", str(path.parent)],
        *(["report", str(path), "--format", f] for f in ("md", "csv", "html", "json")),
    ):
        result = runner.invoke(app, command)
        assert result.exception is None or isinstance(result.exception, SystemExit), (command, result.exception)
        assert result.exit_code in (0, 2), command
        assert not UNSAFE.search(result.output), command


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
@pytest.mark.slow
def test_no_facilitator_event_without_its_own_signature_is_obeyed(recorded: Path, tmp_path_factory, data) -> None:
    path = _copy(recorded, tmp_path_factory.mktemp("f"))
    before = _obeyed(path)
    _, blocks = hand.split(path)
    signed = [b for b in blocks if b'\nsig = "' in b]
    forged = [hand.block(e) for e in data.draw(st.lists(hostile_event(facilitator_only=True), max_size=6))]
    copies = [_respelt(data.draw(st.sampled_from(signed)), data.draw) for _ in range(data.draw(st.integers(0, 4)))]
    hand.append(path, *data.draw(st.permutations(forged + copies)))
    assert _obeyed(path) == before


@pytest.fixture
def mine(tmp_path: Path) -> Path:
    """Recorded in this test's own state folder, where the facilitator's record of the last
    event they signed is kept (sessions/signed.py)."""
    return record(tmp_path)


@pytest.mark.slow
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_deleted_or_moved_signed_event_is_reported(mine: Path, tmp_path_factory, data) -> None:
    path = _copy(mine, tmp_path_factory.mktemp("d"))
    header, blocks = hand.split(path)
    signed = [i for i, b in enumerate(blocks) if b'\nsig = "' in b]
    chosen = data.draw(st.sampled_from(signed))
    block = blocks.pop(chosen)
    if data.draw(st.booleans()):  # moved rather than deleted
        to = data.draw(st.integers(0, len(blocks)).filter(lambda i: i != chosen))
        blocks.insert(to, block)
    hand.rewrite(path, header, blocks)
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 2, result.output
    assert (
        "missing" in result.output
        or "moved" in result.output
        or "put before" in result.output
        or "cut short" in result.output
    )
