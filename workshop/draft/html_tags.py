"""What the HTML reader (draft/html_markdown.py) knows about tags: which hold no article text, which
are inline, which class words mark chrome, and how exports mark what plain HTML would: Google Docs'
bold as a CSS class, Word's list items as paragraphs with a symbol in front, footnote references.
"""

from __future__ import annotations

import re

# Tags whose text is never the article, and class or id words that mark chrome: what readability
# leaves in (a share bar inside the article) and, without readability, the page around the article.
# A pull quote (<blockquote>, <aside>, class "pullquote") repeats or quotes the text: it is not a point.
SKIP = {
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
MEDIA_TAGS = {"img", "picture", "video", "table", "pre", "svg", "canvas", "object", "embed", "iframe"}
MEDIA = "\ue000"  # the mark written for them in the Markdown made from HTML
MAX_LISTS = 8  # lists nested deeper are written beside the eighth: Markdown keeps track of about ten
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
INLINE = {
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
    "img",
    "picture",
    "wbr",
}
CHROME = re.compile(
    r"cookie|consent|newsletter|subscri|share|social|promo|advert|sidebar|related|comment"
    r"|breadcrumb|(^|[\s_-])(menu|nav|ads?)($|[\s_-])|popup|modal|footer|paywall|hidden|sr-only"
    r"|pull-?quote|footnotes|endnotes",  # the notes at the end (pandoc, WordPress): not the article's points
    re.IGNORECASE,
)
OWN_HEADER = re.compile(r"(post|entry|article|story)[-_](full[-_])?header", re.IGNORECASE)
BYLINE = re.compile(r"(^|[\s_-])(author|byline)", re.IGNORECASE)
META = {
    "author",
    "article:author",
    "dc.creator",
    "og:title",
    "og:locale",
    "og:site_name",
    "content-language",
    "dc.language",
}


def bold_classes(css: str) -> set[str]:
    """The classes a style sheet makes bold: Google Docs' export writes bold text as `<span class="c2">`
    with `.c2{font-weight:700}`, never as <b>. Read rule by rule, so a sheet without braces takes no
    longer than its length."""
    found: set[str] = set()
    for rule in css.split("}")[:-1]:  # each rule ends at its brace: "selectors{body"
        *_, selectors, body = ["", *rule.split("{")]
        if "{" in rule and weight(body):
            for selector in selectors.split(","):
                if m := re.fullmatch(r"\s*[\w-]*\.([\w-]+)\s*", selector):
                    found.add(m.group(1))
    return found


def weight(style: str) -> bool | None:
    """Whether a `style` makes its text bold (True), not bold (False: Google Docs wraps a pasted text in
    `<b style="font-weight:normal">`), or says nothing of it (None)."""
    if not (m := re.search(r"font-weight\s*:\s*([\w-]+)", style, re.IGNORECASE)):
        return None
    value = m.group(1).lower()
    return value in ("bold", "bolder") or (value.isdigit() and int(value) >= 600)


_NOTE = re.compile(r"footnote|fnref|noteref|cite_note|(^|[\s_-])(fn|reference|ref)($|[\s_-])", re.IGNORECASE)


def is_note_ref(tag: str, values: dict[str, str]) -> bool:
    """A footnote's number in the text (pandoc's, WordPress', a wiki's): `<sup class="fn">`, or a link to
    `#fn1` marked as a note reference. Its number glued to the sentence would read as part of a word."""
    if tag not in ("a", "sup"):
        return False
    marks = " ".join(values.get(k, "") for k in ("class", "id", "role"))
    href = values.get("href", "")
    return (
        "data-fn" in values
        or (tag == "sup" and bool(_NOTE.search(marks)))
        or (href.startswith("#") and bool(_NOTE.search(marks) or re.match(r"#(fn|footnote|cite|note)", href)))
    )


# the symbol or number Word writes in front of a list paragraph's text: "·", "o", "§", "1.", "a)"
_WORD_MARK = re.compile(r"^[\s\u00a0]*(?:([·•o§▪■□➢✓*–-])|\(?(\d{1,3})[.)]|[a-zA-Z][.)]|[ivx]{1,4}[.)])[\s\u00a0]*")


def word_list_mark(values: dict[str, str]) -> bool:
    """Whether a `<p>` is a list item as Word writes one: class MsoListParagraph…, or an `mso-list` style."""
    return values.get("class", "").lower().startswith("msolistparagraph") or "mso-list" in values.get("style", "")


def word_mark(text: str) -> tuple[str, int] | None:
    """A Word list paragraph's text without its symbol, and the item's number (0 for a bullet); None
    when the text does not start with one."""
    if not (m := _WORD_MARK.match(text)):
        return None
    return text[m.end() :], int(m.group(2) or 0)
