"""Shapes real guides take that the drafter must read as their authors meant, written for these
tests (never copied): a byline that is a name and a role with no "by", every section under a
top-level heading, and a short article in Spanish."""

from __future__ import annotations

import pytest

from tests.draft.corpus import PARAS
from workshop.content import document, schema
from workshop.content.model import Module
from workshop.draft import draft_bytes

EN = PARAS["en"]


def _module(text: str, name: str) -> Module:
    drafted = draft_bytes(text.encode("utf-8"), name)
    return schema.check_module(document.parse(drafted.encode("utf-8"), "draft.toml"))


def _discussed(module: Module) -> list[str]:
    return [s.title for s in module.steps if s.kind == "discuss"]


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Maria Madeup, VP Customer Experience", "Maria Madeup"),
        ("*Oskar Example, Head of Service*", "Oskar Example"),
        ("Ana López | Directora de Atención al Cliente", "Ana López"),
        ("Jean Dupont — responsable du service client", "Jean Dupont"),
        ("Jana Erfunden, Teamleiterin im Kundenservice", "Jana Erfunden"),
    ],
)
def test_a_name_and_a_role_under_the_title_is_the_byline(line: str, author: str) -> None:
    sections = f"## Start from last year\n\n{EN[1]}\n\n## Ask the floor\n\n{EN[2]}\n"
    text = f"# Forecasting Without Tears\n\n{line}\n\n{EN[0]}\n\n{sections}"
    module = _module(text, "forecasting.md")
    assert (module.title, module.source.author) == ("Forecasting Without Tears", author)
    assert _discussed(module) == ["Start from last year", "Ask the floor"]


def test_a_sentence_with_a_comma_under_the_title_is_text() -> None:
    text = f"# Floor Notes\n\nFix the rota, then coach the leads.\n\n## One\n\n{EN[0]}\n\n## Two\n\n{EN[1]}\n"
    assert _module(text, "notes.md").source.author == "not named"


H1_SECTIONS = (
    f"# Listen to the quiet agents\n\n{EN[0]}\n\n# Fix the rota first\n\n{EN[1]}\n\n"
    f"# Give feedback the same day\n\n{EN[2]}\n"
)


def test_every_section_under_a_top_level_heading() -> None:
    module = _module(H1_SECTIONS, "team-lead-habits.md")
    assert module.title == "Team lead habits"
    assert _discussed(module) == ["Listen to the quiet agents", "Fix the rota first", "Give feedback the same day"]


def test_the_first_top_level_heading_named_like_the_file_is_the_title() -> None:
    text = f"# Team Lead Habits\n\n{EN[3]}\n\n" + H1_SECTIONS
    module = _module(text, "team-lead-habits.md")
    assert module.title == "Team Lead Habits"
    assert _discussed(module) == ["Listen to the quiet agents", "Fix the rota first", "Give feedback the same day"]


SPANISH = """# Cinco claves para el turno de noche

Escrito por José Ñúñez

La noche tiene su propio ritmo. Las llamadas son menos, pero más difíciles.

**1. Dormir bien antes del turno**

El descanso es parte del trabajo. Un supervisor cansado toma malas decisiones.

**2. Conocer los casos abiertos**

Lea las notas del turno anterior antes de empezar. Así evita sorpresas.

**3. Hablar con cada agente**

Una conversación corta al inicio crea confianza para toda la noche.
"""


def test_a_short_spanish_article_is_drafted_in_spanish() -> None:
    module = _module(SPANISH, "noche.md")
    assert (module.language, module.source.author) == ("es", "José Ñúñez")
    assert _discussed(module) == [
        "Dormir bien antes del turno",  # the agenda numbers its steps: the article's "1." is left to it
        "Conocer los casos abiertos",
        "Hablar con cada agente",
    ]
