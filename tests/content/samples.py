"""Small content texts shared by the tests in this folder, and helpers to break them one line at a time.

Line numbers matter: expected messages point into BASE_LINES, whose numbering is written beside each
line below. `edit` keys are line numbers in BASE_LINES (1-based), so a test that replaces line 15
expects its message on line 15; a replacement with several lines shifts what follows.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from workshop.cli import app

MODULE_ID = "probe-trust"

BASE_LINES = [
    f'id = "{MODULE_ID}"',  # 1
    'title = "Trust first"',  # 2
    'summary = "A short module."',  # 3
    "minutes = 10",  # 4
    "",  # 5
    "[source]",  # 6
    'title = "An article"',  # 7
    'author = "A. Writer"',  # 8
    'publisher = "Example Press"',  # 9
    "",  # 10
    "[[steps]]",  # 11
    'id = "welcome"',  # 12
    'title = "Welcome"',  # 13
    'kind = "talk"',  # 14
    "minutes = 4",  # 15
    'prompt = "Hello."',  # 16
    "",  # 17
    "[[steps]]",  # 18
    'id = "vote"',  # 19
    'title = "Vote"',  # 20
    'kind = "poll"',  # 21
    "minutes = 6",  # 22
    'prompt = "Vote now."',  # 23
    "",  # 24
    "[steps.poll]",  # 25
    'question = "Which first?"',  # 26
    'vote = "single"',  # 27
    'options = ["Coaching", "Planning"]',  # 28
]
assert len(BASE_LINES) == 28

MODULE = "\n".join(BASE_LINES) + "\n"
MODULE_OK = f"module '{MODULE_ID}', 2 steps, 10 min, votes: single"


def edit(changes: dict[int, list[str]]) -> str:
    """BASE with line N (1-based, numbered as in BASE_LINES) replaced by changes[N]: [] deletes it."""
    lines = list(BASE_LINES)
    for number in sorted(changes, reverse=True):
        assert 1 <= number <= len(BASE_LINES)
        lines[number - 1 : number] = changes[number]
    return "\n".join(lines) + "\n"


def poll(*lines: str) -> str:
    """BASE with the poll's `vote` and `options` (lines 27-28) replaced: the first given line is line 27."""
    return edit({27: list(lines), 28: []})


AGENDA_LINES = [
    'title = "A morning"',  # 1
    "start = 09:00:00",  # 2
    "",  # 3
    "[[modules]]",  # 4
    f'module = "{MODULE_ID}"',  # 5
    "minutes = { welcome = 2 }",  # 6
]
AGENDA = "\n".join(AGENDA_LINES) + "\n"
AGENDA_MINUTES = 10 - 4 + 2  # the module's 10 minutes with `welcome` cut from 4 to 2


def agenda(changes: dict[int, list[str]] | None = None, extra: list[str] | None = None) -> str:
    lines = list(AGENDA_LINES)
    for number in sorted(changes or {}, reverse=True):
        lines[number - 1 : number] = (changes or {})[number]
    return "\n".join(lines + (extra or [])) + "\n"


def run_validate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, list[str]]:
    """`workshop validate ARGS` run from tmp_path: (exit status, printed lines). A traceback fails the test."""
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["validate", *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"validate raised {result.exception!r}") from result.exception
    return result.exit_code, result.output.splitlines()


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    target = tmp_path / name
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8")
    return target
