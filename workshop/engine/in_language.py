"""The session as a reader of one language sees it: `state_in(state, lang)` is the state with
every module's texts (titles, prompts, notes, rounds, questions, options, scale labels) in `lang`
where the module is given in it, and in the module's first language otherwise
(content/languages.py). Every screen, page and report shows a state through it; what a screen
does still goes through the session, whose state is always in the first language.

Nothing is counted again: ballots name their options in the poll's first language whatever
language they were cast in, so each tally is the one the fold made, its rows labelled in `lang`,
and a reader's own ballot reads in `lang` too. A session is given back as it is to a reader of
its modules' first languages, as is a session whose modules are in one language to any reader.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from dataclasses import replace

from workshop import i18n
from workshop.content import languages
from workshop.content.model import Module, Plan, Poll, Step
from workshop.engine.tally import Tally, scale_label
from workshop.engine.views import PollView, SessionState, StepView

_MEMO: dict[tuple[int, str], tuple[SessionState, SessionState]] = {}  # the last few states asked for
_MEMO_LOCK = threading.Lock()  # the phone page asks from the session's thread, a screen from its own
MEMO_SIZE = 8


def state_in(state: SessionState, lang: str) -> SessionState:
    """`state` as a reader of `lang` reads it (the same object when nothing changes). Screens
    ask for one state many times over (a widget each): the last few answers are kept."""
    if (
        all(languages.shown_in(m, lang) == languages.first(m) for m in state.plan.modules)
        and languages.title_in(state.plan.agenda, lang) == state.plan.agenda.title
    ):
        return state  # every module is read in its first language: as it is
    key = (id(state), lang)
    with _MEMO_LOCK:
        kept = _MEMO.get(key)
    if kept is not None and kept[0] is state:
        return kept[1]
    modules: dict[int, Module] = {}

    def module_in(module: Module) -> Module:
        if id(module) not in modules:
            modules[id(module)] = languages.module_in(module, languages.shown_in(module, lang))
        return modules[id(module)]

    steps = tuple(_step_in(s, module_in(s.module), lang) for s in state.steps)
    plan = Plan(state.plan.agenda, tuple(module_in(m) for m in state.plan.modules))
    title = languages.title_in(state.plan.agenda, lang) if state.title == state.plan.agenda.title else state.title
    shown = replace(state, title=title, plan=plan, steps=steps, polls=_Polls(state, lang))
    with _MEMO_LOCK:
        if len(_MEMO) >= MEMO_SIZE:
            _MEMO.pop(next(iter(_MEMO)))
        _MEMO[key] = (state, shown)
    return shown


def spec_in(view: StepView, lang: str) -> Step:
    """A step's texts (its title, prompt, rounds' labels and poll) as a reader of `lang` reads them:
    what a verb says back of a step ("note added to …") speaks its reader's language too."""
    return languages.step_in(view.spec, languages.shown_in(view.module, lang))


def step_title(view: StepView) -> str:
    """A step's title as the reader reads it, in the language in force: how a verb's answer names
    a step ("note added to …")."""
    return spec_in(view, i18n.language()).title


def _step_in(view: StepView, module: Module, lang: str) -> StepView:
    tag = languages.shown_in(view.module, lang)
    step = languages.step_in(view.spec, tag)
    if step is view.spec and module is view.module:
        return view
    rounds = tuple(
        replace(r, label=step.rounds[r.index].label) if r.index < len(step.rounds) else r for r in view.rounds
    )
    return replace(view, module=module, spec=step, rounds=rounds)


class _Polls(Mapping[str, PollView]):
    """The state's polls in the reader's language, each made when asked for (as the state's own)."""

    def __init__(self, state: SessionState, lang: str) -> None:
        self._state, self._lang = state, lang
        self._views: dict[str, PollView] = {}

    def __getitem__(self, qid: str) -> PollView:
        view = self._views.get(qid)
        if view is None:
            own = self._state.polls[qid]
            step = self._state.steps[own.index] if own.index < len(self._state.steps) else None
            tag = languages.shown_in(step.module, self._lang) if step is not None else ""
            view = self._views[qid] = poll_view_in(own, tag, step.spec.poll if step is not None else None)
        return view

    def __iter__(self) -> Iterator[str]:
        return iter(self._state.polls)

    def __len__(self) -> int:
        return len(self._state.polls)


def poll_view_in(view: PollView, tag: str, planned: Poll | None = None) -> PollView:
    """A poll with its question, options, labels, tallies and ballots in language `tag` (one of
    its module's own); `planned`: the poll as the module gives it, whose question in `tag` says
    what earlier rounds voted on when a revote reworded it since."""
    shown = languages.poll_in(view.poll, tag)
    said = {view.poll.question: shown.question}
    if planned is not None:
        said.setdefault(planned.question, languages.poll_in(planned, tag).question)
    if shown is view.poll and all(said.get(w, w) == w for w in view.wordings):
        return view
    worded = replace(view, poll=shown, wordings=tuple(said.get(w, w) for w in view.wordings))
    # its tallies and ballots made from the first language's labels, then worded: set where the
    # view keeps what it builds on demand (engine/views.py: cached, so nothing counts twice)
    worded.__dict__.update(
        tally=tally_in(view.tally, shown),
        rounds=tuple(tally_in(t, shown) for t in view.rounds),
        ballots=tuple(b._replace(value=languages.value_in(shown, b.value)) for b in view.ballots),
    )
    return worded


def tally_in(result: Tally, shown: Poll) -> Tally:
    """A tally's rows labelled as `shown` (a poll in a reader's language) words its options, or
    its scale's labels; the counts as they are."""
    if result.vote == "text":
        return result
    if result.vote == "scale":
        low = shown.min or 0
        rows = tuple(replace(row, label=scale_label(shown, low + i)) for i, row in enumerate(result.rows))
    else:
        rows = tuple(replace(row, label=languages.value_in(shown, (row.label,))[0]) for row in result.rows)
    return replace(result, rows=rows)
