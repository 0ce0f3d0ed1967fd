"""For every test: the machine's time zone is UTC, and the user's state folder (where a terminal
participant's identity is remembered) is the test's own. Screens show clock times (a forecast
end) in local time, so snapshots and asserted words must not depend on where the tests run; and
a person remembered by one test (or by another run at the same time) must not be in the next.

Every test under tests/e2e/ is marked `e2e` here (it drives real processes), and every SVG
snapshot (a test that asks for `snap_compare`) `slow` (each draws a whole screen and waits for it
to settle: a quarter to half a second here, more on busy cores), so a new one of either is left
out of the fast loop without being told; other tests carry their own `e2e`, `load` and `slow`
marks (pyproject.toml says what each means). typer's command line is built once for
every in-process run of a command (CliRunner), not once a run."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer.main
import typer.testing

E2E = Path(__file__).resolve().parent / "e2e"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.is_relative_to(E2E):
            item.add_marker(pytest.mark.e2e)
        if "snap_compare" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)


_BUILT: dict[tuple[int, ...], Any] = {}


def _build_once(app: typer.Typer) -> Any:
    """typer's command line for `app`, as typer.testing would build it again for every run (every
    command's parameters read anew: about a tenth of a second, most of what a test of a command
    costs); built once per app and set of commands, as a process running `workshop` builds it once."""
    key = (id(app), *map(id, app.registered_commands))
    if key not in _BUILT:
        _BUILT[key] = typer.main.get_command(app)
    return _BUILT[key]


@pytest.fixture(autouse=True)
def commands_built_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(typer.testing, "_get_command", _build_once)


def _in_process(request: pytest.FixtureRequest) -> bool:
    """Whether a test is of the fast loop's kind: not marked `e2e`, `load` or `slow` (those run
    other `workshop` processes, kill them, or are the ones that measure)."""
    return not any(request.node.get_closest_marker(mark) for mark in ("e2e", "load", "slow"))


@pytest.fixture(autouse=True)
def cheap_person_keys(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A person's key is derived from their rejoin code with 20,000 rounds of PBKDF2
    (sessions/people.py), a few milliseconds each by design; the fast loop derives about a
    thousand. Its tests derive with one round, as Django's own tests swap in a cheap password
    hasher: the same function and the same file, only cheaper. The marked tests keep the real
    rounds: other `workshop` processes must derive the same keys as theirs."""
    if _in_process(request):
        from workshop.sessions import people

        monkeypatch.setattr(people, "ROUNDS", 1)


@pytest.fixture(autouse=True)
def no_fsync_in_process(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every write of a session is synced to the disk (journal/files.py, journal/writer.py), about
    0.4 ms here, some 6,000 times in the fast loop; its tests skip the sync, as a database's own
    tests run with fsync off. What a killed process or a cut-off write leaves is tested by the
    marked tests, which sync as users' commands do."""
    if _in_process(request):
        monkeypatch.setattr(os, "fsync", lambda fd: None)


@pytest.fixture(scope="session")
def state_folders(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("state")


@pytest.fixture(autouse=True)
def own_state_folder(state_folders: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test's own state folder, made beside the others in one folder of the run's: pytest's
    `mktemp` looks through every folder it has made before it makes one, which over the fast
    loop's two thousand tests cost seconds."""
    monkeypatch.setenv("XDG_STATE_HOME", tempfile.mkdtemp(dir=state_folders))


@pytest.fixture(autouse=True)
def utc_local_time() -> Iterator[None]:
    before = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.fixture(autouse=True)
def english_unless_told(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test starts in English whatever the machine's locale, and a test that chose a
    language for its process (`workshop --lang es …` run in-process) leaves none behind."""
    from workshop import i18n

    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    i18n.forget()
    yield
    i18n.forget()
