"""A Markdown article with a title and no section headings, whose text announces its points ("here are
three habits") and gives each a short line of its own, as text pasted from a document has them: those
lines are its points, as in plain text; without the announcement they stay paragraphs."""

from __future__ import annotations

from workshop.content import document, schema
from workshop.draft import draft_bytes

LINES = ["Breathe before answering", "Ask what the customer wants", "Decide and write it down"]
TEXT = [
    "When an agent escalates in a panic, the supervisor's first job is to lower the temperature.",
    "Often the agent has not asked, and the answer is simpler than the escalation suggests.",
    "A decision that lives only in a conversation will be made again tomorrow, by someone else.",
]


def _article(intro: str) -> str:
    body = "".join(f"{line}\n\n{text}\n\n" for line, text in zip(LINES, TEXT, strict=True))
    return f"# Calm Supervisors\n\n{intro}\n\n{body}"


def _discussed(text: str, name: str) -> list[str]:
    drafted = draft_bytes(text.encode(), name)
    return [
        s.title for s in schema.check_module(document.parse(drafted.encode(), "d.toml")).steps if s.kind == "discuss"
    ]


def test_announced_short_lines_in_markdown_are_the_points() -> None:
    text = _article("Calm supervisors are made, not born. Here are three habits they share.")
    assert _discussed(text, "calm.md") == LINES
    assert _discussed(text, "calm.txt") == LINES  # a heading mark makes a .txt Markdown too


def test_without_an_announcement_the_lines_stay_paragraphs() -> None:
    assert _discussed(_article("Calm supervisors are made, not born."), "calm.md") != LINES
