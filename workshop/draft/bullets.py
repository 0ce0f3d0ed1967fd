"""A plain list as the article's points: bullets (or items numbered without a run of 1, 2, 3), each
named by its bold lead-in or its words up to a colon, a dash or its first full stop, with its sub-items
and the short paragraphs under it as its detail. A list is the article's points when it has as many
items as the article announces ("five lessons"), or when it carries the article: half of its blocks or
two fifths of its words. A short list of examples between paragraphs carries neither, and stays text.
"""

from __future__ import annotations

from workshop.draft.parse import Block
from workshop.draft.point import Point, body_text, own, split_lead
from workshop.draft.text import clean_text

MAX_GAP = 3  # paragraphs between two items of one list, each item's own (more: a list has ended)


def _runs(blocks: list[Block]) -> list[list[int]]:
    """The top-level items of each list, a list's items in one run: the items of a list written with
    paragraphs between them (each item its own list to a Markdown parser) make one run, while two
    lists that stand apart with prose between them make two."""
    pieces: list[tuple[list[int], int]] = []  # (items, paragraphs before the first one since the last item)
    gap = -1  # blocks since the last top-level item; -1: none yet, or a heading since
    for index, block in enumerate(blocks):
        if block.kind == "heading":
            gap = -1
        elif block.kind in ("bullet", "item") and not block.depth:
            if gap == 0 and pieces:
                pieces[-1][0].append(index)
            else:
                pieces.append(([index], gap))
            gap = 0
        elif gap >= 0 and not own(block):
            gap += 1
    runs: list[list[int]] = []
    single = False  # the last piece was one item: a list written with paragraphs between its items
    for items, before in pieces:
        if single and len(items) == 1 and 0 < before <= MAX_GAP:
            runs[-1].extend(items)
        else:
            runs.append(list(items))
        single = len(items) == 1
    return runs


def _weight(blocks: list[Block]) -> tuple[int, int]:
    texts = [b.text for b in blocks if b.kind in ("para", "bullet", "item") and b.text]
    return len(texts), sum(len(t.split()) for t in texts)


def bulleted(blocks: list[Block], announce_at: int, announced: int) -> tuple[list[Point], str] | None:
    """One point per item of the list that carries the article (or that has the announced number of items)."""
    best: tuple[tuple[bool, int], list[int], int] | None = None
    for run in _runs(blocks):
        end = end_of_last(blocks, run)
        count, words = _weight(blocks[run[0] : end])
        key = (len(run) == announced and run[0] > announce_at >= 0, words)
        if len(run) >= 2 and (best is None or key > best[0]):
            best = (key, run, end)
    if best is None:
        return None
    (named, words), run, end = best
    count, total = _weight(blocks)
    if not (named or _weight(blocks[run[0] : end])[0] * 2 >= count or words * 5 >= total * 2):
        return None
    points = []
    for position, index in enumerate(run):
        heading, rest = split_lead(blocks[index].raw)
        after = blocks[index + 1 : run[position + 1] if position + 1 < len(run) else end]
        # not translated: the draft's content (a point with no words to name it), as points.py's "Part N"
        heading = heading or f"Point {position + 1}"
        points.append(Point(heading, clean_text(rest + " " + body_text(after))))
    return points, "list"


def end_of_last(blocks: list[Block], run: list[int]) -> int:
    """Where the run's last item ends: after its sub-items and its own paragraphs, and after as many
    paragraphs as the items before it had under them (none in a list written without any)."""
    most = max((sum(not own(b) for b in blocks[a + 1 : z]) for a, z in zip(run, run[1:], strict=False)), default=0)
    index, taken = run[-1] + 1, 0
    while index < len(blocks) and blocks[index].kind != "heading":
        if not own(blocks[index]):
            if taken >= min(most, 2):
                break
            taken += 1
        index += 1
    return index
