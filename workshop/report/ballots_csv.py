"""The counted ballots as CSV, one row each, for spreadsheets and scripts.

Only ballots the engine counts appear: a replaced ballot, one cast before a reset, and one that
came late or broke the poll's rules do not. `value` is the ballot as a JSON array, so a list
round-trips exactly (`json.loads`). A text cell that a spreadsheet would run as a formula
(starting with = + - @, a tab or a carriage return) gets a leading `'`, and so does one that
already starts with `'`: drop one leading `'` to read the original back (see `unguard`).
"""

from __future__ import annotations

import csv
import io
import json

from workshop.engine.views import SessionState
from workshop.report.render import iso_time

HEADER = ("session", "poll", "kind", "participant", "value", "at")
_GUARDED = ("=", "+", "-", "@", "\t", "\r", "'")


def guard(cell: str) -> str:
    return "'" + cell if cell.startswith(_GUARDED) else cell


def unguard(cell: str) -> str:
    return cell[1:] if cell.startswith("'") else cell


def as_csv(state: SessionState) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for view in state.polls.values():
        for ballot in view.ballots:
            # an anonymous ballot has no name: its per-poll token keeps ballots apart
            who = ballot.participant if view.poll.anonymous else (ballot.name or ballot.participant)
            writer.writerow(
                (
                    guard(state.id),
                    view.qid,
                    view.poll.vote,
                    guard(who),
                    json.dumps(list(ballot.value), ensure_ascii=False),
                    iso_time(ballot.at),
                )
            )
    return out.getvalue()
