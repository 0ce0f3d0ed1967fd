"""Damage is contained, never spread: a recorded session file is damaged at random thousands of
times, and every reader (the whole-file loader behind report, the follower behind a live
screen, replay) reads every block the damage did not touch, the same way; the next append keeps
every byte but a torn tail."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.journal.recorded import block_spans, record
from workshop import report, sessions
from workshop.journal import blocks, store


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, list[dict], list[tuple[int, int]]]:
    path = record(tmp_path_factory.mktemp("rec"))
    data = path.read_bytes()
    return data, store.load(path).events, block_spans(data)


def mutate(data: bytes, rng: random.Random) -> tuple[bytes, int | None]:
    """One random damage, and the offset it touched (None: it damages no block)."""
    kind = rng.choice(["flip", "flip", "insert", "delete", "space", "crlf"])
    p = rng.randrange(len(data))
    if kind == "flip":
        return data[:p] + bytes([data[p] ^ (1 << rng.randrange(8))]) + data[p + 1 :], p
    if kind == "insert":
        return data[:p] + bytes([rng.randrange(256)]) + data[p:], p
    if kind == "delete":
        return data[:p] + data[p + 1 :], p
    if kind == "space":  # on a blank line: harmless to TOML and to us
        blanks = [i for i in range(1, len(data)) if data[i - 1 : i + 1] == b"\n\n"] or [len(data)]
        at = rng.choice(blanks)
        return data[:at] + b" " + data[at:], None
    return data.replace(b"\n", b"\r\n"), None  # an editor that converts line ends


def touched(spans: list[tuple[int, int]], p: int | None) -> set[int]:
    """Blocks a damage at `p` may cost: its own, and the next one when it hits the blank line or
    the newline a header needs before it."""
    if p is None:
        return set()
    return {i for i, (head, stop) in enumerate(spans) if head - 2 <= p < stop}


def check(
    path: Path, data: bytes, damaged: bytes, p: int | None, clean: tuple[bytes, list[dict], list[tuple[int, int]]]
) -> None:
    original, events, spans = clean
    path.write_bytes(damaged)
    try:
        loaded = store.load(path)
    except store.JournalError:
        # the header itself is damaged: every reader refuses it, in one line
        assert p is not None and p < spans[0][0]
        with pytest.raises(sessions.SessionError):
            sessions.Session.open(path)
        with pytest.raises(sessions.SessionError):
            sessions.Recording(path)
        return
    lost = [i for i, e in enumerate(events) if e not in loaded.events]
    assert set(lost) <= touched(spans, p), (p, lost)
    assert [e for e in events if e in loaded.events] == loaded.events  # nothing invented, order kept
    try:
        live = sessions.Session.open(path)
    except sessions.SessionError:
        assert p is not None and p < spans[0][0]  # a header that reads but cannot run
        return
    # the live screen: one that had read the file up to a block before the damage, then follows
    before = [j for j, (head, _) in enumerate(spans) if p is None or head <= p - 2]
    if before and p is not None:
        j = before[-1]
        follower = store.Follower(path)
        follower.offset = spans[j][0]
        assert events[:j] + follower.poll() == loaded.events
    assert live.fold.count == len(loaded.events)
    replay = sessions.Recording(path).replay
    assert replay.events == loaded.events
    replay.state_at(replay.end)
    state = live.state()
    report.as_json(state), report.as_markdown(state), report.as_html(state)
    # the next append keeps every byte but a torn tail, and every event
    live.join("Zed")
    after = path.read_bytes()
    scan = blocks.scan(damaged, store.header_end(damaged))
    assert after.startswith(damaged[: scan.end])
    assert store.load(path).events[:-1] == loaded.events


@pytest.mark.slow
def test_thousands_of_random_damages_are_contained(clean, tmp_path: Path) -> None:
    rng = random.Random(20261128)
    data = clean[0]
    for _ in range(2000):
        damaged, p = mutate(data, rng)
        check(tmp_path / "s.toml", data, damaged, p, clean)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32 - 1), rounds=st.integers(1, 3))
@pytest.mark.slow
def test_several_damages_never_crash_a_command(clean, tmp_path: Path, seed: int, rounds: int) -> None:
    """Several damages at once: whatever is left, the commands answer in one line or work."""
    from typer.testing import CliRunner

    from workshop.cli import app

    rng = random.Random(seed)
    damaged = clean[0]
    for _ in range(rounds):
        damaged, _p = mutate(damaged, rng)
    path = tmp_path / "h.toml"
    path.write_bytes(damaged)
    for argv in (
        ["report", str(path), "--format", "json"],
        ["validate", str(path)],
        ["vote", str(path), "--name", "Zed", "1"],
        ["note", str(path), "x"],
        ["control", str(path), "next"],
    ):
        result = CliRunner().invoke(app, argv)
        assert result.exit_code in (0, 2), (argv, result.output, result.exception)
        assert result.exception is None or isinstance(result.exception, SystemExit), (argv, result.exception)


@pytest.mark.load
def test_a_file_of_many_damaged_blocks_opens_in_seconds(tmp_path: Path) -> None:
    """Each damaged block's line was counted from the start of the file again: 100,000 of them
    (1.5 MB, written by hand) kept every command, `sessions` included, from opening the
    session for minutes, and `validate` took as long to place a chain break in a large file."""
    path = record(tmp_path)
    last = blocks.line_col(before := path.read_bytes(), block_spans(before)[-1][0])  # the last event's
    with path.open("ab") as handle:
        handle.write(b"[[events]]\nx\n\n" * 100_000)
    started = time.monotonic()
    damage = store.load(path).damage
    assert time.monotonic() - started < 20
    assert len(damage) == 100_000 and damage[-1][:2] == (path.read_bytes().count(b"\n") - 2, 1)
    assert store.positions(path)[-1] == last
