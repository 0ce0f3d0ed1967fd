"""Find the points an article makes, in order of preference: the sections under its main headings
(Markdown and web pages), a numbered list, short heading-like lines after a sentence that announces
"three traits" or "five lessons", bold lead-ins, and otherwise groups of paragraphs.

This is the drafter's own judgement; parsing the article is done before (article.py, parse.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import pairwise, takewhile

from workshop.content.quotes import QUOTE
from workshop.draft.bullets import bulleted, end_of_last
from workshop.draft.keywords import keywords
from workshop.draft.parse import Block
from workshop.draft.point import Point, body_text, children, heading_text, own, split_lead
from workshop.draft.text import NOT_A_POINT, clean_text, opening, sentences, shorten, spaced, title_like

MAX_POINTS = 12  # the most options a dots poll may have (content/schema.py)
FALLBACK_POINTS = 7
HEADING_LIMIT = 80
SUMMARY_WORDS = 12  # words of a section's central sentence shown to the facilitator, to be reworded


_NUMBER_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_ANNOUNCE = re.compile(
    r"\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+(?:[\w’'-]+\s+){0,2}?"
    r"(traits|lessons|steps|ways|tips|habits|principles|reasons|things|keys|rules|practices|strategies|ideas"
    r"|questions|mistakes|signs|skills|qualities|points|factors|secrets|areas|pillars|tactics|truths|myths"
    r"|behaviou?rs|characteristics|elements|components|stages|phases|actions|takeaways|barriers|challenges)\b",
    re.IGNORECASE,
)


def find_points(blocks: list[Block], marked: bool) -> tuple[list[Point], str, int]:
    """The points, how they were found (sections, numbered list, …), and how many were left out."""
    finders = [_numbered, _plain_headings, _lead_ins, _nested, bulleted]
    if marked:  # the author's own headings come first; short lines are not guessed to be headings
        finders = [_sections, _numbered, _lead_ins, _nested, bulleted, _announced_headings]
    announce_at, announced = _announced(blocks)
    for finder in finders:
        if found := finder(blocks, announce_at, announced):
            points, label = found
            return points[:MAX_POINTS], label, max(0, len(points) - MAX_POINTS)
    return (*_fallback(blocks, not marked), 0)


def _sections(blocks: list[Block], _at: int, _announced: int) -> tuple[list[Point], str] | None:
    """One point per section under the main heading level: the top level with two or more headings."""
    heads = [i for i, b in enumerate(blocks) if b.kind == "heading" and not NOT_A_POINT.match(b.text)]
    levels = sorted({blocks[i].level for i in heads})
    main = next((level for level in levels if sum(blocks[i].level == level for i in heads) >= 2), None)
    points = []
    for index in (i for i in heads if blocks[i].level == main):
        section = _until_heading((blocks[i] for i in range(index + 1, len(blocks))), blocks[index].level)
        if section:
            parts = tuple(b.text for b in section if b.kind == "heading")
            points.append(Point(heading_text(blocks[index].text), body_text(section), parts=parts))
    return (points, "sections") if len(points) >= 2 else None


def _until_heading(blocks: Iterable[Block], level: int) -> list[Block]:
    """The blocks before the first heading at `level` or above."""
    return list(takewhile(lambda b: not (b.kind == "heading" and b.level <= level), blocks))


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


def _numbered(blocks: list[Block], announce_at: int, announced: int) -> tuple[list[Point], str] | None:
    runs: list[list[int]] = []  # runs of items numbered 1, 2, 3 …, other text between them allowed
    for index, block in enumerate(blocks):
        if block.kind == "item" and block.depth:  # a sub-item is its parent's detail, not a point
            continue
        run = next((r for r in runs if blocks[r[-1]].number + 1 == block.number), None) if block.kind == "item" else []
        if run:
            run.append(index)
        elif run is None and block.number == 1:
            runs.append([index])
    runs = [r for r in runs if len(r) >= 2]
    if not runs:
        return None
    best = max(runs, key=lambda r: (len(r) == announced, r[0] > announce_at >= 0, len(r)))
    points: list[Point] = []
    most = 0  # the last item gets as many following blocks as the others had (its own body, not the ending)
    for position, index in enumerate(best):
        heading, rest = split_lead(blocks[index].raw)
        end = best[position + 1] if position + 1 < len(best) else len(blocks)
        following = list(
            takewhile(
                lambda b: b.kind != "heading" and not (b.kind == "item" and b.number == 1 and not b.depth),
                blocks[index + 1 : end],
            )
        )
        if position + 1 == len(best):  # its sub-items, and no more than the others had after theirs
            subs = children(following, blocks[index].depth)
            following = subs + following[len(subs) :][: min(most, 2)]
        else:  # what stands after an item, its own paragraphs and sub-items aside
            most = max(most, sum(not own(b, blocks[index].depth) for b in following))
        points.append(Point(heading or f"Point {position + 1}", clean_text(rest + " " + body_text(following))))
    return points, "numbered list"


def _plain_headings(blocks: list[Block], announce_at: int, announced: int) -> tuple[list[Point], str] | None:
    """Plain text: short heading-like lines (or wholly bold ones), each with text under it."""

    def is_heading(block: Block) -> bool:
        bold = re.fullmatch(r"\*\*(.+)\*\*", block.raw) and len(block.text) <= HEADING_LIMIT
        return block.kind == "para" and (title_like(block.text) or bool(bold))

    found = [
        i
        for i, b in enumerate(blocks)
        if is_heading(b) and not NOT_A_POINT.match(b.text) and i + 1 < len(blocks) and not is_heading(blocks[i + 1])
    ]
    if announce_at >= 0 and len(after := [i for i in found if i > announce_at]) >= announced >= 2:
        found = after[:announced]
    if len(found) < 2:
        return None
    points = []
    for position, index in enumerate(found):
        end = found[position + 1] if position + 1 < len(found) else len(blocks)
        section = list(takewhile(lambda b: not (is_heading(b) and NOT_A_POINT.match(b.text)), blocks[index + 1 : end]))
        if position + 1 == len(found) and announce_at >= 0:
            section = section[:2]
        points.append(Point(heading_text(blocks[index].text) or f"Point {position + 1}", body_text(section)))
    return points, "headings"


def _announced_headings(blocks: list[Block], announce_at: int, announced: int) -> tuple[list[Point], str] | None:
    """Markdown whose sections are not marked: short lines after "here are three habits", as many as it says."""
    found = _plain_headings(blocks, announce_at, announced) if announce_at >= 0 else None
    return found if found and len(found[0]) == announced else None


def _lead_ins(blocks: list[Block], _at: int, _announced: int) -> tuple[list[Point], str] | None:
    lead = re.compile(r"^\s*(\*\*|__)(.{2,100}?)\1\s*[:.\-–—]?\s*(\S.*)?$")
    found = [
        i
        for i, b in enumerate(blocks)
        if b.kind in ("para", "bullet")
        and not b.depth
        and (m := lead.match(b.raw))
        and len(m.group(2).split()) <= 14
        and (m.group(3) or i + 1 < len(blocks))
    ]
    if len(found) < 2:
        return None
    points = []
    for position, index in enumerate(found):
        end = found[position + 1] if position + 1 < len(found) else len(blocks)
        following = blocks[index + 1 : end]
        following = following[: next((i for i, b in enumerate(following) if b.kind == "heading"), len(following))]
        if position + 1 == len(found) and blocks[index].kind == "bullet":  # the list's end, not the article's
            following = blocks[index + 1 : end_of_last(blocks, found)]
        elif position + 1 == len(found):
            following = children(following, 0) or following[:1]
        heading, rest = split_lead(blocks[index].raw)  # "**Step 2:** Ask first" is named "Ask first"
        points.append(Point(heading or f"Point {position + 1}", clean_text(rest + " " + body_text(following))))
    return points, "bold lead-ins"


def _nested(blocks: list[Block], _at: int, _announced: int) -> tuple[list[Point], str] | None:
    """A list whose top-level items have sub-items: each parent is a point, its sub-items its detail."""
    found = [i for i, b in enumerate(blocks) if b.kind in ("item", "bullet") and not b.depth]
    points: list[Point] = []
    for index in found:
        if subs := children(blocks, 0, index + 1):
            heading, rest = split_lead(blocks[index].raw)
            points.append(Point(heading or f"Point {len(points) + 1}", clean_text(rest + " " + body_text(subs))))
    return (points, "nested list") if len(points) >= 2 and len(points) * 2 > len(found) else None


def _fallback(blocks: list[Block], plain: bool) -> tuple[list[Point], str]:
    """Groups of paragraphs, in order, each named by its first heading or by its frequent words."""
    sections: list[tuple[str, list[Block]]] = [("", [])]
    for block in blocks:
        if block.kind == "heading" or (plain and block.kind == "para" and title_like(block.text)):
            sections.append((heading_text(block.text), []))
        elif block.kind != "media":
            sections[-1][1].append(block)
    if not any(body for _, body in sections):  # an outline, headings and no text: each heading is a point
        return [Point(h, "") for h, _ in sections if h and not NOT_A_POINT.match(h)], "headings"
    sections = [(h, body) for h, body in sections if body]
    size = max(1, -(-sum(len(body) for _, body in sections) // FALLBACK_POINTS))
    groups = [
        (heading if start == 0 else "", body[start : start + size])
        for heading, body in sections
        for start in range(0, len(body), size)
    ]
    while len(groups) > FALLBACK_POINTS:  # merge the smallest neighbours, keeping order
        sizes = [len(a[1]) + len(b[1]) for a, b in pairwise(groups)]
        at = sizes.index(min(sizes))
        groups[at : at + 2] = [(groups[at][0] or groups[at + 1][0], groups[at][1] + groups[at + 1][1])]
    points: list[Point] = []
    used: list[str] = []
    for number, (heading, body) in enumerate(groups, start=1):
        text = body_text(body)
        if heading:
            points.append(Point(heading, text))
            continue
        words = keywords(text, 3, used)
        used.extend(words)
        points.append(Point(f"Part {number}: " + (", ".join(words) if words else "the article"), text, generated=True))
    return points, "paragraphs"


# ------------------------------------------------------------------------------------ summaries


def summary(point: Point, untimed: bool = False) -> str:
    """A summary for the facilitator to reword: what the section covers, its frequent words, and the
    opening words of its most central sentence; never a whole sentence of a long section. `untimed`:
    without sub-headings or words that mention minutes (draft/writer.py)."""
    parts = []
    covers = [shorten(p, 60) for p in point.parts[:5] if not (untimed and QUOTE.search(shorten(p, 60)))]
    if covers:
        parts.append("it covers " + "; ".join(covers))
    if words := keywords(point.body, 4, []):
        parts.append("its key words are " + ", ".join(words))
    if (central := _central(point.body)) and not (untimed and QUOTE.search(central)):
        parts.append(f'its central sentence begins "{central}"')
    if not parts:
        return ""
    text = "In brief (reword this): " + "; ".join(parts)
    return text if text.endswith(("…", ".")) else text + "."


def _central(body: str) -> str:
    """The opening of the sentence sharing most frequent words with the rest of the section."""
    found = sentences(body)
    if not found:
        return ""
    common = set(keywords(body, 8, []))
    best = max(found, key=lambda s: (sum(w.lower().strip("’'-") in common for w in s.split()), len(s)))
    length = len(best.split()) if spaced(best) else len(best) // 2
    return opening(best, min(SUMMARY_WORDS, max(1, length // 2)))  # at most half of it
