"""A web page written as Markdown by the standard library's html.parser, for markdown-it to read
(draft/parse.py), and what the page says about itself: its title, author, language, byline and publisher.

Chrome (navigation, share bars, cookie notices, pull quotes) is left out; images, tables and code
leave a mark, MEDIA, so that a section holding only one is still a section.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from workshop.draft import publisher
from workshop.draft.html_tags import (
    BYLINE,
    CHROME,
    INLINE,
    MAX_LISTS,
    MEDIA,
    MEDIA_TAGS,
    META,
    OWN_HEADER,
    SKIP,
    VOID,
    bold_classes,
    is_note_ref,
    weight,
    word_list_mark,
    word_mark,
)


class PageMarkdown(HTMLParser):
    """A page as Markdown (`text`) for markdown-it to read, and what it says about itself (`meta`):
    <title>, <html lang>, the <meta> that name its title, author and language, and its byline element."""

    def __init__(self, page: str | None = None, bold: set[str] | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.meta: dict[str, str] = {}
        self.skip: list[str] = []  # the open tag whose text is skipped, once per nesting
        self.lists: list[int] = []  # per open list: the last item's number, -1 for bullets
        self.items: list[tuple[int, int]] = []  # per open list item: its list's depth, the column its text is at
        self.ink = -1  # in `out`: the last piece found holding more than spaces (_last_ink)
        self.seen = 0  # how many pieces of `out` were looked at for it
        self.capture: tuple[str, str, list[str]] | None = None  # (tag, meta key, text) of a <title> or byline
        self.depth = 0  # how many elements named as the captured one are open, itself included
        self.item = False  # a list item's mark is written and its text not yet
        self.heading = False  # a heading's line is open: a <br> in it stays a <br>, as a heading is one line
        self.articles = 0  # open <article> elements: a <header> inside one is the article's, not the page's
        self.ld: list[str] | None = None  # the text of an open <script type="application/ld+json">
        self.css: list[str] | None = None  # the text of an open <style>
        self.bold = set(bold or ())  # the classes the page's style sheets make bold (Google Docs)
        self.bolds: list[tuple[str, bool]] = []  # per open <b>, <strong>, <span>: whether it wrote a "**"
        self.word = 0  # a Word list paragraph: 2 before its symbol, 1 before its text
        self.word_at = 0  # where its "- " mark is in `out`, to be numbered when Word numbered it
        self.text = ""
        if page is not None:
            self.feed(page)
            self.close()
            self.text = self.take()

    def take(self) -> str:
        """The Markdown written since the last take (HTML fed a piece at a time)."""
        text = "".join(self.out)
        self.out.clear()
        self.ink = -1
        self.seen = 0
        return text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: (v or "") for k, v in attrs}
        key = (values.get("name") or values.get("property") or values.get("http-equiv") or "").lower()
        if tag == "meta" and key in META and values.get("content"):
            self.meta.setdefault(key, values["content"])
        elif tag == "html" and values.get("lang"):
            self.meta.setdefault("lang", values["lang"])
        elif tag == "script" and values.get("type", "").strip().lower() == "application/ld+json":
            self.ld = []
        elif tag == "style":
            self.css = []
        # Medium marks a paragraph by what stands before it ("graf-after--pullquote"): that says nothing of it
        marker = " ".join(w for k in ("class", "id", "role") for w in values.get(k, "").split() if "-after-" not in w)
        byline = BYLINE.search(marker) or "author" in (values.get("rel"), values.get("itemprop"))
        for wanted, found in (("page-title", tag == "title"), ("byline", byline and tag not in VOID)):
            if found and wanted not in self.meta and self.capture is None:
                self.capture, self.depth = (tag, wanted, []), 0
        if self.capture is not None and tag == "br":  # "NAME<br>4 March 2024": two parts of the byline
            self.capture[2].append(" · ")
        if self.capture is not None and tag not in VOID:
            self.depth += tag == self.capture[0]
            if tag not in INLINE:  # a block inside the byline is a part of it: "NAME · 6 min read"
                self.capture[2].append(" · ")
        if self.skip:
            if tag == self.skip[-1] and tag not in VOID:
                self.skip.append(tag)
            return
        if tag == "br":  # a line break within its paragraph or item, not a paragraph of its own
            self.out.append(self._line_break())
            return
        if tag in MEDIA_TAGS:  # an image in a line of text is not a paragraph of its own
            self.out.append(MEDIA if tag in INLINE else f"{self._gap()}{MEDIA}{self._gap()}")
        self.articles += tag == "article"
        own = tag == "header" and (self.articles > 0 or OWN_HEADER.search(marker))  # the article's title and byline
        if tag not in VOID and (
            (tag in SKIP and not own)
            or (tag not in ("html", "body", "main", "article") and ("hidden" in values or CHROME.search(marker)))
            or is_note_ref(tag, values)
        ):
            self.skip = [tag]
        elif tag in ("strong", "b", "span"):  # bold by its tag, its style or its class; never bold inside bold
            bold = weight(values.get("style", ""))
            bold = (
                (tag != "span" or bool(self.bold.intersection(values.get("class", "").split())))
                if bold is None
                else bold
            )
            emit = bold and not any(wrote for _, wrote in self.bolds)
            self.bolds.append((tag, emit))
            self.out.append("**" if emit else "")
        elif tag not in INLINE:
            self.heading = False
            if not (self.item and tag not in ("li", "ol", "ul")):  # <li><p>: the paragraph is the item's text
                self.out.append("\n\n" if tag == "li" else self._gap())
            if tag in ("ol", "ul"):  # <ol start="4">: a list taken up again after a paragraph goes on counting
                start = values.get("start", "").strip()
                self.lists.append(int(start) - 1 if tag == "ol" and start.isdigit() and 0 < int(start) < 1000 else -1)
                self.lists[-1] += tag == "ol" and self.lists[-1] < 0
            elif tag == "li" and self.lists:  # a nested list's items indented under their parent's text
                self._close_items(self._depth())  # an item whose </li> was left out ends at the next <li>
                self.lists[-1] += 1 if self.lists[-1] >= 0 else 0
                mark = f"{self.lists[-1]}. " if self.lists[-1] > 0 else "- "
                column = self.items[-1][1] if self.items else 0
                self.out.append(" " * column + mark)
                self.items.append((self._depth(), column + len(mark)))
                self.item = True
            elif re.fullmatch(r"h[1-6]", tag):
                self.out.append("#" * int(tag[1]) + " ")
                self.heading = True
            elif tag == "p" and word_list_mark(values):  # Word's list item: "·" and spaces, then its text
                self.out.append("- ")
                self.word, self.word_at, self.item = 2, len(self.out) - 1, True

    def _end_bold(self, tag: str) -> None:
        """The "**" that closes a bold <b>, <strong> or <span>, after its text and before its last spaces."""
        at = next((i for i in range(len(self.bolds) - 1, -1, -1) if self.bolds[i][0] == tag), None)
        if at is None:
            return
        if any(wrote for _, wrote in self.bolds[at:]):
            last = self.out[-1] if self.out else ""
            self.out[-1:] = [last.rstrip(" "), "**", " " * (len(last) - len(last.rstrip(" ")))]
        del self.bolds[at:]

    def _gap(self) -> str:
        """A blank line, and the indent that keeps what follows inside the list item it stands in: an
        item's second paragraph, its nested list, its picture."""
        return "\n\n" + " " * (self.items[-1][1] if self.items else 0)

    def _depth(self) -> int:
        """The depth the open list's items are written at: its own, or as deep as Markdown keeps track of
        (markdown-it stops reading at 20 levels, a list and its items two each), with the items of
        the lists nested deeper beside them."""
        return min(len(self.lists), MAX_LISTS)

    def _close_items(self, depth: int) -> None:
        """The open items of the lists at `depth` and deeper are closed."""
        while self.items and self.items[-1][0] >= depth:
            self.items.pop()

    def _line_break(self) -> str:
        """A new line in the paragraph (read as a space, as Markdown reads one), or a space where a line, a
        paragraph or an item's text has only begun: two <br> in a row never make the blank line that ends it."""
        if self.heading:  # markdown-it reads it as a break within the heading (a byline under a title)
            return "<br>"
        last = self._last_ink()
        return " " if not last or last.rstrip(" ").endswith("\n") or self.item else "\n"

    def _last_ink(self) -> str:
        """The last piece of `out` holding more than spaces ("" for none), looked for among the pieces
        written since the last look only, so that a run of <br> is read in one pass: a piece is never
        changed once another follows it, and the last only ever keeps its ink or its blankness (_end_bold)."""
        for at in range(len(self.out) - 1, self.seen - 1, -1):
            if self.out[at].strip(" "):
                self.ink = at
                break
        self.seen = len(self.out)
        return self.out[self.ink] if self.ink >= 0 else ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "br":  # <br/> and <br />, which html.parser also ends: a void element has no end
            return
        if tag == "style" and self.css is not None:
            self.bold |= bold_classes("".join(self.css))
            self.css = None
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
        elif tag in ("strong", "b", "span"):
            self._end_bold(tag)
        elif tag not in INLINE:
            self.word = 0
            if tag == "li":
                self._close_items(self._depth())
            elif tag in ("ol", "ul") and self.lists:
                self.lists.pop()
                self._close_items(min(len(self.lists) + 1, MAX_LISTS))
            self.out.append(self._gap())

    def handle_data(self, data: str) -> None:
        if self.ld is not None:
            self.ld.append(data)
        if self.capture is not None:
            self.capture[2].append(data)
        if self.css is not None:
            self.css.append(data)
        if self.skip:
            return
        if self.word == 2 and (found := word_mark(data)) is not None:  # Word's list symbol, or its number
            data, self.word = found[0], 1
            self.out[self.word_at] = f"{found[1]}. " if found[1] else "- "
        self.word = self.word if not data.strip() else 0
        if self.item:  # the item's text starts right after its mark: more space would move its column
            data = data.lstrip()
            self.item = not data
        # every ASCII punctuation mark escaped: the page's text is text, not Markdown
        self.out.append(re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", re.sub(r"\s+", " ", data)))
