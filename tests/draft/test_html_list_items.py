"""HTML lists whose items hold several paragraphs, a nested list or a bold lead-in, as CMSs, wikis and
converters write them (WordPress, Confluence, Notion's one list per item, pandoc's loose lists,
Markdown holding HTML): one step per item, named by its lead-in, with the item's paragraphs and
sub-items as its text, never its neighbour's, and never the paragraph after the list. Written for
these tests, with and without readability (which drops a list of short items as if it were a menu)."""

from __future__ import annotations

import sys

import pytest

from workshop.content import document, schema
from workshop.draft import draft_bytes
from workshop.draft.article import read_article
from workshop.draft.points import find_points

LEADS = ["Walk the floor first", "Answer one queue yourself", "Keep one-to-ones short"]
FIRST = [  # each item's first paragraph, after its lead-in
    "Before opening any report, spend ten minutes with the agents on the floor.",
    "Take a handful of calls every week on the hardest queue you have.",
    "Fifteen minutes every week at the same time beats an hour once a month.",
]
SECOND = [  # each item's second paragraph
    "You will hear about the broken tool long before the dashboard shows it.",
    "It keeps your sense of the work honest and your advice concrete.",
    "Nobody remembers what was said in the fiftieth minute of a meeting.",
]
SUBS = ["Start with their agenda", "End with one agreed action"]  # under the last item
INTRO = "Calm on the floor is learned, and these habits are where most supervisors begin."
AFTER = "AFTERMARK None of this needs a budget, only a calendar and some patience."


def _items(shape: str) -> str:
    items = []
    for n, (lead, first, second) in enumerate(zip(LEADS, FIRST, SECOND, strict=True)):
        subs = "<ul>" + "".join(f"<li><p>{s}</p></li>" for s in SUBS) + "</ul>" if n == 2 else ""
        if shape == "p-lead":  # Confluence, pandoc: the lead-in is a paragraph of its own
            items.append(f"<li><p><strong>{lead}</strong></p><p>{first}</p><p>{second}</p>{subs}</li>")
        elif shape == "inline-lead":  # WordPress, pandoc: the lead-in opens the first paragraph
            items.append(f"<li><p><strong>{lead}.</strong> {first}</p>\n<p>{second}</p>{subs}</li>")
        elif shape == "bare-lead":  # Notion: the lead-in is the item's text, its paragraphs follow
            items.append(f"<li><strong>{lead}</strong><p>{first}</p><p>{second}</p>{subs}</li>")
        else:  # plain: the first paragraph is short and is the lead-in, no bold
            items.append(f"<li>\n  <p>{lead}</p>\n  <p>{first} {second}</p>\n  {subs}\n</li>")
    return "\n".join(items)


def _page(shape: str, tag: str) -> str:
    return (
        "<!DOCTYPE html><html lang='en'><head><title>Calm Supervisors</title></head><body>"
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/blog'>Blog</a></li></ul></nav>"
        f"<article><h1>Calm Supervisors</h1><p>{INTRO}</p><{tag}>{_items(shape)}</{tag}><p>{AFTER}</p></article>"
        "<footer><p>Footer text</p></footer></body></html>"
    )


def _notion() -> str:
    """Notion's export: every numbered item a list of its own, numbered by its `start`."""
    lists = "".join(
        f'<ol type="1" class="numbered-list" start="{n}">{item}</ol>'
        for n, item in enumerate(_items("bare-lead").split("\n"), start=1)
    )
    return (
        "<html><head><title>Calm Supervisors</title></head><body><article class='page sans'><header>"
        f"<h1 class='page-title'>Calm Supervisors</h1></header><div class='page-body'><p>{INTRO}</p>{lists}"
        f"<p>{AFTER}</p></div></article></body></html>"
    )


ARTICLES = {
    **{
        f"{shape}-{tag}.html": _page(shape, tag)
        for shape in ("p-lead", "inline-lead", "bare-lead")
        for tag in ("ol", "ul")
    },
    "plain-lead-ol.html": _page("plain", "ol"),
    "notion.html": _notion(),
    "cms-export.md": f"---\ntitle: Calm Supervisors\n---\n\n{INTRO}\n\n<ol>\n{_items('inline-lead')}\n</ol>\n\n"
    f"{AFTER}\n",
}


def _check(name: str) -> None:
    article = read_article(ARTICLES[name].encode(), name)
    points, _, _ = find_points(list(article.blocks), article.marked)
    assert [p.heading for p in points] == LEADS, (name, points)
    for n, point in enumerate(points):
        assert FIRST[n] in point.body and SECOND[n] in point.body, (name, point)
        others = [t for m in range(3) if m != n for t in (FIRST[m], SECOND[m])]
        assert not any(t in point.body for t in others), (name, point)
        assert "AFTERMARK" not in point.body and "**" not in point.body, (name, point)
    assert all(sub in points[2].body for sub in SUBS), (name, points[2])
    drafted = draft_bytes(ARTICLES[name].encode(), name)
    module = schema.check_module(document.parse(drafted.encode(), "draft.toml"))
    assert [s.title for s in module.steps if s.kind == "discuss"] == LEADS, name


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_each_item_of_an_html_list_is_a_step_with_its_paragraphs(name: str) -> None:
    _check(name)


@pytest.mark.parametrize("name", sorted(n for n in ARTICLES if n.endswith(".html")))
def test_without_readability_too(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "readability", None)  # makes `from readability import …` fail
    _check(name)
