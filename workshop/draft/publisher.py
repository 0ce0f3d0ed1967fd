"""The publisher an article names: front matter's `publisher:` or `site:`, a page's og:site_name, the
`publisher` of its JSON-LD, or the site's name after the article's title in its <title>. A value from
the article is untrusted: it is cleaned and bounded as the title and author are, and never taken when
it is the author's name or the article's title."""

from __future__ import annotations

import json
import re
from typing import Any

from workshop.draft.text import clean_text, shorten

LIMIT = 80
_TITLE_SEPARATORS = (" | ", " – ", " — ", " - ")
_BYLINE = re.compile(r"(written\s+by|geschrieben\s+von|escrito\s+por|écrit\s+par|by|von|por|par)\s", re.IGNORECASE)


def from_json_ld(text: str) -> str:
    """The publisher's name in a page's JSON-LD (an object, a list of them, or an @graph), following an
    {"@id": …} reference to its node; "" when there is none or the JSON is broken."""
    try:
        data = json.loads(text)
    except ValueError:
        return ""
    nodes: list[Any] = []
    for item in data if isinstance(data, list) else [data]:
        if isinstance(item, dict):
            nodes.append(item)
            nodes.extend(n for n in item.get("@graph", []) if isinstance(n, dict))
    ids = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str)}
    for node in nodes:
        value = node.get("publisher")
        for candidate in value if isinstance(value, list) else [value]:
            if isinstance(candidate, dict) and set(candidate) <= {"@id"} and candidate.get("@id") in ids:
                candidate = ids[candidate["@id"]]
            name = candidate.get("name") if isinstance(candidate, dict) else candidate
            if isinstance(name, str) and name.strip():
                return name
    return ""


def _in_page_title(page_title: str, title: str) -> str:
    """ "TITLE | Site", "TITLE – Site", "TITLE - Site": the site, when the rest is the article's title."""
    for sep in _TITLE_SEPARATORS:
        head, found, site = page_title.rpartition(sep)
        if found and title and clean_text(head).casefold() == title.casefold():
            return site
    return ""


def publisher(meta: dict[str, str], title: str, author: str) -> str:
    """The publisher the article names, cleaned, or "" (the draft then says "not named")."""
    candidates = [
        meta.get("publisher", ""),
        meta.get("site", ""),
        meta.get("og:site_name", ""),
        meta.get("ld:publisher", ""),
        _in_page_title(clean_text(meta.get("page-title", "")), clean_text(title)),
    ]
    people = [p.strip().casefold() for p in re.split(r",|\band\b|&", author) if len(p.strip()) > 2]
    for candidate in candidates:
        value = shorten(clean_text(candidate), LIMIT).strip(" |–—-·:")
        folded = value.casefold()
        if (
            not value
            or re.match(r"(https?://|www\.|mailto:)", folded)
            or folded == clean_text(title).casefold()
            or any(p in folded for p in people)
            or _BYLINE.match(value)  # "by NAME": a byline, not a site
        ):
            continue
        return value
    return ""
