"""Markdown as people write it, with HTML inside (issue 31): the file's kind decides how it is read,
HTML blocks and inline HTML are read as what they are, and every guide drafts with its front
matter's title, its author and one step per section, with no pull quote in any prompt."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.draft.corpus import AUTHORS, FRONT, HEADINGS, PIECES, PULL, TITLES, guide, web_page
from workshop.cli import app
from workshop.content import document, schema
from workshop.content.model import Module
from workshop.draft import draft_bytes
from workshop.draft.article import read_article

LANGUAGES = ["en", "de", "es", "fr"]


def _draft(text: str, name: str) -> tuple[str, Module]:
    drafted = draft_bytes(text.encode("utf-8"), name)
    return drafted, schema.check_module(document.parse(drafted.encode("utf-8"), "draft.toml"))


def _discussed(module: Module) -> list[str]:
    return [s.title for s in module.steps if s.kind == "discuss"]


def _room_text(module: Module) -> str:
    """Everything the room and the facilitator read: prompts, notes, poll questions and options."""
    texts = [module.title, module.summary]
    for step in module.steps:
        texts += [step.title, step.prompt, step.notes]
        if step.poll is not None:
            texts += [step.poll.question, *step.poll.options]
    return "\n".join(texts)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_guide_with_html_drafts_from_its_front_matter_and_its_sections(language: str) -> None:
    """Front matter, <aside> and <blockquote> pull quotes, a figure with a caption, <p>, <div>,
    <details>, inline links and line breaks, lists, a table and code: the draft takes the front
    matter's title and author, makes one step per ## section titled with its heading, and quotes
    neither the pull quotes nor the front matter."""
    drafted, module = _draft(guide(language).text(), "best-practices.md")
    assert module.title == module.source.title == TITLES[language]  # not "Best practices", the file's name
    assert module.source.author == AUTHORS[language]
    assert _discussed(module) == HEADINGS[language]
    assert PULL not in drafted and FRONT not in drafted
    for leaked in ("lang:", "title:", "---", "<aside", "<p>", "href", "figcaption"):
        assert leaked not in _room_text(module), leaked


def test_html_tags_do_not_make_a_markdown_file_a_web_page() -> None:
    """Three tags used to send a whole .md file to the web-page reader: one block of text, the
    title from the file name and the front matter quoted in the opening."""
    text = guide("en", pieces=[["p", "inline", "div"], ["aside", "img"], ["figure"]]).text()
    for name in ("guide.md", "guide.markdown", "guide.txt", "guide"):
        _, module = _draft(text, name)
        assert module.title == TITLES["en"], name
        assert _discussed(module) == HEADINGS["en"], name


def test_only_a_web_page_file_or_a_whole_page_takes_the_web_page_path() -> None:
    fragment = web_page("en", whole=False)
    for name, text in (
        ("page.html", web_page("en")),
        ("page.htm", fragment),
        ("page.txt", web_page("en")),
        ("page.html", fragment),
    ):
        assert read_article(text.encode(), name).marked, name
        drafted, module = _draft(text, name)
        assert module.title == TITLES["en"] and _discussed(module) == HEADINGS["en"], name
        assert module.source.author == AUTHORS["en"], name
        assert module.source.publisher == ("not named" if text == fragment else "Example Weekly"), name
        chrome = drafted.replace('publisher = "Example Weekly"', "")  # the site's name is its publisher, not text
        assert PULL not in drafted and FRONT not in drafted and "Example Weekly" not in chrome, name


@pytest.mark.parametrize("language", LANGUAGES)
def test_saved_pages_in_each_language(language: str) -> None:
    for whole in (True, False):
        drafted, module = _draft(web_page(language, whole=whole), f"{language}.html")
        assert (module.title, module.source.author) == (TITLES[language], AUTHORS[language])
        assert _discussed(module) == HEADINGS[language]
        assert PULL not in drafted


def _body(text: str, name: str = "piece.md") -> list[str]:
    return [b.text for b in read_article(text.encode(), name).blocks]


@pytest.mark.parametrize("piece", sorted(PIECES))
def test_each_html_piece_keeps_the_sections_and_leaves_out_pull_quotes(piece: str) -> None:
    article = guide("en", pieces=[[piece]] * 4)
    drafted, module = _draft(article.text(), "piece.md")
    assert _discussed(module) == HEADINGS["en"]
    assert PULL not in drafted


def test_html_text_is_read_as_text() -> None:
    """A <p> with a link, a <div> with a line break, <details> and a caption are the article's
    words; an image's file and a comment are not."""
    body = " ".join(_body(guide("en", pieces=[["p", "div", "details", "figure", "img", "comment"]]).text()))
    assert "Read the notes with the agent, not about them." in body
    assert "Keep the template short." in body and "Three fields are plenty." in body
    assert "Customer, promise, next step." in body
    assert "Notes are read aloud at the huddle." in body  # a caption is the article's words
    for left_out in ("floor.jpg", "chart.png", "ask legal", "<", "Call type", "customer: ..."):
        assert left_out not in body, left_out


@pytest.mark.parametrize(
    "piece", [PIECES["figure"], PIECES["img"], PIECES["table"], PIECES["code"], "![The floor plan, drawn](plan.png)"]
)
def test_a_section_that_holds_only_a_picture_a_table_or_code_is_still_a_step(piece: str) -> None:
    text = (
        f"# Floor Notes\n\nWhy this matters to every shift.\n\n## The floor plan\n\n{piece}\n\n"
        "## Breaks\n\nBreaks are planned with the team.\n\n## Handovers\n\nEach handover is written.\n"
    )
    for name in ("plan.md", "plan.txt"):
        _, module = _draft(text, name)
        assert _discussed(module) == ["The floor plan", "Breaks", "Handovers"], name


