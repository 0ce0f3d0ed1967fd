"""Content: the module and agenda model, loading and validation. Pure Python, no Textual."""

from workshop.content.library import DEFAULT_AGENDA, Library, catalog, load
from workshop.content.model import Agenda, AgendaItem, Module, Plan, Poll, Source, Step
from workshop.content.problems import Invalid, Problem

__all__ = [
    "DEFAULT_AGENDA", "Agenda", "AgendaItem", "Invalid", "Library", "Module", "Plan", "Poll",
    "Problem", "Source", "Step", "catalog", "load",
]
