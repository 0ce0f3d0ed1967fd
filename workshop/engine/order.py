"""The agenda as it is being run: the plan's steps in the order the facilitator has them now,
which are skipped, and the steps inserted on the day: breaks, objections rounds (`skip`, `move` and `insert` events).

Each step keeps its *slot* (its place in the plan; an inserted break gets the next free one), so
everything the fold keeps per step stays where it is; only the running order changes. A step
that has run can be neither skipped nor moved: its time is history.
"""

from __future__ import annotations

from workshop.content.model import Module, Step

BREAK_PROMPT = "A break. Back in {minutes} minutes."
INSERTED_KINDS = ("break", "notes")  # a break, or an objections round after a consent poll


class RunningOrder:
    def __init__(self, pairs: tuple[tuple[Module, Step], ...], qids: list[str]) -> None:
        self.pairs = list(pairs)  # slot -> (module, step)
        self.qids = list(qids)  # slot -> "module/step"
        self.slot = {q: i for i, q in enumerate(self.qids)}
        self.order = list(range(len(self.qids)))  # the running order, as slots
        self.skipped: set[int] = set()
        self.inserted: set[int] = set()

    def position(self, slot: int) -> int:
        return self.order.index(slot)

    def skip(self, slot: int, on: bool) -> None:
        if on:
            self.skipped.add(slot)
        else:
            self.skipped.discard(slot)

    def move(self, slot: int, after: int | None) -> None:
        """Put `slot` right after `after` (None: first)."""
        if slot == after:
            return
        self.order.remove(slot)
        self.order.insert(0 if after is None else self.order.index(after) + 1, slot)

    def insert(self, qid: str, step: Step, after: int | None) -> int:
        """`step` added after `after` (None: first), in the module of the step before it."""
        module = self.pairs[after if after is not None else self.order[0]][0]
        slot = len(self.qids)
        self.pairs.append((module, step))
        self.qids.append(qid)
        self.slot[qid] = slot
        self.inserted.add(slot)
        self.order.insert(0 if after is None else self.order.index(after) + 1, slot)
        return slot
