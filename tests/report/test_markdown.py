"""The Markdown report carries what the HTML one does: action items first, the agenda with
planned and actual minutes and drift, every poll's results, notes per step."""

from __future__ import annotations

from pathlib import Path

from tests.report.conftest import build
from workshop.report import as_markdown


def test_sections_in_order_with_the_numbers(tmp_path: Path) -> None:
    md = as_markdown(build(tmp_path, "a").session.state())
    heads = [md.index(h) for h in ("## Action items", "## Agenda", "## Polls", "## Notes")]
    assert heads == sorted(heads)
    assert "3 participants" in md
    assert "| polls/intro | Intro | 2.0 |  | 2.5 | +0.5 |" in md
    assert "Drift: " in md
    assert "- Coaching: 3 votes" in md
    assert "- mean 4.0, median 4" in md
    assert "- Trust: 3 points" in md
    assert "- Coaching: 2 dots" in md
    assert "most frequent answers" in md


def test_notes_are_grouped_under_their_step(tmp_path: Path) -> None:
    md = as_markdown(build(tmp_path, "a").session.state())
    notes = md.split("## Notes", 1)[1]
    intro, word = notes.index("### Intro"), notes.index("### One word")
    assert intro < notes.index(r"\[@click=app\.quit\]x\[/\]") < word < notes.index("Cy: Line one")
    assert "**(action)**" in notes[intro:word]
