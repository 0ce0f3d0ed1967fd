"""Nothing in the file links an anonymous ballot to a name: not a token, not a name, not a join
written just before it, not its time to the millisecond."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import Workshop
from workshop.journal import store


def test_an_anonymous_ballot_shares_nothing_with_a_named_event(ws: Workshop) -> None:
    path = ws.started_at("pick")
    ws.ok("vote", "s", "--name", "Bo", "2")  # a named ballot, and Bo's join
    ws.ok("control", "s", "goto", "secret")  # an anonymous poll
    ws.ok("vote", "s", "--name", "Ana", "Yes")  # Ana's first act: an anonymous ballot
    ws.ok("vote", "s", "--name", "Bo", "No")
    ws.ok("control", "s", "pause")
    ws.ok("note", "s", "--name", "Ana", "now I have a name here")  # Ana's join comes with this
    events = store.load(Path(path)).events
    anonymous = [(i, e) for i, e in enumerate(events) if e["type"] == "ballot" and e["poll"].endswith("/secret")]
    named = [e for e in events if e["type"] != "ballot" or not e["poll"].endswith("/secret")]
    assert len(anonymous) == 2
    tokens = {str(v) for e in named for k, v in e.items() if k not in ("type", "at")}
    for i, ballot in anonymous:
        assert "name" not in ballot
        assert ballot["participant"] not in tokens  # no token any named event carries
        assert events[i - 1]["type"] != "join" and (i + 1 == len(events) or events[i + 1]["type"] != "join")
        assert ballot["at"].second == 0 and ballot["at"].microsecond == 0  # its time only to the minute
    assert [e["name"] for e in events if e["type"] == "join"] == ["Bo", "Ana"]
    assert ws.rows("secret") == {"Yes": 1, "No": 1, "Unsure": 0}
