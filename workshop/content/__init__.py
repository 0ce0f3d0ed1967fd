"""Content: the module and agenda model, loading and validation. Pure Python, no Textual."""

from typing import Any

from workshop.content.model import Agenda, AgendaItem, Module, Plan, Poll, Source, Step
from workshop.content.problems import Invalid, Problem

_LIBRARY = ("DEFAULT_AGENDA", "Library", "catalog", "load")


def __getattr__(name: str) -> Any:
    # Loading and validation are imported on first use: a screen that only runs a session's
    # frozen plan should not pay for the validator at start-up.
    if name in _LIBRARY:
        from workshop.content import library

        return getattr(library, name)
    raise AttributeError(f"module 'workshop.content' has no attribute {name!r}")


__all__ = [
    "DEFAULT_AGENDA",
    "Agenda",
    "AgendaItem",
    "Invalid",
    "Library",
    "Module",
    "Plan",
    "Poll",
    "Problem",
    "Source",
    "Step",
    "catalog",
    "load",
]
