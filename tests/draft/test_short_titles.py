"""Step titles a facilitator can read: a point named from a long lead sentence or a long heading is
cut where a reader would pause (after a clause, else between words), never inside a word and never on
a word that leads into the cut part ("the", "and", "las", "des", "der"), in English, German, Spanish
and French; an ellipsis only where something was cut. A heading's own number ("1.", "Step 2 —",
"Tip #3:") is left to the agenda, which numbers its steps itself. Articles written for these tests."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.draft.corpus import PARAS
from workshop.content import document, schema
from workshop.draft import draft_bytes
from workshop.draft.titles import _LEADING, shorten

EN = PARAS["en"]
# list items whose lead sentence is long, as guides write them (one list per language)
LONG_ITEMS = {
    "en": [
        "Before you leave the floor at the end of your shift, write down every open promise you made to a"
        " customer, including the callback times you agreed.",
        "Supervisors who read a sample of the handover notes every week learn more about the queue than the"
        " dashboards tell them.",
        "Whenever a colleague picks up one of your cases, make sure that the notes explain the history and the"
        " next step.",
    ],
    "de": [
        "Bevor Sie am Ende der Schicht den Arbeitsplatz verlassen, schreiben Sie jedes offene Versprechen an"
        " einen Kunden auf.",
        "Teamleitungen sollten jede Woche eine Stichprobe der Übergabenotizen lesen und sie mit dem Team besprechen.",
        "Wenn eine Kollegin einen Ihrer Fälle übernimmt, sorgen Sie dafür, dass die Notizen den nächsten Schritt"
        " erklären.",
    ],
    "es": [
        "Antes de dejar su puesto al final del turno, anote cada promesa abierta que haya hecho a un cliente.",
        "Cuando un compañero tome uno de sus casos asegúrese de que las notas expliquen el historial y el paso"
        " siguiente.",
        "Los supervisores deberían leer cada semana una muestra de las notas de traspaso y comentarlas con el equipo.",
    ],
    "fr": [
        "Avant de quitter votre poste à la fin de votre service, notez chaque promesse faite à un client.",
        "Lorsqu’un collègue reprend l’un de vos dossiers assurez-vous que les notes expliquent l’historique et"
        " la suite.",
        "Les superviseurs devraient lire chaque semaine un échantillon des notes de passation et en parler"
        " avec l’équipe.",
    ],
}
TITLES = {
    "en": "Better Handovers",
    "de": "Bessere Übergaben",
    "es": "Mejores traspasos",
    "fr": "De meilleures passations",
}
INTROS = {
    "en": "Handovers go wrong in small ways, and each one costs a customer a second call.",
    "de": "Übergaben scheitern an kleinen Dingen, und jede kostet einen Kunden einen zweiten Anruf.",
    "es": "Los traspasos fallan por detalles, y cada uno le cuesta al cliente una segunda llamada.",
    "fr": "Les passations échouent sur des détails, et chacun coûte au client un second appel.",
}


def _discussed(text: str, name: str) -> list[str]:
    module = schema.check_module(document.parse(draft_bytes(text.encode(), name).encode(), "draft.toml"))
    return [s.title for s in module.steps if s.kind == "discuss"]


def _readable(title: str, full: str, limit: int) -> None:
    assert len(title) <= limit, title
    if title == full:
        return
    assert title.endswith("…") and not title.endswith(" …"), title
    kept = title[:-1]
    assert full.startswith(kept) and not full[len(kept)].isalnum(), (title, full)  # cut between words
    last = kept.split()[-1].casefold()
    assert last not in _LEADING and not re.search(r"[,;:’']$", last), title


@pytest.mark.parametrize("language", sorted(LONG_ITEMS))
def test_a_point_named_from_a_long_lead_sentence_gets_a_readable_short_title(language: str) -> None:
    items = LONG_ITEMS[language]
    text = f"# {TITLES[language]}\n\n{INTROS[language]}\n\n" + "\n".join(f"- {item}" for item in items) + "\n"
    titles = _discussed(text, "handovers.md")
    assert len(titles) == 3, titles
    for title, item in zip(titles, items, strict=True):
        _readable(title, item.rstrip("."), 70)
        assert len(title) >= 24, title  # a title, not one or two words


def test_a_clause_is_the_cut_when_it_says_enough() -> None:
    items = "\n".join(f"- {item}" for item in LONG_ITEMS["en"])
    titles = _discussed(f"# {TITLES['en']}\n\n{INTROS['en']}\n\n{items}\n", "handovers.md")
    assert titles[0] == "Before you leave the floor at the end of your shift…"


def test_a_long_heading_ending_near_the_limit_on_the_is_cut_before_it() -> None:
    heading = "Why supervisors who read the handover notes every week end up trusting the team more"
    text = f"# Notes\n\n{INTROS['en']}\n\n## {heading}\n\n{EN[0]}\n\n## Short one\n\n{EN[1]}\n"
    title = _discussed(text, "notes.md")[0]
    _readable(title, heading, 70)


@given(
    st.lists(
        st.text(alphabet="abcdeéßñç’,;:", min_size=1, max_size=14).filter(lambda w: w.strip(",;:’")),
        min_size=1,
        max_size=30,
    ),
    st.integers(min_value=20, max_value=90),
)
def test_shorten_never_cuts_inside_a_word(words: list[str], limit: int) -> None:
    text = " ".join(words)
    title = shorten(text, limit)
    assert len(title) <= limit
    assert title.endswith("…") == (title != text)
    if title != text and len(words[0]) < limit // 3:
        kept = title[:-1]
        assert text.startswith(kept) and text[len(kept)] in " ,;:’", (title, text)


@pytest.mark.parametrize(
    "shape",
    ["## {n}. {h}", "## Step {n} — {h}", "## Tip #{n}: {h}", "## {n}) {h}", "**Step {n}:** {h}", "## Schritt {n}: {h}"],
)
def test_a_headings_own_number_is_left_to_the_agenda(shape: str) -> None:
    heads = ["Listen first", "Ask before you tell", "Agree one change"]
    sections = "\n\n".join(f"{shape.format(n=n, h=h)}\n\n{EN[n]}" for n, h in enumerate(heads, start=1))
    assert _discussed(f"# Coaching That Sticks\n\n{INTROS['en']}\n\n{sections}\n", "coaching.md") == heads


def test_a_number_that_is_part_of_the_heading_stays() -> None:
    heads = ["10 minutes a day", "2024 in numbers", "3.5 calls an hour"]
    sections = "\n\n".join(f"## {h}\n\n{p}" for h, p in zip(heads, EN[1:], strict=True))
    assert _discussed(f"# Coaching That Sticks\n\n{INTROS['en']}\n\n{sections}\n", "coaching.md") == heads
