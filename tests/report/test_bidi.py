"""Names, notes and answers cannot reorder the report around them: isolated (FSI…PDI) in Markdown
and the terminal, each in a <bdi> in HTML (docs/security.md, "Untrusted text")."""

from __future__ import annotations

import io
import itertools
import re
from html import unescape
from pathlib import Path

import pytest
from hypothesis import given, settings
from rich.console import Console

from tests import by_name
from tests.bidi import FSI, PDI, RLO, in_order
from tests.cli.test_hostile_text import drawn
from tests.engine.test_text import TYPED, isolates_nest
from tests.support import polls_plan
from workshop import sessions
from workshop.engine import bidi
from workshop.report import compare, compare_tables
from workshop.report.html import as_html
from workshop.report.markdown import as_markdown
from workshop.tui.widgets.results import Results

RTL_NAME = "דנה כהן"
OPEN_OVERRIDE = RLO + "an override left open"
_names = itertools.count()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("sessions")


def session(folder: Path) -> sessions.Session:
    live = sessions.Session.open(sessions.create(polls_plan(), folder, f"b{next(_names)}"))
    live.start()
    return live


def answered(folder: Path, answer: str = OPEN_OVERRIDE) -> sessions.Session:
    """Notes and a text answer from a right-to-left name, each leaving an override open."""
    live = session(folder)
    live.note(RTL_NAME, OPEN_OVERRIDE, action=True)
    live.note("Bo", "plain")
    live.goto("word")
    by_name.vote(live, RTL_NAME, [answer])
    return live


def tail_in_order(line: str, tail: str) -> bool:
    assert line.endswith(tail), (line, tail)
    return in_order(line, len(line) - len(tail), len(line))


@settings(max_examples=30, deadline=None, database=None)
@given(
    name=TYPED.filter(lambda t: any(ch.isalnum() for ch in t) and "anonymous" not in t.casefold()),
    note=TYPED.filter(drawn),  # a note of only bidi controls or spaces draws nothing: refused as empty
)
@pytest.mark.slow
def test_no_name_or_note_reorders_the_markdown_after_it(folder: Path, name: str, note: str) -> None:
    live = session(folder)
    live.note(name, note, action=True)
    md = as_markdown(live.state())
    action = md.split("## Action items\n\n", 1)[1].split("\n", 1)[0]
    assert action.startswith("- ") and tail_in_order(action, ", on Intro")
    line = next(line for line in md.split("## Notes", 1)[1].split("\n") if line.startswith("- "))
    assert tail_in_order(line, " **(action)**")
    for shown in re.findall(f"{FSI}.*{PDI}", line):
        assert isolates_nest(shown)


def test_plain_text_reports_are_unchanged(folder: Path) -> None:
    live = session(folder)
    live.note("Bo", "plain words, (brackets) and 12 digits", action=True)
    md = as_markdown(live.state())
    assert FSI not in md and PDI not in md
    assert "- Bo: plain words, \\(brackets\\) and 12 digits **(action)**" in md


def test_a_markdown_poll_row_is_not_reordered_by_its_answer(folder: Path) -> None:
    polls = as_markdown(answered(folder).state()).split("## Polls", 1)[1].split("## Notes", 1)[0]
    row = next(line for line in polls.splitlines() if "override left open" in line)
    assert tail_in_order(row, ": 1 answer " + "█" * 20)


def test_every_participant_string_in_html_is_in_a_bdi(folder: Path) -> None:
    page = as_html(answered(folder).state())
    isolated = [unescape(inner) for inner in re.findall(r"<bdi>(.*?)</bdi>", page, re.S)]
    for typed in (RTL_NAME, OPEN_OVERRIDE, "Bo", "plain"):  # names, notes, the answer
        shown = [inner for inner in isolated if inner.replace("\u202c", "") == typed]
        assert shown, typed
    for name in (RTL_NAME, "Bo"):  # every time a name is shown, it is in a <bdi>
        assert page.count(f">{name}<") == page.count(f"<bdi>{name}</bdi>") > 0, name
    assert "<bdi>plain</bdi>" in page  # harmless, and unchanged, for left-to-right text
    for inner in isolated:  # a <bdi> is an isolate: what is inside closes what it opens
        line = "x" + FSI + inner + PDI + " after"
        assert isolates_nest(inner) and tail_in_order(line, " after")


def test_compared_answers_cannot_reorder_their_rows(folder: Path) -> None:
    data = compare.compare([answered(folder).state(), answered(folder, "plain answer").state()])
    md = compare_tables.as_markdown(data)
    row = next(line for line in md.splitlines() if "override left open" in line)
    assert tail_in_order(row, row[row.index(PDI) + 1 :])
    page = compare_tables.as_html(data)
    assert f"<td><bdi>{OPEN_OVERRIDE}\u202c</bdi></td>" in page and "<td><bdi>plain answer</bdi></td>" in page
    out = io.StringIO()
    Console(file=out, width=200, color_system=None).print(compare_tables.as_rich(data))
    row = next(line for line in out.getvalue().splitlines() if "override left open" in line)
    assert tail_in_order(row, row[row.index(PDI) + 1 :])


def test_the_terminal_tally_isolates_answers(folder: Path) -> None:
    view = answered(folder).state().polls["polls/word"]
    out = io.StringIO()
    Console(file=out, width=100, color_system=None).print(Results(view.tally))
    row = next(line for line in out.getvalue().splitlines() if "override left open" in line)
    assert bidi.isolate(OPEN_OVERRIDE) in row and tail_in_order(row, row[row.index(PDI) + 1 :])
