"""`workshop vote`/`note` and plain mode take the one way in (issue 24): a wrong rejoin code is
counted against the name whoever typed it, a guess made too soon is refused untried, and the
join code is the code however it is typed."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support import polls_plan
from workshop import sessions
from workshop.engine.guesses import JOIN_CODE, REJOIN_PER_PERSON
from workshop.journal import store


def workshop(*args: str, env: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "workshop", *args], input=stdin, capture_output=True, text=True, env=env, timeout=60
    )


@pytest.fixture
def shared(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    path = sessions.create(polls_plan(), tmp_path / "s", "shared", code="TEST42")
    live = sessions.Session.open(path)
    live.start()
    live.goto("pick")
    return path, {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state"), "WORKSHOP_SHARED": "1"}


def wrong_rejoins(path: Path) -> list[dict]:
    return [e for e in store.load(path).events if e["type"] == "wrong-rejoin"]


def at_once(argv_stdin: list[tuple[list[str], str]], env: dict[str, str]) -> tuple[list[tuple[int, str]], float]:
    """Processes started together, as a script in a hurry starts them; (status, output) each,
    and the seconds from the first start to the last end."""
    started = time.monotonic()
    running = [
        subprocess.Popen(
            [sys.executable, "-m", "workshop", *argv],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
        )
        for argv, _ in argv_stdin
    ]
    done = [
        (p.communicate(stdin, timeout=120)[0], p.returncode) for p, (_, stdin) in zip(running, argv_stdin, strict=True)
    ]
    return [(status, out) for out, status in done], time.monotonic() - started


@pytest.mark.e2e
def test_wrong_rejoin_codes_from_a_script_are_counted_and_held_back(shared) -> None:
    """`vote --rejoin` was a free guess each time, limited only by how fast a script ran: eight
    at once were eight guesses. Each answered one is counted against Ana's name, and no more
    are answered than the rule allows in the time they took."""
    path, env = shared
    workshop("vote", str(path), "--name", "Ana", "1", env=env)
    results, seconds = at_once(
        [(["vote", str(path), "--name", "Ana", "--rejoin", f"ZZZZZ{n}", "2"], "") for n in range(8)], env
    )
    assert all(status == 2 and out.count("\n") == 1 for status, out in results)
    said = [out for _, out in results]
    assert all("not the rejoin code of “Ana”" in out or "too many wrong codes" in out for out in said)
    wrong = [e for e in store.load(path).events if e["type"] == "wrong-rejoin"]
    assert 1 <= len(wrong) <= REJOIN_PER_PERSON.most_in(seconds + 1) < 8
    assert len(wrong) == sum("not the rejoin code" in out for out in said)  # every answered guess counted
    assert {(e["channel"], e["client"]) for e in wrong} == {("cli", f"account {os.getuid()}")}


@pytest.mark.parametrize("typed", ["test42", "TE ST-42", " test-42 "])
@pytest.mark.e2e
def test_the_join_code_is_the_code_however_it_is_typed(tmp_path: Path, typed: str) -> None:
    path = sessions.create(polls_plan(), tmp_path / "s", "codes", code="TEST42")
    live = sessions.Session.open(path)
    live.start()
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state")}
    done = workshop("join", str(path), "--plain", env=env, stdin=f"{typed}\nAna\nquit\n")
    assert done.returncode == 0 and "You joined as Ana." in done.stdout, done.stdout


@pytest.mark.e2e
def test_wrong_join_codes_in_plain_mode_are_counted_and_held_back(tmp_path: Path) -> None:
    path = sessions.create(polls_plan(), tmp_path / "s", "plain", code="TEST42")
    sessions.Session.open(path).start()
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state"), "WORKSHOP_CLIENT": "10.1.2.3"}
    results, seconds = at_once([(["join", str(path), "--plain"], "WRONG1\nAna\n")] * 6, env)
    assert all(status == 1 for status, _ in results)
    said = [out for _, out in results]
    assert all("not this session's join code" in out or "too many wrong codes" in out for out in said)
    wrong = [e for e in store.load(path).events if e["type"] == "wrong-code"]
    assert 1 <= len(wrong) <= JOIN_CODE.most_in(seconds + 1) and len(wrong) < 6
    assert {(e["channel"], e["client"]) for e in wrong} == {("plain", "10.1.2.3")}
