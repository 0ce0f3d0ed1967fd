"""Read an article (plain text, Markdown or a saved HTML page) and find the points it makes.

Everything here is pure and deterministic: bytes in, an `Article` out. The heuristics, in order of
preference for the points: a numbered list, headings (especially after a sentence that announces
"three traits" or "five lessons"), bold lead-ins, and otherwise groups of paragraphs.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser

MAX_BYTES = 4 * 1024 * 1024
MAX_POINTS = 10
FALLBACK_POINTS = 7
HEADING_LIMIT = 80


class ArticleError(ValueError):
    """The bytes are not an article that can be drafted from; the message is one line."""


@dataclass(frozen=True)
class Point:
    heading: str
    body: str
    generated: bool = False  # the heading was made up by the drafter, not taken from the article


@dataclass(frozen=True)
class Article:
    title: str
    author: str
    points: tuple[Point, ...]
    found_by: str  # numbered list | headings | bold lead-ins | sections | paragraphs
    intro: str = ""
    more: int = 0  # points left out past MAX_POINTS
    title_guessed: bool = False


@dataclass
class Block:
    kind: str  # heading | item | bullet | para
    text: str
    level: int = 0  # heading level
    number: int = 0  # item number
    meta: dict = field(default_factory=dict)


# ------------------------------------------------------------------------------------ text helpers

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")
_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12,
}
_ANNOUNCE = re.compile(
    r"\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+(?:[\w’'-]+\s+){0,2}?"
    r"(traits|lessons|steps|ways|tips|habits|principles|reasons|things|keys|rules|practices|strategies|ideas"
    r"|questions|mistakes|signs|skills|qualities|points|factors|secrets|areas|pillars|tactics|truths|myths"
    r"|behaviou?rs|characteristics|elements|components|stages|phases|actions|takeaways|barriers|challenges)\b",
    re.IGNORECASE,
)
_BOILERPLATE = re.compile(
    r"all rights reserved|©|\(c\)\s*\d{4}|\bcopyright\b|cookie|we use cookies|privacy policy|terms of (use|service)"
    r"|\bsubscribe\b|newsletter|sign up for|sign in|log in to|\bshare (this|on)\b|follow us|\btweet\b"
    r"|be the first to comment|leave a comment|\d+ comments?$|^comments?$|recommended (further )?reading"
    r"|^related( articles| posts| reading)?:?$|^read more|^advertisement$|registered office|registered in england"
    r"|is part of the .* division|>>>|^skip to (main )?content|^back to top|^(home|menu|search)$",
    re.IGNORECASE,
)
_NOT_A_POINT = re.compile(
    r"^(introduction|intro|background|overview|conclusions?|in conclusion|summary|in summary|final thoughts?"
    r"|wrapping up|references|sources|notes|further reading|about the authors?|about us|related|contents"
    r"|table of contents|footnotes|acknowl?edge?ments|bio|author bio)\W*$",
    re.IGNORECASE,
)
_BY = re.compile(r"^(?:by|written by|words by|author|authors|posted by)\s*[:\-–—]?\s+(.{2,80})$", re.IGNORECASE)
_NAME = re.compile(r"^[A-Z][\w’'.\-]*(?:\s+(?:[A-Z][\w’'.\-]*|van|von|de|da|del|der|la|le|du|and|&))*$")
_NAME_STOP = {
    "the", "a", "an", "why", "how", "what", "when", "our", "your", "my", "we", "you", "leaders", "leadership",
    "article", "customer", "service", "experience", "home", "news", "blog", "contents", "introduction", "summary",
    "conclusion", "team", "teams", "update", "updated", "share", "menu", "more", "to", "for", "of", "in", "on",
    "with", "at", "is", "are", "steps", "ways", "tips", "lessons", "traits", "how", "new", "best", "better",
}
_BIO = re.compile(
    r"^(?-i:([A-Z][\w’'.\-]+(?:\s+[A-Z][\w’'.\-]+){1,3}))\s+is\s+(?:the\s+|a\s+|an\s+)?[^.]{0,80}?\b(founder|author|writer|"
    r"director|president|ceo|cto|coo|consultant|principal|manager|head|partner|editor|lead|vp|vice president|analyst"
    r"|specialist|expert|speaker|coach|professor|researcher)\b", re.IGNORECASE
)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_WORD = re.compile(r"[A-Za-z][A-Za-z’'\-]+")
_STOPWORDS = set(
    """a about above after again against all also am an and any are as at be because been before being below between
    both but by can could did do does doing down during each even ever every few for from further get gets getting
    got had has have having he her here hers him his how however i if in into is it its itself just let lets like
    made make makes many may me might more most much must my need needs no nor not now of off often on once one only
    or other our ours out over own per quite rather really same say says she should so some such than that the their
    them then there these they this those through to too under until up upon us use used very want was way ways we
    well were what when where which while who whom why will with within without would yet you your yours able
    another around back come comes even first going good great instead keep know lot new next part put see still
    take thing things think time times today two three four five whether don’t doesn’t it’s that’s we’re they’re
    you’re i’m can’t won’t isn’t aren’t don't doesn't it's that's we're they're you're i'm can't won't isn't""".split()
)


