"""A saved page's author from its JSON-LD (`author` as a person, a list of them, or an {"@id"} in its
@graph), when no <meta name="author"> and no byline name one; an organisation as author is no person."""

from __future__ import annotations

import json

import pytest

from workshop.content import document, schema
from workshop.draft import draft_bytes

TITLE = "Huddles That Work"
BODY = (
    f"<h1>{TITLE}</h1><p>A morning huddle takes ten minutes and pays for itself by lunchtime when run well.</p>"
    "<h2>Start with the rota</h2><p>The rota decides who is on the phones at nine, and sets the day's tone.</p>"
    "<h2>Say the numbers out loud</h2><p>A service level read out at the huddle is a goal; on a screen, wallpaper.</p>"
    "<h2>End with thanks</h2><p>Close each shift by naming one agent who helped a customer well, and how.</p>"
)
KEIKO = {"@type": "Person", "name": "Keiko Tanabe"}
GRAPH = {
    "@graph": [
        {"@type": "Person", "@id": "https://example.org/#keiko", "name": "Keiko Tanabe"},
        {"@type": "BlogPosting", "headline": TITLE, "author": {"@id": "https://example.org/#keiko"}},
    ]
}


def _author(head: str) -> str:
    page = (
        f"<!DOCTYPE html><html><head><title>{TITLE}</title>{head}</head><body><article>{BODY}</article></body></html>"
    )
    drafted = draft_bytes(page.encode(), "huddles.html")
    return schema.check_module(document.parse(drafted.encode(), "draft.toml")).source.author


def _ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


@pytest.mark.parametrize(
    ("head", "author"),
    [
        (_ld({"@type": "BlogPosting", "headline": TITLE, "author": KEIKO}), "Keiko Tanabe"),
        (
            _ld([{"@type": "Article", "author": [KEIKO, {"@type": "Person", "name": "Ravi Menon"}]}]),
            "Keiko Tanabe, Ravi Menon",
        ),
        (_ld(GRAPH), "Keiko Tanabe"),
        (_ld({"@type": "Article", "author": "Keiko Tanabe"}), "Keiko Tanabe"),
        ('<meta name="author" content="Ravi Menon">' + _ld({"author": KEIKO}), "Ravi Menon"),
        (_ld({"@type": "Article", "author": {"@type": "Organization", "name": "Floor Leaders"}}), "not named"),
        ('<script type="application/ld+json">{"author": {"name": </script>', "not named"),
    ],
    ids=["person", "list", "graph-id", "string", "meta-first", "organisation", "broken"],
)
def test_a_pages_json_ld_names_its_author(head: str, author: str) -> None:
    assert _author(head) == author
