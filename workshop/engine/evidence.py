"""What a decision rests on, in words: each round of a poll as one line (its wording, ballots,
every row of its tally and its result), and the objections heard in the objections rounds after
it. The decision verb signs these lines into the decision (sessions/decisions.py); the minutes
compute them again from the ballots in the file and say whether they still match.

A line is written in the language of the poll's module (English for one in a language the
interface does not speak): the same words whoever records the decision, and the module's own
question and labels beside them. A line signed in another of the interface's languages (a
decision recorded before, on a screen in its reader's language) matches as well."""

from __future__ import annotations

from workshop import i18n
from workshop.engine.tally import Tally, headline, plural
from workshop.engine.views import PollView, SessionState
from workshop.i18n import _

LINE_MAX = 2000  # a line is one event string (engine/fields.Text)


def round_line(qid: str, number: int, wording: str, result: Tally, view: PollView) -> str:
    """'team/agree, round 2: “Can you live with it?” · 4 ballots · 0 block: 0 · … · Consent ✓ …'."""
    rows = " · ".join(f"{row.label}: {i18n.number(row.value, 'g')}" for row in result.rows)
    ballots, result_words = plural(result.ballots, "ballot"), headline(view.poll, result)
    line = (
        _("{qid}, round {number}: “{wording}” · {ballots} · {rows} · {result}")
        if rows
        else _("{qid}, round {number}: “{wording}” · {ballots} · {result}")
    ).format(qid=qid, number=number, wording=wording, ballots=ballots, rows=rows, result=result_words)
    return line if len(line) <= LINE_MAX else line[: LINE_MAX - 1] + "…"


def written_in(state: SessionState, view: PollView) -> str:
    """The language a poll's lines are written in: its module's, when the interface speaks it."""
    return i18n.known(state.steps[view.index].module.language) or i18n.SOURCE


def rounds(view: PollView, lang: str = i18n.SOURCE) -> list[str]:
    """Every round of a poll so far, the current one last, in `lang` (one of i18n.LANGUAGES)."""
    wordings = [*view.wordings, view.poll.question]
    results = [*view.rounds, view.tally]
    with i18n.speaking(lang):
        return [round_line(view.qid, n, w, t, view) for n, (w, t) in enumerate(zip(wordings, results, strict=True), 1)]


def objection_steps(state: SessionState, view: PollView) -> list[str]:
    """The objections rounds held right after a poll's step (inserted notes steps), in order."""
    after = []
    for step in state.steps[view.index + 1 :]:
        if not (step.inserted and step.spec.kind == "notes" and step.spec.id.startswith("objections")):
            break
        after.append(step.qid)
    return after


def objections(state: SessionState, view: PollView) -> list[str]:
    """The notes of the objections rounds after a poll, each 'Ana: too soon'."""
    after = objection_steps(state, view)
    lines = [f"{n.name}: {n.text}" for n in state.notes if n.step in after and not n.action]
    return [line if len(line) <= LINE_MAX else line[: LINE_MAX - 1] + "…" for line in lines]


def matches(evidence: tuple[str, ...], polls: tuple[str, ...], state: SessionState) -> bool:
    """Whether a decision's signed lines are what the ballots in the file say now, poll by poll:
    the first rounds of each (a round voted after the decision adds lines, it changes none)."""
    for qid in polls:
        signed = [line for line in evidence if line.startswith(f"{qid}, ")]  # a step id has no comma
        view = state.polls.get(qid)
        if view is None:
            if signed:
                return False
            continue
        first = written_in(state, view)
        if not any(signed == rounds(view, lang)[: len(signed)] for lang in dict.fromkeys((first, *i18n.LANGUAGES))):
            return False
    return True
