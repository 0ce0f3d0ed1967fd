"""`workshop report --format md|html|csv|json` and `workshop compare`: output, files and refusals."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from tests.report.conftest import build, renamed_word_plan
from workshop.cli import app


def run(folder: Path, *args: str) -> Result:
    return CliRunner().invoke(app, [*args, "--sessions-dir", str(folder)])


def refused(folder: Path, *args: str, says: str) -> None:
    result = run(folder, *args)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and says in lines[0], result.stderr
    assert result.stdout == ""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    build(tmp_path, "a", coaching=3)
    build(tmp_path, "b", coaching=1, plan=renamed_word_plan())
    return tmp_path


@pytest.mark.parametrize("fmt", ["md", "html", "csv", "json"])
def test_every_format_prints_without_a_progress_bar(folder: Path, fmt: str) -> None:
    result = run(folder, "report", "a", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""  # small: no progress bar
    if fmt == "json":
        assert json.loads(result.stdout)["session"]["id"] == "a"
    elif fmt == "csv":
        assert len(list(csv.reader(io.StringIO(result.stdout)))) == 1 + 3 + 1 + 3 + 1 + 1 + 2
    elif fmt == "html":
        assert result.stdout.startswith("<!DOCTYPE html>")
    else:
        assert result.stdout.startswith("# Every kind of poll")


def test_html_to_a_file(folder: Path) -> None:
    out = folder / "r.html"
    result = run(folder, "report", "a", "--format", "html", "-o", str(out))
    assert result.exit_code == 0 and result.stdout.strip() == str(out)
    assert "Which first?" in out.read_text("utf-8")


def test_report_refusals(folder: Path) -> None:
    refused(folder, "report", "a", "--format", "pdf", says="unknown format “pdf”: choose md, html, csv or json")
    refused(folder, "report", "nosuch", "--format", "csv", says="no session “nosuch”")


def test_compare_prints_tables_by_default(folder: Path) -> None:
    result = run(folder, "compare", "a", "b")
    assert result.exit_code == 0, result.stderr
    assert "Which first?" in result.stdout and "-2" in result.stdout
    assert "polls/word2" in result.stdout  # not shared


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_compare_formats(folder: Path, fmt: str) -> None:
    result = run(folder, "compare", "a", "b", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    if fmt == "json":
        data = json.loads(result.stdout)
        assert [p["id"] for p in data["not_shared"]] == ["polls/word", "polls/word2"]
    else:
        assert "-2 (-66.7 pts)" in result.stdout


def test_compare_to_a_file_by_path(folder: Path) -> None:
    out = folder / "c.md"
    result = run(folder, "compare", str(folder / "a.toml"), "b", "-f", "md", "-o", str(out))
    assert result.exit_code == 0 and result.stdout.strip() == str(out)
    assert "Sessions compared" in out.read_text("utf-8")


def test_compare_refusals(folder: Path) -> None:
    refused(folder, "compare", "a", "b", "--format", "csv", says="unknown format “csv”: choose md, html or json")
    refused(folder, "compare", "a", says="at least two sessions")
    refused(folder, "compare", says="at least two sessions")
    refused(folder, "compare", "a", "nosuch", says="no session “nosuch”")
    refused(folder, "compare", "a", "b", "-o", str(folder / "x.txt"), says="give --format md, html or json")
    assert not (folder / "x.txt").exists()


@pytest.mark.e2e
def test_report_and_compare_import_neither_textual_nor_the_progress_bar(folder: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys\nfrom typer.testing import CliRunner\nfrom workshop.cli import app\n"
        f"for args in (['report', 'a', '-f', 'html'], ['report', 'a', '-f', 'csv'], ['compare', 'a', 'b']):\n"
        f"    result = CliRunner().invoke(app, [*args, '--sessions-dir', {str(folder)!r}])\n"
        "    assert result.exit_code == 0, result.output\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(done.stdout.split())
    assert "workshop.report.compare" in loaded
    assert not {m for m in loaded if m == "textual" or m.startswith("textual.")}
    assert "rich.progress" not in loaded


SLOW_REPORT = """
import time
import workshop.progress as progress
progress.Stages.__init__.__defaults__ = (0.01,)  # the bar shows at once, not after a second
from workshop import report
made = report.as_markdown
def slow(state):
    time.sleep(0.5)  # the bar is drawn, and redrawn, while the report is made
    return made(state)
report.as_markdown = slow
import workshop.cli
workshop.cli.main()
"""


@pytest.mark.e2e
def test_a_report_sent_to_a_file_is_whole_while_the_bar_shows_on_the_terminal(folder: Path, tmp_path: Path) -> None:
    """`workshop report big > report.md` in a terminal: the bar goes to the terminal (stderr),
    and every byte of the report to the file, never into the bar's display."""
    import pty
    import subprocess
    import sys
    import threading

    expected = run(folder, "report", "a").stdout
    primary, secondary = pty.openpty()  # stderr is a terminal: a person is watching
    shown: list[bytes] = []
    reader = threading.Thread(target=lambda: shown.extend(iter(lambda: _read(primary), b"")), daemon=True)
    reader.start()
    out = tmp_path / "report.md"
    with open(out, "wb") as stdout:
        subprocess.run(
            [sys.executable, "-c", SLOW_REPORT, "report", "a", "--sessions-dir", str(folder)],
            stdout=stdout,
            stderr=secondary,
            check=True,
            timeout=120,
        )
    os.close(secondary)
    reader.join(10)
    assert out.read_text("utf-8") == expected
    assert b"writing md" in b"".join(shown)  # the bar was there, on the terminal


def _read(fd: int) -> bytes:
    try:
        return os.read(fd, 4096)
    except OSError:  # the terminal closed
        return b""
