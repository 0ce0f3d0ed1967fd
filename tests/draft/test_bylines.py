"""Bylines and date lines (issue 31): under the title, glued to it or not, in front matter, in
English, German, Spanish and French, each becomes the author and never part of the title."""

from __future__ import annotations

import pytest

from tests.draft.corpus import AUTHORS, BYLINES, HEADINGS, PARAS, TITLES, guide
from workshop.content import document, schema
from workshop.content.model import Module
from workshop.draft import draft_bytes

LANGUAGE_OF = {
    "von": "de",
    "geschrieben": "de",
    "datum-de": "de",
    "por": "es",
    "escrito": "es",
    "fecha-es": "es",
    "par": "fr",
    "ecrit": "fr",
    "date-fr": "fr",
    "publie-par": "fr",
}


def _module(text: str, name: str) -> tuple[str, Module]:
    drafted = draft_bytes(text.encode("utf-8"), name)
    return drafted, schema.check_module(document.parse(drafted.encode("utf-8"), "draft.toml"))


def test_a_byline_straight_under_the_title_is_the_author() -> None:
    """The issue's case: with no blank line between them, the byline was read as the title's end."""
    text = "Making After-Call Work Count\nby Jordan Reyes\n\n" + "\n\n".join(PARAS["en"])
    for name in ("acw.txt", "acw.md"):
        _, module = _module(text, name)
        assert module.title == "Making After-Call Work Count", name
        assert module.source.author == "Jordan Reyes", name


@pytest.mark.parametrize("form", ["h1", "setext", "plain"])
@pytest.mark.parametrize("glued", [True, False], ids=["glued", "apart"])
@pytest.mark.parametrize("byline", sorted(BYLINES))
def test_every_byline_form_under_every_title_form(byline: str, form: str, glued: bool) -> None:
    line, author = BYLINES[byline]
    language = LANGUAGE_OF.get(byline, "en")
    article = guide(language, front=False, title_form=form, byline=line, glued=glued, author="")
    drafted, module = _module(article.text(), "article.md")
    assert module.title == module.source.title == TITLES[language]
    assert module.source.author == (author or "not named")
    assert [s.title for s in module.steps if s.kind == "discuss"] == HEADINGS[language]
    assert line not in module.title and not any(line in s.prompt + s.notes for s in module.steps[1:])


@pytest.mark.parametrize("byline", sorted(BYLINES))
def test_plain_text_with_a_byline(byline: str) -> None:
    """A plain-text article (the shape of the seeds): a title line, the byline, then paragraphs
    under short heading lines."""
    line, author = BYLINES[byline]
    language = LANGUAGE_OF.get(byline, "en")
    paras = PARAS[language]
    sections = "\n\n".join(
        f"{heading}\n\n{paras[i % len(paras)]}\n\n{paras[(i + 1) % len(paras)]}"
        for i, heading in enumerate(HEADINGS[language])
    )
    for text in (
        f"{TITLES[language]}\n{line}\n\n{paras[-1]}\n\n{sections}\n",
        f"{line}\n\n{TITLES[language]}\n\n{paras[-1]}\n\n{sections}\n",
    ):
        _, module = _module(text, "article.txt")
        assert module.title == TITLES[language]
        assert module.source.author == (author or "not named")
        assert [s.title for s in module.steps if s.kind == "discuss"] == HEADINGS[language]


@pytest.mark.parametrize("key", ["author", "authors", "authors-block"])
def test_the_author_in_front_matter_wins_over_a_byline(key: str) -> None:
    article = guide("en", authors_key=key, title_form="h1", byline="By Someone Else, Guest Editor")
    _, module = _module(article.text(), "front.md")
    assert module.title == TITLES["en"] and module.source.author == AUTHORS["en"]


@pytest.mark.parametrize(
    "opening",
    [
        "By Monday, each team lead sends the rota to the floor.",
        "Von Anfang an war klar, dass die Übergabe zählt.",
        "Par ailleurs, les équipes lisent les notes ensemble.",
        "Por último, la cola se divide antes de fijar la meta.",
    ],
)
def test_a_sentence_that_starts_like_a_byline_is_text(opening: str) -> None:
    text = f"# Floor Notes\n\n{opening}\n\n## First part\n\n{PARAS['en'][0]}\n\n## Second part\n\n{PARAS['en'][1]}\n"
    drafted, module = _module(text, "notes.md")
    assert module.title == "Floor Notes" and module.source.author == "not named"
    assert [s.title for s in module.steps if s.kind == "discuss"] == ["First part", "Second part"]


def test_a_section_named_like_a_byline_or_a_date_is_a_section() -> None:
    text = (
        f"# Floor Notes\n\n{PARAS['en'][0]}\n\n## By Design Thinking\n\n{PARAS['en'][1]}\n\n"
        f"## March 2024\n\n{PARAS['en'][2]}\n\n## Written By Hand\n\n{PARAS['en'][3]}\n"
    )
    _, module = _module(text, "notes.md")
    assert [s.title for s in module.steps if s.kind == "discuss"] == [
        "By Design Thinking",
        "March 2024",
        "Written By Hand",
    ]
    assert module.source.author == "not named"


def test_a_byline_on_a_web_page_under_the_heading() -> None:
    page = (
        "<html><body><article><h1>Making After-Call Work Count<br>by Jordan Reyes</h1>"
        "<p><time>4 March 2024</time> · 6 min read</p>"
        + "".join(f"<h2>{h}</h2><p>{p}</p>" for h, p in zip(HEADINGS["en"], PARAS["en"], strict=True))
        + "</article></body></html>"
    )
    _, module = _module(page, "page.html")
    assert module.title == "Making After-Call Work Count" and module.source.author == "Jordan Reyes"
    assert [s.title for s in module.steps if s.kind == "discuss"] == HEADINGS["en"]
