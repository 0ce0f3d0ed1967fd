"""Articles as people publish them, parsed by real parsers: front matter, nested and question
headings, HTML asides, a saved page with navigation and comments, German and Japanese. Every
article here is invented for these tests. Each drafts into a module that validates with --draft,
carries the article's own title, and has one step per main section, titled with its heading."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from workshop.cli import app
from workshop.content import document, schema
from workshop.content.model import Module
from workshop.draft import DraftError, draft_bytes, draft_file

PARA = (
    "Morning huddles work best when they are short and start on time. "
    "Supervisors who skip them notice the difference by lunchtime. "
    "A written agenda keeps the huddle from drifting into complaints."
)

GUIDE = f"""---
title: "The Quiet Huddle: A Field Guide"
author: Kim Invented
lang: en-GB
tags: [huddles, floor]
---

# Quiet huddles

{PARA}

## Why hold a huddle at all?

{PARA}

<aside class="pull-quote">ASIDE_TEXT A huddle is a promise kept every morning.</aside>

## Who should speak first?

{PARA}

- bring one number
- bring one story

## What happens after the huddle?

{PARA}

<aside>ASIDE_TEXT Nobody remembers the slides.</aside>
"""

NESTED = f"""---
author:
  - Lee Madeup
  - Noor Madeup
---

# Rota Planning Without Tears

{PARA}

## Forecast the week

{PARA}

### Look at last month

{PARA}

### Ask the team leads

{PARA}

## Publish early

{PARA}

#### A note on swaps

{PARA}

## Review on Fridays

{PARA}

## Conclusion

{PARA}
"""

QUESTIONS = f"""# Hard Questions For Team Leaders

{PARA}

## What does a good day look like?

{PARA}

## Which metric do you trust least?

{PARA}

## When did you last sit with an agent?

{PARA}
"""

PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><title>Handovers That Hold | Invented Weekly</title>
<meta property="og:title" content="Handovers That Hold">
<meta name="author" content="Ari Fictional">
</head><body>
<header><nav><a href="/">NAV_TEXT Home</a> <a href="/p">NAV_TEXT Pricing</a></nav></header>
<main><article>
<h1>Handovers That Hold</h1>
<p class="byline">By Ari Fictional</p>
<p>P0 {PARA}</p>
<h2>Write it down before you leave</h2><p>P1 {PARA}</p><p>P2 {PARA}</p>
<h2>Name an owner for each open case</h2><p>P3 {PARA}</p><p>P4 {PARA}</p>
<h2>Read the notes together</h2><p>P5 {PARA}</p><p>P6 {PARA}</p>
</article></main>
<section id="comments"><h3>3 comments</h3>
<p>COMMENT_TEXT Lovely piece, we do this on nights as well.</p>
<p>COMMENT_TEXT Could you cover weekend handovers next time?</p></section>
<aside><h4>Related</h4><a href="/r">RELATED_TEXT More on shifts</a></aside>
<footer>FOOTER_TEXT Invented Weekly, all rights reserved</footer>
</body></html>
"""

GERMAN_PARA = (
    "Eine kurze Besprechung am Morgen spart später viele Rückfragen. "
    "Wer pünktlich beginnt, gewinnt das Vertrauen des Teams. "
    "Die Tagesordnung bleibt sichtbar an der Wand."
)
GERMAN = f"""---
title: Gute Übergaben im Schichtbetrieb
author: Jana Erfunden
language: de
---

## Schriftliche Übergabe für jede Schicht

{GERMAN_PARA}

## Größere Fälle gehören in eine Hand

{GERMAN_PARA}

## Warum lesen wir die Notizen gemeinsam?

{GERMAN_PARA}
"""

JAPANESE_PARA = (
    "朝の短い打ち合わせは一日の流れを整えます。時間どおりに始めることが大切です。記録は全員が読める場所に置きます。"
)
JAPANESE = f"""<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>引き継ぎを確実にする方法</title></head>
<body><nav><a href="/">ホーム NAV_TEXT</a></nav>
<article><h1>引き継ぎを確実にする方法</h1>
<p>{JAPANESE_PARA}</p>
<h2>書いて残す</h2><p>第一。{JAPANESE_PARA}</p><p>第二。{JAPANESE_PARA}</p>
<h2>担当者を決める</h2><p>第三。{JAPANESE_PARA}</p><p>第四。{JAPANESE_PARA}</p>
<h2>一緒に読むのはなぜですか？</h2><p>第五。{JAPANESE_PARA}</p><p>第六。{JAPANESE_PARA}</p>
</article></body></html>
"""

SHAPELESS = "---\ntitle: Notes From A Long Night Shift\n---\n\n" + "\n\n".join(
    f"Hour {n} brought a different kind of call and a different kind of tiredness. {PARA}" for n in range(1, 10)
)

LONG = "# Long Headings\n\n" + "\n\n".join(
    f"## {w} " + "and a heading that keeps going well past any reasonable length for a step title " * 2 + f"\n\n{PARA}"
    for w in ("First", "Second")
)

