"""The multi-account recipe (docs/participants.md), run for real: the facilitator's account
creates a session in a shared, setgid folder; a participant on a second account (another uid,
in the folder's group) votes on a named and on an anonymous poll without ever being able to read
the facilitator's secret, and cannot command the session, through the CLI or by hand."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import polls_plan
from workshop import sessions
from workshop.journal import store

GROUP, PARTICIPANT = 4242, 4243  # ids no account on a test machine is likely to have
ROOT = Path(__file__).resolve().parents[2]
SYSTEM_PYTHON = Path("/usr/bin/python3")  # the venv's interpreter may live in root's home (0700)

pytestmark = pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("setpriv") is None,
    reason="running as a second uid needs root and setpriv (CI runs as root, with util-linux)",
)


def _same_python() -> bool:
    if not SYSTEM_PYTHON.exists():
        return False
    out = subprocess.run(
        [str(SYSTEM_PYTHON), "-c", "import sys; print(sys.version_info[:2])"], capture_output=True, text=True
    )
    return out.stdout.strip() == str(tuple(sys.version_info[:2]))


@pytest.fixture
def shared(tmp_path: Path) -> Iterator[Path]:
    """A sessions folder as the recipe sets it up: group-owned, setgid, group-writable, reachable."""
    if not _same_python():
        pytest.skip("needs a system python3 of the test interpreter's version for the second uid")
    root = Path(tempfile.mkdtemp(prefix="workshop-multi-", dir="/tmp"))
    os.chmod(root, 0o755)
    folder = root / "sessions"
    folder.mkdir()
    os.chown(folder, 0, GROUP)
    os.chmod(folder, 0o3775)  # setgid and sticky, as the recipe says
    home = root / "home"
    home.mkdir()
    os.chown(home, PARTICIPANT, GROUP)
    yield folder
    shutil.rmtree(root, ignore_errors=True)


def as_participant(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`workshop ARGS` as the second account: its own uid, the shared group, its own home."""
    home = folder.parent / "home"
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "XDG_STATE_HOME": str(home / "state"),
        "PYTHONPATH": _code_path(folder.parent),
    }
    command = [
        "setpriv",
        f"--reuid={PARTICIPANT}",
        f"--regid={GROUP}",
        "--clear-groups",
        "--",
        str(SYSTEM_PYTHON),
        *args,
    ]
    return subprocess.run(
        command, capture_output=True, text=True, timeout=120, env=env, cwd=str(home), stdin=subprocess.DEVNULL
    )


def _code_path(root: Path) -> str:
    """Where the second account finds workshop and its libraries: where they are, if it can read
    them there; otherwise a copy beside the shared folder (a checkout in root's home is not)."""
    here = [str(ROOT), sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]]
    probe = subprocess.run(
        [
            "setpriv",
            f"--reuid={PARTICIPANT}",
            f"--regid={GROUP}",
            "--clear-groups",
            "--",
            str(SYSTEM_PYTHON),
            "-c",
            "import workshop.cli, cryptography",
        ],
        env={"PYTHONPATH": ":".join(here)},
        capture_output=True,
        timeout=60,
    )
    if probe.returncode == 0:
        return ":".join(here)
    copy = root / "code"
    if not copy.exists():
        shutil.copytree(ROOT / "workshop", copy / "workshop", ignore=shutil.ignore_patterns("__pycache__"))
        for lib in dict.fromkeys(here[1:]):
            shutil.copytree(lib, copy, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__", "workshop*"))
        subprocess.run(["chmod", "-R", "a+rX", str(copy)], check=True)
    return str(copy)


def test_a_second_account_votes_named_and_anonymous_and_cannot_command(shared: Path) -> None:
    path = sessions.create(polls_plan(), shared, "multi", code="TEST42")
    assert oct(path.stat().st_mode & 0o777) == "0o660" and path.stat().st_gid == GROUP
    assert oct(sessions.files.secret_path(path).stat().st_mode & 0o777) == "0o600"
    live = sessions.Session.open(path)
    live.start()
    live.goto("pick")
    cli = ["-m", "workshop"]
    cannot_read = as_participant(shared, "-c", f"open({str(sessions.files.secret_path(path))!r}).read()")
    assert cannot_read.returncode != 0 and "Permission denied" in cannot_read.stderr
    no_code = as_participant(shared, *cli, "vote", str(path), "--name", "Zed", "1")
    assert no_code.returncode == 2 and "join code" in no_code.stderr
    named = as_participant(shared, *cli, "vote", str(path), "--name", "Zed", "--code", "TEST42", "1")
    assert named.returncode == 0, named.stderr
    live.goto("fist")  # anonymous
    anonymous = as_participant(shared, *cli, "vote", str(path), "--name", "Zed", "--code", "test42", "4")
    assert anonymous.returncode == 0, anonymous.stderr
    again = as_participant(shared, *cli, "vote", str(path), "--name", "Zed", "--code", "TEST42", "5")
    assert again.returncode == 0, again.stderr  # the same person: the ballot is replaced, not added
    live.refresh()
    state = live.state()
    assert [b.name for b in state.polls["polls/pick"].ballots] == ["Zed"]
    assert [b.value for b in state.polls["polls/fist"].ballots] == [(5,)]
    assert state.polls["polls/fist"].ballots[0].name == ""
    control = as_participant(shared, *cli, "control", str(path), "end")
    assert control.returncode == 2 and "only the facilitator" in control.stderr
    forge = (
        "from workshop.journal import codec; import datetime as dt, sys; "
        "open(sys.argv[1], 'ab').write(codec.encode({'type': 'end', 'at': dt.datetime.now(dt.UTC)}))"
    )
    assert as_participant(shared, "-c", forge, str(path)).returncode == 0  # the file takes the bytes...
    assert store.load(path).events[-1]["type"] == "end"
    live.refresh()
    assert live.state().status == "running"  # ...but nobody obeys them
    assert [kind for kind, _ in live.state().forged] == ["end"]