def clean_text(text: str) -> str:
    """One line: control and invisible characters dropped, runs of spaces made one space."""
    return _SPACE.sub(" ", _CONTROL.sub("", text.replace("\n", " "))).strip()


def _strip_inline_markdown(text: str) -> str:
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)  # images
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links
    text = re.sub(r"\[([^\]]*)\]\[[^\]]*\]", r"\1", text)  # reference links
    text = re.sub(r"<(https?://[^>\s]+)>", r"\1", text)
    text = re.sub(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])([*_])(?=\S)([^*_]+?)(?<=\S)\1(?![\w*])", r"\2", text)
    text = re.sub(r"`([^`]*)`", r"\1", text)
    return clean_text(text)


def first_sentence(text: str) -> str:
    parts = _SENTENCE_END.split(text, maxsplit=1)
    return parts[0].strip() if parts else ""


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word boundary with an ellipsis."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-–—") + "…"


def _heading_text(text: str) -> str:
    text = _strip_inline_markdown(text)
    return text.strip(" :;,-–—").rstrip(".") if text else ""


def _title_like(text: str) -> bool:
    """A short standalone line that reads as a heading: no closing full stop, starts with a capital."""
    words = text.split()
    if not 2 <= len(words) <= 14 or len(text) > 100:
        return False
    if text[-1] in ".,;:!" or text.endswith("…"):
        return False
    first = text.lstrip("\"'“‘(*_")[:1]
    return first.isupper() or first.isdigit()


