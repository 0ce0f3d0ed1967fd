"""Markdown and saved web pages as blocks, by real parsers; what the article says about itself as `meta`.

Markdown goes through markdown-it-py (CommonMark) with mdit-py-plugins' front matter. A web page's
article is found by readability-lxml when it is installed (the `html` extra), then written as
Markdown by the standard library's html.parser, which also reads the page's metadata and, without
readability, the whole page less its navigation and chrome. Parsers are imported when an article
needs them, so `workshop --help` does not pay for them.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from workshop.draft import frontmatter

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


@dataclass
class Block:
    kind: str  # heading | item | bullet | para | media (an image, a table or code: no text, but there)
    raw: str  # the text with bold kept as **, for bold lead-ins
    level: int = 0  # heading level
    number: int = 0  # item number

    @property
    def text(self) -> str:
        return " ".join(self.raw.replace("**", "").split())


# ------------------------------------------------------------------------------------ Markdown


def markdown(text: str) -> tuple[list[Block], dict[str, str]]:
    """The blocks of a Markdown article and its front matter. HTML inside it is read as HTML: its
    paragraphs, headings, lists and captions are the article's, while an aside, a block quote or a
    script is left out, with whatever Markdown stands between its opening and closing tags."""
    meta: dict[str, str] = {}
    if (toml := frontmatter.toml_front(text)) is not None:
        meta, text = toml
    elif text.lstrip("\n").startswith("---"):
        text = text.lstrip("\n")  # blank lines before front matter would make it a heading
    tokens = _parser().parse(text)
    blocks: list[Block] = []
    held: list[Block] = []  # Markdown inside an HTML element that leaves its content out, until it closes
    quotes: list[Block] = []  # block quotes: not the article's points, unless it has nothing else
    html = _Markdown()  # the HTML blocks, read as one fragment: an <aside> may open in one and close in another
    item: Block | None = None  # a list item waiting for its first line of text
    containers: list[bool] = []  # per open ::: container, whether it is an aside
    quoted = table = 0
    for index, token in enumerate(tokens):
        if token.type == "container_div_open":
            containers.append(bool(_ASIDE.search(token.info)))
            quoted += containers[-1]
        elif token.type == "container_div_close" and containers:
            quoted -= containers.pop()
        elif token.type == "front_matter":
            meta = meta or frontmatter.yaml_fields(token.content)
        elif token.type == "html_block":
            html.feed(token.content)
            blocks.extend(_converted(html.take()))
            if not html.skip:
                held.clear()
        elif token.type in ("blockquote_open", "blockquote_close"):
            quoted += 1 if token.type.endswith("open") else -1
        elif token.type in ("table_open", "table_close"):  # a table's cells are data, not points
            table += 1 if token.type.endswith("open") else -1
            if table == 1 and token.type == "table_open":
                (held if html.skip else quotes if quoted else blocks).append(Block("media", ""))
        elif token.type in ("fence", "code_block"):  # code is not the article's points either
            (held if html.skip else quotes if quoted else blocks).append(Block("media", ""))
        elif token.type == "list_item_open":  # an ordered item's markup is its delimiter, "." or ")"
            number = int(token.info) if token.markup in (".", ")") and token.info.isdigit() else 0
            item = Block("item", "", number=number) if number else Block("bullet", "")
        elif token.type == "inline" and token.children is not None and not table:
            raw = _TEMPLATE.sub("", _inline(token.children))
            if re.fullmatch(r"\s*:{3,}[^\n]*", raw):  # a container's fence the container plugin did not take
                continue
            before = tokens[index - 1]
            if item is not None:  # an item's first text, even when it is a heading inside the item
                item.raw, block, item = raw, item, None
            elif before.type == "heading_open":
                block = Block("heading", raw, level=int(before.tag[1]))
            elif raw.strip() == MEDIA or (not raw.strip() and any(c.type == "image" for c in token.children)):
                block = Block("media", "")
            else:
                block = Block("para", raw)
            (held if html.skip else quotes if quoted else blocks).append(block)
    html.close()
    blocks.extend(_converted(html.take()) + held)  # an element never closed leaves nothing out
    if html.meta.get("byline"):
        meta.setdefault("byline", html.meta["byline"])
    return (blocks if any(b.text for b in blocks) else quotes + blocks), meta


@functools.cache
def _parser() -> MarkdownIt:
    """CommonMark with front matter, tables and ::: containers (pandoc's fenced divs, Docusaurus and
    VuePress admonitions: their text is the article's unless the container is an aside, a note or a quote)."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.container import container_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    parser = MarkdownIt("commonmark").use(front_matter_plugin).enable(["table", "strikethrough"])
    return parser.use(container_plugin, name="div", validate=lambda params, *_: bool(params.strip()))


def _converted(text: str) -> list[Block]:
    """The blocks of HTML already written as Markdown (no HTML is left in it)."""
    return markdown(text)[0] if text.strip() else []


_ASIDE = re.compile(
    r"aside|pull-?quote|quote|note|tip|info|warning|caution|danger|important|callout|sidebar"
    r"|admonition|box",
    re.IGNORECASE,
)
# Site generators' marks, which are not the article's text: Liquid and Hugo tags ({% … %}, {{< … >}}) and
# attribute lists after a heading ("## Costs {#costs}", "{: .note}").
_TEMPLATE = re.compile(r"\{%.*?%\}|\{\{.*?\}\}|\s*\{(?:#[\w-]+|\.[\w-]+|:[^}\n]*)\}\s*$", re.DOTALL)
_INLINE_SKIP = {"aside", "script", "style", "blockquote", "noscript", "svg", "template"}


def _inline(children: list) -> str:
    parts = []
    skip: list[str] = []  # inline HTML whose text is left out: <aside>…</aside> inside a paragraph
    for child in children:
        if child.type == "html_inline":
            m = re.match(r"<(/?)([A-Za-z][\w-]*)", child.content)
            tag = m.group(2).lower() if m else ""
            quote = re.search(r"\bclass\s*=\s*[\"']?[^\"'>]*pull-?quote", child.content, re.IGNORECASE)
            if m and (tag in _INLINE_SKIP or quote or tag in skip) and not child.content.rstrip().endswith("/>"):
                if not m.group(1):
                    skip.append(tag)
                elif tag in skip:  # closes the innermost element of that name
                    del skip[len(skip) - 1 - skip[::-1].index(tag) :]
            elif not skip and tag == "br":
                parts.append("\n")
            elif not skip and tag in ("strong", "b"):
                parts.append("**")
        elif skip:
            continue
        elif child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):  # kept as line breaks: a byline under a title
            parts.append("\n")
        elif child.type in ("strong_open", "strong_close"):
            parts.append("**")
        # links keep their text (it comes as "text"); images are dropped
    return "".join(parts)


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


