"""A line break (`<br>`, `<br/>`, `<br />`, two in a row, or Markdown's hard break: two trailing
spaces or a trailing backslash) is a break within its paragraph or list item, read as a space: the
paragraph stays one block, in a Markdown paragraph, a `<p>` or `<li>` in Markdown, and a saved page."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from workshop.cli import app
from workshop.content import document, schema
from workshop.draft import draft_bytes
from workshop.draft.article import read_article
from workshop.draft.html_markdown import PageMarkdown

BREAKS = ["<br>", "<br/>", "<br />", "<br><br>", "<BR>\n<br>"]
PARAGRAPH = "Step one{br}is to plan the week before the rota is set."
ITEM = "Ask the night lead{br}what went wrong before you change anything."


def _markdown(br: str) -> str:
    return (
        "# Planning the Rota\n\n"
        "The rota decides more than who works: it decides what gets done.\n\n"
        f"{PARAGRAPH.format(br=br)}\n\n"
        f"<p>Step two{br}is to tell the team when the rota is final.</p>\n\n"
        f"<ul><li>{ITEM.format(br=br)}</li><li>Keep one slot free{br}for the unexpected call.</li></ul>\n"
    )


def _page(br: str) -> str:
    return (
        '<!DOCTYPE html><html lang="en"><head><title>Planning the Rota</title></head><body><article>'
        "<h1>Planning the Rota</h1>"
        "<p>The rota decides more than who works: it decides what gets done, and who is left out.</p>"
        f"<p>{PARAGRAPH.format(br=br)} A plan made early leaves room for the people on it.</p>"
        f"<ol><li>{ITEM.format(br=br)}</li><li>Keep one slot free{br}for the unexpected call.</li>"
        "<li>Tell the team{br}when the rota is final.</li></ol>".replace("{br}", br)
        + "</article></body></html>"
    )


@pytest.mark.parametrize("br", BREAKS)
def test_a_br_in_markdown_and_its_html_keeps_the_paragraph_one_block(br: str) -> None:
    texts = [(b.kind, b.text) for b in read_article(_markdown(br).encode(), "rota.md").blocks]
    assert texts == [
        ("para", "The rota decides more than who works: it decides what gets done."),
        ("para", "Step one is to plan the week before the rota is set."),
        ("para", "Step two is to tell the team when the rota is final."),
        ("bullet", "Ask the night lead what went wrong before you change anything."),
        ("bullet", "Keep one slot free for the unexpected call."),
    ]


@pytest.mark.parametrize("br", BREAKS)
def test_a_br_in_a_saved_page_keeps_the_paragraph_and_the_item_one_block(br: str) -> None:
    texts = [b.text for b in read_article(_page(br).encode(), "rota.html").blocks]
    assert (
        "Step one is to plan the week before the rota is set. A plan made early leaves room for the people on it."
    ) in texts
    assert "Ask the night lead what went wrong before you change anything." in texts
    assert "Keep one slot free for the unexpected call." in texts
    assert "Tell the team when the rota is final." in texts
    assert not {"Step one", "Ask the night lead", "Keep one slot free", "Tell the team"} & set(texts)


@pytest.mark.parametrize("hard", ["  \n", "\\\n"])
def test_a_markdown_hard_break_keeps_the_paragraph_one_block(hard: str) -> None:
    text = f"# Planning the Rota\n\nStep one{hard}is to plan the week.\n\n- Ask the night lead{hard}what went wrong.\n"
    texts = [(b.kind, b.text) for b in read_article(text.encode(), "rota.md").blocks]
    assert texts == [("para", "Step one is to plan the week."), ("bullet", "Ask the night lead what went wrong.")]


@pytest.mark.parametrize(
    ("name", "text"), [("rota.md", _markdown("<br><br>")), ("rota.html", _page("<br />"))], ids=["markdown", "page"]
)
def test_a_draft_with_line_breaks_reads_whole_items_and_passes_strict_practice(
    name: str, text: str, tmp_path: Path
) -> None:
    drafted = draft_bytes(text.encode("utf-8"), name)
    module = schema.check_module(document.parse(drafted.encode("utf-8"), "draft.toml"))
    assert module.title == "Planning the Rota"
    discuss = [s.title for s in module.steps if s.kind == "discuss"]
    assert all(not t.endswith(("Ask the night lead", "Keep one slot free", "Step one")) for t in discuss), discuss
    target = tmp_path / "draft.toml"
    target.write_text(drafted, encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", "--practice", "--strict", "--draft", str(target)])
    assert result.exit_code == 0 and "warning" not in result.output, result.output


def test_a_br_in_a_pages_byline_parts_the_name_from_the_date() -> None:
    """A byline element "By NAME<br>DATE" is read as two parts, not "NAME4 March 2024"."""
    page = PageMarkdown('<div class="byline">By Dana Whitfield<br>4 March 2024</div><p>Plan the week.</p>')
    assert page.meta["byline"] == "By Dana Whitfield · 4 March 2024"
