"""Read an article (plain text, Markdown or a saved web page): its title, author, language and blocks.

Markdown and HTML are parsed by real parsers (draft/parse.py); plain text, which has no markup to
parse, is split here into paragraphs, numbered items and bullets. What the article says about
itself comes first: front matter and page metadata, then its top-level heading, then guesses.
Everything is pure and deterministic: bytes in, an `Article` out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workshop.content.schema import LANGUAGE
from workshop.draft import byline, headings, parse, publisher
from workshop.draft.encoding import MAX_BYTES as MAX_BYTES
from workshop.draft.encoding import ArticleError as ArticleError
from workshop.draft.encoding import decode
from workshop.draft.parse import Block
from workshop.draft.phrases import guess_language
from workshop.draft.plain import plain_blocks
from workshop.draft.text import BOILERPLATE, clean_text, is_name, shorten, title_like
from workshop.i18n import _

MARKDOWN_NAMES = (".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn", ".mdx", ".mdtxt", ".mdtext", ".qmd", ".rmd")
HTML_NAMES = (".html", ".htm", ".xhtml")


@dataclass(frozen=True)
class Article:
    title: str
    author: str
    blocks: tuple[Block, ...]
    marked: bool  # Markdown or HTML: headings are the author's, not guessed from short lines
    language: str = ""
    title_guessed: bool = False
    stem: str = ""
    language_guessed: bool = False  # from the article's words: it names no language
    publisher: str = ""  # as the article names it (front matter, the page's site name or JSON-LD), or ""


_MARKDOWN = re.compile(
    r"^(#{1,6}[ \t]+\S|```|~~~|\S.*\n(=+|-+)[ \t]*$|.*\[[^\]\n]+\]\([^)\s]+\))"
    r"|^<(p|div|h[1-6]|aside|blockquote|figure|section|article|details|ul|ol|table|img|br)\b",
    re.MULTILINE | re.IGNORECASE,
)


def kind_of(text: str, name: str) -> str:
    """How to read the article: "html", "markdown" or "plain". The file's name decides first (a
    .md file is Markdown whatever HTML it holds), then front matter, then the text: only a whole
    page (a doctype or <html> first) is a web page; HTML blocks and Markdown marks are Markdown."""
    lower = name.lower()
    if lower.endswith(HTML_NAMES):
        return "html"
    if lower.endswith(MARKDOWN_NAMES) or re.match(r"\n*(---|\+\+\+)[ \t]*\n", text):
        return "markdown"
    if parse.is_document(text):
        return "html"
    return "markdown" if _MARKDOWN.search(text) else "plain"


def read_article(raw: bytes, name: str) -> Article:
    """The article in `raw` (named `name` in messages); ArticleError when there is none."""
    text = decode(raw, name)
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", name.replace("\\", "/").rsplit("/", 1)[-1])
    marked = True
    kind = kind_of(text, name)
    if kind == "html":
        try:
            blocks, meta = parse.html(text)
        except Exception:
            raise ArticleError(_("{name}: cannot read this HTML page").format(name=name)) from None
    elif kind == "markdown":
        blocks, meta = parse.markdown(text, code=name.lower().endswith(MARKDOWN_NAMES))
    else:
        blocks, meta, marked = plain_blocks(text), {}, False
    blocks = byline.split_glued(blocks)
    for block in blocks:
        block.raw = clean_text(block.raw)
    blocks = [b for b in blocks if b.text or b.kind == "media"]
    if not any(b.text for b in blocks):
        raise ArticleError(_("{name}: no article text found").format(name=name))
    blocks, title, guessed = _take_title(blocks, meta, stem)
    blocks = byline.drop_subtitle(blocks) if not guessed else blocks
    blocks, author = _take_author(blocks, meta, title)
    blocks = _drop_boilerplate(blocks)
    if not any(b.text for b in blocks):
        raise ArticleError(_("{name}: no article text found besides the title").format(name=name))
    language = _language(meta)
    guess = "" if language else guess_language(" ".join(b.text for b in blocks))
    return Article(
        title,
        author,
        tuple(blocks),
        marked,
        language or ("" if guess == "en" else guess),
        guessed,
        stem,
        language_guessed=bool(guess) and guess != "en",
        publisher=publisher.publisher(meta, title, author),
    )


def _language(meta: dict[str, str]) -> str:
    for key in ("lang", "language", "locale", "og:locale", "content-language", "dc.language"):
        tag = clean_text(meta.get(key, "")).replace("_", "-").split(",")[0].strip()
        if tag and LANGUAGE.match(tag):
            return tag
    return ""


# ------------------------------------------------------------------------------------ title and author


def _clean_title(text: str) -> str:
    """A page title less its site name: the longest part around " | ", " – " and the like."""
    text = clean_text(text).strip(" :;,-–—")
    for sep in (" | ", " – ", " — ", " - ", " :: "):
        if sep in text:
            text = max((p.strip() for p in text.split(sep)), key=len)
    return text


def _shared(heading: str, page: str) -> bool:
    """Whether the heading is in the page's <title>, or shares a word of four letters or more with it."""
    if heading.casefold() in page.casefold():
        return True
    words = {w for w in re.findall(r"\w+", page.casefold()) if len(w) > 3}
    return any(w in words for w in re.findall(r"\w+", heading.casefold()))