# name, text, file name, title, main headings (None: no structure, any number of parts)
CASES = [
    (
        "front matter and asides",
        GUIDE,
        "guide.md",
        "The Quiet Huddle: A Field Guide",
        ["Why hold a huddle at all?", "Who should speak first?", "What happens after the huddle?"],
    ),
    (
        "nested headings, no title in front matter",
        NESTED,
        "rota.md",
        "Rota Planning Without Tears",
        ["Forecast the week", "Publish early", "Review on Fridays"],
    ),
    (
        "question headings",
        QUESTIONS,
        "questions.md",
        "Hard Questions For Team Leaders",
        ["What does a good day look like?", "Which metric do you trust least?", "When did you last sit with an agent?"],
    ),
    (
        "saved web page",
        PAGE,
        "page.html",
        "Handovers That Hold",
        ["Write it down before you leave", "Name an owner for each open case", "Read the notes together"],
    ),
    (
        "German",
        GERMAN,
        "uebergabe.md",
        "Gute Übergaben im Schichtbetrieb",
        [
            "Schriftliche Übergabe für jede Schicht",
            "Größere Fälle gehören in eine Hand",
            "Warum lesen wir die Notizen gemeinsam?",
        ],
    ),
    (
        "Japanese",
        JAPANESE,
        "hikitsugi.html",
        "引き継ぎを確実にする方法",
        ["書いて残す", "担当者を決める", "一緒に読むのはなぜですか？"],
    ),
    ("no structure", SHAPELESS, "night.md", "Notes From A Long Night Shift", None),
]


def _draft(tmp_path: Path, text: str, name: str) -> tuple[Path, str, Module]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    drafted = draft_file(path)
    target = tmp_path / "draft.toml"
    target.write_text(drafted, encoding="utf-8")
    return target, drafted, schema.check_module(document.parse(drafted.encode(), "draft.toml"))


def _discuss(module: Module) -> list:
    return [s for s in module.steps if s.kind == "discuss"]


