"""A writer killed mid-block leaves a torn tail: every complete event survives, and the next
append leaves a valid file."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from tests.support import polls_plan
from workshop.content.frozen import freeze
from workshop.journal import codec, store
from workshop.journal.writer import append

T0 = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


def _event(i: int) -> dict:
    return {
        "type": "note",
        "at": T0 + dt.timedelta(seconds=i),
        "note": f"{i:08x}",
        "step": "polls/intro",
        "author": "facilitator",
        "name": "facilitator",
        "text": f'note {i} "quoted" [b]x[/b] ✓',
    }


def _new(path: Path, events: int) -> Path:
    store.create(path, {"id": "s", "title": "S", "code": "ABCDEF", "agenda": freeze(polls_plan())})
    for i in range(events):
        append(path, _event(i))
    return path


@pytest.fixture
def session(tmp_path: Path) -> Path:
    return _new(tmp_path / "s.toml", 3)


@pytest.mark.parametrize("before", [0, 3])
@pytest.mark.slow
def test_every_tear_of_the_last_block_keeps_the_complete_events(tmp_path: Path, before: int) -> None:
    session = _new(tmp_path / "s.toml", before)
    full = session.read_bytes()
    last = codec.encode(_event(before))
    append(session, _event(before))
    assert session.read_bytes() == full + last
    kept = [f"{i:08x}" for i in range(before)]
    for cut in range(len(last)):
        torn = tmp_path / f"torn-{cut}.toml"
        torn.write_bytes(full + last[:cut])
        loaded = store.load(torn)
        complete = cut >= len(last) - 2  # only newlines are missing: the checksum line is whole
        assert [e["note"] for e in loaded.events] == kept + ([f"{before:08x}"] if complete else [])
        assert bool(loaded.warnings) == (cut > 0 and not complete and bool(last[:cut].strip()))
        append(torn, _event(9))
        after = store.load(torn)
        assert [e["note"] for e in after.events][-1] == f"{9:08x}"
        assert len(after.events) == len(loaded.events) + 1
        assert not after.warnings
        tomllib.loads(torn.read_text("utf-8"))  # still one valid TOML document


def test_a_torn_block_is_never_read_as_another_value(session: Path, tmp_path: Path) -> None:
    """Cut the text of a note short inside its block: the note is dropped, not shortened."""
    data = session.read_bytes()
    cut = data.rindex(b"note 2") + len(b"note ")
    torn = tmp_path / "t.toml"
    torn.write_bytes(data[:cut] + b'"\ncrc = "00000000"\n')
    texts = [e["text"] for e in store.load(torn).events]
    assert texts == [_event(0)["text"], _event(1)["text"]]


def test_a_flipped_byte_in_a_block_drops_that_block_with_a_warning(session: Path, tmp_path: Path) -> None:
    data = bytearray(session.read_bytes())
    at = data.rindex(b"note 1")
    data[at + 5] = ord("7")  # "note 1" -> "note 7": the checksum no longer matches
    broken = tmp_path / "b.toml"
    broken.write_bytes(bytes(data))
    loaded = store.load(broken)
    assert [e["note"] for e in loaded.events] == [f"{0:08x}", f"{2:08x}"]
    assert len(loaded.warnings) == 1 and "a damaged event block" in loaded.warnings[0]  # not "a killed writer"


def test_the_file_is_valid_toml_after_every_append(tmp_path: Path) -> None:
    path = tmp_path / "v.toml"
    store.create(path, {"id": "v", "title": "V", "code": "ABCDEF", "agenda": freeze(polls_plan())})
    tomllib.loads(path.read_text("utf-8"))
    for i in range(5):
        append(path, _event(i))
        parsed = tomllib.loads(path.read_text("utf-8"))
        assert len(parsed["events"]) == i + 1
        assert parsed["events"][-1]["text"] == _event(i)["text"]


def test_a_follower_reads_only_new_blocks_and_waits_for_an_unfinished_one(session: Path) -> None:
    follower = store.Follower(session)
    assert len(follower.start().events) == 3
    assert follower.poll() == []
    append(session, _event(3))
    assert [e["note"] for e in follower.poll()] == [f"{3:08x}"]
    block = codec.encode(_event(4))
    with open(session, "ab") as handle:
        handle.write(block[:20])  # a writer mid-block
    assert follower.poll() == []
    with open(session, "ab") as handle:
        handle.write(block[20:])
    assert [e["note"] for e in follower.poll()] == [f"{4:08x}"]
