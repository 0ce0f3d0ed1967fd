"""A point an article makes, and how a list item's or a section's text is read into one: its heading
(a bold lead-in, or the words up to a colon, a dash or the first full stop) and its body."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import takewhile

from workshop.draft.parse import Block
from workshop.draft.text import TITLES, clean_text, sentences
from workshop.draft.titles import NUMBER_LABEL, unnumbered


@dataclass(frozen=True)
class Point:
    heading: str
    body: str
    generated: bool = False  # the heading was made up by the drafter, not taken from the article
    parts: tuple[str, ...] = ()  # the headings inside this section


def heading_text(text: str) -> str:
    """A heading as a step's title: one line, without its own number ("Step 2 —") or a closing stop."""
    return unnumbered(clean_text(text).strip(" :;,-–—")).strip(" :;,-–—").rstrip(".")


_ENDED = re.compile(r"[.!?:;…。！？][\"'”’)\]*_]*$")


def body_text(blocks: list[Block]) -> str:
    """The blocks' text; a list item that ends no sentence of its own is given a full stop, so that
    items are not read as one sentence running from each into the next."""
    texts = []
    for block in (b for b in blocks if b.kind in ("para", "bullet", "item") and b.text):
        ended = block.kind == "para" or _ENDED.search(block.text)
        texts.append(block.text if ended else block.text + ".")
    return " ".join(texts)


def children(blocks: list[Block], depth: int, start: int = 0) -> list[Block]:
    """The item's own blocks from `start` on: the list items nested deeper than `depth` and the
    paragraphs inside the item after its first (read from `start`, not from a copy of every block
    after it, which a long list made quadratic)."""
    following = (blocks[i] for i in range(start, len(blocks)))
    return list(takewhile(lambda b: own(b, depth), following))


def own(block: Block, depth: int = 0) -> bool:
    """Whether the block belongs to a list item at `depth` above it: a sub-item, or a paragraph inside the item."""
    return (block.kind in ("item", "bullet") and block.depth > depth) or (block.kind == "para" and block.listed)


# a few words before a spaced dash: a heading ("Listen first — …"), not a sentence's aside
_DASHED = re.compile(r"^((?:[^\s:.!?–—-][^\s:.!?–—]* ){0,5}[^\s:.!?–—-][^\s:.!?–—]*) [–—-] (\S.*)$")


def split_lead(raw: str) -> tuple[str, str]:
    """A heading and the rest from an item's text: its bold lead-in, or its first sentence."""
    if (m := re.match(r"^\s*(\*\*|__)(.+?)\1\s*[:.\-–—]?\s*(.*)$", raw)) and not NUMBER_LABEL.match(
        m.group(2).strip(" :.)–—-")
    ):
        return heading_text(m.group(2)), clean_text(m.group(3).replace("**", ""))
    plain = unnumbered(clean_text(raw.replace("**", "")))  # "**Step 1:** Listen first. …" is named by its words
    if m := re.match(rf"^((?:\b{TITLES}|[^:.!?]){{3,70}}):\s+(\S.*)$", plain):  # "Dr. Smith says: …" too
        return heading_text(m.group(1)), m.group(2)
    if m := _DASHED.match(plain):  # "Listen first – sit with the agents …"
        return heading_text(m.group(1)), m.group(2)
    head = (sentences(plain) or [""])[0]
    return heading_text(head), plain[len(head) :].strip()
