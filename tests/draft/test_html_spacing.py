"""Spacing between HTML elements that touch (no whitespace between them in the source): block-level
neighbours are separate words or lines, inline ones keep exactly the source's spacing, whether the
HTML is a block of its own, inside a Markdown paragraph, or a page's byline element."""

from __future__ import annotations

import pytest

from workshop.draft import parse


def _texts(markdown: str) -> list[str]:
    return [b.text for b in parse.markdown(markdown)[0]]


@pytest.mark.parametrize(
    "html",
    [
        "Rota notes: <div>Lock the breaks</div><div>before the shifts</div> each week.",
        "Rota notes: <p>Lock the breaks</p><p>before the shifts</p> each week.",
        "Rota notes: <span>Lock the breaks</span><section>before the shifts</section> each week.",
    ],
)
def test_block_elements_that_touch_inside_a_paragraph_are_separate_words(html: str) -> None:
    text = " ".join(_texts(f"# Rota\n\n{html}\n"))
    assert "breaksbefore" not in text
    assert "Lock the breaks before the shifts each week." in text


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<span>Lock the</span><span>breaks</span> first.", "Lock thebreaks first."),
        ("<span>Lock the</span> <span>breaks</span> first.", "Lock the breaks first."),
        ("<em>Lock</em><strong>ed</strong> breaks <a href='x'>first</a>.", "Locked breaks first."),
        ("Lock<img src='x.png' alt=''>ed breaks first.", "Locked breaks first."),
    ],
)
def test_inline_elements_keep_the_sources_spacing(html: str, expected: str) -> None:
    for markdown in (f"Rota notes.\n\n{html}\n", f"<p>{html}</p>\n"):
        assert _texts(markdown)[-1] == expected, markdown


def test_a_byline_element_with_block_children_keeps_its_parts_apart() -> None:
    page = (
        '<html><body><div class="author-card"><div>Rosa Quintero</div><div>5 min read</div></div>'
        "<h1>Calm Queues</h1><h2>Breaks</h2><p>Breaks go in first.</p><h2>Peaks</h2><p>Peaks repeat.</p>"
        "</body></html>"
    )
    _, meta = parse.html(page)
    assert "Quintero5" not in meta["byline"]
    assert meta["byline"].startswith("Rosa Quintero") and meta["byline"].endswith("5 min read")