def is_document(text: str) -> bool:
    """Whether the text is a whole web page (a doctype or an <html> element first, comments aside),
    rather than text that holds some HTML."""
    head = re.sub(r"^(\s*<!--.*?-->)+", "", text[:8192], flags=re.DOTALL).lower()
    return bool(re.match(r"\s*(<!doctype html|<html[\s>]|<\?xml[^>]*>\s*(<!doctype html|<html[\s>]))", head))


# Tags whose text is never the article, and class or id words that mark chrome: what readability
# leaves in (a share bar inside the article) and, without readability, the page around the article.
# A pull quote (<blockquote>, <aside>, class "pullquote") repeats or quotes the text: it is not a point.
_SKIP = {
    "script",
    "style",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "noscript",
    "svg",
    "iframe",
    "template",
    "blockquote",
    "button",
    "select",
    "textarea",
    "object",
    "canvas",
    "dialog",
    "menu",
    "head",
    "title",
    "pre",
}
# Images, tables and code are no text to draft from, but a section that holds only one is still a section.
_MEDIA = {"img", "picture", "video", "table", "pre", "svg", "canvas", "object", "embed", "iframe"}
MEDIA = "\ue000"  # the mark written for them in the Markdown made from HTML
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
_INLINE = {
    "a",
    "abbr",
    "b",
    "cite",
    "code",
    "em",
    "i",
    "mark",
    "q",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "time",
    "u",
    "font",
    "bdi",
    "bdo",
    "kbd",
    "samp",
    "var",
    "del",
    "ins",
    "label",
}
_CHROME = re.compile(
    r"cookie|consent|newsletter|subscri|share|social|promo|advert|sidebar|related|comment"
    r"|breadcrumb|(^|[\s_-])(menu|nav|ads?)($|[\s_-])|popup|modal|footer|paywall|hidden|sr-only"
    r"|pull-?quote",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"(^|[\s_-])(author|byline)", re.IGNORECASE)
_META = {"author", "article:author", "dc.creator", "og:title", "og:locale", "content-language", "dc.language"}


class _Markdown(HTMLParser):
    """A page as Markdown (`text`) for markdown-it to read, and what it says about itself (`meta`):
    <title>, <html lang>, the <meta> that name its title, author and language, and its byline element."""

    def __init__(self, page: str | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.meta: dict[str, str] = {}
        self.skip: list[str] = []  # the open tag whose text is skipped, once per nesting
        self.lists: list[int] = []  # per open list: the last item's number, -1 for bullets
        self.capture: tuple[str, str, list[str]] | None = None  # (tag, meta key, text) of a <title> or byline
        self.text = ""
        if page is not None:
            self.feed(page)
            self.close()
            self.text = self.take()

    def take(self) -> str:
        """The Markdown written since the last take (HTML fed a piece at a time)."""
        text = "".join(self.out)
        self.out.clear()
        return text

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
        if tag in _MEDIA:
            self.out.append(f"\n\n{MEDIA}\n\n")
        if tag not in _VOID and (
            tag in _SKIP
            or (tag not in ("html", "body", "main", "article") and ("hidden" in values or _CHROME.search(marker)))
        ):
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
