"""Inputs that must never produce a traceback (or a hang): each gets one clear line and exit status 2."""

from __future__ import annotations

import os
import pathlib
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.content.samples import MODULE, MODULE_OK, edit, run_validate, write

BYTES = [
    ("empty", b"", "x.toml:1:1: empty file: nothing to validate"),
    ("whitespace-only", b"  \n\t\n   \r\n", "x.toml:1:1: empty file: nothing to validate"),
    # 'id = "x"\n' is 9 bytes; on line 2, 'title = "caf' is 12 bytes, so 0xe9 is column 13
    ("latin-1-byte", b'id = "x"\ntitle = "caf\xe9"\n', "x.toml:2:13: not UTF-8 text: byte 0xe9"),
    ("invalid-start-byte", b"\xff\xfe", "x.toml:1:1: not UTF-8 text: byte 0xff"),
    # 'a = 1\n' then 'b = "' (5 bytes): the NUL is column 6 of line 2
    ("nul-byte", b'a = 1\nb = "\x00"\n', "x.toml:2:6: binary file (NUL byte), not TOML text"),
    # a PNG header: newlines at offsets 5 and 7, the first NUL at offset 8 starts line 3
    ("png-header", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "x.toml:3:1: binary file (NUL byte), not TOML text"),
    ("nested-arrays", b"a = " + b"[" * 5000 + b"]" * 5000, "x.toml:1:1: TOML nested too deeply to read"),
    (
        "nested-inline-tables",
        b"a = " + b"{b = " * 3000 + b"1" + b"}" * 3000,
        "x.toml:1:1: TOML nested too deeply to read",
    ),
    # 'a = "open' is 9 characters: the newline that ends the string too early is column 10
    ("unterminated-string", b'a = "open\nb = 1\n', "x.toml:1:10: TOML syntax: illegal character '\\n'"),
    # the BOM is not a column the author can see: 'a = = 1' fails at its second '=', column 5
    ("bom-then-syntax-error", b"\xef\xbb\xbfa = = 1\n", "x.toml:1:5: TOML syntax: invalid value"),
]


@pytest.mark.parametrize(("content", "expected"), [c[1:] for c in BYTES], ids=[c[0] for c in BYTES])
def test_bad_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: bytes, expected: str) -> None:
    write(tmp_path, "x.toml", content)
    assert run_validate(tmp_path, monkeypatch, "x.toml") == (2, [expected])


def test_a_byte_order_mark_still_validates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "bom.toml", b"\xef\xbb\xbf" + MODULE.encode())
    assert run_validate(tmp_path, monkeypatch, "bom.toml") == (0, [f"bom.toml: ok: {MODULE_OK}"])


