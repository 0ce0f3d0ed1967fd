"""The publisher an article names: front matter's `publisher:` or `site:`, a page's og:site_name, the
`publisher` of its JSON-LD, or the site's name beside the article's title in its <title>. A value from
the article is untrusted: it is cleaned and bounded as the title and author are, and never taken when
it is the author's name or the article's title."""

from __future__ import annotations

import json
import re
from typing import Any

from workshop.draft.text import clean_text, shorten

LIMIT = 80
_TITLE_SEPARATORS = re.compile(r"\s+(?:[|–—·»]|-|::)\s+|\s*\|\s*")
# a part of a page's <title> that names the site's section, not the site
_SECTIONS = [[w] for w in ("blog", "news", "home", "article", "articles", "insights", "resources", "posts", "magazine")]
_BYLINE = re.compile(r"(written\s+by|geschrieben\s+von|escrito\s+por|écrit\s+par|by|von|por|par)\s", re.IGNORECASE)


def from_json_ld(text: str, key: str = "publisher") -> str:
    """The name of the page's `publisher` (or `author`) in its JSON-LD (an object, a list of them, or an
    @graph), following an {"@id": …} reference to its node; several authors as "A, B", an organisation
    as author never; "" when there is none or the JSON is broken."""
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
        value = node.get(key)
        names = []
        for candidate in value if isinstance(value, list) else [value]:
            if isinstance(candidate, dict) and set(candidate) <= {"@id"} and candidate.get("@id") in ids:
                candidate = ids[candidate["@id"]]
            if key == "author" and isinstance(candidate, dict) and candidate.get("@type") == "Organization":
                continue
            name = candidate.get("name") if isinstance(candidate, dict) else candidate
            if isinstance(name, str) and name.strip():
                names.append(name.strip())
        if names:
            return ", ".join(names) if key == "author" else names[0]
    return ""


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", clean_text(text).casefold())


def _in_page_title(page_title: str, title: str) -> str:
    """The site in the page's <title> beside the article's title: "TITLE | Site", "TITLE – Site",
    "TITLE | Section | Site" (the last part), "Site | TITLE" and "Site: TITLE" (the first); "" when
    neither end of it is the title, or the site is only a section ("Blog | TITLE")."""
    words = _words(title)
    if not words:
        return ""
    parts = [p.strip() for p in _TITLE_SEPARATORS.split(page_title) if p.strip()]
    for cut in range(1, len(parts)):
        if sum((_words(p) for p in parts[:cut]), []) == words:
            site = parts[-1]
            break
        if sum((_words(p) for p in parts[cut:]), []) == words:
            site = parts[0]
            break
    else:
        head, colon, rest = page_title.partition(": ")
        site = head if colon and _words(rest) == words else ""
    return "" if _words(site) in ([], *_SECTIONS) else site


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
