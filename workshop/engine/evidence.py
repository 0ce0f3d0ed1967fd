"""What a decision rests on, in words: each round of a poll as one line (its wording, ballots,
every row of its tally and its result), and the objections heard in the objections rounds after
it. The decision verb signs these lines into the decision (sessions/decisions.py); the minutes
compute them again from the ballots in the file and say whether they still match."""

from __future__ import annotations

from workshop.engine.tally import Tally, headline, plural
from workshop.engine.views import PollView, SessionState

LINE_MAX = 2000  # a line is one event string (engine/fields.Text)


def round_line(qid: str, number: int, wording: str, result: Tally, view: PollView) -> str:
    """'team/agree, round 2: “Can you live with it?” · 4 ballots · 0 block: 0 · … · Consent ✓ …'."""
    rows = " · ".join(f"{row.label}: {row.value:g}" for row in result.rows)
    line = (f"{qid}, round {number}: “{wording}” · {plural(result.ballots, 'ballot')}"
            + (f" · {rows}" if rows else "") + f" · {headline(view.poll, result)}")
    return line if len(line) <= LINE_MAX else line[:LINE_MAX - 1] + "…"


def rounds(view: PollView) -> list[str]:
    """Every round of a poll so far, the current one last."""
    wordings = [*view.wordings, view.poll.question]
    results = [*view.rounds, view.tally]
    return [round_line(view.qid, n, w, t, view) for n, (w, t) in enumerate(zip(wordings, results, strict=True), 1)]


def objection_steps(state: SessionState, view: PollView) -> list[str]:
    """The objections rounds held right after a poll's step (inserted notes steps), in order."""
    after = []
    for step in state.steps[view.index + 1:]:
        if not (step.inserted and step.step.kind == "notes" and step.step.id.startswith("objections")):
            break
        after.append(step.qid)
    return after


def objections(state: SessionState, view: PollView) -> list[str]:
    """The notes of the objections rounds after a poll, each 'Ana: too soon'."""
    after = objection_steps(state, view)
    lines = [f"{n.name}: {n.text}" for n in state.notes if n.step in after and not n.action]
    return [line if len(line) <= LINE_MAX else line[:LINE_MAX - 1] + "…" for line in lines]


def matches(evidence: tuple[str, ...], polls: tuple[str, ...], state: SessionState) -> bool:
    """Whether a decision's signed lines are what the ballots in the file say now, poll by poll:
    the first rounds of each (a round voted after the decision adds lines, it changes none)."""
    for qid in polls:
        signed = [line for line in evidence if line.startswith(f"{qid}, round ")]
        view = state.polls.get(qid)
        if view is None:
            if signed:
                return False
            continue
        if signed != rounds(view)[:len(signed)]:
            return False
    return True
