"""The fast path for large files (journal/sealed.py) reads exactly what `scan` and `codec.decode`
read, or declines: on a recorded file, on thousands of random damages of it, and on blocks made
by hand to fit their checksums. Both paths are forced here whatever the file's size, and chunks
are made tiny so that every block boundary is also a chunk boundary somewhere."""

from __future__ import annotations

import random
import zlib

import pytest

from tests.journal.recorded import record
from tests.journal.test_damage import mutate
from workshop import sessions
from workshop.journal import blocks, codec, sealed, store


def _read(data: bytes, start: int, fast: bool, monkeypatch: pytest.MonkeyPatch) -> tuple:
    monkeypatch.setattr(sealed, "FAST_FROM", 0 if fast else 1 << 62)
    found, events = blocks.read(data, start)
    return events, found.end, found.damaged, found.torn, found.crlf


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, int]:
    data = record(tmp_path_factory.mktemp("rec")).read_bytes()
    return data, store.header_end(data)


def _same(data: bytes, start: int, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _read(data, start, True, monkeypatch) == _read(data, start, False, monkeypatch)


@pytest.mark.parametrize("chunk", [1, 300, 1 << 15])
def test_an_undamaged_file_reads_the_same_by_either_path(recorded, chunk: int, monkeypatch) -> None:
    monkeypatch.setattr(sealed, "_CHUNK", chunk)
    data, start = recorded
    monkeypatch.setattr(sealed, "FAST_FROM", 0)
    assert sealed.read(data, data.find(codec.HEADER, start)) is not None  # it took the fast path
    _same(data, start, monkeypatch)
    for tail in (b"", b"\n", b"\n\n\n", b"\n\n[[events]]\n", b"\n\n[[eve", b"\n\n[[events]]\ntype = "):
        _same(data.rstrip(b"\n") + tail, start, monkeypatch)


@pytest.mark.slow
def test_random_damage_reads_the_same_by_either_path(recorded, monkeypatch) -> None:
    data, start = recorded
    rng = random.Random(18)
    monkeypatch.setattr(sealed, "_CHUNK", 200)
    for _ in range(1500):
        damaged, _ = mutate(data, rng)
        _same(damaged, store.header_end(damaged), monkeypatch)


def _sealed(body: bytes, upper: bool = False) -> bytes:
    crc = b"%08x" % zlib.crc32(codec.HEADER + body)
    return codec.HEADER + body + b'crc = "' + (crc.upper() if upper else crc) + b'"\n\n'


@pytest.mark.parametrize(
    "body",
    [
        b'type = "note"\nat = 2026-11-23T09:00:00.000000+00:00\nx = {"a": 1}\n',  # a table inside a value
        b'type = "note"\nat = 2026-11-23T09:00:00.000000+00:00\nx = [{"a": 1}]\n',
        b'type = "note"\nat = 2026-11-23T09:00:00.000000+00:00\ntext = "open\nnext = 1"\n',  # a string over two lines
        b'at = 2026-11-23T09:00:00.000000+00:00\ntype = "note"\n',  # its time first
        b'type = "note"\nat = "2026-11-23T09:00:00.000000+00:00"\n',  # its time a string
        b'type = "note"\nat = 2026-11-23T09:00:00+01:00\n',  # another zone
        b'type = "note"\nat = 2026-11-23T09:00:00+00:00\n',  # whole seconds
        b'type = "note"\n',  # no time at all
        b'type = "note"\nat = 2026-11-23T09:00:00.000000+00:00\nx = null\n',
        b'type = "note"\nat = 2026-11-23T09:00:00.000000+00:00\nx = 1_000\n',
        b'type = "note"\nat = 2026-11-23T09:00:00.000000+00:00\nx = 1.5\ny = true\nz = [[1, "a"], []]\n',
        b'type = "note"\nat = 2026-11-23T09:00:00.000000+00:00\ncrc = "00000000"\n',  # a second checksum line
    ],
)
@pytest.mark.parametrize("upper", [False, True])
def test_blocks_made_to_fit_their_checksums_read_the_same(recorded, body: bytes, upper: bool, monkeypatch) -> None:
    data, start = recorded
    blocks_at = data.find(codec.HEADER, start)
    head, tail = data[:blocks_at], data[blocks_at:]
    middle = tail.find(codec.MARK, len(tail) // 2) + 2
    for made in (
        head + _sealed(body, upper) + tail,
        head + tail[:middle] + _sealed(body, upper) + tail[middle:],
        data + _sealed(body, upper),
    ):
        _same(made, start, monkeypatch)


def test_a_decision_without_objections_reads_the_same_by_either_path(tmp_path, monkeypatch) -> None:
    """A decision leaves out `objections` and `actions` when there are none: the fast path's check
    took such a missing list for a list and raised, so no command could open a session over
    256 KB holding such a decision ("the session header is not one workshop can run")."""
    path = record(tmp_path)
    sessions.Session.open(path).decide("Coaching first", ["polls/pick"])
    data = path.read_bytes()
    start = store.header_end(data)
    monkeypatch.setattr(sealed, "FAST_FROM", 0)
    assert sealed.read(data, data.find(codec.HEADER, start)) is not None  # it took the fast path
    _same(data, start, monkeypatch)
    monkeypatch.setattr(sealed, "FAST_FROM", 0)
    assert [d.text for d in sessions.Session.open(path).state().record.decisions] == ["Coaching first"]
