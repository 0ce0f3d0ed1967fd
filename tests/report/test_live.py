"""Reports of a live session: exported while participants still vote, they read a consistent
prefix of the journal and never get in the writers' way."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.support import polls_plan
from workshop import sessions

VOTER = """
import sys, time
from pathlib import Path
from workshop import sessions
path = Path(sys.argv[1])
for i in range(120):
    s = sessions.Session.open(path)
    s.vote_as(s.person(f"voter {i}"), [["Coaching", "Planning", "Quality"][i % 3]])
    time.sleep(0.03)  # a room voting over a few seconds, while reports are taken
"""


@pytest.mark.e2e
def test_reports_during_voting_see_a_growing_whole_prefix(tmp_path: Path) -> None:
    path = sessions.create(polls_plan(), tmp_path, "live")
    live = sessions.Session.open(path)
    live.start()
    live.goto("many")  # a live-reveal poll, so the JSON tally shows every ballot
    voter = subprocess.Popen([sys.executable, "-c", VOTER, str(path)])
    counts = []
    while voter.poll() is None or not counts:
        done = subprocess.run(
            [sys.executable, "-m", "workshop", "report", str(path), "--format", "json"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0 and done.stderr == ""
        poll = next(p for p in json.loads(done.stdout)["polls"] if p["id"] == "polls/many")
        counts.append(poll["ballots"])
    assert voter.wait(60) == 0
    assert counts == sorted(counts)  # never a ballot lost and found again
    assert any(0 < c < 120 for c in counts)  # reports were taken while the voting went on
    tomllib.loads(path.read_text("utf-8"))
    final = sessions.Session.open(path).state().polls["polls/many"]
    assert len(final.ballots) == 120 and len(final.ballots) >= counts[-1]
