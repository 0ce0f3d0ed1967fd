"""A web page written as Markdown by the standard library's html.parser, for markdown-it to read
(draft/parse.py), and what the page says about itself: its title, author, language, byline and publisher.

Chrome (navigation, share bars, cookie notices, pull quotes) is left out; images, tables and code
leave a mark, MEDIA, so that a section holding only one is still a section.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from workshop.draft import publisher

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
_CHROME = re.compile(
    r"cookie|consent|newsletter|subscri|share|social|promo|advert|sidebar|related|comment"
    r"|breadcrumb|(^|[\s_-])(menu|nav|ads?)($|[\s_-])|popup|modal|footer|paywall|hidden|sr-only"
    r"|pull-?quote",
    re.IGNORECASE,
)
_OWN_HEADER = re.compile(r"(post|entry|article|story)[-_](full[-_])?header", re.IGNORECASE)
_BYLINE = re.compile(r"(^|[\s_-])(author|byline)", re.IGNORECASE)
_META = {
    "author",
    "article:author",
    "dc.creator",
    "og:title",
    "og:locale",
    "og:site_name",
    "content-language",
    "dc.language",
}


class PageMarkdown(HTMLParser):
    """A page as Markdown (`text`) for markdown-it to read, and what it says about itself (`meta`):
    <title>, <html lang>, the <meta> that name its title, author and language, and its byline element."""

    def __init__(self, page: str | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.meta: dict[str, str] = {}
        self.skip: list[str] = []  # the open tag whose text is skipped, once per nesting
        self.lists: list[int] = []  # per open list: the last item's number, -1 for bullets
        self.items: list[tuple[int, int]] = []  # per open list item: its list's depth, the column its text is at
        self.capture: tuple[str, str, list[str]] | None = None  # (tag, meta key, text) of a <title> or byline
        self.depth = 0  # how many elements named as the captured one are open, itself included
        self.item = False  # a list item's mark is written and its text not yet
        self.heading = False  # a heading's line is open: a <br> in it stays a <br>, as a heading is one line
        self.articles = 0  # open <article> elements: a <header> inside one is the article's, not the page's
        self.ld: list[str] | None = None  # the text of an open <script type="application/ld+json">
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
        elif tag == "script" and values.get("type", "").strip().lower() == "application/ld+json":
            self.ld = []
        marker = " ".join(values.get(k, "") for k in ("class", "id", "role"))
        byline = _BYLINE.search(marker) or "author" in (values.get("rel"), values.get("itemprop"))
        for wanted, found in (("page-title", tag == "title"), ("byline", byline and tag not in _VOID)):
            if found and wanted not in self.meta and self.capture is None:
                self.capture, self.depth = (tag, wanted, []), 0
        if self.capture is not None and tag == "br":  # "NAME<br>4 March 2024": two parts of the byline
            self.capture[2].append(" · ")
        if self.capture is not None and tag not in _VOID:
            self.depth += tag == self.capture[0]
            if tag not in INLINE:  # a block inside the byline is a part of it: "NAME · 6 min read"
                self.capture[2].append(" · ")
        if self.skip:
            if tag == self.skip[-1] and tag not in _VOID:
                self.skip.append(tag)
            return
        if tag == "br":  # a line break within its paragraph or item, not a paragraph of its own
            self.out.append(self._line_break())
            return
        if tag in _MEDIA:  # an image in a line of text is not a paragraph of its own
            self.out.append(MEDIA if tag in INLINE else f"{self._gap()}{MEDIA}{self._gap()}")
        self.articles += tag == "article"
        own = tag == "header" and (self.articles > 0 or _OWN_HEADER.search(marker))  # the article's title and byline
        if tag not in _VOID and (
            (tag in _SKIP and not own)
            or (tag not in ("html", "body", "main", "article") and ("hidden" in values or _CHROME.search(marker)))
        ):
            self.skip = [tag]
        elif tag in ("strong", "b"):
            self.out.append("**")
        elif tag not in INLINE:
            self.heading = False
            if not (self.item and tag not in ("li", "ol", "ul")):  # <li><p>: the paragraph is the item's text
                self.out.append("\n\n" if tag == "li" else self._gap())
            if tag in ("ol", "ul"):  # <ol start="4">: a list taken up again after a paragraph goes on counting
                start = values.get("start", "").strip()
                self.lists.append(int(start) - 1 if tag == "ol" and start.isdigit() and 0 < int(start) < 1000 else -1)
                self.lists[-1] += tag == "ol" and self.lists[-1] < 0
            elif tag == "li" and self.lists:  # a nested list's items indented under their parent's text
                self._close_items(len(self.lists))  # an item whose </li> was left out ends at the next <li>
                self.lists[-1] += 1 if self.lists[-1] >= 0 else 0
                mark = f"{self.lists[-1]}. " if self.lists[-1] > 0 else "- "
                column = self.items[-1][1] if self.items else 0
                self.out.append(" " * column + mark)
                self.items.append((len(self.lists), column + len(mark)))
                self.item = True
            elif re.fullmatch(r"h[1-6]", tag):
                self.out.append("#" * int(tag[1]) + " ")
                self.heading = True

    def _gap(self) -> str:
        """A blank line, and the indent that keeps what follows inside the list item it stands in: an
        item's second paragraph, its nested list, its picture."""
        return "\n\n" + " " * (self.items[-1][1] if self.items else 0)

    def _close_items(self, depth: int) -> None:
        """The open items of the lists at `depth` and deeper are closed."""
        while self.items and self.items[-1][0] >= depth:
            self.items.pop()

    def _line_break(self) -> str:
        """A new line in the paragraph (read as a space, as Markdown reads one), or a space where a line, a
        paragraph or an item's text has only begun: two <br> in a row never make the blank line that ends it."""
        if self.heading:  # markdown-it reads it as a break within the heading (a byline under a title)
            return "<br>"
        for piece in reversed(self.out):
            if piece.strip(" "):
                return " " if piece.rstrip(" ").endswith("\n") or self.item else "\n"
        return " "

    def handle_endtag(self, tag: str) -> None:
        if tag == "br":  # <br/> and <br />, which html.parser also ends: a void element has no end
            return
        if tag == "script" and self.ld is not None:  # the page's structured data: who published it
            for key in ("publisher", "author"):
                if name := publisher.from_json_ld("".join(self.ld), key):
                    self.meta.setdefault(f"ld:{key}", name)
            self.ld = None
        self.articles -= tag == "article" and self.articles > 0 and not self.skip
        self.item = self.item and tag not in ("li", "ol", "ul")
        self.heading = self.heading and tag in INLINE
        if self.capture is not None and tag not in INLINE:
            self.capture[2].append(" · ")
        if self.capture is not None and tag == self.capture[0]:
            self.depth -= 1
            if self.depth <= 0:
                text = " ".join("".join(self.capture[2]).split())
                self.meta[self.capture[1]] = re.sub(r"(\s*·\s*)+", " · ", text).strip(" ·")
                self.capture = None
        if self.skip:
            if tag == self.skip[-1]:
                self.skip.pop()
        elif tag in ("strong", "b"):
            self.out.append("**")
        elif tag not in INLINE:
            if tag == "li":
                self._close_items(len(self.lists))
            elif tag in ("ol", "ul") and self.lists:
                self.lists.pop()
                self._close_items(len(self.lists) + 1)
            self.out.append(self._gap())

    def handle_data(self, data: str) -> None:
        if self.ld is not None:
            self.ld.append(data)
        if self.capture is not None:
            self.capture[2].append(data)
        if self.skip:
            return
        if self.item:  # the item's text starts right after its mark: more space would move its column
            data = data.lstrip()
            self.item = not data
        # every ASCII punctuation mark escaped: the page's text is text, not Markdown
        self.out.append(re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", re.sub(r"\s+", " ", data)))
