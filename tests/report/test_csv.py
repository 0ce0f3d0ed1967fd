"""The CSV of ballots: one row per counted ballot, and nothing the engine did not count."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

from tests.report.conftest import HOSTILE_ANSWER, HOSTILE_NAME, START, build
from workshop.report.ballots_csv import HEADER, as_csv, guard, unguard


def rows(text: str) -> list[dict[str, str]]:
    reader = csv.reader(io.StringIO(text))
    header = next(reader)
    assert tuple(header) == HEADER
    return [dict(zip(header, row, strict=True)) for row in reader]


def test_the_rows_are_exactly_the_counted_ballots(tmp_path: Path) -> None:
    state = build(tmp_path, "a").session.state()
    got = [
        (
            r["session"],
            r["poll"],
            r["kind"],
            unguard(r["participant"]),
            tuple(json.loads(r["value"])),
            dt.datetime.fromisoformat(r["at"]).timestamp(),
        )
        for r in rows(as_csv(state))
    ]
    counted = [
        (state.id, v.qid, v.poll.vote, b.participant if v.poll.anonymous else b.name, b.value, float(int(b.at)))
        for v in state.polls.values()
        for b in v.ballots
    ]
    assert got == counted


def test_replaced_reset_and_late_ballots_are_left_out(tmp_path: Path) -> None:
    built = build(tmp_path, "a")
    by_poll: dict[str, list[tuple[str, list]]] = {}
    for r in rows(as_csv(built.session.state())):
        by_poll.setdefault(r["poll"], []).append((unguard(r["participant"]), json.loads(r["value"])))
    # everyone's first pick (Quality) was replaced; Bo's Quality after the close came late
    assert by_poll["polls/pick"] == [(HOSTILE_NAME, ["Coaching"]), ("Bo", ["Coaching"]), ("Cy", ["Coaching"])]
    assert by_poll["polls/many"] == [("Cy", ["Planning"])]  # Bo's came before the reset
    assert by_poll["polls/word"] == [(HOSTILE_NAME, [HOSTILE_ANSWER]), ("Bo", ["=SUM(A1:A9)"])]


def test_anonymous_ballots_carry_their_token_never_a_name(tmp_path: Path) -> None:
    built = build(tmp_path, "a")
    text = as_csv(built.session.state())
    fist = [r for r in rows(text) if r["poll"] == "polls/fist"]
    assert [json.loads(r["value"]) for r in fist] == [[3], [4], [5]]
    people = {HOSTILE_NAME, "Bo", "Cy", *built.tokens.values()}
    assert not {r["participant"] for r in fist} & people
    assert len({r["participant"] for r in fist}) == 3


def test_times_are_iso_utc(tmp_path: Path) -> None:
    first = rows(as_csv(build(tmp_path, "a").session.state()))[0]
    assert first["at"] == (START + dt.timedelta(seconds=170)).isoformat()


def test_cells_a_spreadsheet_would_run_are_guarded_and_come_back() -> None:
    for cell in ("=SUM(A1)", "+1", "-1", "@x", "'quoted", "\tx"):
        assert guard(cell).startswith("'") and unguard(guard(cell)) == cell
    for cell in ("Ana", "<b>", ""):
        assert guard(cell) == cell and unguard(guard(cell)) == cell


def test_a_session_with_no_ballots_is_just_the_header(tmp_path: Path) -> None:
    from tests.support import polls_plan
    from workshop import sessions

    path = sessions.create(polls_plan(), tmp_path, "empty", code="ABCDEF")
    assert as_csv(sessions.Session.open(path).state()) == ",".join(HEADER) + "\n"
