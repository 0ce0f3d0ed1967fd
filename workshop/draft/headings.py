"""Which top-level heading is the article's title, and which are its sections."""

from __future__ import annotations

import re
import unicodedata

from workshop.draft.parse import Block

_PAGE_ID = re.compile(r"[ _-]+[0-9a-f]{32}$")  # what Notion puts after a page's name in its file's


def file_title(stem: str) -> str:
    """A file's name as the words of a title: without the page id an export adds, and without `_-.`."""
    return re.sub(r"[_\-.]+", " ", _PAGE_ID.sub("", stem)).strip()


def _words(text: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.findall(r"[a-z0-9]+", plain)


def title_heading(tops: list[Block], blocks: list[Block], stem: str) -> Block | None:
    """The top-level heading that is the title: the first one, unless the article gives every section
    a top-level heading (three or more, nothing deeper) and the first one is not the file's name."""
    if not tops:
        return None
    deeper = any(b.kind == "heading" and b.level > 1 for b in blocks)
    if len(tops) < 3 or deeper:
        return tops[0]
    name = _words(_PAGE_ID.sub("", stem))
    return tops[0] if name and name == _words(tops[0].text)[: len(name)] else None
