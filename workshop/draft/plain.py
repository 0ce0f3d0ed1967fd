"""Plain text, which has no markup to parse, as blocks: paragraphs (one line or hard-wrapped over
several), numbered items ("1." or "Step 1:") and bullets, an indented one a sub-item of the one above."""

from __future__ import annotations

import re

from workshop.draft.parse import Block
from workshop.draft.text import clean_text

_ITEM = re.compile(r"^\s{0,6}(\d{1,2})[.)]\s+(\S.*)$")
_STEP = re.compile(
    r"^\s{0,3}(?:step|lesson|tip|rule|trait|habit|point|part|principle|no\.?|#)"
    r"\s*(\d{1,2})\s*[:.)\-–—]\s*(\S.*)$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^\s{0,6}[-*+•·▪◦‣●]\s+(\S.*)$")
_TERMINAL = re.compile(r"[.!?:;…][\"'”’)\]*_]*$")


def plain_blocks(text: str) -> list[Block]:
    """Paragraphs, numbered items ("1." or "Step 1:") and bullets. A paragraph may be one line or
    hard-wrapped over several: a line that does not end a sentence runs on when the text is wrapped."""
    lines = [clean_text(line) for line in text.split("\n")]
    wrapped = sum(len(line) > 120 for line in lines) <= max(1, sum(bool(line) for line in lines) // 10)
    blocks: list[Block] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            blocks.append(Block("para", "\n".join(current)))  # line breaks kept: a byline under the title
            current.clear()

    for raw, line in zip(text.split("\n"), lines, strict=True):  # lines: the same split, cleaned
        if not line:
            flush()
        elif m := (_ITEM.match(raw) or _STEP.match(raw)):
            flush()
            blocks.append(Block("item", clean_text(m.group(2)), number=int(m.group(1)), depth=_depth(raw, blocks)))
        elif m := _BULLET.match(raw):
            flush()
            blocks.append(Block("bullet", clean_text(m.group(1)), depth=_depth(raw, blocks)))
        elif current and (
            _TERMINAL.search(current[-1]) or not (wrapped and len(current[-1]) >= 50 or line[:1].islower())
        ):
            flush()
            current.append(line)
        else:
            current.append(line)
    flush()
    return blocks


def _depth(line: str, blocks: list[Block]) -> int:
    """A list line's nesting: a sub-item (1) when indented by two or more spaces under another item."""
    indented = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip()) >= 2
    return int(indented and bool(blocks) and blocks[-1].kind in ("item", "bullet"))
