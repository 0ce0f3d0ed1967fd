"""Drift is computed one way and the agenda table adds up to it: a step skipped (never visited),
a paused step and an extended step, in a session whose minutes are known."""

from __future__ import annotations

from pathlib import Path

from tests import by_name
from tests.report.conftest import START, Clock
from tests.support import polls_plan
from workshop import sessions
from workshop.report import as_markdown
from workshop.report.html import as_html
from workshop.report.render import as_dict


def run(folder: Path) -> sessions.Session:
    """Planned: seven steps of 2 min, 14 min. Run: intro 3 min (+1); pick 1 min of running with
    2 min paused in it (-1, and +2 paused); many extended by 2 and run 4 min (+2 against the
    agenda); fist and dots skipped (-2 each); order 2 min (0); word 1 min (-1). Drift -1 min:
    the session took 13 minutes for 14 planned."""
    clock = Clock()
    path = sessions.create(polls_plan(), folder, "drift", "Sam", clock=clock, code="ABCDEF")
    s = sessions.Session.open(path, clock)
    s.start()
    clock.at(180)
    s.next()  # pick
    by_name.vote(s, "Ana", ["1"])
    clock.at(200)
    s.pause()
    clock.at(320)
    s.resume()
    clock.at(360)
    s.next()  # many
    s.extend(2)
    clock.at(600)
    s.goto("order")  # fist and dots are never visited
    clock.at(720)
    s.next()  # word
    clock.at(780)
    s.end()
    return s


def agenda_table(md: str) -> list[list[str]]:
    table = md.split("## Agenda", 1)[1].split("\n\n", 2)[1]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in table.splitlines()[2:]]


def test_drift_is_the_total_of_the_agenda_tables_differences(tmp_path: Path) -> None:
    state = run(tmp_path).state()
    data = as_dict(state)
    assert state.drift == -60
    assert state.drift == (state.ended - state.started) - sum(s.planned for s in state.steps)
    rows = agenda_table(as_markdown(state))
    differences = {row[0] or row[1]: row[5] for row in rows}
    assert differences == {
        "polls/intro": "+1.0",
        "polls/pick": "-1.0",
        "polls/many": "+2.0",
        "polls/fist": "-2.0",
        "polls/dots": "-2.0",
        "polls/order": "+0.0",
        "polls/word": "-1.0",
        "paused": "+2.0",
        "**total**": "-1.0",
    }
    assert sum(float(v) for k, v in differences.items() if k != "**total**") == -1.0
    assert [row[3] for row in rows if row[0] == "polls/many"] == ["+2"]  # the extension, in its own column
    assert sum(s["difference_seconds"] for s in data["steps"]) + data["session"]["paused_seconds"] == state.drift
    assert "Drift: 1.0 min ahead of schedule" in as_markdown(state)
    html = as_html(state)
    assert '<td class="num">-1.0</td></tr></tfoot>' in html and "1.0 min ahead of schedule" in html


def test_the_report_says_when_who_and_counts_in_words(tmp_path: Path) -> None:
    state = run(tmp_path).state()
    md = as_markdown(state)
    assert f"{START:%Y-%m-%d}, 09:00–09:13 UTC, facilitated by Sam; ended, 1 participant," in md
    assert "single, closed, 1 ballot;" in md and "- Coaching: 1 vote " in md and "- Planning: 0 votes" in md
    assert "1 participant, " in as_html(state) and "1 ballot;" in as_html(state)


def test_a_live_session_counts_a_step_to_come_as_nothing_yet(tmp_path: Path) -> None:
    clock = Clock()
    path = sessions.create(polls_plan(), tmp_path, "live", "Sam", clock=clock, code="ABCDEF")
    s = sessions.Session.open(path, clock)
    s.start()
    clock.at(60)
    state = s.state()  # a minute into a 2-minute intro: on time, whatever comes after
    assert state.drift == 0 and "| polls/word | One word | 2.0 |  | – |  |" in as_markdown(state)