def test_an_aside_over_several_blocks_is_left_out_whole() -> None:
    text = (
        "# Notes\n\nFirst words.\n\n<aside>\n\n## Not a section\n\nQUOTEMARK inside\n\n</aside>\n\n"
        "## Real one\n\nText one.\n\n## Real two\n\nText two.\n"
    )
    body = _body(text)
    assert "Not a section" not in body and not any(PULL in b for b in body)
    assert "Real one" in body and "Text two." in body


def test_an_element_never_closed_does_not_swallow_the_article() -> None:
    text = "# Notes\n\n<aside class='note'>\n\n## First part\n\nText one.\n\n## Second part\n\nText two.\n"
    _, module = _draft(text, "open.md")
    assert _discussed(module) == ["First part", "Second part"]


def test_html_headings_inside_markdown_are_sections() -> None:
    text = (
        "---\ntitle: Mixed Headings\n---\n\nIntro words here.\n\n<h2 id='a'>Plan the week</h2>\n\nText.\n\n"
        "<h2>Review on Friday</h2>\n<p>More text.</p>\n"
    )
    _, module = _draft(text, "mixed.md")
    assert module.title == "Mixed Headings" and _discussed(module) == ["Plan the week", "Review on Friday"]


def test_site_generator_marks_are_not_text() -> None:
    text = (
        '# Marks\n\n{% include toc.html %}\n\n## Plan the week {#plan}\n\nText {{< ref "x" >}} here.\n\n'
        "## Review on Friday\n{: .lead}\n\nMore text.\n"
    )
    drafted, module = _draft(text, "marks.md")
    assert _discussed(module) == ["Plan the week", "Review on Friday"]
    assert "{%" not in drafted and "{{" not in drafted and "{#" not in drafted


@pytest.mark.parametrize(
    ("front", "title", "author"),
    [
        ('title: "Wrap-up: A Guide"\nauthor: Jordan Reyes', "Wrap-up: A Guide", "Jordan Reyes"),
        ("title: 'It''s Wrap-up Time'\nauthors: [Jordan Reyes, Sam Lee]", "It's Wrap-up Time", "Jordan Reyes, Sam Lee"),
        (
            "title: >-\n  A Folded\n  Title\nauthors:\n  - Jordan Reyes\n  - Sam Lee",
            "A Folded Title",
            "Jordan Reyes, Sam Lee",
        ),
        (
            "title: Mapping Author # a comment\nauthor:\n  name: Jordan Reyes\n  url: https://example.org",
            "Mapping Author",
            "Jordan Reyes",
        ),
        ('title: Inline Map\nauthor: { name: "Jordan Reyes", twitter: "@jr" }', "Inline Map", "Jordan Reyes"),
        (
            "title: People\nauthors:\n  - name: Jordan Reyes\n    role: lead\n  - name: Sam Lee",
            "People",
            "Jordan Reyes, Sam Lee",
        ),
        ("titel: Gute Übergaben\nautor: Jana Beispiel", "Gute Übergaben", "Jana Beispiel"),
        ("titre: Faire simple\nauteurs: [Claire Exemple]", "Faire simple", "Claire Exemple"),
        ('título: "Menos es más"\nautora: María Ejemplo', "Menos es más", "María Ejemplo"),
        (
            'title: "Wrap-up &amp; Notes"\nauthor: "Jordan Reyes <jr@example.org> (https://example.org/jr)"',
            "Wrap-up & Notes",
            "Jordan Reyes",
        ),
    ],
)
def test_yaml_front_matter_forms(front: str, title: str, author: str) -> None:
    text = f"---\n{front}\ndescription: {FRONT}\n---\n\n## One part\n\nText one.\n\n## Two part\n\nText two.\n"
    drafted, module = _draft(text, "front.md")
    assert (module.title, module.source.author) == (title, author)
    assert FRONT not in drafted and _discussed(module) == ["One part", "Two part"]


def test_toml_front_matter() -> None:
    text = (
        '+++\ntitle = "Hugo Style"\nauthors = ["Jordan Reyes"]\nlanguage = "de"\n+++\n\n'
        "## Eins\n\nErster Text.\n\n## Zwei\n\nZweiter Text.\n"
    )
    _, module = _draft(text, "hugo.md")
    assert (module.title, module.source.author, module.language) == ("Hugo Style", "Jordan Reyes", "de")
    assert _discussed(module) == ["Eins", "Zwei"]


def test_cli_draft_of_a_guide_validates_as_a_draft(tmp_path: Path) -> None:
    article = tmp_path / "guide.md"
    article.write_text(guide("de").text(), encoding="utf-8")
    target = tmp_path / "guide.toml"
    assert CliRunner().invoke(app, ["draft", str(article), "-o", str(target)]).exit_code == 0
    result = CliRunner().invoke(app, ["validate", "--practice", "--strict", "--draft", str(target)])
    assert result.exit_code == 0 and "warning" not in result.output, result.output


def test_fenced_containers_are_read_and_their_asides_left_out() -> None:
    """Pandoc's fenced divs and the admonitions of documentation sites (::: tip): the text of a plain
    container is the article's, the text of a note, a tip or a pull quote is not."""
    text = (
        "# Floor Notes\n\nWhy this matters to every shift.\n\n::: {#body .content}\n\n## Breaks\n\n"
        f"Breaks are planned with the team.\n\n::: {{.pullquote}}\n{PULL} one\n:::\n\n:::tip Handy\n{PULL} two\n"
        ":::\n\n## Handovers\n\nEach handover is written.\n\n:::\n"
    )
    drafted, module = _draft(text, "fenced.md")
    assert _discussed(module) == ["Breaks", "Handovers"]
    assert PULL not in drafted and ":::" not in drafted
