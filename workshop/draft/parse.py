"""Markdown and saved web pages as blocks, by real parsers; what the article says about itself as `meta`.

Markdown goes through markdown-it-py (CommonMark) with mdit-py-plugins' front matter. A web page's
article is found by readability-lxml when it is installed (the `html` extra), then written as
Markdown by the standard library's html.parser (draft/html_markdown.py), which also reads the page's
metadata and, without readability, the whole page less its navigation and chrome. Parsers are imported when an article
needs them, so `workshop --help` does not pay for them.
"""

from __future__ import annotations

import bisect
import functools
import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workshop.draft import frontmatter
from workshop.draft.html_markdown import INLINE, MEDIA, PageMarkdown

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


@dataclass
class Block:
    kind: str  # heading | item | bullet | para | media (an image, a table or code: no text, but there)
    raw: str  # the text with bold kept as **, for bold lead-ins
    level: int = 0  # heading level
    number: int = 0  # item number
    depth: int = 0  # a list item's nesting: 0 at the top, 1 for a sub-item of a top-level item, …
    listed: bool = False  # a paragraph inside a list item, after the item's first line: the item's own

    @property
    def text(self) -> str:
        return " ".join(self.raw.replace("**", "").split())


# ------------------------------------------------------------------------------------ Markdown


def markdown(text: str, code: bool = True) -> tuple[list[Block], dict[str, str]]:
    """The blocks of a Markdown article and its front matter. HTML inside it is read as HTML: its
    paragraphs, headings, lists and captions are the article's, while an aside, a block quote or a
    script is left out, with whatever Markdown stands between its opening and closing tags. Without
    `code` (text that is no Markdown file by its name), an indented paragraph is a paragraph, not code."""
    meta: dict[str, str] = {}
    if (toml := frontmatter.toml_front(text)) is not None:
        meta, text = toml
    elif text.lstrip("\n").startswith("---"):
        text = text.lstrip("\n")  # blank lines before front matter would make it a heading
    tokens = _parser(code).parse(_DEEPEST.sub(" " * DEEPEST, text))
    blocks: list[Block] = []
    held: list[Block] = []  # Markdown inside an HTML element that leaves its content out, until it closes
    quotes: list[Block] = []  # block quotes: not the article's points, unless it has nothing else
    html = PageMarkdown()  # the HTML blocks, read as one fragment: an <aside> may open in one and close in another
    item: Block | None = None  # a list item waiting for its first line of text
    containers: list[bool] = []  # per open ::: container, whether it is an aside
    quoted = table = lists = 0
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
        elif token.type in ("blockquote_open", "blockquote_close", "footnote_block_open", "footnote_block_close"):
            quoted += 1 if token.type.endswith("open") else -1  # footnotes, like quotes, are not the points
        elif token.type in ("table_open", "table_close"):  # a table's cells are data, not points
            table += 1 if token.type.endswith("open") else -1
            if table == 1 and token.type == "table_open":
                (held if html.skip else quotes if quoted else blocks).append(Block("media", ""))
        elif token.type in ("fence", "code_block"):  # code is not the article's points either
            (held if html.skip else quotes if quoted else blocks).append(Block("media", ""))
        elif token.type in ("bullet_list_open", "ordered_list_open", "bullet_list_close", "ordered_list_close"):
            lists += 1 if token.type.endswith("open") else -1
        elif token.type == "list_item_open":  # an ordered item's markup is its delimiter, "." or ")"
            number = int(token.info) if token.markup in (".", ")") and token.info.isdigit() else 0
            item = Block("item" if number else "bullet", "", number=number, depth=max(0, lists - 1))
        elif token.type == "inline" and token.children is not None and not table:
            raw = _notes_marks(_TEMPLATE.sub("", _inline(token.children)))
            if re.fullmatch(r"\s*:{3,}[^\n]*", raw):  # a container's fence the container plugin did not take
                continue
            before = tokens[index - 1]
            if item is not None:  # an item's first text, even when it is a heading inside the item
                item.raw, block, item = raw, item, None
            elif before.type == "heading_open":
                block = Block("heading", raw, level=int(before.tag[1]))
            elif raw.strip() == MEDIA or (not raw.strip() and any(c.type == "image" for c in token.children)):
                block = Block("media", "")
            else:  # an image within a line of text leaves no mark in it
                block = Block("para", raw.replace(MEDIA, ""), listed=lists > 0)
            (held if html.skip else quotes if quoted else blocks).append(block)
    html.close()
    blocks.extend(_converted(html.take()) + held)  # an element never closed leaves nothing out
    if html.meta.get("byline"):
        meta.setdefault("byline", html.meta["byline"])
    return (blocks if any(b.text for b in blocks) else quotes + blocks), meta


NESTING = 200  # blocks in blocks markdown-it reads before it gives up on the rest (its default is 20)
# A line indented further than this is read at this depth: a list nested 40 deep keeps its items,
# as siblings at the deepest level NESTING allows, and the page after it (NESTING alone lost it).
DEEPEST = 64
_DEEPEST = re.compile(rf"^(?: |\t){{{DEEPEST},}}(?=\S)", re.MULTILINE)


