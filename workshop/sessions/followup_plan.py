"""A follow-up session's plan (followup.py makes the session): the generated step reviewing each
action still open, the agenda's modules, the repeated scale and consent polls (their own module
and step ids, questions and options), and the closing step for new actions; and every word
those generated steps say, in each language of the interface.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import NamedTuple, TypeVar

from workshop import i18n
from workshop.content.model import Agenda, AgendaItem, Module, Plan, Poll, Source, Step, Variants
from workshop.engine import dates
from workshop.engine.decisions import REVIEW_STEP
from workshop.engine.views import PollView, SessionState
from workshop.i18n import N_, _
from workshop.report.render import md_participant
from workshop.sessions.files import SessionError

REVIEW_MODULE, REVIEW_ID = REVIEW_STEP.split("/")
CLOSING_MODULE, CLOSING_ID = "next-actions", "new-actions"
REVIEW_MINUTES, CLOSING_MINUTES = 10, 5  # the seeds' `follow-up` agenda is timed to these

# Every word the follow-up's generated steps say, in one place. Its own modules (the review and the
# new actions) are written in every language of the interface, the facilitator's first, so each
# reader sees them in theirs; a repeated step's words are in each language its module is given in.
WORDS = {
    "title": N_("Follow-up: {title}"),
    "review-module": N_("Where last time's actions stand"),
    "review-summary": N_("Each action still open after {first}: done, blocked or dropped."),
    "review-title": N_("Last time's actions"),
    "review-prompt": N_(
        "**Where each action from {first} stands.** Its owner says: done, blocked (and what blocks "
        "it) or dropped (and why).\n\n{items}"
    ),
    "review-none": N_("No action was left open last time: say what has changed since."),
    "review-item": "{n}. {text} ({owner}{due}){decision}",
    "review-owner": N_("no owner"),
    "review-due": N_(", due {day}"),
    "review-decision": N_(" for the decision “{decision}”"),
    "review-blocked": N_(" Blocked last time: {comment}"),
    "review-notes": N_(
        "**R** marks an action done, blocked or dropped; owners can mark their own from a shell "
        "while this step runs (`workshop review`). A blocked action needs what blocks it."
    ),
    "repeat-title": N_("Again: {title}"),
    "repeat-prompt": N_("The same question as at {first}, with the same options: answer as things stand now."),
    "repeat-notes": N_("Reveal, then compare with last time: `workshop compare {first} {this}`."),
    "repeat-summary": N_("Polls of {first}, asked again."),
    "closing-module": N_("What we do next"),
    "closing-summary": N_("New actions, with owners and due dates."),
    "closing-title": N_("New actions"),
    "closing-prompt": N_(
        "**What do we do next?** One action each: what, who, by when. A blocked action may need a new one."
    ),
    "closing-notes": N_(
        "Mark each as an action item (**m**) with its owner and due date (**u**); record what the room decides (**D**)."
    ),
    "source": N_("The session {first}"),
    "publisher": N_("workshop follow-up"),
    "not-ended": N_("{first} has not ended: follow it up once it has (`workshop control {first} end`)"),
    "not-repeatable": N_("only scale and consent polls are repeated: {poll} is a {kind} poll"),
    "taken": N_("the agenda already has a module {module!r}: a follow-up makes its own"),
}
T = TypeVar("T")


def said(key: str) -> str:
    """One of WORDS in the language in force."""
    return _(WORDS[key])


def _in(tag: str, make: Callable[[], T]) -> T:
    """What `make` says in language `tag` (English for one the interface does not speak)."""
    with i18n.speaking(i18n.known(tag) or i18n.SOURCE):
        return make()


class OpenAction(NamedTuple):
    note: str
    text: str
    owner: str
    due: str
    session: str  # where it was first written
    decision: str  # the wording of the decision in force that lists it
    status: str  # open or blocked
    comment: str


def plan(
    state: SessionState, actions: Sequence[OpenAction], again: Sequence[PollView], name: str, agenda: Plan | None = None
) -> Plan:
    """The follow-up's plan: the review step, the agenda's modules, the repeated polls (in their
    own modules' ids, less those the agenda runs anyway), the new actions."""
    first = state.title
    here = i18n.language() if i18n.language() in i18n.LANGUAGES else i18n.SOURCE  # the facilitator's
    modules = list(agenda.modules) if agenda is not None else []
    for taken in {REVIEW_MODULE, CLOSING_MODULE} & {m.id for m in modules}:
        raise SessionError(said("taken").format(module=taken))
    texts = {lang: _in(lang, lambda: _texts(state, actions)) for lang in (here, *i18n.LANGUAGES)}
    own, others = texts[here], [lang for lang in i18n.LANGUAGES if lang != here]
    source = Source(own["source"], state.facilitator or own["facilitator"], own["publisher"])
    minutes = REVIEW_MINUTES if actions else 3
    review = _module(
        REVIEW_MODULE,
        "review",
        texts,
        here,
        source,
        Step(REVIEW_ID, own["review-title"], "notes", minutes, own["review-prompt"], own["review-notes"]),
    )
    closing = _module(
        CLOSING_MODULE,
        "closing",
        texts,
        here,
        source,
        Step(CLOSING_ID, own["closing-title"], "notes", CLOSING_MINUTES, own["closing-prompt"], own["closing-notes"]),
    )
    grouped: dict[str, list[Step]] = {}
    owners: dict[str, Module] = {}
    for view in again:
        module, step = state.steps[view.index].module, state.steps[view.index].spec
        if module.id in {m.id for m in modules}:
            continue  # the agenda runs this module, poll and all
        owners[module.id] = module
        grouped.setdefault(module.id, []).append(_again(step, view.poll, module.language, first, state.id, name))
    repeated = [_repeated(owners[m], steps, first) for m, steps in grouped.items()]
    variants: Variants = ()
    if agenda is not None:
        title, start, agenda_id = agenda.agenda.title, agenda.agenda.start, agenda.agenda.id
    else:
        title, start, agenda_id = own["title"][:200], state.plan.agenda.start, "follow-up"
        variants = tuple((lang, (("title", texts[lang]["title"][:200]),)) for lang in others)
    every = (review, *modules, *repeated, closing)
    return Plan(
        Agenda(agenda_id, title, start, tuple(AgendaItem(m.id) for m in every), state.plan.agenda.summary, variants),
        every,
    )


def _texts(state: SessionState, actions: Sequence[OpenAction]) -> dict[str, str]:
    """The follow-up's own words in the language in force."""
    first = state.title
    return {
        "title": said("title").format(title=first),
        "source": said("source").format(first=first)[:200],
        "facilitator": _("the facilitator"),
        "publisher": said("publisher"),
        "review-module": said("review-module"),
        "review-summary": said("review-summary").format(first=first),
        "review-title": said("review-title"),
        "review-notes": said("review-notes"),
        "review-prompt": said("review-prompt").format(first=first, items=_items(actions)),
        "closing-module": said("closing-module"),
        "closing-summary": said("closing-summary"),
        "closing-title": said("closing-title"),
        "closing-prompt": said("closing-prompt"),
        "closing-notes": said("closing-notes"),
    }


def _module(
    module_id: str, part: str, texts: dict[str, dict[str, str]], here: str, source: Source, step: Step
) -> Module:
    """One of the follow-up's own modules, of one step, in `here` and every other language of the interface."""
    others = [(lang, words) for lang, words in texts.items() if lang != here]
    step = replace(
        step,
        variants=tuple(
            (
                lang,
                (
                    ("title", words[f"{part}-title"]),
                    ("prompt", words[f"{part}-prompt"]),
                    ("notes", words[f"{part}-notes"]),
                ),
            )
            for lang, words in others
        ),
    )
    return Module(
        module_id,
        texts[here][f"{part}-module"],
        texts[here][f"{part}-summary"],
        step.minutes,
        source,
        (step,),
        "" if here == i18n.SOURCE else here,
        tuple(
            (lang, (("title", words[f"{part}-module"]), ("summary", words[f"{part}-summary"])))
            for lang, words in others
        ),
    )


def _again(step: Step, poll: Poll | None, lang: str, first: str, session: str, name: str) -> Step:
    """A repeated poll's step, its words in its module's language and in each its step is given in."""

    def words(tag: str, title: str) -> tuple[tuple[str, str], ...]:
        return _in(
            tag,
            lambda: (
                ("title", said("repeat-title").format(title=title)[:200]),
                ("prompt", said("repeat-prompt").format(first=first)),
                ("notes", said("repeat-notes").format(first=session, this=name)),
            ),
        )

    own = dict(words(lang, step.title))
    return replace(
        step,
        title=own["title"],
        rounds=(),
        poll=poll,
        prompt=own["prompt"],
        notes=own["notes"],
        variants=tuple((tag, words(tag, dict(given).get("title", step.title))) for tag, given in step.variants),
    )


def _repeated(module: Module, steps: list[Step], first: str) -> Module:
    """A module whose polls are asked again: its title, and a summary in each language it is given in."""

    def summary(tag: str) -> str:
        return _in(tag, lambda: said("repeat-summary").format(first=first))

    return Module(
        module.id,
        module.title,
        summary(module.language),
        sum(s.minutes for s in steps),
        module.source,
        tuple(steps),
        module.language,
        tuple((tag, tuple({**dict(given), "summary": summary(tag)}.items())) for tag, given in module.variants),
    )


def _items(actions: Sequence[OpenAction]) -> str:
    """The open actions as a numbered list, their words escaped: a prompt is Markdown, an action is not."""
    if not actions:
        return said("review-none")
    lines = []
    for n, a in enumerate(actions, 1):
        due = said("review-due").format(day=_day(dt.date.fromisoformat(a.due))) if a.due else ""
        decision = said("review-decision").format(decision=md_participant(a.decision)) if a.decision else ""
        blocked = said("review-blocked").format(comment=md_participant(a.comment)) if a.comment else ""
        lines.append(
            WORDS["review-item"].format(
                n=n,
                text=md_participant(" ".join(a.text.split())),
                owner=md_participant(a.owner) or said("review-owner"),
                due=due,
                decision=decision,
            )
            + blocked
        )
    return "\n".join(lines)


def _day(day: dt.date) -> str:
    """A due day as a person writes it: 'Tue 15 Dec 2026' in English, '15. Dezember 2026' in German."""
    return dates.shown(day) if i18n.language() == i18n.SOURCE else i18n.day(day, width="long")
