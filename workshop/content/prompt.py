"""A prompt's Markdown, rendered for each medium: one parser (markdown-it, CommonMark with
tables) and three outputs.

- `terminal`: rich's Markdown, for the screens (headings, emphasis, lists, tables);
- `html`: HTML for the phone page, every text node escaped, raw HTML shown as text, no images;
- `plain`: sentences for `workshop join --plain` and screen readers: emphasis dropped, a heading
  a sentence, a list's items as "First, …", "Second, …", a table as one sentence per row
  ("Compromise: ends the argument; Collaboration: solves the problem.").

Only authored content (a module's prompts) is Markdown. Participant text never comes here: it
is shown literally everywhere. Parsers are imported on first use (rich's Markdown is slow to
import), and each prompt is rendered once.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from workshop import i18n
from workshop.i18n import N_, _

if TYPE_CHECKING:
    from rich.markdown import Markdown

# How a list item is announced ("First, …"), in the reader's language
ORDINALS = (
    N_("First"),
    N_("Second"),
    N_("Third"),
    N_("Fourth"),
    N_("Fifth"),
    N_("Sixth"),
    N_("Seventh"),
    N_("Eighth"),
    N_("Ninth"),
    N_("Tenth"),
)


@cache
def _parser() -> Any:
    from markdown_it import MarkdownIt

    # html off: raw HTML in a prompt is text; markdown-it refuses javascript: links; tables on
    return MarkdownIt("commonmark", {"html": False}).enable("table").disable("image")


def terminal(markdown: str) -> Markdown:
    """The prompt as the screens show it (rich renders headings, lists and tables)."""
    from rich.markdown import Markdown

    return Markdown(markdown)


@lru_cache(maxsize=64)
def html(markdown: str) -> str:
    """The prompt as HTML: markdown-it escapes every text node (raw HTML is off). Rendered once
    per prompt: a content file may hold Markdown that takes markdown-it most of a second."""
    return str(_parser().render(markdown))


def plain(markdown: str) -> str:
    """The prompt as sentences on one line, no markup left, its list items announced in the
    reader's language."""
    return _plain(markdown, i18n.language())


@lru_cache(maxsize=64)
def _plain(markdown: str, language: str) -> str:
    """`plain` for one language (`language` is the cache's key: the words are `_`'s)."""
    sentences: list[str] = []
    tokens = _parser().parse(markdown)
    at = 0
    while at < len(tokens):
        at = _block(tokens, at, sentences)
    return " ".join(s for s in sentences if s)


def _block(tokens: list[Any], at: int, out: list[str]) -> int:
    """Say the block starting at `tokens[at]` into `out`; the index after it."""
    token = tokens[at]
    kind = token.type
    if kind in ("bullet_list_open", "ordered_list_open"):
        return _list(tokens, at, out)
    if kind == "table_open":
        return _table(tokens, at, out)
    if kind == "inline":
        out.append(_sentence(_inline(token)))
    elif kind in ("fence", "code_block"):
        out.append(_sentence(" ".join(token.content.split())))
    return at + 1


def _list(tokens: list[Any], at: int, out: list[str]) -> int:
    """Each item as 'First, …', 'Second, …' (its own blocks said after its first line)."""
    closing = tokens[at].type.replace("_open", "_close")
    depth, number, at = 0, 0, at + 1
    while at < len(tokens):
        token = tokens[at]
        if token.type == closing and depth == 0:
            return at + 1
        if token.type == "list_item_open":
            number += 1
            said: list[str] = []
            at += 1
            while tokens[at].type != "list_item_close":
                at = _block(tokens, at, said)
            first = said[0] if said else ""
            ordinal = _(ORDINALS[number - 1]) if number <= len(ORDINALS) else _("Number {number}").format(number=number)
            out.append(f"{ordinal}, {first}")
            out.extend(said[1:])
        at += 1
    return at


def _table(tokens: list[Any], at: int, out: list[str]) -> int:
    """One sentence per body row: each cell after its column's heading."""
    heads: list[str] = []
    row: list[str] = []
    in_head = False
    at += 1
    while tokens[at].type != "table_close":
        token = tokens[at]
        if token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open":
            row = []
        elif token.type == "inline":
            row.append(_inline(token))
        elif token.type == "tr_close":
            if in_head:
                heads = row
            else:
                cells = [
                    f"{head}: {cell}" if head else cell
                    for head, cell in zip(heads + [""] * len(row), row, strict=False)
                    if cell
                ]
                out.append(_sentence("; ".join(cells)))
        at += 1
    return at + 1


def _inline(token: Any) -> str:
    """An inline run's words: emphasis dropped, a link's address after its words."""
    words: list[str] = []
    href = ""
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            words.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            words.append(" ")
        elif child.type == "link_open":
            href = str(child.attrs.get("href", ""))
            start = len(words)
        elif child.type == "link_close" and href:
            text = "".join(words[start:])
            if href != text and not href.startswith("#"):
                words.append(f" ({href})")
            href = ""
    return " ".join("".join(words).split())


def _sentence(text: str) -> str:
    """`text` ending as a sentence does: a full stop added after a word."""
    text = text.strip()
    last = text.rstrip("\"'”’)")
    return text + "." if last and last[-1].isalnum() else text
