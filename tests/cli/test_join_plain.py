"""`workshop join --plain`, driven by a script on its standard input as a screen-reader user
would type: the whole agenda (a poll of each kind, a note), one sentence a line, and a journal
that is the one the same actions write through `workshop vote` and `workshop note`."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from pathlib import Path
from queue import Empty, Queue

import pytest

from tests.support import polls_plan
from tests.tui.conftest import cli
from workshop import sessions
from workshop.journal import store

# (step, what the participant types, what `workshop vote` is given for the same ballot)
AGENDA = [
    ("pick", "vote 2", ["2"]),
    ("many", "vote 1 3", ["1", "3"]),
    ("fist", "vote 4", ["4"]),
    ("dots", "vote 1=3 3=2", ["1=3", "3=2"]),
    ("order", "vote 2 1 4 3", ["2", "1", "4", "3"]),
    ("word", "vote More coaching, please", ["More", "coaching,", "please"]),
]
NOTE = "Can we get [bold]the[/] rota earlier?"
COLOUR_OR_CURSOR = re.compile(r"\x1b|\r")


class Plain:
    """`workshop join --plain` in its own process; its transcript read line by line."""

    def __init__(self, path: Path, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "workshop", "join", str(path), "--plain"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        self.lines: Queue[str] = Queue()
        self.transcript: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)

    def type(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def hear(self, start: str, seconds: float = 20) -> str:
        """The next line that starts with `start` (the lines before it are kept, too)."""
        while True:
            try:
                line = self.lines.get(timeout=seconds)
            except Empty:
                pytest.fail(f"never heard {start!r}; transcript so far:\n" + "".join(self.transcript))
            self.transcript.append(line)
            if line.startswith(start):
                return line.rstrip("\n")


def comparable(path: Path) -> list[dict]:
    """The journal's events without times and signatures, and with tokens and ids numbered by
    first appearance (they are random); joins apart, since `vote` joins a name at its first
    ballot, and presence apart, since only a screen says it is here."""
    names: dict[str, str] = {}

    def same(value: object) -> object:
        if isinstance(value, str) and re.fullmatch(r"[0-9a-f]{8,16}", value):
            return names.setdefault(value, f"id{len(names)}")
        return value

    unsigned = ("at", "sig", "nonce", "prev", "seen", "since", "crc")  # the signature, its chain, the checksum
    events = [{k: same(v) for k, v in e.items() if k not in unsigned} for e in store.load(path).events]
    return [e for e in events if e["type"] not in ("join", "present", "leave")]


@pytest.mark.e2e
def test_a_whole_agenda_by_plain_lines_writes_what_vote_and_note_write(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state")}
    plain_path = sessions.create(polls_plan(), tmp_path / "s", "plain", "Sam", code="TEST42")
    cli_path = sessions.create(polls_plan(), tmp_path / "s", "cli", "Sam", code="TEST42")
    facilitator = sessions.Session.open(plain_path)
    facilitator.start()
    ana = Plain(plain_path, env)
    ana.hear("Joining Every kind of poll.")
    ana.type("test42")
    ana.hear("Your name")
    ana.type("Ana")
    ana.hear("You joined as Ana.")
    ana.hear("Now: Every kind of poll, Intro, 2 minutes. Welcome.")
    ana.type(f"note {NOTE}")
    ana.hear("Your note is recorded.")
    for number, (step, typed, _) in enumerate(AGENDA):
        facilitator.goto(step)
        if number:
            assert (
                ana.hear("Poll closed: ")
                == "Poll closed: " + facilitator.state().polls[f"polls/{AGENDA[number - 1][0]}"].poll.question
            )  # the facilitator moved on
        opened = ana.hear("Poll open: ")
        ana.type(typed)
        ana.hear("Your ballot is recorded")
        if step == "pick":
            assert opened == (
                "Poll open: Which first? single, 3 options: 1 Coaching, 2 Planning, 3 Quality. "
                "Type vote and one number, like: vote 2."
            )
            ana.type("vote 7")
            assert ana.hear("Sorry: ").startswith("Sorry: ballot refused: no option '7'")
            facilitator.poll_action("reveal")
            assert ana.hear("Results for ") == (
                "Results for Which first? 1 ballot. Coaching: 0 votes, 0%; "
                "Planning: 1 vote, 100%; Quality: 0 votes, 0%."
            )
    facilitator.end()
    ana.hear("The session has ended.")
    assert ana.process.wait(timeout=20) == 0
    assert not COLOUR_OR_CURSOR.search("".join(ana.transcript))

    # the same actions through `workshop vote` and `workshop note`
    driver = sessions.Session.open(cli_path)
    driver.start()
    assert cli("note", str(cli_path), "--name", "Ana", NOTE).returncode == 0
    for step, _, given in AGENDA:
        driver.goto(step)
        done = cli("vote", str(cli_path), "--name", "Ana", *given)
        assert done.returncode == 0, done.stderr
        if step == "pick":
            driver.poll_action("reveal")
    driver.end()
    assert comparable(plain_path) == comparable(cli_path)
    joins = [[e["name"] for e in store.load(p).events if e["type"] == "join"] for p in (plain_path, cli_path)]
    assert joins == [["Ana"], ["Ana"]]


@pytest.mark.e2e
async def test_a_screen_reader_in_the_room_counts_in_the_facilitators_here(tmp_path: Path) -> None:
    """`join --plain` says it is here as a screen does: the facilitator's "N here" counts it while
    it runs, and not once it has left; a poll it voted on is everyone's, so the facilitator's cue
    that everyone here has voted is right."""
    from tests.tui.conftest import screen_text, wait_for
    from workshop.tui.facilitator import make_app

    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state")}
    path = sessions.create(polls_plan(), tmp_path / "s", "here", "Sam", code="TEST42")
    live = sessions.Session.open(path)
    live.start()
    live.goto("pick")
    app = make_app(path, bell=False)
    async with app.run_test(size=(120, 40)) as pilot:
        assert "0 here" in screen_text(app)
        ana = Plain(path, env)
        ana.hear("Joining ")
        ana.type("TEST42")
        ana.hear("Your name")
        ana.type("Ana")
        ana.hear("You joined as Ana.")
        await wait_for(pilot, lambda: "1 here" in screen_text(app), 20)
        ana.type("vote 1")
        ana.hear("Your ballot is recorded")
        await wait_for(pilot, lambda: "everyone has voted" in screen_text(app), 20)
        ana.type("quit")
        assert ana.process.wait(timeout=20) == 0
        await wait_for(pilot, lambda: "0 here" in screen_text(app), 20)
