"""Every seed prompt through the three renderers (content/prompt.py): what a screen reader hears
from `join --plain`, what the phone page shows and what a terminal shows carry no Markdown
syntax (`**`, a table's `|---|`, a heading's `#`), and a table is a table on the phone and one
sentence per row for the screen reader."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import pytest
from rich.console import Console

from workshop.content import library, prompt
from workshop.plain import step_sentence
from workshop.web.view import prompt_html

SYNTAX = re.compile(r"\*\*|\|\s*-{3,}\s*\||(^|\s)#|\|")


def _seed_prompts() -> list[tuple[str, str]]:
    lib = library.load([library.bundled_seeds()])
    return [(f"{module.id}/{step.id}", step.prompt) for module in lib.modules.values() for step in module.steps]


PROMPTS = _seed_prompts()


class _Text(HTMLParser):
    """An HTML page's text, as a browser shows it (tags gone, entities read), and its tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.words: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.words.append(data)


def page_text(html: str) -> _Text:
    parsed = _Text()
    parsed.feed(html)
    return parsed


def test_the_seeds_have_prompts_with_each_kind_of_markdown() -> None:
    """So the tests below see bold, lists and a table, not only plain paragraphs."""
    every = "\n".join(p for _, p in PROMPTS)
    assert len(PROMPTS) > 30 and "**" in every and "|---|" in every and "\n- " in every and "\n1. " in every


@pytest.mark.parametrize(("step", "markdown"), PROMPTS, ids=[step for step, _ in PROMPTS])
def test_no_markdown_reaches_a_screen_reader_or_a_phone(step: str, markdown: str) -> None:
    said = prompt.plain(markdown)
    assert said and not SYNTAX.search(said), said
    assert "\n" not in said  # one line: a transcript says a step in one sentence run
    shown = page_text(str(prompt_html(markdown)))
    assert not SYNTAX.search("".join(shown.words)), shown.words
    if "|---|" in markdown:
        assert "table" in shown.tags and "th" in shown.tags
    console = Console(width=80, file=io.StringIO(), record=True, color_system=None)
    console.print(prompt.terminal(markdown))
    assert "**" not in console.export_text() and "|---|" not in console.export_text()


def test_a_table_is_one_sentence_a_row_and_a_list_is_counted() -> None:
    opening = dict(PROMPTS)["four-steps-collaboration/opening"]
    said = prompt.plain(opening)
    assert said.startswith('Two kinds of power. First, "Power over": getting your way by control')
    assert 'Second, "Power to": the capacity to make something happen with other people.' in said
    assert (
        "Compromise: each side gives something up; Collaboration: each side's real needs get met. "
        "Compromise: ends the argument; Collaboration: solves the problem."
    ) in said


def test_the_screen_reader_hears_the_prompt_as_sentences() -> None:
    """What `join --plain` says when a step begins."""
    from types import SimpleNamespace

    opening = dict(PROMPTS)["four-steps-collaboration/opening"]
    step = SimpleNamespace(
        module=SimpleNamespace(title="Four steps", language="", variants=()),
        spec=SimpleNamespace(title="Power over, power to", prompt=opening),
        allowed=240,
    )
    said = step_sentence(SimpleNamespace(step=step))  # type: ignore[arg-type]
    assert said.startswith("Now: Four steps, Power over, power to, 4 minutes. Two kinds of power. First,")
    assert "**" not in said and "|" not in said


def test_a_list_is_counted_in_the_readers_language() -> None:
    """A screen reader in German heard "First, …", "Second, …" in English inside German sentences;
    each language now counts in its own words, whichever spoke the same prompt first."""
    from workshop import i18n

    markdown = "Zwei Arten:\n\n- Macht über\n- Macht zu\n"
    assert prompt.plain(markdown) == "Zwei Arten: First, Macht über. Second, Macht zu."
    for tag, first, second in (
        ("de", "Erstens", "Zweitens"),
        ("es", "Primero", "Segundo"),
        ("fr", "Premièrement", "Deuxièmement"),
    ):
        with i18n.speaking(tag):
            assert prompt.plain(markdown) == f"Zwei Arten: {first}, Macht über. {second}, Macht zu."
    assert prompt.plain(markdown).startswith("Zwei Arten: First,")
