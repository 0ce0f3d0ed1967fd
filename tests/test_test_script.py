"""The README's test command (scripts/test, which CI's .ci/run runs too) installs tmux, Chromium,
Caddy and the ssh client as root, through sudo as a user, and goes on without them where neither is possible:
driven here with stand-ins for id, sudo and apt-get that write down what they were asked."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BASH = shutil.which("bash") or "/bin/bash"


def stand_in(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text(f"#!{BASH}\n{body}\n")
    path.chmod(0o755)


def install(tmp_path: Path, uid: int, *, sudo: bool, have: tuple[str, ...] = ()) -> tuple[list[str], str, int]:
    """Run scripts/system-packages with only stand-ins on PATH; what apt-get was asked, stderr, status."""
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    log = tmp_path / "log"
    stand_in(bin_, "id", f"echo {uid}")
    stand_in(bin_, "apt-get", f'echo "${{SUDO_WAS:-}}apt-get $*" >> {log}')
    if sudo:
        stand_in(bin_, "sudo", 'SUDO_WAS="sudo " exec "$@"')
    for program in have:
        stand_in(bin_, program, "true")
    done = subprocess.run(
        [BASH, str(ROOT / "scripts" / "system-packages")],
        capture_output=True,
        text=True,
        env={"PATH": str(bin_)},
        timeout=60,
    )
    return (log.read_text().splitlines() if log.exists() else []), done.stderr, done.returncode


def test_as_root_apt_get_runs_directly(tmp_path: Path) -> None:
    asked, _, status = install(tmp_path, 0, sudo=False)
    assert status == 0
    assert asked == ["apt-get update -qq", "apt-get install -y -qq tmux chromium caddy openssh-client"]


def test_as_a_user_it_goes_through_sudo(tmp_path: Path) -> None:
    asked, _, status = install(tmp_path, 1000, sudo=True, have=("tmux", "caddy", "ssh"))
    assert status == 0
    assert asked == ["sudo apt-get update -qq", "sudo apt-get install -y -qq chromium"]


def test_without_root_or_sudo_it_says_so_and_goes_on(tmp_path: Path) -> None:
    asked, said, status = install(tmp_path, 1000, sudo=False)
    assert status == 0 and asked == []
    assert "tmux chromium caddy openssh-client missing" in said and "skipped" in said


def test_nothing_is_installed_when_both_are_there(tmp_path: Path) -> None:
    asked, _, status = install(tmp_path, 1000, sudo=False, have=("tmux", "chromium", "caddy", "ssh"))
    assert (asked, status) == ([], 0)


@pytest.mark.parametrize("doc", ["README.md", ".ci/run"])
def test_the_readme_and_ci_run_the_script(doc: str) -> None:
    text = (ROOT / doc).read_text("utf-8")
    assert "scripts/test" in text and "sudo apt-get" not in text
