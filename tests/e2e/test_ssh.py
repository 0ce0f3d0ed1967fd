"""Participants over ssh with no account to set up (`serve --ssh`): the system's ssh client in
tmux, as people at other machines type it. Two participants join with the code, vote, resize
their windows and quit; a third connection from the same client beyond `--per-address` is
refused in one line."""

from __future__ import annotations

import base64
import hashlib
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.ssh_room import (
    NEEDS,
    WAIT,
    Served,
    join,
    open_window,
    sizes,
    ssh_room,
    tmux,
    until,
    wait_screen,
)

pytestmark = NEEDS


@pytest.fixture
def served(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Served]:
    with ssh_room(tmp_path, getattr(request, "param", ("--per-address", "2"))) as room:
        yield room


def test_two_participants_join_vote_resize_and_quit_and_a_third_is_refused(served: Served) -> None:
    [announced] = served.events("serve")
    assert announced["ssh"] == f"ssh -p {served.ssh_port} join@localhost"
    open_window(served, "ana", 100, 30)
    join(served, "ana", "Ana")
    # the host key ssh accepted is the one the join bar shows
    line = served.known.read_text().split()
    assert hashlib.sha256(base64.b64decode(line[2])).hexdigest() == announced["host_key"]
    open_window(served, "bo", 90, 28)
    join(served, "bo", "Bo", wrong="WRONG1")  # counted as on every way in: this client, over ssh
    assert [(e["channel"], e["client"]) for e in served.events("wrong-code")] == [("ssh", "this machine")]
    assert len(served.apps()) == 2

    # a third connection from this client, beyond --per-address 2: one line, no app
    third = subprocess.run(served.ssh("-tt"), capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=WAIT)
    said = [line for line in (third.stdout + third.stderr).splitlines() if line.strip()]
    assert third.returncode == 1
    assert said[0].strip() == "refused: 2 participant apps are already open from your address", said
    assert all("closed" in line for line in said[1:]), said  # ssh's own "Connection … closed."
    assert len(served.apps()) == 2

    for window, key in (("ana", "Down"), ("bo", "Down Down")):  # Planning, Quality
        for press in key.split():
            tmux("send-keys", "-t", f"room:{window}", press)
            time.sleep(0.3)
        tmux("send-keys", "-t", f"room:{window}", "Enter")
    until(lambda: len(served.events("ballot")) == 2, what="two ballots")
    assert sorted((b["name"], b["value"][0]) for b in served.events("ballot")) == [
        ("Ana", "Planning"),
        ("Bo", "Quality"),
    ]

    # a window resized: the app's terminal follows it and the app lays itself out again
    wait_screen("room:ana", r"Keep it: it brings you back as Ana from any screen\.")  # one line at 100 columns
    tmux("resize-window", "-t", "room:ana", "-x", "60", "-y", "20")
    # cut at 60 columns that line would lose its end; laid out again, it wraps and keeps it
    wait_screen("room:ana", r"from any screen\.")
    assert sizes(served) == {("20", "60"), ("28", "90")}

    # quitting the app ends the connection, and its app is gone
    for window in ("ana", "bo"):
        tmux("send-keys", "-t", f"room:{window}", "C-q")
        wait_screen(f"room:{window}", r"ssh ended")
    until(lambda: not served.apps(), what="the apps ending")