@functools.cache
def _parser(code: bool = True) -> MarkdownIt:
    """CommonMark with front matter, tables and ::: containers (pandoc's fenced divs, Docusaurus and
    VuePress admonitions: their text is the article's unless the container is an aside, a note or a quote)."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.container import container_plugin
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    # markdown-it stops at 20 levels of nesting and drops the rest of the page: a list nested ten
    # deep (two levels each, and a paragraph) lost everything after it; 200 is a page nobody writes
    parser = (
        MarkdownIt("commonmark", {"maxNesting": NESTING})
        .use(front_matter_plugin)
        .use(footnote_plugin)
        .enable(["table", "strikethrough"])
    )
    parser.use(container_plugin, name="div", validate=lambda params, *_: bool(params.strip()))
    return parser if code else parser.disable("code")


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
# Each mark is looked for without scanning past the next one's start, so no text is read again from every position.
_TEMPLATE = re.compile(
    r"\{%(?:(?!\{%).)*?%\}|\{\{(?:(?!\{\{).)*?\}\}|(?<!\s)\s*\{(?:#[\w-]+|\.[\w-]+|:[^}\n]*)\}\s*$", re.DOTALL
)
# Note apps' marks (Obsidian, Logseq, Roam): [[page]] and [[page|its text]], ==highlight==, and #tags at
# the end of a line or alone on one.
_WIKILINK = re.compile(r"\[\[(?:[^\[\]|\n]*\|)?([^\[\]\n]*)\]\]")
_HIGHLIGHT = re.compile(r"==(?=\S)([^=\n]+?)(?<=\S)==")
_TAGS_BACKWARDS = re.compile(r"(?:[ \t]*[\w/-]*[^\W\d]#)+(?=\s|$)")  # "#a #b" at a line's end, read from its end


def _notes_marks(raw: str) -> str:
    lines = _HIGHLIGHT.sub(r"\1", _WIKILINK.sub(r"\1", raw)).split("\n")
    return "\n".join(
        line[: len(line) - m.end()] if (m := _TAGS_BACKWARDS.match(line[::-1])) else line for line in lines
    ).rstrip()


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
            elif not skip and m and tag not in INLINE:  # <div>one</div><div>two</div>: two lines, not "onetwo"
                parts.append("\n")
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


_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # control characters lxml refuses in a text


def html(text: str) -> tuple[list[Block], dict[str, str]]:
    page = PageMarkdown(text)
    extractor = logging.getLogger("readability.readability")  # it logs a traceback for what it cannot read
    quiet, extractor.disabled = extractor.disabled, True
    try:
        from readability import Document

        # the page's style sheets are not in the extract: the classes they make bold are passed on
        article = PageMarkdown(Document(_NOT_XML.sub(" ", text)).summary(html_partial=True), page.bold).text
    except Exception:
        article = page.text
    finally:
        extractor.disabled = quiet
    blocks, _ = markdown(article if article.strip() else page.text)
    if article.strip() and article != page.text:
        whole = markdown(page.text)[0]
        blocks = _with_byline(_with_lists(blocks, whole), whole)
    return blocks, page.meta


def _with_lists(blocks: list[Block], page: list[Block]) -> list[Block]:
    """The extractor's blocks with the list items it left out between two blocks it kept, as the page
    has them: readability drops a list of short items ("Who acts next", "By when") as if it were a
    menu, even inside an item of the article's own list; the page's navigation never stands there."""
    where: dict[str, list[int]] = {}
    for index, block in enumerate(page):
        where.setdefault(block.text, []).append(index)
    out: list[Block] = []
    last = -1  # the page's index of the last block kept
    for block in blocks:
        found = where.get(block.text, [])
        at = found[bisect.bisect_right(found, last)] if found and found[-1] > last else -1
        if at >= 0 and last >= 0:
            out.extend(b for b in page[last + 1 : at] if b.kind in ("item", "bullet") or (b.listed and b.text))
        last = max(last, at)
        out.append(block)
    return out


def _with_byline(blocks: list[Block], page: list[Block]) -> list[Block]:
    """The extractor's blocks with the lines it left out between the title (or subtitle) and the
    first paragraph, as the page has them: where a byline stands (Medium's, under its subtitle)."""
    at = next((i for i, b in enumerate(blocks) if b.kind == "para"), None)
    if at is None or at > 3 or not any(b.kind == "heading" for b in blocks[:at]):
        return blocks
    lines = [b.text for b in page]
    first, last = blocks[at].text, blocks[at - 1].text
    if first not in lines or last not in lines or lines.index(last) > lines.index(first):
        return blocks
    between = page[lines.index(last) + 1 : lines.index(first)][:8]
    if any(b.kind == "heading" for b in between):
        return blocks
    return [*blocks[:at], *between, *blocks[at:]]


def is_document(text: str) -> bool:
    """Whether the text is a whole web page (a doctype or an <html> element first, comments aside),
    rather than text that holds some HTML."""
    head = re.sub(r"^(\s*<!--.*?-->)+", "", text[:8192], flags=re.DOTALL).lower()
    return bool(re.match(r"\s*(<!doctype html|<html[\s>]|<\?xml[^>]*>\s*(<!doctype html|<html[\s>]))", head))
