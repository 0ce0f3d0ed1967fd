"""Markdown and saved web pages as blocks, by real parsers; what the article says about itself as `meta`.

Markdown goes through markdown-it-py (CommonMark) with mdit-py-plugins' front matter. A web page's
article is found by readability-lxml when it is installed (the `html` extra), then written as
Markdown by the standard library's html.parser, which also reads the page's metadata and, without
readability, the whole page less its navigation and chrome. Parsers are imported when an article
needs them, so `workshop --help` does not pay for them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser


@dataclass
class Block:
    kind: str  # heading | item | bullet | para
    raw: str  # the text with bold kept as **, for bold lead-ins
    level: int = 0  # heading level
    number: int = 0  # item number

    @property
    def text(self) -> str:
        return " ".join(self.raw.replace("**", "").split())


# ------------------------------------------------------------------------------------ Markdown


def markdown(text: str) -> tuple[list[Block], dict[str, str]]:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    tokens = MarkdownIt("commonmark").use(front_matter_plugin).parse(text)
    blocks: list[Block] = []
    meta: dict[str, str] = {}
    item: Block | None = None  # a list item waiting for its first line of text
    for index, token in enumerate(tokens):
        if token.type == "front_matter":
            meta = front_matter(token.content)
        elif token.type == "list_item_open":  # an ordered item's markup is its delimiter, "." or ")"
            number = int(token.info) if token.markup in (".", ")") and token.info.isdigit() else 0
            item = Block("item", "", number=number) if number else Block("bullet", "")
        elif token.type == "inline" and token.children is not None:
            raw = _inline(token.children)
            before = tokens[index - 1]
            if item is not None:  # an item's first text, even when it is a heading inside the item
                item.raw = raw
                blocks.append(item)
                item = None
            elif before.type == "heading_open":
                blocks.append(Block("heading", raw, level=int(before.tag[1])))
            else:
                blocks.append(Block("para", raw))
        # html_block, fence and code_block are left out: markup and code are not the article's points
    return blocks, meta


def _inline(children: list) -> str:
    parts = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type in ("strong_open", "strong_close"):
            parts.append("**")
        # links keep their text (it comes as "text"); images and inline HTML are dropped
    return "".join(parts)


def front_matter(text: str) -> dict[str, str]:
    """YAML front matter's `key: value` fields (a list's first entry): only title, author and language
    matter, so a full YAML parser is not worth a dependency."""
    found: dict[str, str] = {}
    lines = text.split("\n")
    for index, line in enumerate(lines):
        m = re.match(r"^([A-Za-z][\w-]*)\s*:\s*(.*?)\s*$", line)
        if not m:
            continue
        value = m.group(2).strip("[]").split(",")[0] if m.group(2).startswith("[") else m.group(2)
        below = lines[index + 1] if index + 1 < len(lines) else ""
        if not value and below[:1] in (" ", "\t", "-"):  # a block list or mapping: "- Name" or "  name: Name"
            value = re.sub(r"^\s*(?:-\s*)?(?:name\s*:\s*)?", "", below)
        value = value.strip().strip("\"'").strip()
        if value and not value.startswith(("{", "|", ">")):
            found.setdefault(m.group(1).lower(), value)
    return found


# ------------------------------------------------------------------------------------ HTML


def html(text: str) -> tuple[list[Block], dict[str, str]]:
    page = _Markdown(text)
    try:
        from readability import Document

        article = _Markdown(Document(text).summary(html_partial=True)).text
    except Exception:
        article = page.text
    blocks, _ = markdown(article if article.strip() else page.text)
    return blocks, page.meta


def looks_like_html(text: str) -> bool:
    head = text[:4096].lower()
    if re.match(r"\s*(<!doctype html|<html|<\?xml[^>]*>\s*<html)", head):
        return True
    tags = re.findall(r"</?(p|div|h[1-6]|body|article|section|span|a|li|ul|ol|br)\b[^>]*>", text[:200_000],
                      re.IGNORECASE)
    return len(tags) >= 3


# Tags whose text is never the article, and class or id words that mark chrome: what readability
# leaves in (a share bar inside the article) and, without readability, the page around the article.
_SKIP = {"script", "style", "nav", "header", "footer", "aside", "form", "noscript", "svg", "iframe", "template",
         "button", "select", "textarea", "object", "canvas", "dialog", "menu", "figure", "head", "title"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
_INLINE = {"a", "abbr", "b", "cite", "code", "em", "i", "mark", "q", "s", "small", "span", "strong", "sub", "sup",
           "time", "u", "font", "bdi", "bdo", "kbd", "samp", "var", "del", "ins", "label"}
_CHROME = re.compile(r"cookie|consent|newsletter|subscri|share|social|promo|advert|sidebar|related|comment"
                     r"|breadcrumb|(^|[\s_-])(menu|nav|ads?)($|[\s_-])|popup|modal|footer|paywall|hidden|sr-only",
                     re.IGNORECASE)
_BYLINE = re.compile(r"(^|[\s_-])(author|byline)", re.IGNORECASE)
_META = {"author", "article:author", "dc.creator", "og:title", "og:locale", "content-language", "dc.language"}


class _Markdown(HTMLParser):
    """A page as Markdown (`text`) for markdown-it to read, and what it says about itself (`meta`):
    <title>, <html lang>, the <meta> that name its title, author and language, and its byline element."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.meta: dict[str, str] = {}
        self.skip: list[str] = []  # the open tag whose text is skipped, once per nesting
        self.lists: list[int] = []  # per open list: the last item's number, -1 for bullets
        self.capture: tuple[str, str, list[str]] | None = None  # (tag, meta key, text) of a <title> or byline
        self.feed(page)
        self.close()
        self.text = "".join(self.out)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: (v or "") for k, v in attrs}
        key = (values.get("name") or values.get("property") or values.get("http-equiv") or "").lower()
        if tag == "meta" and key in _META and values.get("content"):
            self.meta.setdefault(key, values["content"])
        elif tag == "html" and values.get("lang"):
            self.meta.setdefault("lang", values["lang"])
        marker = " ".join(values.get(k, "") for k in ("class", "id", "role"))
        byline = _BYLINE.search(marker) or "author" in (values.get("rel"), values.get("itemprop"))
        for wanted, found in (("page-title", tag == "title"), ("byline", byline and tag not in _VOID)):
            if found and wanted not in self.meta and self.capture is None:
                self.capture = (tag, wanted, [])
        if self.skip:
            if tag == self.skip[-1] and tag not in _VOID:
                self.skip.append(tag)
            return
        if tag not in _VOID and (tag in _SKIP or (tag not in ("html", "body", "main", "article") and (
                "hidden" in values or _CHROME.search(marker)))):
            self.skip = [tag]
        elif tag in ("strong", "b"):
            self.out.append("**")
        elif tag not in _INLINE:
            self.out.append("\n\n")
            if tag in ("ol", "ul"):
                self.lists.append(0 if tag == "ol" else -1)
            elif tag == "li" and self.lists:
                self.lists[-1] += 1 if self.lists[-1] >= 0 else 0
                self.out.append(f"{self.lists[-1]}. " if self.lists[-1] > 0 else "- ")
            elif re.fullmatch(r"h[1-6]", tag):
                self.out.append("#" * int(tag[1]) + " ")

    def handle_endtag(self, tag: str) -> None:
        if self.capture is not None and tag == self.capture[0]:
            self.meta[self.capture[1]] = " ".join("".join(self.capture[2]).split())
            self.capture = None
        if self.skip:
            if tag == self.skip[-1]:
                self.skip.pop()
        elif tag in ("strong", "b"):
            self.out.append("**")
        elif tag not in _INLINE:
            self.out.append("\n\n")
            if tag in ("ol", "ul") and self.lists:
                self.lists.pop()

    def handle_data(self, data: str) -> None:
        if self.capture is not None:
            self.capture[2].append(data)
        if not self.skip:  # every ASCII punctuation mark escaped: the page's text is text, not Markdown
            self.out.append(re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", re.sub(r"\s+", " ", data)))
