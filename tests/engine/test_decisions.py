"""Decisions and reviews in the fold: only the facilitator's signed decisions count, a review
counts from the facilitator or from the action's owner on the review step only, the minutes say
when the tallies a decision quotes no longer match the ballots, and a follow-up's link to the
session it follows is checked like every header field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests import by_name
from tests.engine.test_consent import MODULE
from workshop import sessions
from workshop.content import document, schema
from workshop.content.model import Agenda, AgendaItem, Plan
from workshop.journal import codec, store
from workshop.report import decisions as minutes
from workshop.sessions.followup import followup

AT = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)


def _plan() -> Plan:
    module = schema.check_module(document.parse(MODULE.encode(), "decide.toml"))
    return Plan(Agenda("decide", "Decide", dt.time(9), (AgendaItem("decide"),)), (module,))


def _append_raw(path: Path, event: dict) -> None:
    """A well-formed, sealed block written by hand, as anyone who can write the file could."""
    with path.open("ab") as handle:
        handle.write(codec.encode({**event, "at": dt.datetime.now(dt.UTC)}))


def _proof(live: sessions.Session) -> minutes.Proof:
    loaded = store.load(live.path)
    return minutes.Proof(live.fold.header["facilitator_key"], minutes.obeyed(loaded.events, live.fold.trust.knows))


@pytest.fixture
def decided(tmp_path: Path) -> sessions.Session:
    live = sessions.Session.open(sessions.create(_plan(), tmp_path / "sessions", "d", "Sam"))
    live.start()
    for name, value in (("Ana", "3"), ("Bo", "4")):
        by_name.vote(live, name, [value])
    live.note_as(None, "Book the WFM review", owner="Ana")
    live.decide("We pilot it", ["agree"], None)
    return live


def test_a_hand_written_decision_amendment_or_carried_action_counts_for_nothing(decided: sessions.Session) -> None:
    path = decided.path
    for forged in (
        {"type": "decision", "decision": "d2", "step": "decide/agree", "text": "We sack everyone"},
        {"type": "decision-amend", "decision": "d1", "text": "We sack everyone"},
        {"type": "decision-withdraw", "decision": "d1"},
        {"type": "carry", "note": "f0f0f0f0", "text": "Pay Mallory", "session": "d"},
    ):
        _append_raw(path, forged)
    live = sessions.Session.open(path)
    state = live.state()
    assert [(d.id, d.text, d.withdrawn) for d in state.record.decisions] == [("d1", "We pilot it", None)]
    assert state.record.carried == ()
    assert [kind for kind, _ in state.forged] == ["decision", "decision-amend", "decision-withdraw", "carry"]
    said = minutes.verification(state, _proof(live))
    assert not said["verified"] and said["not_from_facilitator"] == 4
    assert minutes.sentence(said).startswith("Not verified: 4 event(s) claim to be the facilitator's")


def test_a_review_counts_from_the_owner_only_on_the_review_step(decided: sessions.Session, tmp_path: Path) -> None:
    decided.end()
    path, *_ = followup(decided, tmp_path / "sessions", "again")
    live = sessions.Session.open(path)
    ana, bo = (live.fold.participant_named(n) for n in ("Ana", "Bo"))
    note = live.state().record.carried[0].note
    _append_raw(path, {"type": "review", "note": note, "status": "done", "author": ana})  # before the review step
    live.start()
    _append_raw(path, {"type": "review", "note": note, "status": "dropped", "author": bo})  # not the owner
    _append_raw(path, {"type": "review", "note": note, "status": "done", "author": "facilitator"})  # unsigned
    assert sessions.Session.open(path).state().record.carried[0].status == "open"
    _append_raw(path, {"type": "review", "note": note, "status": "blocked", "author": ana, "comment": "no room"})
    (action,) = sessions.Session.open(path).state().record.carried
    assert (action.status, action.comment, [r.by for r in action.reviews]) == ("blocked", "no room", ["Ana"])


def test_the_minutes_say_when_the_tallies_a_decision_quotes_no_longer_match(decided: sessions.Session) -> None:
    assert minutes.verification(decided.state(), _proof(decided))["verified"]
    decided.poll_action("reopen", "agree")  # after the decision: the tally it quotes can change now
    by_name.vote(decided, "Cy", ["1"])
    said = minutes.verification(decided.state(), _proof(decided))
    assert said["tallies_differ"] == ["d1"] and not said["verified"]
    assert "the tallies decision(s) d1 quote no longer match the ballots in the file" in minutes.sentence(said)


def test_a_deleted_signed_event_is_a_break_the_minutes_report(decided: sessions.Session) -> None:
    text = decided.path.read_text("utf-8")
    blocks = text.split("\n[[events]]\n")
    close = next(i for i, b in enumerate(blocks) if b.startswith('type = "close"'))
    decided.path.write_text("\n[[events]]\n".join(blocks[:close] + blocks[close + 1 :]), "utf-8")
    live = sessions.Session.open(decided.path)
    said = minutes.verification(live.state(), _proof(live))
    assert not said["verified"] and said["chain_breaks"]
    assert "break(s) in the chain of signed events" in minutes.sentence(said)


@pytest.mark.parametrize("follows", ["../elsewhere", "", 7, "a/b"])
def test_a_follow_up_s_link_is_checked_like_every_header_field(tmp_path: Path, follows: object) -> None:
    path = sessions.create(_plan(), tmp_path, "linked", "Sam", follows="first")
    assert store.load(path).header["follows"] == "first"
    text = path.read_text("utf-8").replace('follows = "first"', f"follows = {follows!r}".replace("'", '"'))
    path.write_text(text, "utf-8")
    with pytest.raises(store.JournalError, match="its 'follows' is not what a session header holds there"):
        store.load(path)


def test_the_minutes_count_a_damaged_block(decided: sessions.Session) -> None:
    import json

    from typer.testing import CliRunner

    from workshop.cli import app

    text = decided.path.read_text("utf-8")
    at = text.index('name = "Bo"')  # inside Bo's ballot: its checksum no longer matches
    decided.path.write_text(text[:at] + 'name = "Bx"' + text[at + len('name = "Bo"') :], "utf-8")
    done = CliRunner().invoke(app, ["decisions", str(decided.path), "--format", "json"])
    assert done.exit_code == 0, done.output
    said = json.loads(done.stdout)["verification"]
    assert said["damaged_blocks"] == 1 and not said["verified"]
    assert "; 1 damaged block(s); " in said["sentence"]
