"""Two oracles for bidi tests: where a line's explicit controls leave each character (UAX #9, rules
X1–X8, written out here from the standard, not borrowed from the code under test), and, where
the system has it, the resolved levels from GNU FriBidi."""

from __future__ import annotations

import ctypes
import ctypes.util
import unicodedata

MAX_DEPTH = 125
LRE, RLE, PDF, LRO, RLO = "\u202a\u202b\u202c\u202d\u202e"
LRI, RLI, FSI, PDI = "\u2066\u2067\u2068\u2069"
OVERRIDE = {LRO: "L", RLO: "R"}


def _first_strong_is_rtl(line: str, start: int) -> bool:
    """P2/P3 for an FSI: the first strong character up to its matching PDI, skipping nested isolates."""
    depth = 0
    for ch in line[start:]:
        if ch in (LRI, RLI, FSI):
            depth += 1
        elif ch == PDI:
            if depth == 0:
                return False
            depth -= 1
        elif depth == 0 and unicodedata.bidirectional(ch) in ("L", "R", "AL"):
            return unicodedata.bidirectional(ch) != "L"
    return False


def explicit(line: str) -> list[tuple[int, str | None]]:
    """The embedding level and override of each character of one left-to-right paragraph."""
    stack: list[tuple[int, str | None, bool]] = [(0, None, False)]  # level, override, isolate
    over_isolate = over_embedding = valid_isolates = 0
    out: list[tuple[int, str | None]] = []
    for i, ch in enumerate(line):
        level, override, _ = stack[-1]
        if ch in (LRE, RLE, LRO, RLO, LRI, RLI, FSI):
            out.append((level, override))
            isolate = ch in (LRI, RLI, FSI)
            rtl = ch in (RLE, RLO, RLI) or (ch == FSI and _first_strong_is_rtl(line, i + 1))
            new = (level + 1) | 1 if rtl else (level + 2) & ~1
            if new <= MAX_DEPTH and over_isolate == 0 and over_embedding == 0:
                valid_isolates += isolate
                stack.append((new, OVERRIDE.get(ch), isolate))
            elif isolate:
                over_isolate += 1
            elif over_isolate == 0:
                over_embedding += 1
        elif ch == PDI:
            if over_isolate:
                over_isolate -= 1
            elif valid_isolates:
                over_embedding = 0
                while not stack[-1][2]:
                    stack.pop()
                stack.pop()
                valid_isolates -= 1
            out.append(stack[-1][:2])
        elif ch == PDF:
            if over_isolate:
                pass
            elif over_embedding:
                over_embedding -= 1
            elif not stack[-1][2] and len(stack) >= 2:
                stack.pop()
            out.append((level, override))
        else:
            out.append((level, override))
    return out


def _fribidi() -> ctypes.CDLL | None:
    found = ctypes.util.find_library("fribidi")
    try:
        return ctypes.CDLL(found) if found else None
    except OSError:
        return None


FRIBIDI = _fribidi()


def fribidi_levels(line: str) -> list[int]:
    """The resolved embedding level of each character, for a left-to-right paragraph."""
    assert FRIBIDI is not None
    n = len(line)
    chars = (ctypes.c_uint32 * n)(*map(ord, line))
    types = (ctypes.c_uint32 * n)()
    brackets = (ctypes.c_uint32 * n)()
    levels = (ctypes.c_int8 * n)()
    FRIBIDI.fribidi_get_bidi_types(chars, n, types)
    FRIBIDI.fribidi_get_bracket_types(chars, n, types, brackets)
    base = ctypes.c_uint32(0x110)  # FRIBIDI_PAR_LTR
    FRIBIDI.fribidi_get_par_embedding_levels_ex(types, brackets, n, ctypes.byref(base), levels)
    return list(levels)


def in_order(line: str, start: int, end: int) -> bool:
    """Whether line[start:end] (left-to-right text of the report's own) is shown in the paragraph's
    direction, in order: no control before it embeds or overrides it, and (FriBidi) each of its
    letters ends at level 0. Only letters: digits go up two levels in any left-to-right text."""
    if any(state != (0, None) for state in explicit(line)[start:end]):
        return False
    if FRIBIDI is None:
        return True
    levels = fribidi_levels(line)
    return all(levels[i] == 0 for i in range(start, end) if unicodedata.bidirectional(line[i]) == "L")
