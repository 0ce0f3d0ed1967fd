"""The code's checks are a step of their own, before any test: CI (.ci/run) runs scripts/lint
(ruff check and mypy, at the versions the `test` extra pins), then scripts/test; the pre-commit
hooks run the same two from the virtual environment. Here only that it stays so, and that a
finding of either fails the step: the checks themselves are not run a second time by pytest."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BASH = shutil.which("bash") or "/bin/bash"


def test_ci_lints_before_it_tests() -> None:
    run = (ROOT / ".ci" / "run").read_text("utf-8")
    commands = [line for line in run.splitlines() if line.strip() and not line.startswith("#")]
    assert commands[-2:] == ["bash scripts/lint", "exec bash scripts/test"]


def test_the_pre_commit_hooks_are_the_same_checks_and_fetch_nothing() -> None:
    config = (ROOT / ".pre-commit-config.yaml").read_text("utf-8")
    assert "repo: local" in config and "http" not in config.replace("# ", "")
    assert "entry: .venv/bin/ruff check" in config and "entry: .venv/bin/mypy" in config
    lint = (ROOT / "scripts" / "lint").read_text("utf-8")
    assert ".venv/bin/ruff check ." in lint and ".venv/bin/ruff format --check ." in lint
    assert ".venv/bin/mypy" in lint
    assert "entry: .venv/bin/ruff format --check" in config


def lint(tmp_path: Path, ruff: int, mypy: int) -> tuple[int, list[str]]:
    """scripts/lint in a copy of the tree with stand-ins for python3, pip, ruff and mypy."""
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "lint", tmp_path / "scripts" / "lint")
    log = tmp_path / "log"
    tools = tmp_path / ".venv" / "bin"
    tools.mkdir(parents=True)
    for folder, name, status in (
        (tmp_path / "bin", "python3", 0),
        (tools, "pip", 0),
        (tools, "ruff", ruff),
        (tools, "mypy", mypy),
    ):
        folder.mkdir(exist_ok=True)
        (folder / name).write_text(f'#!{BASH}\necho "{name} $*" >> {log}\nexit {status}\n')
        (folder / name).chmod(0o755)
    done = subprocess.run(
        [BASH, str(tmp_path / "scripts" / "lint")],
        capture_output=True,
        text=True,
        env={"PATH": f"{tmp_path / 'bin'}:/usr/bin:/bin"},
        timeout=60,
    )
    return done.returncode, log.read_text().splitlines()


@pytest.mark.parametrize(("ruff", "mypy", "status"), [(0, 0, 0), (1, 0, 1), (0, 1, 1), (1, 1, 1)])
def test_a_finding_of_either_fails_the_step_and_both_always_run(
    tmp_path: Path, ruff: int, mypy: int, status: int
) -> None:
    got, asked = lint(tmp_path, ruff, mypy)
    assert got == status
    assert asked == [
        "python3 -m venv .venv",
        "pip install -q -e .[test]",
        "ruff check .",
        "ruff format --check .",
        "mypy ",
    ]
