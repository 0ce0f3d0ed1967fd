"""The publisher in a draft's [source]: what the page or the front matter says (a page's og:site_name,
a JSON-LD publisher, the site's name after the title in <title>, front matter's `publisher:` or `site:`),
cleaned and bounded; never the author's name or the article's title; "not named" when nothing says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from workshop.cli import app
from workshop.content import document, schema
from workshop.content.model import Source
from workshop.draft import draft_bytes

TITLE = "Rotas That Survive Monday"
BODY = (
    "<h1>Rotas That Survive Monday</h1>"
    "<p>A rota that looks fine on Friday can fall apart before Monday lunch. Three habits keep it standing.</p>"
    "<h2>Plan for the absent</h2><p>Someone is always off sick on Monday. Leave one seat free for it.</p>"
    "<h2>Swap early, not late</h2><p>Swaps agreed by Thursday cost nothing. Swaps on Monday cost a queue.</p>"
    "<h2>Publish one version</h2><p>Two copies of a rota mean two truths. Keep one, and say where it is.</p>"
)


def _page(head: str, author: str = "Tomas Brandt") -> str:
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">{head}'
        f'<meta name="author" content="{author}"></head><body><article>{BODY}</article></body></html>'
    )


def _ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def _source(text: str, name: str, tmp_path: Path) -> Source:
    drafted = draft_bytes(text.encode("utf-8"), name)
    module = schema.check_module(document.parse(drafted.encode("utf-8"), "draft.toml"))
    target = tmp_path / "draft.toml"
    target.write_text(drafted, encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", "--practice", "--strict", "--draft", str(target)])
    assert result.exit_code == 0 and "warning" not in result.output, result.output
    assert module.source.title == TITLE
    return module.source


GRAPH = {
    "@context": "https://schema.org",
    "@graph": [
        {"@type": "WebSite", "@id": "https://example.org/#site", "name": "Shift Craft"},
        {"@type": "Organization", "@id": "https://example.org/#org", "name": "Shift Craft Media"},
        {"@type": "BlogPosting", "headline": TITLE, "publisher": {"@id": "https://example.org/#org"}},
    ],
}
LISTED = [
    {"@type": "BreadcrumbList", "itemListElement": []},
    {"@type": "NewsArticle", "headline": TITLE, "publisher": [{"@type": "Organization", "name": "Floor Weekly"}]},
]


@pytest.mark.parametrize(
    ("head", "publisher"),
    [
        (f'<title>{TITLE}</title><meta property="og:site_name" content="Shift Craft">', "Shift Craft"),
        (f"<title>{TITLE}</title>" + _ld(GRAPH), "Shift Craft Media"),
        (f"<title>{TITLE}</title>" + _ld(LISTED), "Floor Weekly"),
        (f"<title>{TITLE} | Rota Almanac</title>", "Rota Almanac"),
        (f"<title>{TITLE} – Rota Almanac</title>", "Rota Almanac"),
        (f"<title>{TITLE} - Rota Almanac</title>", "Rota Almanac"),
    ],
    ids=["og-site-name", "json-ld-graph", "json-ld-list", "title-bar", "title-en-dash", "title-hyphen"],
)
def test_a_saved_page_names_its_publisher(head: str, publisher: str, tmp_path: Path) -> None:
    assert _source(_page(head), "rota.html", tmp_path).publisher == publisher


@pytest.mark.parametrize(
    "head",
    [
        f"<title>{TITLE}</title>",
        f'<title>{TITLE}</title><meta property="og:site_name" content="Tomas Brandt">',
        f"<title>{TITLE}</title>"
        + _ld({"@type": "BlogPosting", "publisher": {"@type": "Person", "name": "Tomas Brandt"}}),
        f'<title>{TITLE}</title><meta property="og:site_name" content="{TITLE}">',
        f"<title>{TITLE} - by Tomas Brandt</title>",
        f'<meta property="og:title" content="{TITLE}"><title>Rota Almanac | Weekly Planning Letters</title>',
        f"<title>{TITLE}</title>" + '<script type="application/ld+json">{"publisher": {"name": </script>',
    ],
    ids=["none", "site-is-author", "ld-person-author", "site-is-title", "title-byline", "title-other", "bad-json"],
)
def test_never_the_author_or_the_title_and_not_named_when_nothing_says(head: str, tmp_path: Path) -> None:
    assert _source(_page(head), "rota.html", tmp_path).publisher == "not named"


def test_an_untrusted_publisher_is_cleaned_and_bounded(tmp_path: Path) -> None:
    name = "Shift\u0007 Craft\u202e " + "Quarterly " * 40
    head = f"<title>{TITLE}</title>" + _ld({"@type": "Article", "publisher": {"name": name}})
    publisher = _source(_page(head), "rota.html", tmp_path).publisher
    assert publisher.startswith("Shift Craft Quarterly") and len(publisher) <= 80
    assert not any(ord(c) < 32 or c == "\u202e" for c in publisher)


MARKDOWN = (
    "# Rotas That Survive Monday\n\n"
    "A rota that looks fine on Friday can fall apart before Monday lunch.\n\n"
    "## Plan for the absent\n\nSomeone is always off sick on Monday. Leave one seat free for it.\n\n"
    "## Swap early, not late\n\nSwaps agreed by Thursday cost nothing. Swaps on Monday cost a queue.\n\n"
    "## Publish one version\n\nTwo copies of a rota mean two truths. Keep one, and say where it is.\n"
)


@pytest.mark.parametrize(
    ("front", "publisher"),
    [
        ("---\nauthor: Tomas Brandt\npublisher: Rota Almanac\n---\n", "Rota Almanac"),
        ("---\nsite: 'Shift Craft'\n---\n", "Shift Craft"),
        ("---\npublisher:\n  name: Floor Weekly\n  url: https://example.org\n---\n", "Floor Weekly"),
        ('+++\nauthor = "Tomas Brandt"\npublisher = "Rota Almanac"\n+++\n', "Rota Almanac"),
        ("---\nVerlag: Rota Almanac\n---\n", "Rota Almanac"),
        ("---\nauthor: Tomas Brandt\npublisher: Tomas Brandt\n---\n", "not named"),
        ("---\nsite: https://example.org\n---\n", "not named"),
    ],
    ids=["publisher", "site", "mapping", "toml", "verlag", "author", "url"],
)
def test_front_matter_names_the_publisher(front: str, publisher: str, tmp_path: Path) -> None:
    assert _source(front + MARKDOWN, "rota.md", tmp_path).publisher == publisher


@pytest.mark.parametrize(
    ("head", "publisher"),
    [
        (f"<title>Rota Almanac: {TITLE}</title>", "Rota Almanac"),
        (f"<title>Rota Almanac | {TITLE}</title>", "Rota Almanac"),
        (f"<title>{TITLE} | Blog | Rota Almanac</title>", "Rota Almanac"),
        (f"<title>{TITLE.lower()}  —  Rota Almanac</title>", "Rota Almanac"),
        (f"<title>{TITLE} :: Rota Almanac</title>", "Rota Almanac"),
        (f"<title>{TITLE} · Rota Almanac</title>", "Rota Almanac"),
        (f"<title>Blog | {TITLE}</title>", "not named"),
        (f"<title>Rotas: {TITLE}</title>" + '<meta property="og:site_name" content="Shift Craft">', "Shift Craft"),
    ],
    ids=[
        "site-colon",
        "site-first",
        "section-between",
        "case-spaces",
        "double-colon",
        "middle-dot",
        "blog",
        "og-first",
    ],
)
def test_the_site_in_a_page_title_on_either_side_of_the_article_title(
    head: str, publisher: str, tmp_path: Path
) -> None:
    assert _source(_page(head), "rota.html", tmp_path).publisher == publisher


def test_a_page_title_shorter_than_the_heading_never_makes_the_site_the_title(tmp_path: Path) -> None:
    """<title>Monday Rotas | The Rota Almanac Weekly</title> over <h1>Rotas That Survive Monday</h1>: the heading is the
    title (the <title> is a short one for search), not the site, the longest part."""
    _source(_page("<title>Monday Rotas | The Rota Almanac Weekly</title>"), "rota.html", tmp_path)
