"""After the room, on the screens: D records a consent poll's proposal as a decision in one key
(and any other decision through a dialog); in a follow-up, R reviews a carried action, the review
panel shows where each stands, and replay shows each review when it came."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import by_name
from tests.tui.conftest import FakeClock, screen_text, text_of
from tests.tui.test_decisions import deciding  # noqa: F401 - the fixture: a session on a consent poll
from workshop import sessions
from workshop.sessions.followup import followup
from workshop.tui.facilitator import make_app
from workshop.tui.replay import make_app as make_replay
from workshop.tui.widgets.poll import PollPanel
from workshop.tui.widgets.review import ReviewPanel


@pytest.mark.slow
async def test_d_records_a_consent_poll_s_proposal_in_one_key(deciding: Path, clock: FakeClock) -> None:  # noqa: F811
    live = sessions.Session.open(deciding, clock)
    for name, value in (("Ana", "3"), ("Bo", "4")):
        by_name.vote(live, name, [value])
    live.note_as(None, "Book the WFM review", owner="Ana", due="2026-12-15")
    app = make_app(deciding, clock=clock, bell=False, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        assert "Consent: D records the proposal as a decision" in text_of(app.query_one(PollPanel))
        await pilot.press("D")
        await pilot.pause()
        (decision,) = app.session.state().record.decisions
        assert (decision.id, decision.text, decision.polls) == (
            "d1",
            "Can you live with the proposal?",
            ("decide/agree",),
        )
        assert [n.text for n in app.session.state().notes if n.id in decision.actions] == ["Book the WFM review"]
        assert decision.evidence[0].endswith("Consent ✓ 2 of 2 at 3 or more")
        assert "Recorded as decision d1" in text_of(app.query_one(PollPanel))
        assert any(str(n.message).startswith("Decision d1 recorded: “Can you live") for n in app._notifications)
        assert app.session.state().poll.status == "closed"  # the tally stays as the decision quotes it
        await pilot.press("n")  # a step whose poll nobody has voted on: the words are typed
        await pilot.pause()
        await pilot.press("D")
        await pilot.pause()
        await pilot.press(*"We start with coaching", "enter")
        await pilot.pause()
        second = app.session.state().record.decisions[1]
        assert (second.id, second.text, second.polls, second.step) == (
            "d2",
            "We start with coaching",
            (),
            "decide/pick",
        )


@pytest.mark.slow
async def test_r_reviews_a_carried_action_and_replay_shows_each_review_when_it_came(
    deciding: Path,  # noqa: F811 - the fixture imported above
    clock: FakeClock,
) -> None:
    first = sessions.Session.open(deciding, clock)
    first.note_as(None, "Book the WFM review", owner="Ana", due="2026-12-15")
    first.note_as(None, "Share the slides", owner="Bo")
    first.decide("We book the review", [], None)
    first.end()
    clock.advance(60)
    path, *_ = followup(first, deciding.parent, "again", clock=clock)
    live = sessions.Session.open(path, clock)
    live.start()
    app = make_app(path, clock=clock, bell=False, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = text_of(app.query_one(ReviewPanel))
        assert "0 done · 0 blocked · 0 dropped · 2 open" in panel
        assert "○ open    Book the WFM review · Ana · due 2026-12-15" in panel
        clock.advance(30)
        await pilot.press("R")
        await pilot.pause()
        await pilot.press("enter")  # the first open action
        await pilot.pause()
        await pilot.press(*"blocked")
        await pilot.pause()
        assert "say what blocks it" in screen_text(app)  # read as typed, before anything is written
        await pilot.press(*" waiting for IT", "enter")
        await pilot.pause()
        panel = text_of(app.query_one(ReviewPanel))
        assert "■ blocked Book the WFM review · Ana · due 2026-12-15: waiting for IT (by facilitator)" in panel
    clock.advance(30)
    live.review(live.state().record.carried[1].note, "done")
    replay = make_replay(path, watch=False, wall=lambda: clock().timestamp() + 3600)
    async with replay.run_test(size=(120, 40)) as pilot:
        seen = []
        for _ in range(len(replay.main.replay.events)):
            await pilot.press("full_stop")
            await pilot.pause()
            panel = replay.query_one(ReviewPanel)
            seen.append(text_of(panel).splitlines()[0] if panel.display else "")
        said = [line for n, line in enumerate(seen) if line and line != seen[n - 1]]
        assert said == [
            "0 done · 0 blocked · 0 dropped · 2 open",
            "0 done · 1 blocked · 0 dropped · 1 open",
            "1 done · 1 blocked · 0 dropped · 0 open",
        ]
        assert "R: mark one" not in text_of(replay.query_one(ReviewPanel))  # replay has no keys