@pytest.mark.parametrize(("text", "name", "title", "headings"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_article_drafts_with_its_title_and_one_step_per_section(
    tmp_path: Path, text: str, name: str, title: str, headings: list[str] | None
) -> None:
    target, drafted, module = _draft(tmp_path, text, name)
    assert CliRunner().invoke(app, ["validate", "--draft", str(target)]).exit_code == 0
    assert module.title == title and module.source.title == title
    if headings is None:
        assert 2 <= len(_discuss(module)) <= 7
    else:
        assert [s.title for s in _discuss(module)] == headings
    for chrome in ("ASIDE_TEXT", "NAV_TEXT", "COMMENT_TEXT", "RELATED_TEXT", "FOOTER_TEXT", "lang:", "tags"):
        assert chrome not in drafted, chrome


@pytest.mark.parametrize(("text", "name"), [(c[1], c[2]) for c in CASES], ids=[c[0] for c in CASES])
def test_prompts_never_copy_a_whole_sentence(tmp_path: Path, text: str, name: str) -> None:
    _, drafted, module = _draft(tmp_path, text, name)
    for sentence in re.split(r"(?<=[.。])\s*", PARA + GERMAN_PARA + JAPANESE_PARA):
        if sentence:
            assert sentence not in drafted, sentence
    for step in _discuss(module):
        assert "reword" in step.prompt  # a summary to edit, not the article's text


def test_front_matter_author_and_language(tmp_path: Path) -> None:
    _, _, module = _draft(tmp_path, GUIDE, "guide.md")
    assert module.source.author == "Kim Invented" and module.language == "en-GB"
    _, _, nested = _draft(tmp_path, NESTED, "rota.md")
    assert nested.source.author == "Lee Madeup, Noor Madeup" and nested.language == ""  # every author


def test_nested_sections_list_their_subheadings(tmp_path: Path) -> None:
    _, _, module = _draft(tmp_path, NESTED, "rota.md")
    forecast = _discuss(module)[0]
    assert "Look at last month" in forecast.prompt and "Ask the team leads" in forecast.prompt


def test_question_headings_are_asked(tmp_path: Path) -> None:
    _, drafted, module = _draft(tmp_path, QUESTIONS, "questions.md")
    for step in _discuss(module):
        assert step.prompt.startswith(step.title + " ")
        assert step.notes.startswith(f"The article's point, in brief: {step.title}\n")
    scale = [s.poll.question for s in module.steps if s.poll is not None and s.poll.vote == "scale"]
    assert scale == [f"{s.title} Where are we today?" for s in _discuss(module)]
    assert "??" not in drafted and "?." not in drafted


def test_web_page_metadata(tmp_path: Path) -> None:
    _, _, module = _draft(tmp_path, PAGE, "page.html")
    assert module.source.author == "Ari Fictional" and module.language == "en"
    assert "Invented Weekly" not in module.title


def test_other_languages_keep_their_script_and_get_valid_ids(tmp_path: Path) -> None:
    _, drafted, german = _draft(tmp_path, GERMAN, "uebergabe.md")
    assert german.language == "de" and german.source.author == "Jana Erfunden"
    assert german.id == "gute-ubergaben-im-schichtbetrieb"
    assert [s.id for s in _discuss(german)][1] == "grossere-falle-gehoren-in-eine-hand"
    assert "# CHECK: the article's language" in drafted
    _, drafted, japanese = _draft(tmp_path, JAPANESE, "hikitsugi.html")
    assert japanese.language == "ja" and japanese.id == "hikitsugi"
    assert [s.id for s in _discuss(japanese)] == ["point-1", "point-2", "point-3"]
    assert _discuss(japanese)[2].prompt.startswith("一緒に読むのはなぜですか？ ")


def test_a_long_heading_is_trimmed_with_the_full_heading_in_the_notes(tmp_path: Path) -> None:
    _, _, module = _draft(tmp_path, LONG, "long.md")
    first = _discuss(module)[0]
    full = re.search(r"^## (.*)$", LONG, re.MULTILINE).group(1).strip()  # type: ignore[union-attr]
    assert first.title.endswith("…") and full.startswith(first.title[:-1])
    assert full in first.notes


@pytest.mark.parametrize(
    "byline",
    [
        '<p class="byline">By Ari Fictional</p>',
        '<div class="post-meta"><span class="author-name">Ari Fictional</span> · 4 min read</div>',
        '<p>Words: <a rel="author" href="/ari">Ari Fictional</a></p>',
    ],
)
def test_web_page_byline_without_author_metadata(tmp_path: Path, byline: str) -> None:
    page = PAGE.replace('<meta name="author" content="Ari Fictional">', "")
    _, _, module = _draft(tmp_path, page.replace('<p class="byline">By Ari Fictional</p>', byline), "page.html")
    assert module.source.author == "Ari Fictional"


def test_web_page_without_readability(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the `html` extra the standard library reads the page, less its navigation and chrome."""
    monkeypatch.setitem(sys.modules, "readability", None)  # makes `from readability import …` fail
    _, drafted, module = _draft(tmp_path, PAGE, "page.html")
    assert module.title == "Handovers That Hold"
    assert [s.title for s in _discuss(module)] == CASES[3][4]
    for chrome in ("NAV_TEXT", "COMMENT_TEXT", "RELATED_TEXT", "FOOTER_TEXT"):
        assert chrome not in drafted


def test_the_title_heading_may_come_after_a_long_preamble(tmp_path: Path) -> None:
    preamble = "\n\n".join(f"Preamble paragraph {n} before the article starts." for n in range(15))
    _, _, module = _draft(tmp_path, f"{preamble}\n\n{QUESTIONS}", "late.md")
    assert module.title == "Hard Questions For Team Leaders"
    assert len(_discuss(module)) == 3


_pieces = st.sampled_from(
    [
        "# ",
        "## ",
        "### ",
        "1. ",
        "- ",
        "**",
        "\n",
        "\n\n",
        "---\n",
        "title: ",
        "author:\n  - ",
        "lang: ",
        "```",
        "> ",
        "<h2>",
        "</h2>",
        "<aside>",
        "</aside>",
        "<title>",
        "</title>",
        '<html lang="',
        '">',
        "<meta name=author content=",
        "?",
        "？",
        "日本語の文。",
        "Übergröße",
        "\x00",
        "\x1b",
        "\u2028",
        '"',
        "\\",
        "[a](b)",
        "<!-- c -->",
        "&#x110000;",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.one_of(_pieces, st.text(max_size=20)), max_size=50).map("".join), st.sampled_from(["a.md", "a.html"])
)
@pytest.mark.slow
def test_random_markdown_and_pages_never_crash_the_drafter(text: str, name: str) -> None:
    try:
        drafted = draft_bytes(text.encode("utf-8", "surrogatepass"), name)
    except DraftError as err:
        assert "\n" not in str(err)
        return
    schema.check_module(document.parse(drafted.encode(), "draft.toml"))


def test_twelve_sections_are_twelve_steps_and_more_are_counted(tmp_path: Path) -> None:
    words = [
        "Alpha",
        "Bravo",
        "Charlie",
        "Delta",
        "Echo",
        "Foxtrot",
        "Golf",
        "Hotel",
        "India",
        "Juliet",
        "Kilo",
        "Lima",
        "Mike",
    ]
    sections = [f"## {w} habits\n\n{w} {PARA}" for w in words]
    _, drafted, module = _draft(tmp_path, "# Many\n\n" + "\n\n".join(sections[:12]), "many.md")
    assert [s.title for s in _discuss(module)] == [f"{w} habits" for w in words[:12]]
    _, drafted, module = _draft(tmp_path, "# Many\n\n" + "\n\n".join(sections), "many.md")
    assert len(_discuss(module)) == 12
    assert "# Points found: 12, from the article's sections. 1 more was left out." in drafted
