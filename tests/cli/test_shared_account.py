"""On an account many people share (the ssh recipe: `--shared` or WORKSHOP_SHARED=1), nobody is
remembered: every way in (`vote`, `note`, `join --plain`) asks for the rejoin code of a name
someone holds, however often the same name was used from this account before."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support import polls_plan
from workshop import sessions


def workshop(*args: str, env: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "workshop", *args], input=stdin, capture_output=True, text=True, env=env, timeout=60
    )


@pytest.mark.e2e
def test_a_shared_account_remembers_nobody(tmp_path: Path) -> None:
    path = sessions.create(polls_plan(), tmp_path / "s", "shared", code="TEST42")
    live = sessions.Session.open(path)
    live.start()
    live.goto("pick")
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state"), "WORKSHOP_SHARED": "1"}
    first = workshop("vote", str(path), "--name", "Ana", "1", env=env)
    assert first.returncode == 0, first.stderr
    code = re.search(r"rejoin code is (\w+)", first.stderr).group(1)
    again = workshop("vote", str(path), "--name", "Ana", "2", env=env)  # someone else at the same login
    assert again.returncode == 2 and "is taken" in again.stderr
    note = workshop("note", str(path), "--name", "Ana", "I am Ana", env=env)
    assert note.returncode == 2 and "is taken" in note.stderr
    plain = workshop("join", str(path), "--plain", env=env, stdin="TEST42\nAna\nWRONG9\n")
    assert plain.returncode == 1 and "rejoin code" in plain.stdout and "not the rejoin code" in plain.stdout
    deadline = time.monotonic() + 60
    while (proven := workshop("vote", str(path), "--name", "Ana", "--rejoin", code, "3", env=env)).returncode:
        # the wrong code just typed holds Ana's name back a second, on every way in
        assert "too many wrong codes" in proven.stderr and time.monotonic() < deadline, proven.stderr
    state = sessions.Session.open(path).state()
    assert [(b.name, b.value) for b in state.polls["polls/pick"].ballots] == [("Ana", ("Quality",))]
    assert [p.name for p in state.participants] == ["Ana"] and state.notes == ()
