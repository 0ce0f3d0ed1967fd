"""The agenda as it is being run: the plan's steps in the order the facilitator has them now,
which are skipped, and the steps inserted on the day: breaks, objections rounds (`skip`, `move` and `insert` events).

Each step keeps its *slot* (its place in the plan; an inserted break gets the next free one), so
everything the fold keeps per step stays where it is; only the running order changes. A step
that has run can be neither skipped nor moved: its time is history.
"""

from __future__ import annotations

from collections.abc import Callable

from workshop.content.model import Module, Step
from workshop.engine.context import Context, Part, handles
from workshop.engine.events import Event
from workshop.i18n import N_, _

BREAK_PROMPT = N_("A break. Back in {minutes} minutes.")
INSERTED_KINDS = ("break", "notes")  # a break, or an objections round after a consent poll


class RunningOrder:
    """The steps by slot, the order they run in, and which are skipped, inserted or have run."""

    def __init__(self, pairs: tuple[tuple[Module, Step], ...], qids: list[str]) -> None:
        self.pairs = list(pairs)  # slot -> (module, step)
        self.qids = list(qids)  # slot -> "module/step"
        self.slot = {q: i for i, q in enumerate(self.qids)}
        self.order = list(range(len(self.qids)))  # the running order, as slots
        self.skipped: set[int] = set()
        self.inserted: set[int] = set()
        self.visited: set[int] = set()  # the steps that have run (timing.py marks them)

    def step(self, slot: int) -> Step:
        """The step in `slot`."""
        return self.pairs[slot][1]

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


class AgendaEvents(Part):
    """The part of the fold that applies the agenda changed live (as `ideas.Contributions` applies the
    room's contributions): the running order is its own, each step's times the timing part's,
    which `added` tells of each step inserted (its planned seconds)."""

    def __init__(self, context: Context, running: RunningOrder, added: Callable[[int], None]) -> None:
        self.context, self.running, self.added = context, running, added

    def _changeable(self, event: Event, key: str = "step") -> int | None:
        """The slot of a step that has not run yet (only those can be skipped or moved)."""
        slot = self.running.slot.get(str(event.get(key)))
        if slot is None or slot in self.running.visited or slot == self.context.current or self.context.ended:
            return None
        return slot

    @handles("skip")
    def _on_skip(self, event: Event, t: float) -> None:
        if (slot := self._changeable(event)) is not None:
            self.running.skip(slot, bool(event.get("on", True)))

    @handles("move")
    def _on_move(self, event: Event, t: float) -> None:
        slot, after, index = self._changeable(event), event.get("after", ""), self.running.slot
        if slot is not None and (after == "" or after in index):
            self.running.move(slot, index[after] if after else None)

    @handles("insert")
    def _on_insert(self, event: Event, t: float) -> None:
        """A step added on the day: a break, or a notes step (an objections round)."""
        index = self.running.slot
        qid, minutes, after = event.get("step"), event.get("minutes"), event.get("after", "")
        kind, title, prompt = event.get("kind", "break"), event.get("title", "Break"), event.get("prompt", "")
        if (
            type(qid) is not str
            or qid in index
            or type(minutes) is not int
            or not 1 <= minutes <= 120
            or self.context.ended
            or not (after == "" or after in index)
            or kind not in INSERTED_KINDS
            or type(title) is not str
            or type(prompt) is not str
        ):
            return
        step = Step(qid.rpartition("/")[2], title, kind, minutes, prompt or _(BREAK_PROMPT).format(minutes=minutes))
        self.running.insert(qid, step, index[after] if after else None)
        self.added(minutes * 60)
