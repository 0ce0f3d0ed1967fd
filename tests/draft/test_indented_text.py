"""Text that is not a Markdown file by its name but has Markdown's marks (a `# Title` over paragraphs
indented with a tab or four spaces, as a word processor's plain text has them) keeps its indented
paragraphs as text: they are no code blocks there. A `.md` file keeps CommonMark's indented code."""

from __future__ import annotations

import pytest

from workshop.draft import DraftError, draft_bytes
from workshop.draft.article import read_article

PARAS = [
    "Most agents who leave do so in their first year, for reasons a team lead could have changed.",
    "The first reason is a rota that never settles, so nobody can plan a week of their own life.",
    "The second reason is feeling unheard; a weekly one-to-one that is never cancelled fixes much of it.",
    "The third reason is a pay step that comes too late, after the agent has already started looking.",
]


def _text(indent: str) -> str:
    return "# Keeping Agents Past Their First Year\n\n" + "".join(f"{indent}{p}\n\n" for p in PARAS)


@pytest.mark.parametrize("indent", ["\t", "    ", "  \t"], ids=["tab", "spaces", "mixed"])
@pytest.mark.parametrize("name", ["retention.txt", "retention", "retention.text"])
def test_indented_paragraphs_of_a_text_file_are_its_text(indent: str, name: str) -> None:
    article = read_article(_text(indent).encode(), name)
    assert article.title == "Keeping Agents Past Their First Year"
    assert [b.text for b in article.blocks if b.kind == "para"] == PARAS
    draft_bytes(_text(indent).encode(), name)


def test_a_markdown_file_keeps_indented_code() -> None:
    with pytest.raises(DraftError, match="no article text found besides the title"):
        draft_bytes(_text("    ").encode(), "retention.md")
