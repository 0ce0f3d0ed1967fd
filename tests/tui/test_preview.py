"""`workshop preview`: a module, or a draft being edited, on the facilitator's screen in a
throwaway session that is gone afterwards."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.support import write_module
from tests.tui.conftest import cli, text_of, wait_for
from workshop.content import library
from workshop.tui.preview import PreviewApp, make_app, throwaway_session
from workshop.tui.widgets.rail import AgendaRail


async def test_preview_shows_the_module_as_the_room_will_and_keeps_nothing(tmp_path: Path) -> None:
    module = write_module(tmp_path / "drafts")
    lib = library.load([module])
    with throwaway_session(library.plan_for(lib, "polls")) as session:
        app = make_app(session, watch=False)
        async with app.run_test(size=(80, 24)) as pilot:
            rail = text_of(app.query_one(AgendaRail).query_one("#steps"))
            assert "Every kind of poll" in rail and "One word" in rail
            await pilot.press("n", "n")
            assert "Pick one" in text_of(app.query_one("#step-title"))
            assert "Which first?" in text_of(app.query_one("#poll"))
            assert "nobody" in text_of(app.query_one("#join"))
        assert session.exists()
    assert not session.exists() and not session.parent.exists()


@pytest.mark.e2e
def test_preview_of_a_broken_draft_prints_its_problems(tmp_path: Path) -> None:
    module = write_module(tmp_path / "drafts")
    module.write_text(module.read_text("utf-8").replace('vote = "rank"', 'vote = "rnak"'), encoding="utf-8")
    done = cli("preview", str(module))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "polls.toml:" in done.stderr and "rnak" in done.stderr
    done = cli("preview", "no-such-module")
    assert done.returncode == 2 and done.stderr.startswith("error: no agenda or module 'no-such-module'")


@asynccontextmanager
async def watched_preview(module: Path) -> AsyncIterator[tuple[PreviewApp, Pilot]]:
    """`preview --watch MODULE` on a throwaway session, checking the file every 50 ms."""
    from workshop.cli.drafts import preview_plan

    plan, problems, files = preview_plan(module, [])
    assert plan is not None and not problems
    with throwaway_session(plan) as session:
        app = make_app(session, watch=False, files=files, reload=lambda: preview_plan(module, []), every=0.05)
        async with app.run_test(size=(100, 30)) as pilot:
            yield app, pilot


@pytest.mark.slow
async def test_preview_watch_shows_each_save_on_the_step_the_author_is_on(tmp_path: Path) -> None:
    """`preview --watch`: the author edits the file on disk; the same screen shows the change on the
    step it was on, without a restart. A save that does not validate leaves the screen as it was."""
    module = write_module(tmp_path / "drafts")
    async with watched_preview(module) as (app, pilot):
        await pilot.press("n", "n")
        assert "Pick one" in text_of(app.query_one("#step-title"))
        assert "Which first?" in text_of(app.query_one("#poll"))

        module.write_text(
            module.read_text("utf-8")
            .replace("Which first?", "Which comes first for us?")
            .replace('title = "Intro"', 'title = "A warmer welcome"'),
            encoding="utf-8",
        )
        await wait_for(pilot, lambda: "Which comes first for us?" in text_of(app.query_one("#poll")), seconds=20)
        assert "Pick one" in text_of(app.query_one("#step-title"))  # still on the step the author was on
        assert "A warmer welcome" in text_of(app.query_one(AgendaRail).query_one("#steps"))

        saved = module.read_text("utf-8")
        module.write_text(saved.replace('vote = "single"', 'vote = "singel"'), encoding="utf-8")
        await wait_for(
            pilot,
            lambda: app.reloads == 1 and any("singel" in str(n.message) for n in app._notifications),
            seconds=20,
        )
        assert "Which comes first for us?" in text_of(app.query_one("#poll"))  # the last good version stays

        module.write_text(
            saved.replace('id = "pick"', 'id = "choose"').replace("Pick one.", "Choose one now."), encoding="utf-8"
        )
        await wait_for(pilot, lambda: "Choose one now." in text_of(app.query_one("#prompt")), seconds=20)
        assert "Pick one" in text_of(app.query_one("#step-title"))  # its id changed: kept by its place


async def test_preview_watch_shows_a_save_that_keeps_the_size_and_the_time(tmp_path: Path) -> None:
    """An edit of the same length whose time is put back (a second save in one clock tick, a tool
    that restores it) still reaches the screen."""
    module = write_module(tmp_path / "drafts")
    async with watched_preview(module) as (app, pilot):
        await pilot.press("n", "n")
        assert "Which first?" in text_of(app.query_one("#poll"))
        before = module.stat()
        text = module.read_text("utf-8")
        module.write_text(text.replace("Which first?", "Which is 1st"), encoding="utf-8")
        os.utime(module, ns=(before.st_atime_ns, before.st_mtime_ns))
        assert (module.stat().st_size, module.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
        await wait_for(pilot, lambda: "Which is 1st" in text_of(app.query_one("#poll")), seconds=20)


@pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux (CI installs it with apt-get)")
@pytest.mark.e2e
def test_preview_watch_in_a_real_terminal(tmp_path: Path) -> None:
    """The command itself: `workshop preview --watch FILE` in tmux shows a saved change on the same step."""
    module = write_module(tmp_path / "drafts")
    socket = f"workshop-preview-{os.getpid()}"

    def tmux(*args: str) -> str:
        return subprocess.run(["tmux", "-L", socket, *args], capture_output=True, text=True, check=True).stdout

    def wait_screen(text: str, seconds: float = 30) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if text in (shown := tmux("capture-pane", "-p", "-t", "ws")):
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared:\n{tmux('capture-pane', '-p', '-t', 'ws')}")

    command = f"{shlex.quote(sys.executable)} -m workshop preview --watch {shlex.quote(str(module))}"
    tmux("new-session", "-d", "-s", "ws", "-x", "100", "-y", "30", command)
    try:
        wait_screen("Press n to start")
        tmux("send-keys", "-t", "ws", "n")
        wait_screen("(talk)")
        tmux("send-keys", "-t", "ws", "n")
        wait_screen("Which first?")
        module.write_text(module.read_text("utf-8").replace("Which first?", "Which one comes first?"), encoding="utf-8")
        shown = wait_screen("Which one comes first?")
        assert "Pick one" in shown
    finally:
        subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True)
