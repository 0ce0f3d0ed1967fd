"""Participant text shown beside other text, isolated so that nothing in it can reorder the rest.

A right-to-left override (U+202E) left open in a name or note reverses everything after it on the
line, and a stray isolate closer (U+2069) can end an isolation early. Names and notes are shown
through `isolate` (the terminal, Markdown) or `balanced` inside `<bdi>` (HTML); the isolation is
added on display, never stored (engine/text.py keeps what was typed).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

EMBEDDINGS = "\u202a\u202b\u202d\u202e"  # LRE, RLE, LRO, RLO: each closed by a PDF
PDF = "\u202c"
ISOLATES = "\u2066\u2067\u2068"  # LRI, RLI, FSI: each closed by a PDI
FSI, PDI = "\u2068", "\u2069"
MARKS = "\u200e\u200f\u061c"  # LRM, RLM, ALM: invisible, they only steer direction
BIDI_CONTROLS = EMBEDDINGS + PDF + ISOLATES + PDI + MARKS
# Where a bidi paragraph ends (class B): every embedding and isolate ends there too, so each line
# of a note is isolated on its own.
_PARAGRAPH = re.compile("([\n\r\x1c-\x1e\x85\u2029])")
_RIGHT_TO_LEFT = frozenset({"R", "AL", "AN"})
_PAIRED = re.compile(f"[{EMBEDDINGS}{PDF}{ISOLATES}{PDI}]")  # the controls that open or close
CONTROL = re.compile(f"[{BIDI_CONTROLS}]")  # any bidi control, marks too


def isolate(value: str) -> str:
    """`value` safe to show beside other text (terminal, Markdown): each line that holds bidi
    controls or right-to-left characters wrapped in FSI…PDI and balanced inside (see `balanced`).
    Other text comes back unchanged, so plain ASCII output stays byte for byte what it was."""
    return _by_line(value, lambda line: FSI + _balance(line) + PDI)


def balanced(value: str) -> str:
    """`value` for inside an isolation the caller provides (HTML `<bdi>`): each line closes what
    it opens (a PDF per embedding or override, a PDI per isolate, at the end of the line), and a
    PDI that closes nothing the line opened is given an isolate of its own to close, rather than
    the one around the text. Nothing typed is removed."""
    return _by_line(value, _balance)


def unbalanced(value: str) -> str | None:
    """The bidi control that a line of `value` leaves open (the first opened there and never
    closed) or closes without having opened it (what would reorder the text shown after it),
    in the first line that has one; else None. Balanced ones stay inside."""
    if _PAIRED.search(value) is None:
        return None
    for i, line in enumerate(_PARAGRAPH.split(value)):
        found = _unmatched(line) if i % 2 == 0 else None
        if found is not None:
            return found
    return None


def _unmatched(line: str) -> str | None:
    """The control `_balance` would close or isolate in this one line: a PDI that closes no isolate
    the line opened, else the first embedding or isolate left open."""
    opened: list[tuple[str, str]] = []  # each control the line opened, with what closes it
    for ch in line:
        if ch in EMBEDDINGS or ch in ISOLATES:
            opened.append((ch, PDF if ch in EMBEDDINGS else PDI))
        elif ch == PDF:
            if opened and opened[-1][1] == PDF:
                opened.pop()
        elif ch == PDI:
            if all(closer != PDI for _, closer in opened):
                return PDI
            while opened.pop()[1] != PDI:
                pass
    return opened[0][0] if opened else None


def settled(value: str) -> str:
    """`value` itself when no line of it leaves a bidi control open, else with its embeddings and
    isolates taken out: a session file written before `validate` refused them (a title or a
    prompt) still opens, and its text reorders nothing shown after it."""
    if unbalanced(value) is None:
        return value
    return _PAIRED.sub("", value)


def _by_line(value: str, change: Callable[[str], str]) -> str:
    if value.isascii():  # the common case, and a long report has many notes
        return value
    parts = _PARAGRAPH.split(value)  # lines at even indexes, their separators between
    return "".join(change(part) if i % 2 == 0 and _reorders(part) else part for i, part in enumerate(parts))


def _reorders(line: str) -> bool:
    return any(ch in BIDI_CONTROLS or unicodedata.bidirectional(ch) in _RIGHT_TO_LEFT for ch in line)


def _balance(line: str) -> str:
    """One line, balanced as the Unicode bidi algorithm (UAX #9, X1–X8) pairs its controls."""
    closers: list[str] = []  # what closes each control the line opened, innermost last
    strays = 0  # PDIs that close no isolate the line opened
    for ch in line:
        if ch in EMBEDDINGS:
            closers.append(PDF)
        elif ch in ISOLATES:
            closers.append(PDI)
        elif ch == PDF:
            if closers and closers[-1] == PDF:  # a PDF never closes across an isolate (X7)
                closers.pop()
        elif ch == PDI:
            if PDI in closers:  # it ends the embeddings opened inside its isolate too (X6a)
                while closers.pop() != PDI:
                    pass
            else:
                closers.clear()  # it ends the open embeddings, and closes an isolate outside the line
                strays += 1
    return FSI * strays + line + "".join(reversed(closers))
