"""Inputs that must never produce a traceback: each gets one clear line and exit status 2."""

from __future__ import annotations

import pathlib
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.content.test_validate_rules import MODULE
from workshop.cli import app


def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, list[str]]:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["validate", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output.splitlines()


@pytest.mark.parametrize(("content", "expected"), [
    (b"", "x.toml:1:1: empty file: nothing to validate"),
    (b"  \n\t\n", "x.toml:1:1: empty file: nothing to validate"),
    (b'title = "caf\xe9"\n', "x.toml:1:13: not UTF-8 text: byte 0xe9"),
    (b'a = 1\nb = "\x00"\n', "x.toml:2:6: binary file (NUL byte), not TOML text"),
    (b"a = " + b"[" * 5000 + b"]" * 5000, "x.toml:1:1: TOML nested too deeply to read"),
    (b'a = "open\n', "x.toml:1:10: TOML syntax: illegal character '\\n'"),
], ids=["empty", "whitespace", "latin-1", "nul", "deep", "unterminated"])
def test_bad_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: bytes, expected: str) -> None:
    (tmp_path / "x.toml").write_bytes(content)
    assert run(tmp_path, monkeypatch, "x.toml") == (2, [expected])


def test_missing_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run(tmp_path, monkeypatch, "nope.toml") == (2, ["nope.toml:1:1: no such file or folder"])


def test_folder_without_toml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "readme.txt").write_text("hi")
    assert run(tmp_path, monkeypatch, "empty") == (2, ["empty:1:1: folder holds no .toml files"])


def test_folder_is_searched_recursively(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "good.toml").write_text(MODULE)
    (tmp_path / "a" / "b" / "bad.toml").write_text("x = ")
    code, lines = run(tmp_path, monkeypatch, "a")
    assert code == 2
    assert lines == ["a/good.toml: ok: module 'trust-first', 2 steps, 10 min, votes: single",
                     "a/b/bad.toml:1:5: TOML syntax: invalid value"]


def test_a_folder_named_like_a_toml_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "odd.toml").mkdir()
    (tmp_path / "odd.toml" / "inner.toml").write_text(MODULE)
    assert run(tmp_path, monkeypatch, "odd.toml")[0] == 0


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked.toml"
    locked.write_text(MODULE)
    real_open = pathlib.Path.open

    def refuse(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202 - root can read anything, so simulate
        if self.name == "locked.toml":
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "open", refuse)
    assert run(tmp_path, monkeypatch, "locked.toml") == (2, ["locked.toml:1:1: cannot read: permission denied"])


def test_a_50_mb_file_is_refused_quickly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with open(tmp_path / "huge.toml", "wb") as handle:
        handle.truncate(50_000_000)
    started = time.perf_counter()
    code, lines = run(tmp_path, monkeypatch, "huge.toml")
    assert (code, lines) == (2, ["huge.toml:1:1: too large: 50.0 MB (a module or agenda is at most 4 MiB)"])
    assert time.perf_counter() - started < 5  # refused before reading, not after parsing


def test_a_byte_order_mark_is_fine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "bom.toml").write_bytes("\ufeff".encode() + MODULE.encode())
    assert run(tmp_path, monkeypatch, "bom.toml")[0] == 0
