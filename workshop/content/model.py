"""The content model: modules, steps, polls and agendas, as frozen plain data.

Nothing here reads files or knows TOML; `schema` builds these from parsed documents and refuses
anything that would not make a runnable workshop.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from workshop.i18n import N_

StepKind = Literal["talk", "discuss", "poll", "notes", "break", "brainstorm", "qa"]
VoteKind = Literal["single", "multi", "scale", "dots", "rank", "text"]
Reveal = Literal["live", "on-close", "manual"]

STEP_KINDS: tuple[str, ...] = ("talk", "discuss", "poll", "notes", "break", "brainstorm", "qa")
SHOWS: tuple[str, ...] = ("cards", "cloud")  # how the room display shows a brainstorm's ideas
VOTE_KINDS: tuple[str, ...] = ("single", "multi", "scale", "dots", "rank", "text")
REVEALS: tuple[str, ...] = ("live", "on-close", "manual")
# A consent poll is written `vote = "consent"`: a fist of five, 0 (a fist: I block) to 5.
# A module may give its texts in other languages too (`[variants.de]` in its file, docs/format.md):
# each part below keeps its own, as (language tag, ((field, text), ...)) pairs in the order the
# file gives them, beside its fields, which hold the module's first language. Ids, kinds, minutes
# and an option's place are shared: a ballot names the option by its first-language label
# whatever language it was cast in. content/languages.py gives a part in a language.
Words = tuple[tuple[str, Any], ...]
Variants = tuple[tuple[str, Words], ...]
# A consent poll's labels: the interface gives them in the language the module is shown in
# (languages.poll_in), as a variant's own `labels` would; the file and the fold keep these.
CONSENT_LABELS = (
    (0, N_("block")),
    (1, N_("serious concerns")),
    (2, N_("concerns")),
    (3, N_("can live with it")),
    (4, N_("support")),
    (5, N_("full support")),
)


@dataclass(frozen=True)
class Source:
    """The article a module paraphrases, so the room knows whose ideas these are."""

    title: str
    author: str
    publisher: str
    url: str = ""
    seed: str = ""

    def citation(self) -> str:
        return f"“{self.title}”, {self.author}, {self.publisher}"


@dataclass(frozen=True)
class Poll:
    """A question the room votes on. Fields that a vote kind does not use keep their defaults."""

    question: str
    vote: VoteKind
    anonymous: bool = False
    reveal: Reveal = "on-close"
    options: tuple[str, ...] = ()
    max: int | None = None  # multi: most picks; scale: top of the range
    min: int | None = None  # scale: bottom of the range
    labels: tuple[tuple[int, str], ...] = ()  # scale: value -> label
    budget: int | None = None  # dots
    cap: int | None = None  # dots: most dots on any one option
    max_length: int = 140  # text
    options_from: str = ""  # single/multi/dots/rank: a brainstorm step of the module; its ideas become the options
    threshold: int | None = None  # a consent poll (a fist-of-five scale): a ballot under it blocks
    variants: Variants = ()  # question, options (in their order), labels, in other languages

    def label_for(self, value: int) -> str:
        return dict(self.labels).get(value, "")

    @property
    def kind(self) -> str:
        """The vote kind as authored: a consent poll is a 0-5 scale that knows what blocks."""
        return "consent" if self.threshold is not None else self.vote

    def blocks(self, value: int) -> bool:
        return self.threshold is not None and value < self.threshold


@dataclass(frozen=True)
class Round:
    """A part of a step with its own time and a label the room sees: "alone", "pairs", "Speaker A"."""

    label: str
    minutes: int
    variants: Variants = ()  # the label in other languages


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    kind: StepKind
    minutes: int
    prompt: str
    notes: str = ""
    poll: Poll | None = None
    rounds: tuple[Round, ...] = ()  # when given, their minutes add up to the step's
    anonymous: bool = False  # brainstorm, qa: ideas and questions carry no name
    show: str = "cards"  # brainstorm: "cards" or "cloud" on the room display
    variants: Variants = ()  # title, prompt, notes in other languages

    def with_minutes(self, minutes: int) -> Step:
        """This step run for `minutes`: its rounds scaled to fit, the last taking what rounding leaves."""
        if minutes == self.minutes or not self.rounds:
            return replace(self, minutes=minutes)
        scaled = [max(1, round(r.minutes * minutes / self.minutes)) for r in self.rounds[:-1]]
        last = max(1, minutes - sum(scaled))
        rounds = tuple(replace(r, minutes=m) for r, m in zip(self.rounds, [*scaled, last], strict=True))
        if sum(r.minutes for r in rounds) != minutes:  # too few minutes for every round to keep one
            rounds = ()
        return replace(self, minutes=minutes, rounds=rounds)


@dataclass(frozen=True)
class Module:
    id: str
    title: str
    summary: str
    minutes: int
    source: Source
    steps: tuple[Step, ...]
    language: str = ""  # the language it is written in ("de", "pt-BR"), when the module says; else English
    variants: Variants = ()  # every other language it is given in (its [variants.LANG]), title and summary

    def step(self, step_id: str) -> Step | None:
        return next((s for s in self.steps if s.id == step_id), None)

    @property
    def vote_kinds(self) -> tuple[str, ...]:
        """Vote kinds used, in the canonical order, each once."""
        used = {s.poll.kind for s in self.steps if s.poll is not None}
        return tuple(k for k in (*VOTE_KINDS, "consent") if k in used)

    def with_minutes(self, overrides: dict[str, int]) -> Module:
        """This module as an agenda runs it: some steps shortened or lengthened."""
        if not overrides:
            return self
        steps = tuple(s.with_minutes(overrides.get(s.id, s.minutes)) for s in self.steps)
        return replace(self, steps=steps, minutes=sum(s.minutes for s in steps))


@dataclass(frozen=True)
class AgendaItem:
    module: str
    minutes: tuple[tuple[str, int], ...] = ()  # per-step overrides, step id -> minutes


@dataclass(frozen=True)
class Agenda:
    id: str
    title: str
    start: dt.time | dt.datetime
    items: tuple[AgendaItem, ...]
    summary: str = ""
    variants: Variants = ()  # its title and summary in other languages ([variants.LANG])


@dataclass(frozen=True)
class Plan:
    """An agenda with its modules looked up and overrides applied: what a session runs."""

    agenda: Agenda
    modules: tuple[Module, ...] = field(default=())

    @property
    def minutes(self) -> int:
        return sum(m.minutes for m in self.modules)

    @property
    def steps(self) -> tuple[tuple[Module, Step], ...]:
        return tuple((m, s) for m in self.modules for s in m.steps)

    @property
    def vote_kinds(self) -> tuple[str, ...]:
        used = {k for m in self.modules for k in m.vote_kinds}
        return tuple(k for k in (*VOTE_KINDS, "consent") if k in used)