def _is_name(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 5 or len(text) > 60 or not _NAME.match(text):
        return False
    return not any(w.lower().strip(".,") in _NAME_STOP for w in words)


# ------------------------------------------------------------------------------------ HTML to text

_SKIP_TAGS = {"script", "style", "nav", "header", "footer", "aside", "form", "noscript", "svg", "iframe", "template",
              "button", "select", "textarea", "object", "canvas", "dialog", "menu", "figure"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
_BLOCK_TAGS = {"p", "div", "section", "article", "main", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
               "blockquote", "pre", "tr", "table", "dd", "dt", "dl", "figcaption", "body", "html", "address",
               "details", "summary", "fieldset", "hr", "br"}
_BOILER_ATTR = re.compile(
    r"cookie|consent|gdpr|banner|newsletter|subscri|signup|sign-up|share|sharing|social|promo|advert|(^|[\s_-])ads?($|[\s_-])"
    r"|sidebar|related|comment|breadcrumb|(^|[\s_-])menu|popup|modal|footer|masthead|(^|[\s_-])nav|paywall|disclaimer"
    r"|copyright|skip-link|visually-hidden|sr-only|hidden",
    re.IGNORECASE,
)
_AUTHOR_ATTR = re.compile(r"(^|[\s_-])(author|byline)", re.IGNORECASE)


class _HtmlText(HTMLParser):
    """A saved page as Markdown-like text: headings as #, ordered items as "1.", bold as **."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.prefix = ""
        self.skip_tag = ""
        self.skip_depth = 0
        self.lists: list[list] = []  # [tag, counter]
        self.meta: dict[str, str] = {}
        self.in_title = False
        self.page_title: list[str] = []
        self.author_tag = ""
        self.author_depth = 0
        self.author_text: list[str] = []
        self.bylines: list[str] = []

    # -- helpers
    def flush(self) -> None:
        text = clean_text("".join(self.current))
        text = re.sub(r"\*\*\s*\*\*", "", text).strip()
        if text and text != "**":
            self.lines.append(self.prefix + text)
        self.current = []
        self.prefix = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        values = {k.lower(): (v or "") for k, v in attrs}
        if self.skip_depth:
            if tag == self.skip_tag and tag not in _VOID:
                self.skip_depth += 1
            return
        if tag == "meta":
            key = (values.get("name") or values.get("property") or "").lower()
            if key and values.get("content"):
                self.meta.setdefault(key, values["content"])
            return
        if tag == "title":
            self.in_title = True
            return
        marker = " ".join(values.get(k, "") for k in ("class", "id", "role", "aria-label"))
        hidden = "hidden" in values or values.get("aria-hidden") == "true"
        if tag in _SKIP_TAGS or (tag not in _VOID and (hidden or (marker.strip() and _BOILER_ATTR.search(marker)))):
            if tag not in _VOID and not (tag in {"body", "html", "main", "article"} and not hidden):
                self.flush()
                self.skip_tag, self.skip_depth = tag, 1
                return
        if not self.author_tag and tag not in _VOID and (_AUTHOR_ATTR.search(marker) or values.get("rel") == "author"
                                                         or values.get("itemprop") == "author"):
            self.author_tag, self.author_depth, self.author_text = tag, 1, []
        elif self.author_tag == tag:
            self.author_depth += 1
        if tag in _BLOCK_TAGS:
            self.flush()
        if tag in ("ul", "ol"):
            self.lists.append([tag, 0])
        elif tag == "li":
            if self.lists and self.lists[-1][0] == "ol":
                self.lists[-1][1] += 1
                self.prefix = f"{self.lists[-1][1]}. "
            else:
                self.prefix = "- "
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.prefix = "#" * min(int(tag[1]), 4) + " "
        elif tag in ("strong", "b"):
            self.current.append("**")
        elif tag == "img":
            pass

    def handle_endtag(self, tag: str) -> None:
        tag = tag.lower()
        if self.skip_depth:
            if tag == self.skip_tag:
                self.skip_depth -= 1
                if not self.skip_depth:
                    self.skip_tag = ""
            return
        if tag == "title":
            self.in_title = False
            return
        if self.author_tag == tag:
            self.author_depth -= 1
            if not self.author_depth:
                self.author_tag = ""
                self.bylines.append(clean_text("".join(self.author_text)))
        if tag in ("strong", "b"):
            self.current.append("**")
        elif tag in _BLOCK_TAGS:
            self.flush()
            if tag in ("ul", "ol") and self.lists:
                self.lists.pop()

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        if self.in_title:
            self.page_title.append(data)
            return
        if self.author_tag:
            self.author_text.append(data)
        self.current.append(data)

    def text(self) -> str:
        self.flush()
        return "\n\n".join(self.lines)


def _looks_like_html(text: str) -> bool:
    head = text[:4096].lower()
    if re.match(r"\s*(<!doctype html|<html|<\?xml[^>]*>\s*<html)", head):
        return True
    return len(re.findall(r"</?(p|div|h[1-6]|body|article|section|span|a|li|ul|ol|br)\b[^>]*>", text[:200_000], re.I)) >= 3


# ------------------------------------------------------------------------------------ text to blocks

_HEADING_MD = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ITEM = re.compile(r"^\s{0,3}(\d{1,2})[.)]\s+(\S.*)$")
_STEP = re.compile(r"^\s{0,3}(?:step|lesson|tip|rule|trait|habit|point|part|principle|no\.?|#)\s*(\d{1,2})\s*[:.)\-–—]\s*(\S.*)$",
                   re.IGNORECASE)
_BULLET = re.compile(r"^\s{0,6}(?:[-*+•·▪◦‣●]|\u2022)\s+(\S.*)$")
_RULE = re.compile(r"^\s{0,3}([-*_=])(\s*\1){2,}\s*$")
_TERMINAL = re.compile(r"[.!?:;…][\"'”’)\]*_]*$")


def _blocks(text: str) -> list[Block]:
    lines = text.split("\n")
    blocks: list[Block] = []
    current: list[str] = []
    in_fence = False

    def flush() -> None:
        if current:
            joined = clean_text(" ".join(current))
            if joined:
                blocks.append(Block("para", joined))
            current.clear()

    long_lines = sum(1 for line in lines if len(line) > 120)
    hard_wrapped = long_lines <= max(1, len([line for line in lines if line.strip()]) // 10)
    for raw in lines:
        line = _CONTROL.sub("", raw).rstrip()
        if re.match(r"^\s{0,3}(```|~~~)", line):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        if current and re.fullmatch(r"=+|-+", stripped) and len(current) == 1:
            text_line = current[0]
            current.clear()
            blocks.append(Block("heading", clean_text(text_line), level=1 if stripped[0] == "=" else 2))
            continue
        if _RULE.match(line):
            flush()
            continue
        if m := _HEADING_MD.match(stripped):
            flush()
            if m.group(2).strip():
                blocks.append(Block("heading", clean_text(m.group(2)), level=len(m.group(1))))
            continue
        if (m := _ITEM.match(line)) or (m := _STEP.match(line)):
            flush()
            current.append(m.group(2))
            blocks.append(Block("item", "", number=int(m.group(1))))
            continue
        if m := _BULLET.match(line):
            flush()
            blocks.append(Block("bullet", clean_text(m.group(1))))
            continue
        if stripped.startswith(">"):
            stripped = stripped.lstrip("> ").strip()
            if not stripped:
                continue
        if current:
            previous = current[-1]
            soft_wrap = not _TERMINAL.search(previous) and (
                (hard_wrapped and len(previous) >= 50) or stripped[:1].islower())
            if not soft_wrap:
                flush()
        elif blocks and blocks[-1].kind in ("item", "bullet") and not blocks[-1].text.endswith(".") and \
                raw[:1] in (" ", "\t") and stripped[:1].islower():
            blocks[-1].text = clean_text(blocks[-1].text + " " + stripped)
            continue
        current.append(stripped)
    flush()
    # an item's text was gathered as the following paragraph: fold it back in
    folded: list[Block] = []
    for block in blocks:
        if folded and folded[-1].kind == "item" and not folded[-1].text and block.kind == "para":
            folded[-1].text = block.text
            continue
        folded.append(block)
    return [b for b in folded if b.text]


# ------------------------------------------------------------------------------------ the article


def decode(raw: bytes, name: str) -> str:
    if len(raw) > MAX_BYTES:
        raise ArticleError(f"{name}: too large to be an article ({len(raw) / 1024 / 1024:.1f} MiB; the limit is 4 MiB)")
    if not raw.strip():
        raise ArticleError(f"{name}: the file is empty")
    if b"\x00" in raw:
        raise ArticleError(f"{name}: not a text article (binary data)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ArticleError(f"{name}: not a text article (binary data or not UTF-8)") from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    controls = sum(1 for ch in text[:65536] if ch < " " and ch not in "\n\t\f")
    if controls > max(8, len(text[:65536]) // 20):
        raise ArticleError(f"{name}: not a text article (binary data)")
    if not clean_text(text):
        raise ArticleError(f"{name}: the file is empty")
    return text


def read_article(raw: bytes, name: str) -> Article:
    """The article in `raw` (named `name` in messages); ArticleError when there is none."""
    text = decode(raw, name)
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", name.replace("\\", "/").rsplit("/", 1)[-1])
    meta: dict[str, str] = {}
    bylines: list[str] = []
    page_title = ""
    if _looks_like_html(text):
        parser = _HtmlText()
        try:
            parser.feed(text)
            parser.close()
        except Exception:  # noqa: BLE001 - html.parser is lenient; anything left is a broken page
            raise ArticleError(f"{name}: cannot read this HTML page") from None
        text = parser.text()
        meta, bylines = parser.meta, parser.bylines
        page_title = clean_text("".join(parser.page_title))
    else:
        text, front = _front_matter(text)
        meta.update(front)
    blocks = _blocks(text)
    for block in blocks:  # bold lead-ins are found on the raw text; everything else is plain
        block.meta["raw"] = block.text
        block.text = _strip_inline_markdown(block.text)
    blocks = [b for b in blocks if b.text]
    has_md_headings = any(b.kind == "heading" for b in blocks)
    if not blocks:
        raise ArticleError(f"{name}: no article text found")
    blocks, title, title_guessed = _take_title(blocks, meta, page_title, stem)
    blocks, author = _take_author(blocks, meta, bylines, title)
    blocks = _drop_boilerplate(blocks)
    if not blocks:
        raise ArticleError(f"{name}: no article text found besides the title")
    plain_headings = not has_md_headings
    points, found_by, start = _find_points(blocks, plain_headings)
    more = max(0, len(points) - MAX_POINTS)
    points = points[:MAX_POINTS]
    intro = " ".join(b.text for b in blocks[:start] if b.kind == "para")
    return Article(title=title, author=author, points=tuple(points), found_by=found_by, intro=intro, more=more,
                   title_guessed=title_guessed)


def _front_matter(text: str) -> tuple[str, dict[str, str]]:
    m = re.match(r"\A---\n(.*?)\n---\n", text, re.DOTALL)
    if not m:
        return text, {}
    found: dict[str, str] = {}
    for line in m.group(1).split("\n"):
        if km := re.match(r"^(title|author)\s*:\s*[\"']?(.*?)[\"']?\s*$", line, re.IGNORECASE):
            found[km.group(1).lower()] = km.group(2)
    return text[m.end():], found


def _is_boilerplate(block: Block) -> bool:
    text = block.text
    if _BOILERPLATE.search(text) and len(text) < 400:
        return True
    if " | " in text and not _TERMINAL.search(text) and len(text) < 120 and block.kind in ("para", "heading"):
        return True  # breadcrumbs and image captions: "Article | Customer Experience"
    return False


def _drop_boilerplate(blocks: list[Block]) -> list[Block]:
    seen: list[str] = []
    kept = []
    for block in blocks:
        key = block.text.casefold()
        repeated = key in seen and (key == seen[-1] or (block.kind == "para" and len(key) < 100))
        if _is_boilerplate(block) or repeated:
            continue
        seen.append(key)
        kept.append(block)
    return kept


def _clean_title(text: str) -> str:
    text = _heading_text(text)
    for sep in (" | ", " – ", " — ", " - ", " :: "):
        if sep in text:
            parts = [p.strip() for p in text.split(sep)]
            text = max(parts, key=len)
    return text


def _take_title(blocks: list[Block], meta: dict[str, str], page_title: str, stem: str) -> tuple[list[Block], str, bool]:
    # a Markdown/HTML level-1 heading near the top, else the first title-like line, else <title>
    for index, block in enumerate(blocks[:12]):
        if block.kind == "heading" and block.level == 1 and not _is_boilerplate(block):
            return blocks[:index] + blocks[index + 1:], _clean_title(block.text), False
    for key in ("title", "og:title", "twitter:title"):
        if clean_text(meta.get(key, "")):
            title = _clean_title(meta[key])
            rest = [b for b in blocks if _clean_title(b.text).casefold() != title.casefold()]
            return rest, title, False
    if page_title:
        title = _clean_title(page_title)
        rest = [b for b in blocks if _clean_title(b.text).casefold() != title.casefold()]
        return rest, title, False
    for index, block in enumerate(blocks[:6]):
        if _is_boilerplate(block):
            continue
        if block.kind in ("para", "heading") and (_title_like(block.text) or (block.kind == "heading")) \
                and (index == 0 or not _is_name(block.text)):
            return blocks[:index] + blocks[index + 1:], _clean_title(block.text), False
        if block.kind == "para" and len(block.text) > 140:
            break
    words = re.sub(r"[_\-.]+", " ", stem).strip()
    title = words[:1].upper() + words[1:] if words else "Untitled article"
    return blocks, clean_text(title) or "Untitled article", True


def _take_author(blocks: list[Block], meta: dict[str, str], bylines: list[str], title: str) -> tuple[list[Block], str]:
    author = ""
    for key in ("author", "article:author", "dc.creator", "byl", "parsely-author", "sailthru.author"):
        value = clean_text(meta.get(key, ""))
        if value and not value.startswith(("http://", "https://")):
            author = value
            break
    rest: list[Block] = []
    for index, block in enumerate(blocks):
        text = _strip_inline_markdown(block.text)
        if index < 12 and block.kind in ("para", "heading") and (m := _BY.match(text)):
            name = re.split(r"\s*[|,·•]\s*|\s+(?:on|in|for)\s+[A-Z0-9]", m.group(1))[0].strip(" .")
            if _is_name(name) or (len(name.split()) <= 4 and name[:1].isupper()):
                author = author or name
                continue
        if index < 4 and block.kind == "para" and _is_name(text) and text.casefold() != title.casefold():
            author = author or text
            continue
        rest.append(block)
    if not author:
        for line in bylines:
            m = _BY.match(line)
            name = (m.group(1) if m else line).strip(" .")
            if _is_name(name):
                author = name
                break
    if not author:
        for block in rest[-3:]:
            if m := _BIO.match(block.text):
                author = m.group(1)
                break
    return rest, shorten(author, 80)


# ------------------------------------------------------------------------------------ finding points


def _announced(blocks: list[Block]) -> tuple[int, int]:
    """(index of the block announcing "three traits" or so, and that number), or (-1, 0)."""
    for index, block in enumerate(blocks):
        if block.kind not in ("para", "heading"):
            continue
        for m in _ANNOUNCE.finditer(block.text):
            word = m.group(1).lower()
            number = int(word) if word.isdigit() else _NUMBER_WORDS.get(word, 0)
            if 2 <= number <= 12:
                return index, number
    return -1, 0


def _find_points(blocks: list[Block], plain_headings: bool) -> tuple[list[Point], str, int]:
    announce_at, announced = _announced(blocks)
    for finder, label in ((_numbered, "numbered list"), (_headings, "headings"), (_lead_ins, "bold lead-ins")):
        found = finder(blocks, announce_at, announced, plain_headings)
        if found:
            return found[0], label, found[1]
    points, label = _fallback(blocks, plain_headings)
    return points, label, 0


def _body(blocks: list[Block]) -> str:
    return " ".join(b.text for b in blocks if b.kind in ("para", "bullet", "item"))


def _split_lead(text: str) -> tuple[str, str]:
    """A heading and the rest from an item's text: its bold lead-in, or its first sentence."""
    if m := re.match(r"^\s*(\*\*|__)(.+?)\1\s*[:.\-–—]?\s*(.*)$", text):
        return _heading_text(m.group(2)), _strip_inline_markdown(m.group(3))
    plain = _strip_inline_markdown(text)
    if m := re.match(r"^([^:.!?]{3,70}):\s+(\S.*)$", plain):
        return _heading_text(m.group(1)), m.group(2)
    head = first_sentence(plain)
    return _heading_text(head), plain[len(head):].strip()


def _numbered(blocks: list[Block], announce_at: int, announced: int, _plain: bool):
    runs: list[list[int]] = []
    for index, block in enumerate(blocks):
        if block.kind != "item":
            continue
        for run in runs:
            if blocks[run[-1]].number + 1 == block.number:
                run.append(index)
                break
        else:
            if block.number == 1:
                runs.append([index])
    runs = [r for r in runs if len(r) >= 2]
    if not runs:
        return None
    best = max(runs, key=lambda r: (len(r) == announced, r[0] > announce_at >= 0, len(r)))
    points: list[Point] = []
    most = 0  # the last item gets as many following blocks as the others had (its own body, not the ending)
    for position, index in enumerate(best):
        heading, rest = _split_lead(blocks[index].meta.get("raw", blocks[index].text))
        end = best[position + 1] if position + 1 < len(best) else len(blocks)
        following = []
        for block in blocks[index + 1:end]:
            if block.kind == "heading" or (block.kind == "item" and block.number == 1):
                break
            following.append(block)
        if position + 1 == len(best):
            following = following[:min(most, 2)]
        else:
            most = max(most, len(following))
        points.append(Point(heading or f"Point {position + 1}", clean_text(rest + " " + _body(following))))
    return points, best[0]


def _headings(blocks: list[Block], announce_at: int, announced: int, plain: bool):
    def is_heading(block: Block) -> bool:
        if block.kind == "heading":
            return block.level >= 1
        if plain and block.kind == "para":
            raw = block.meta.get("raw", block.text)
            bold = re.fullmatch(r"(\*\*|__)(.+)\1", raw.strip())
            return _title_like(block.text) or bool(bold and len(block.text) <= HEADING_LIMIT)
        return False

    candidates = [i for i, b in enumerate(blocks) if is_heading(b) and not _NOT_A_POINT.match(b.text)]
    # a heading needs body text under it
    candidates = [i for i in candidates if i + 1 < len(blocks) and blocks[i + 1].kind != "heading"
                  and not is_heading(blocks[i + 1])]
    if blocks and any(b.kind == "heading" for b in blocks):
        levels = sorted({blocks[i].level for i in candidates if blocks[i].kind == "heading"})
        for level in levels:
            at_level = [i for i in candidates if blocks[i].kind == "heading" and blocks[i].level == level]
            if len(at_level) >= 2:
                candidates = at_level
                break
    if announce_at >= 0:
        after = [i for i in candidates if i > announce_at]
        if len(after) >= announced >= 2:
            candidates = after[:announced]
    if len(candidates) < 2:
        return None
    points = []
    for position, index in enumerate(candidates):
        end = candidates[position + 1] if position + 1 < len(candidates) else len(blocks)
        section = []
        for block in blocks[index + 1:end]:
            if is_heading(block) and (block.kind == "heading" and block.level <= blocks[index].level or
                                      _NOT_A_POINT.match(block.text)):
                break
            section.append(block)
        if position + 1 == len(candidates) and announce_at >= 0:
            section = section[:2]
        points.append(Point(_heading_text(blocks[index].text) or f"Point {position + 1}", _body(section)))
    return points, candidates[0]


def _lead_ins(blocks: list[Block], _announce_at: int, _announced: int, _plain: bool):
    lead = re.compile(r"^\s*(\*\*|__)(.{2,100}?)\1\s*[:.\-–—]?\s*(\S.*)?$")
    found: list[int] = []
    for index, block in enumerate(blocks):
        if block.kind not in ("para", "bullet"):
            continue
        m = lead.match(block.meta.get("raw", block.text))
        if m and len(m.group(2).split()) <= 14 and (m.group(3) or index + 1 < len(blocks)):
            found.append(index)
    if len(found) < 2:
        return None
    points = []
    for position, index in enumerate(found):
        m = lead.match(blocks[index].meta.get("raw", blocks[index].text))
        assert m is not None
        end = found[position + 1] if position + 1 < len(found) else len(blocks)
        following = [b for b in blocks[index + 1:end]]
        cut = next((i for i, b in enumerate(following) if b.kind == "heading"), len(following))
        following = following[:cut]
        if position + 1 == len(found):
            following = following[:1]
        rest = _strip_inline_markdown(m.group(3) or "")
        points.append(Point(_heading_text(m.group(2)) or f"Point {position + 1}", clean_text(rest + " " + _body(following))))
    return points, found[0]


def _keywords(text: str, count: int, avoid: list[str]) -> list[str]:
    words = [w.lower().strip("’'-") for w in _WORD.findall(text)]
    words = [w for w in words if len(w) > 3 and w not in _STOPWORDS and w not in avoid]
    return [w for w, _ in Counter(words).most_common(count)]


def _fallback(blocks: list[Block], plain: bool) -> tuple[list[Point], str]:
    """One point per section when there are enough headed sections, else groups of paragraphs."""
    def is_heading(block: Block) -> bool:
        return block.kind == "heading" or (plain and block.kind == "para" and _title_like(block.text))

    sections: list[tuple[str, list[Block]]] = [("", [])]
    for block in blocks:
        if is_heading(block):
            sections.append((_heading_text(block.text), []))
        else:
            sections[-1][1].append(block)
    sections = [(h, body) for h, body in sections if body]
    if len(sections) >= 3 and sum(1 for h, _ in sections if h) >= 2:
        label = "sections"
        groups = sections[:FALLBACK_POINTS]
    else:
        label = "paragraphs"
        groups = []
        for heading, body in sections:
            groups.append((heading, body))
        paragraphs = sum(len(body) for _, body in groups)
        size = max(1, -(-paragraphs // FALLBACK_POINTS))
        chunked: list[tuple[str, list[Block]]] = []
        for heading, body in groups:
            for start in range(0, len(body), size):
                chunked.append((heading if start == 0 else "", body[start:start + size]))
        while len(chunked) > FALLBACK_POINTS:  # merge the smallest neighbours, keeping order
            sizes = [len(a[1]) + len(b[1]) for a, b in zip(chunked, chunked[1:])]
            at = sizes.index(min(sizes))
            merged = (chunked[at][0] or chunked[at + 1][0], chunked[at][1] + chunked[at + 1][1])
            chunked[at:at + 2] = [merged]
        groups = chunked
    points: list[Point] = []
    used: list[str] = []
    for number, (heading, body) in enumerate(groups, start=1):
        text = _body(body)
        if heading:
            points.append(Point(heading, text))
            continue
        words = _keywords(text, 3, used)
        used.extend(words)
        made = f"Part {number}: " + (", ".join(words) if words else "the article")
        points.append(Point(made, text, generated=True))
    return points, label