def _take_title(blocks: list[Block], meta: dict[str, str], stem: str) -> tuple[list[Block], str, bool]:
    tops = [b for b in blocks if b.kind == "heading" and b.level == 1 and not _boilerplate(b)]
    top = headings.title_heading(tops, blocks, stem)
    title = clean_text(meta.get("title") or meta.get("og:title") or meta.get("twitter:title") or "")
    page = clean_text(meta.get("page-title", ""))
    # <title> often carries the site's name, or is a shorter title: the heading is the article's own
    if not title and page:
        title = top.text if top is not None and _shared(top.text, page) else _clean_title(page)
    if not title and top is not None:
        title = top.text
    lines = [b for b in blocks[:6] if not byline.meta_line(b.text)[0]]  # a byline or a date may come first
    for block in lines if not title else ():  # plain text: the first short line that reads as a title
        if _boilerplate(block) or block.kind != "para":
            continue
        if len(block.text) > 140:  # the article's text has begun
            break
        if title_like(block.text) and (block is lines[0] or not is_name(block.text)):
            title = block.text
            break
    if not title:
        words = headings.file_title(stem)
        # not translated: the draft's content, in the article's language
        return blocks, clean_text(words[:1].upper() + words[1:]) or "Untitled article", True
    # the title as a block near the top (the heading, or the line it was taken from) is not a point, nor
    # is the same title again (Medium's export repeats it as the body's first heading)
    same = [
        b
        for b in [*blocks[:12], top]
        if b is not None
        and b.kind in ("heading", "para")
        and _clean_title(b.text).casefold() == _clean_title(title).casefold()
    ]
    return [b for b in blocks if not any(b is s for s in same)], title.rstrip("."), False


_BIO = re.compile(
    r"^(?-i:([A-Z][\w’'.\-]+(?:\s+[A-Z][\w’'.\-]+){1,3}))\s+is\s+(?:the\s+|a\s+|an\s+)?[^.]{0,80}?\b(founder|author"
    r"|writer|director|president|ceo|consultant|principal|manager|head|partner|editor|lead|vp|analyst|specialist"
    r"|expert|speaker|coach|professor|researcher)\b",
    re.IGNORECASE,
)


def _take_author(blocks: list[Block], meta: dict[str, str], title: str) -> tuple[list[Block], str]:
    """The author from front matter or page metadata, else from a byline near the top ("By NAME,
    Role", "Written by …", "Von …", "Por …", "Par …", or a name beside a date); bylines and date
    lines near the top are taken out of the text either way."""
    author = ""
    for key in ("author", "authors", "creator", "creators", "article:author", "dc.creator", "byl", "ld:author"):
        value = clean_text(meta.get(key, ""))
        if value and not value.startswith(("http://", "https://")):
            author = value
            break
    rest: list[Block] = []
    sections = 0  # headings passed: a date line counts only before the first section
    chrome = False  # a byline was just taken out: the platform's buttons and counters under it go too
    for index, block in enumerate(blocks):
        sections += block.kind == "heading"
        if index < 12 and block.kind == "para":  # a heading "By Design" is a section, not a byline
            is_meta, name = byline.meta_line(block.text)
            dashed = block.text.startswith(("—", "–"))  # "— Name" names an author only at the top, not under a quote
            if (is_meta and ((name and not dashed) or sections == 0)) or (chrome and byline.is_chrome(block.text)):
                author, chrome = author or name, True
                continue
        chrome = chrome and block.kind == "media"
        if (
            index < 4
            and block.kind == "para"
            and is_name(block.text)
            and not block.text.endswith(".")
            and block.text.casefold() != title.casefold()
            and (not author or block.text.casefold() in author.casefold())
        ):  # a bare name: the byline
            author = author or block.text
            continue
        rest.append(block)
    page_byline = clean_text(meta.get("byline", ""))
    if not author and page_byline:  # a page's byline element: "By Pat Example · 4 March 2024", or just the name
        named = byline.meta_line(page_byline)[1]
        author = named or (page_byline.strip(" .") if is_name(page_byline.strip(" .")) else "")
    author = author or byline.in_page_title(clean_text(meta.get("page-title", "")))
    for block in rest[-3:] if not author else ():
        if m := _BIO.match(block.text):
            author = m.group(1)
            break
    return rest, shorten(author, 80)


def _boilerplate(block: Block) -> bool:
    text = block.text
    if BOILERPLATE.search(text) and len(text) < 400:
        return True
    # breadcrumbs and image captions: "Article | Customer Experience"
    return " | " in text and not re.search(r"[.!?:;…]$", text) and len(text) < 120 and block.kind in ("para", "heading")


def _drop_boilerplate(blocks: list[Block]) -> list[Block]:
    kept: list[Block] = []
    seen: set[str] = set()
    for block in blocks:
        key = block.text.casefold()
        repeated = key in seen and (key == kept[-1].text.casefold() or (block.kind == "para" and len(key) < 100))
        if not (_boilerplate(block) or repeated):
            kept.append(block)
            seen.add(key)
    return kept
