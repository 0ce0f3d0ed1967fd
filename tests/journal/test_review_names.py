"""A hostile review of the names (issues 23 and 24): a note, a ballot or a join that passes for
a joined person's or for the facilitator's. Written to fail on the code as reviewed."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests import by_name
from tests.journal import hand
from tests.journal.recorded import Ticking, record
from tests.support import polls_plan
from workshop import sessions
from workshop.cli import app
from workshop.engine import lookalikes

LATE = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)


def _report(path: Path) -> dict:
    result = CliRunner().invoke(app, ["report", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _reads_as_facilitator(name: str) -> bool:
    return lookalikes.reads_as(unicodedata.normalize("NFKC", name), "facilitator")


def test_a_name_carried_before_its_person_joins_is_not_theirs(tmp_path: Path) -> None:
    """`People.carried` refuses a carried name only if someone *already* joined with it: a note and
    a ballot appended under a made-up token and the name "Ana" before Ana arrives are shown as
    Ana's once she has joined, beside her own; the poll counts two ballots for "Ana"."""
    path = sessions.create(polls_plan(), tmp_path, "s", "Sam", clock=Ticking(), code="TEST42")
    live = sessions.Session.open(path, Ticking())
    live.start()
    live.goto("pick")
    hand.append(
        path,
        hand.block(
            {
                "type": "note",
                "at": LATE,
                "note": "0badc0de",
                "step": "polls/pick",
                "author": "abcdefabcdef",
                "name": "Ana",
                "text": "Cancel the coaching budget",
            }
        ),
        hand.block(
            {
                "type": "ballot",
                "at": LATE,
                "poll": "polls/pick",
                "participant": "abcdefabcdef",
                "value": ["Quality"],
                "name": "Ana",
            }
        ),
    )
    live = sessions.Session.open(path, Ticking())
    by_name.vote(live, "Ana", ["Coaching"])  # the real Ana joins now, on any channel
    live.note("Ana", "my own note")
    state = sessions.Session.open(path).state()
    assert [b.name for b in state.polls["polls/pick"].ballots].count("Ana") == 1
    notes = {n["text"]: n["author"] for n in _report(path)["notes"]}
    assert notes["my own note"] == "Ana"
    assert notes.get("Cancel the coaching budget") != "Ana"


@pytest.mark.parametrize(
    "name",
    [
        "\uff46\uff41\uff43\uff49\uff4c\uff49\uff54\uff41\uff54\uff4f\uff52",  # fullwidth: NFKC makes it "facilitator"
        "\U0001d5bf\U0001d5ba\U0001d5bc\U0001d5c2\U0001d5c5\U0001d5c2\U0001d5cd\U0001d5ba\U0001d5cd\U0001d5c8\U0001d5cb",
        "faci\u217citator",  # SMALL ROMAN NUMERAL FIFTY for the l
        "The Facilitator",  # text.name keeps it; participant_name refuses it (it holds the word)
        "faci1itator",  # read as facilitator by participant_name, 1 as l
    ],
    ids=["fullwidth", "math-sans", "roman-l", "the-facilitator", "digit-one"],
)
def test_a_hand_written_join_cannot_read_as_the_facilitator(tmp_path: Path, name: str) -> None:
    """The reader checks a join's name with `readable_name` and `name_key(..) not in reserved`,
    weaker than the writer's `participant_name`: no NFKC (so a fullwidth or mathematical
    "facilitator" is not the word to it) and no `reads_as`. Such a join and its note are
    folded, and the report shows the note under a name that reads as the facilitator."""
    path = record(tmp_path)
    hand.append(
        path,
        hand.block({"type": "join", "at": LATE, "participant": "0a0a0a0a0a0a", "name": name}),
        hand.block(
            {
                "type": "note",
                "at": LATE,
                "note": "0a0a0a0a",
                "step": "polls/order",
                "author": "0a0a0a0a0a0a",
                "name": name,
                "text": "Time is up: please leave now.",
            }
        ),
    )
    authors = [n["author"] for n in _report(path)["notes"] if n["text"].startswith("Time is up")]
    assert not any(map(_reads_as_facilitator, authors)), authors


def test_a_hand_written_join_in_fullwidth_is_not_a_second_ana(tmp_path: Path) -> None:
    """The same gap: "Ａｎａ" (what the writer stores as "Ana") has its own `name_key`, so the
    reader folds it as a second participant who looks like Ana."""
    path = record(tmp_path)
    hand.append(
        path, hand.block({"type": "join", "at": LATE, "participant": "0a0a0a0a0a0a", "name": "\uff21\uff4e\uff41"})
    )
    names = [p.name for p in sessions.Session.open(path).state().participants]
    keys = [lookalikes.name_key(unicodedata.normalize("NFKC", n)) for n in names]
    assert keys.count("ana") == 1, names


@pytest.mark.parametrize(
    "name",
    [
        "\ua4dd\ua4ee\ua4da\ua4f2\ua4e1\ua4f2\ua4d4\ua4ee\ua4d4\ua4f3\ua4e3",  # Lisu letters drawn "FACILITATOR"
        "\ua4ee\ua4e0\ua4f3\ua4e0\ua4ec\ua4df\ua4f3\ua4f4\ua4e2",  # Lisu letters drawn "ANONYMOUS"
    ],
    ids=["FACILITATOR", "ANONYMOUS"],
)
def test_letters_of_lisu_cannot_spell_a_reserved_word(tmp_path: Path, name: str) -> None:
    """docs/security.md: a name that reads as "facilitator" or "anonymous" is refused "whatever its
    case, width, script". Lisu's capitals (U+A4D0..A4FF) are drawn as Latin capitals and are in
    no table `reads_as` uses: `workshop note` (and every channel: the phone page, a tab) takes
    them, and the note reads as the facilitator's."""
    path = sessions.create(polls_plan(), tmp_path, "s", "Sam", code="TEST42")
    sessions.Session.open(path).start()
    result = CliRunner().invoke(app, ["note", str(path), "The room moves to B12 now.", "--name", name])
    assert result.exit_code == 2, result.output
