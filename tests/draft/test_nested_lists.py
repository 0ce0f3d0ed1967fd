"""Nested lists (a bullet or a numbered item with sub-items under it), in Markdown, HTML and plain
text: the parent is the point, its sub-items are the point's detail, each read as its own sentence,
never glued into the parent or into each other, and never points of their own."""

from __future__ import annotations

import pytest

from workshop.content import document, schema
from workshop.draft import draft_bytes
from workshop.draft.article import read_article
from workshop.draft.points import find_points, summary
from workshop.draft.text import sentences

PARENTS = ["Plan the breaks first", "Read last year's peaks", "Publish the rota early"]
CHILDREN = [
    ["Lunch slots go in before the shifts", "Short pauses follow the quiet half hours"],
    ["Pull the weekly curve from the reports", "Mark the public holidays"],
    ["Two weeks ahead at the least", "Swaps are agreed in the team chat"],
]
INTRO = "The week before a peak decides how it goes. Three habits help."


def _markdown(parent: str, child: str, bold: bool = False) -> str:
    lines = [f"# Calmer Peaks\n\n{INTRO}\n"]
    for number, (head, subs) in enumerate(zip(PARENTS, CHILDREN, strict=True), start=1):
        mark = parent.format(n=number)
        lines.append(f"{mark} {'**' + head + '**' if bold else head}")
        lines += [f"{' ' * len(mark + ' ')}{child.format(n=i)} {sub}" for i, sub in enumerate(subs, start=1)]
    return "\n".join(lines) + "\n"


def _html(item_p: bool) -> str:
    def li(text: str) -> str:
        return f"<li><p>{text}</p>" if item_p else f"<li>{text}"

    items = "".join(
        li(head) + "<ul>" + "".join(li(s) + "</li>" for s in subs) + "</ul></li>"
        for head, subs in zip(PARENTS, CHILDREN, strict=True)
    )
    page = f"<h1>Calmer Peaks</h1>\n<p>{INTRO}</p>\n<ol>{items}</ol>\n"
    return page if item_p else f"<html><body><article>{page}</article></body></html>"


def _plain() -> str:
    lines = ["Calmer Peaks", "", INTRO, ""]
    for head, subs in zip(PARENTS, CHILDREN, strict=True):
        lines += [f"- {head}", *(f"    - {s}" for s in subs)]
    return "\n".join(lines) + "\n"


ARTICLES = {
    "numbered-bullets.md": _markdown("{n}.", "-"),
    "numbered-numbered.md": _markdown("{n}.", "{n}."),
    "bold-bullets.md": _markdown("-", "-", bold=True),
    "bullets-bullets.md": _markdown("-", "*"),
    "nested.html": _html(item_p=False),
    "nested-with-p.md": _html(item_p=True),  # Markdown holding HTML
    "nested.txt": _plain(),
}


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_the_parent_is_the_point_and_its_sub_items_are_its_detail(name: str) -> None:
    article = read_article(ARTICLES[name].encode(), name)
    points, _, _ = find_points(list(article.blocks), article.marked)
    assert [p.heading for p in points] == PARENTS, name
    for point, subs, others in zip(points, CHILDREN, [CHILDREN[1], CHILDREN[2], CHILDREN[0]], strict=True):
        read = [s.rstrip(".") for s in sentences(point.body)]  # each sub-item a sentence of its own
        assert all(sub in read for sub in subs), (name, read)
        assert not any(other in point.body for other in others), (name, point)
        assert "shifts Short" not in summary(point) and PARENTS[0] not in point.body, (name, point)


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_a_nested_list_drafts_one_step_per_parent(name: str) -> None:
    drafted = draft_bytes(ARTICLES[name].encode(), name)
    module = schema.check_module(document.parse(drafted.encode(), "draft.toml"))
    assert [s.title for s in module.steps if s.kind == "discuss"] == PARENTS, name