def test_a_file_name_made_by_hand_does_not_reach_the_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`validate FOLDER` named each file it found as it was: a name planted in a shared folder
    holding an escape (here one that retitles the terminal) or a right-to-left override reached
    the terminal of whoever validated it. What does not print is escaped, as `sessions` does."""
    write(tmp_path, "in/\x1b]0;owned\x07.toml", MODULE)
    write(tmp_path, "in/x\u202e.toml", "id = 1\n")
    code, lines = run_validate(tmp_path, monkeypatch, "in")
    assert code == 2 and sorted(lines) == [
        f"in/\\x1b]0;owned\\x07.toml: ok: {MODULE_OK}",
        "in/x\\u202e.toml:1:1: not a module ([[steps]]), an agenda ([[modules]]) or a session ([session])",
    ]


def test_windows_line_endings_keep_the_line_numbers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = edit({15: ["minuts = 4"]}).replace("\n", "\r\n")
    write(tmp_path, "crlf.toml", text.encode())
    assert run_validate(tmp_path, monkeypatch, "crlf.toml") == (
        2,
        [
            "crlf.toml:11:1: step 'welcome': missing required key 'minutes'",
            "crlf.toml:15:1: step 'welcome': unknown key 'minuts' (did you mean 'minutes'?)",
        ],
    )


def test_missing_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run_validate(tmp_path, monkeypatch, "nope.toml") == (2, ["nope.toml:1:1: no such file or folder"])


def test_a_folder_with_no_toml_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "empty/readme.txt", "hello")
    write(tmp_path, "empty/.hidden/x.toml", MODULE)  # hidden folders are not searched
    assert run_validate(tmp_path, monkeypatch, "empty") == (2, ["empty:1:1: folder holds no .toml files"])


def test_a_folder_is_searched_recursively(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "a/good.toml", MODULE)
    write(tmp_path, "a/b/bad.toml", "x = ")
    write(tmp_path, "a/b/notes.txt", "not content")
    # 'x = ' ends where a value should start: line 1, column 5
    assert run_validate(tmp_path, monkeypatch, "a") == (
        2,
        [
            f"a/good.toml: ok: {MODULE_OK}",
            "a/b/bad.toml:1:5: TOML syntax: invalid value",
        ],
    )


def test_a_good_file_and_a_missing_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "good.toml", MODULE)
    code, lines = run_validate(tmp_path, monkeypatch, "good.toml", "gone.toml")
    assert code == 2
    assert sorted(lines) == ["gone.toml:1:1: no such file or folder", f"good.toml: ok: {MODULE_OK}"]


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = write(tmp_path, "locked.toml", MODULE)
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):  # root reads anything: refuse this one path instead
            real_open = pathlib.Path.open

            def refuse(self: pathlib.Path, *args, **kwargs):
                if self.resolve() == locked.resolve():
                    raise PermissionError(13, "Permission denied", str(self))
                return real_open(self, *args, **kwargs)

            monkeypatch.setattr(pathlib.Path, "open", refuse)
        assert run_validate(tmp_path, monkeypatch, "locked.toml") == (
            2,
            ["locked.toml:1:1: cannot read: permission denied"],
        )
    finally:
        locked.chmod(0o644)


def test_a_50_mb_file_is_refused_quickly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with open(tmp_path / "huge.toml", "wb") as handle:
        handle.truncate(50_000_000)  # sparse: costs no disk
    started = time.perf_counter()
    code, lines = run_validate(tmp_path, monkeypatch, "huge.toml")
    elapsed = time.perf_counter() - started
    assert (code, lines) == (2, ["huge.toml:1:1: too large: 50.0 MB (a module or agenda is at most 4 MiB)"])
    assert elapsed < 2, f"took {elapsed:.1f}s: the size should be refused before reading"


def test_one_byte_over_4_mib_is_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    size = 4 * 1024 * 1024 + 1  # 4_194_305 bytes = 4.2 MB
    write(tmp_path, "big.toml", b"#" * size)
    assert run_validate(tmp_path, monkeypatch, "big.toml") == (
        2,
        ["big.toml:1:1: too large: 4.2 MB (a module or agenda is at most 4 MiB)"],
    )


def test_a_device_that_never_ends_is_cut_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # /dev/zero reports size 0 but reads forever: it is refused before any reading
    assert run_validate(tmp_path, monkeypatch, "/dev/zero") == (
        2,
        ["/dev/zero:1:1: not a regular file (a pipe or device?)"],
    )


def test_an_integer_too_long_for_python_to_convert(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Python refuses int('1' * 5000) with ValueError (the 4300-digit limit); validate must report it
    as a problem on line 1, not crash."""
    write(tmp_path, "x.toml", "minutes = " + "1" * 5000 + "\n")
    code, lines = run_validate(tmp_path, monkeypatch, "x.toml")
    assert code == 2
    assert len(lines) == 1 and re.fullmatch(r"x\.toml:1:\d+: \S.*", lines[0]), lines


def test_a_symlink_loop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "loop.toml").symlink_to("loop.toml")
    code, lines = run_validate(tmp_path, monkeypatch, "loop.toml")
    assert code == 2
    assert len(lines) == 1 and lines[0].startswith("loop.toml:1:1: "), lines


@pytest.mark.e2e
def test_a_named_pipe_does_not_hang(tmp_path: Path) -> None:
    """A FIFO with no writer blocks whoever opens it for reading; validate must not wait for it."""
    os.mkfifo(tmp_path / "pipe.toml")
    try:
        done = subprocess.run(
            [sys.executable, "-m", "workshop", "validate", "pipe.toml"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("`workshop validate pipe.toml` still waiting after 10 s on a named pipe")
    assert done.returncode == 2
    assert len(done.stdout.splitlines()) == 1 and done.stdout.startswith("pipe.toml:1:1: "), done.stdout
