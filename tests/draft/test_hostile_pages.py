"""A hostile or broken web page never makes the drafter hang: a class name of a few hundred thousand
letters, a style sheet with no braces, a long run of <br>, a list nested hundreds deep are each read
in time that grows with their length, not with its square. A list nested deeper than Markdown keeps
track of still gives its items, and the text after it. Pages written for these tests."""

from __future__ import annotations

import time

import pytest

from workshop.draft import DraftError, draft_bytes
from workshop.draft.html_markdown import PageMarkdown
from workshop.draft.parse import html, markdown

TOP = "<h1>Calm queues</h1><p>A calm queue starts with the rota, read aloud at nine by the team lead.</p>"
AFTER = "<h2>After the list</h2><p>AFTERMARK the rota is pinned beside the kettle.</p>"


def _drafted_in_seconds(page: str) -> None:
    start = time.monotonic()
    try:
        draft_bytes(page.encode(), "queues.html")
    except DraftError:
        pass
    assert time.monotonic() - start < 8  # minutes to hours before


PAGES = {
    # a class or id of one long word: Medium's "-after-" marks were looked for from every letter
    "class": TOP + '<p class="' + "a" * 300_000 + '">Keep the rota short.</p>',
    # a style sheet with no rule in it: its selectors were looked for from every character
    "style": TOP + "<style>" + ".c1 " * 30_000 + "</style><p>Keep the rota short.</p>",
    "selectors": TOP + "<style>" + "," * 60_000 + "{font-weight:700}</style><p>Keep the rota short.</p>",
    # a run of line breaks: each looked back over all the ones before it
    "breaks": TOP + "<p>" + "<br>" * 60_000 + "Keep the rota short.</p>",
    # a list nested thousands deep: each level's items were indented under all the levels above
    "nested": TOP + "<ul><li>level " * 6_000 + "</li></ul>" * 6_000,
}


@pytest.mark.parametrize("page", PAGES.values(), ids=PAGES.keys())
def test_a_hostile_page_is_drafted_in_seconds(page: str) -> None:
    _drafted_in_seconds(page)


@pytest.mark.parametrize("depth", [10, 14, 40])
def test_a_list_nested_deeper_than_markdown_tracks_keeps_its_items_and_what_follows(depth: int) -> None:
    page = TOP + "".join(f"<ul><li>Level {n} item" for n in range(depth)) + "</li></ul>" * depth + AFTER
    blocks, _meta = html(page)
    texts = [b.text for b in blocks]
    assert [f"Level {n} item" for n in range(depth)] == [t for t in texts if t.startswith("Level")]
    assert any(t.startswith("AFTERMARK") for t in texts)
    assert [b.depth for b in blocks if b.text.startswith("Level")][:3] == [0, 1, 2]


@pytest.mark.parametrize(("depth", "indent"), [(10, "  "), (15, "  "), (40, "    "), (300, "  "), (120, "\t")])
def test_a_markdown_list_nested_deep_loses_neither_its_items_nor_the_page_after_it(depth: int, indent: str) -> None:
    """markdown-it gave up at 20 levels of blocks and dropped the rest of the page: a list nested
    ten deep lost its deeper items, the heading after it and its text."""
    page = "# Calm queues\n\nA calm queue starts with the rota.\n\n"
    page += (
        "".join(f"{indent * n}- Level {n} item\n" for n in range(depth)) + "\n## After the list\n\nAFTERMARK kettle.\n"
    )
    blocks, _meta = markdown(page)
    texts = [b.text for b in blocks]
    assert [f"Level {n} item" for n in range(depth)] == [t for t in texts if t.startswith("Level")]
    assert "After the list" in texts and any(t.startswith("AFTERMARK") for t in texts)


BREAKS = {  # as they were read before the run of breaks was made linear
    "<p>Keep the rota<br><br><br>short and <b>plain</b><br> every week.</p>": (
        "\n\nKeep the rota\n  short and **plain**\n every week\\.\n\n"
    ),
    "<ul><li><br>One<br>two</li><li><b>Lead</b><br><br>rest</li></ul>": (
        "\n\n\n\n-  One\ntwo\n\n\n\n- **Lead**\n rest\n\n\n\n"
    ),
    "<h2>Title<br>sub</h2><p><br><br>x<span></span><br><span></span><br>y</p>": (
        "\n\n## Title<br>sub\n\n\n\n  x\n y\n\n"
    ),
    "<p>a <b>b </b><br>c</p>": "\n\na **b** \nc\n\n",
}


@pytest.mark.parametrize(("page", "written"), BREAKS.items())
def test_line_breaks_are_written_as_before(page: str, written: str) -> None:
    assert PageMarkdown(page).text == written
