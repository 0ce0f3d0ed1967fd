"""`workshop draft`: articles written here (never the shared seeds) become modules that validate,
with the article's points as steps, polls, and CHECK comments, and nothing copied from page chrome."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from workshop.cli import app
from workshop.content import document, schema
from workshop.content.model import Module
from workshop.draft import DraftError, draft_bytes, draft_file

FILLER = (
    "Teams that practise this find that the daily work gets calmer and customers notice it. "
    "It takes a few weeks of steady effort before the change shows up in the numbers. "
)

NUMBERED = f"""Four Steps To Better Handovers

By Robin Example

Handovers between shifts lose more information than anyone admits. {FILLER}
Here are four steps that help.

1. Write the handover down. {FILLER}
2. Name one owner for every open case. {FILLER}
3. Review the notes together at the start of the shift. {FILLER}
4. Ask what surprised the last shift. {FILLER}
"""

THREE_TRAITS = f"""What Great Floor Leaders Share

Most of us can name one leader who made the floor feel safe. {FILLER}

Here are three traits that such leaders have in common.

Leaders walk the floor every day

{FILLER}

Leaders explain the reason behind each target

{FILLER}

Leaders celebrate small wins in public

{FILLER}

In short, these habits cost little and pay back quickly. {FILLER}
"""

LEAD_INS = f"""Coaching That Sticks

Coaching sessions are often forgotten by the next morning. {FILLER}

**Pick one behaviour.** {FILLER}

**Use a real call.** {FILLER}

**Agree the next check-in.** {FILLER}
"""

MARKDOWN = f"""---
title: "Planning The Peak Season"
author: Sam Placeholder
---

# Planning The Peak Season

Every year the peak arrives earlier than the plan expects. {FILLER}

## Forecast from last year's calls

{FILLER}
A second paragraph with a [link](https://example.org) and *emphasis*.

## Hire and train early

{FILLER}

## Keep a reserve of flexible hours

{FILLER}

## Conclusion

{FILLER}
"""

HTML = f"""<!DOCTYPE html>
<html><head><title>Quiet Queues | Example News</title>
<meta name="author" content="Alex Sample">
<style>.x {{ color: red }} STYLE_SECRET</style>
<script>var tracker = "SCRIPT_SECRET";</script>
</head><body>
<header><a href="/">NAV_HOME_SECRET</a></header>
<nav><ul><li>NAV_MENU_SECRET</li><li>Pricing</li></ul></nav>
<div class="cookie-banner">COOKIE_SECRET We use cookies to improve your experience. <button>Accept</button></div>
<main><article>
<h1>Quiet Queues</h1>
<p>Long queues make everyone tense. {FILLER}</p>
<p>Here are three ways to keep them short.</p>
<h2>Staff to the forecast</h2><p>{FILLER}</p>
<h2>Offer a call-back</h2><p>{FILLER}</p>
<div class="share-buttons">SHARE_SECRET Share on social</div>
<h2>Fix the top reason for calling</h2><p>{FILLER}</p>
<aside>ASIDE_SECRET Related reading</aside>
<p>Subscribe to our newsletter NEWSLETTER_SECRET</p>
</article></main>
<form>FORM_SECRET <input name="q"></form>
<footer>FOOTER_SECRET &copy; 2024 Example News. All rights reserved.</footer>
</body></html>
"""

NO_POINTS = "Thoughts On Shift Patterns\n\n" + "\n\n".join(
    f"Paragraph {n} looks at a different side of shift patterns and what it means for agents. {FILLER}"
    for n in range(1, 13)
)


def _module(text: str) -> Module:
    return schema.check_module(document.parse(text.encode("utf-8"), "draft.toml"))


def _draft(tmp_path: Path, text: str, name: str = "article.txt") -> tuple[str, Module]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    drafted = draft_file(path)
    return drafted, _module(drafted)


def _discuss_titles(module: Module) -> list[str]:
    return [s.title for s in module.steps if s.kind == "discuss"]


def _polls(module: Module, vote: str) -> list:
    return [s.poll for s in module.steps if s.poll is not None and s.poll.vote == vote]


def test_numbered_points_become_discussion_steps(tmp_path: Path) -> None:
    text, module = _draft(tmp_path, NUMBERED)
    assert _discuss_titles(module) == [
        "Write the handover down",
        "Name one owner for every open case",
        "Review the notes together at the start of the shift",
        "Ask what surprised the last shift",
    ]
    assert module.title == "Four Steps To Better Handovers"
    assert module.source.author == "Robin Example"
    assert module.minutes == sum(s.minutes for s in module.steps)
    assert module.steps[0].kind == "talk" and module.steps[-1].kind == "notes"
    assert len(_polls(module, "scale")) == 4
    (dots,) = _polls(module, "dots")
    assert list(dots.options) == _discuss_titles(module)
    assert "# CHECK: write this in your own words" in text


def test_three_traits_after_an_announcement(tmp_path: Path) -> None:
    _, module = _draft(tmp_path, THREE_TRAITS)
    assert _discuss_titles(module) == [
        "Leaders walk the floor every day",
        "Leaders explain the reason behind each target",
        "Leaders celebrate small wins in public",
    ]
    assert module.title == "What Great Floor Leaders Share"


def test_bold_lead_ins(tmp_path: Path) -> None:
    _, module = _draft(tmp_path, LEAD_INS, "coaching.md")
    assert _discuss_titles(module) == ["Pick one behaviour", "Use a real call", "Agree the next check-in"]


def test_markdown_headings_without_the_conclusion(tmp_path: Path) -> None:
    text, module = _draft(tmp_path, MARKDOWN, "peak.md")
    assert _discuss_titles(module) == [
        "Forecast from last year's calls",
        "Hire and train early",
        "Keep a reserve of flexible hours",
    ]
    assert module.title == "Planning The Peak Season"
    assert module.source.author == "Sam Placeholder"
    assert "https://example.org" not in text


def test_html_page_without_its_chrome(tmp_path: Path) -> None:
    text, module = _draft(tmp_path, HTML, "page.html")
    assert _discuss_titles(module) == ["Staff to the forecast", "Offer a call-back", "Fix the top reason for calling"]
    assert module.title == "Quiet Queues"
    assert module.source.author == "Alex Sample"
    for secret in (
        "STYLE",
        "SCRIPT",
        "NAV_HOME",
        "NAV_MENU",
        "COOKIE",
        "SHARE",
        "ASIDE",
        "NEWSLETTER",
        "FORM",
        "FOOTER",
    ):
        assert f"{secret}_SECRET" not in text, secret
    for chrome in ("cookies", "Pricing", "All rights reserved", "tracker", "color: red"):
        assert chrome not in text


def test_no_points_falls_back_to_groups_of_paragraphs(tmp_path: Path) -> None:
    text, module = _draft(tmp_path, NO_POINTS)
    titles = _discuss_titles(module)
    assert 2 <= len(titles) <= 7
    assert all(t.startswith("Part ") for t in titles)
    assert len({t.casefold() for t in titles}) == len(titles)
    assert _polls(module, "dots")


def test_a_single_paragraph_still_gets_a_poll(tmp_path: Path) -> None:
    _, module = _draft(tmp_path, "Just one thought about breaks, written as one sentence.")
    assert module.steps[0].kind == "talk"
    assert any(s.kind == "poll" for s in module.steps)


def test_the_draft_never_copies_whole_sentences(tmp_path: Path) -> None:
    text, _ = _draft(tmp_path, NUMBERED)
    assert "It takes a few weeks of steady effort before the change shows up in the numbers" not in text
    assert "Handovers between shifts lose more information than anyone admits" not in text


@pytest.mark.parametrize("article", [NUMBERED, THREE_TRAITS, LEAD_INS, MARKDOWN, HTML, NO_POINTS])
@pytest.mark.e2e
def test_drafting_is_deterministic(tmp_path: Path, article: str) -> None:
    path = tmp_path / "a.txt"
    path.write_text(article, encoding="utf-8")
    first = draft_file(path)
    code = (
        "import sys; from pathlib import Path; from workshop.draft import draft_file; "
        "sys.stdout.write(draft_file(Path(sys.argv[1])))"
    )
    other = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONHASHSEED": "12345", "PATH": ""},
        cwd=Path(__file__).resolve().parents[2],
    )
    assert first == other.stdout == draft_file(path)


HOSTILE = [
    'The "quoted" point',
    "A back\\slash and \\n and \\u0000",
    "Triple \"\"\" quotes ''' here",
    "Control \x07 bell \x1b[31m red \x0b tab\tend",
    "[@click=app.quit]Quit[/] markup",
    "Unicode \u2028 line and \u202e override",
    "# not a comment = true",
]


@pytest.mark.parametrize("form", ["numbered", "markdown", "html"])
def test_hostile_headings_still_give_valid_toml(tmp_path: Path, form: str) -> None:
    if form == "numbered":
        article = "Hostile Points\n\n" + "\n".join(f"{n}. {h}. {FILLER}" for n, h in enumerate(HOSTILE, 1))
    elif form == "markdown":
        article = '# Hostile [@click=app.quit] "title"\n\n' + "\n\n".join(f"## {h}\n\n{FILLER}" for h in HOSTILE)
    else:
        import html

        article = (
            "<html><body><h1>Hostile</h1>"
            + "".join(f"<h2>{html.escape(h)}</h2><p>{FILLER}</p>" for h in HOSTILE)
            + "</body></html>"
        )
    text, module = _draft(tmp_path, article, f"hostile.{'html' if form == 'html' else 'md'}")
    assert tomllib.loads(text)["minutes"] == module.minutes
    assert len(_discuss_titles(module)) == len(HOSTILE)
    assert any("[@click=app.quit]" in t for t in _discuss_titles(module)) or form == "html"
    for step in module.steps:
        assert "\x1b" not in step.title and "\x07" not in step.title


SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"  # beside the checkout (tests/test_seeds.py)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the articles live in ../shared/seeds, absent here")
@pytest.mark.parametrize(
    ("name", "count", "found_by"),
    [
        ("000_bc041a64a00e4380.txt", 4, "numbered list"),  # four ways to collaborate
        ("001_b0eb7777b7eb671a.txt", 5, "numbered list"),  # five lessons
        ("003_743e1b3814e2bfc9.txt", 3, "headings"),  # three traits, after the sentence announcing them
    ],
)
def test_the_seed_articles_still_draft_as_before(name: str, count: int, found_by: str) -> None:
    text = draft_file(SEEDS / name)
    assert len(_discuss_titles(_module(text))) == count
    assert f"# Points found: {count}, from the article's {found_by}." in text


# ------------------------------------------------------------------------------------ the CLI


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "workshop", "draft", *args],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"  \n\n \t\n", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "not a text article (binary data)"),
        (b"caf\xe9 \xff\xfe latin-1 text", "not a text article"),
    ],
)
@pytest.mark.e2e
def test_unusable_files_fail_with_one_line(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "x.bin"
    path.write_bytes(content)
    out = _cli(str(path))
    assert out.returncode == 2
    assert out.stdout == ""
    lines = out.stderr.strip().splitlines() or out.stdout.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], out.stderr
    assert "Traceback" not in out.stderr


def test_missing_file_and_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["draft", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2 and "error:" in result.output and "Traceback" not in result.output
    with pytest.raises(DraftError, match="folder"):
        draft_file(tmp_path)


def test_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * (1024 * 1024))
    with pytest.raises(DraftError, match="too large"):
        draft_file(path)


def test_output_option_writes_the_file(tmp_path: Path) -> None:
    article = tmp_path / "steps.txt"
    article.write_text(NUMBERED, encoding="utf-8")
    target = tmp_path / "steps.toml"
    result = CliRunner().invoke(app, ["draft", str(article), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_text("utf-8") == draft_file(article)
    assert _discuss_titles(_module(target.read_text("utf-8")))[0] == "Write the handover down"
    validated = CliRunner().invoke(app, ["validate", "--draft", str(target)])
    assert validated.exit_code == 0, validated.output
    refused = CliRunner().invoke(app, ["validate", str(target)])  # an unedited draft is not ready to run
    assert refused.exit_code == 2 and "still a draft" in refused.output and len(refused.output.splitlines()) == 1


@pytest.mark.e2e
def test_stdout_without_output_option(tmp_path: Path) -> None:
    article = tmp_path / "traits.txt"
    article.write_text(THREE_TRAITS, encoding="utf-8")
    out = _cli(str(article))
    assert out.returncode == 0, out.stderr
    assert out.stdout == draft_file(article)


# ------------------------------------------------------------------------------------ properties

_pieces = st.sampled_from(
    [
        "# ",
        "## ",
        "1. ",
        "2) ",
        "3. ",
        "Step 4: ",
        "- ",
        "**",
        "__",
        "\n",
        "\n\n",
        "<h2>",
        "</h2>",
        "<p>",
        "<script>",
        "<ol><li>",
        "</li>",
        "By ",
        "Here are three traits",
        '"',
        "\\",
        '"""',
        "\x00",
        "\x1b",
        "\r",
        "\u2028",
        "[@click=x]",
        "©",
        "cookie",
        " | ",
        "---\n",
        "```",
        "Leaders walk the floor",
        ".",
        ":",
        "é",
        "\ufeff",
    ]
)
_texts = st.lists(st.one_of(_pieces, st.text(max_size=30)), max_size=40).map("".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_texts)
@pytest.mark.slow
def test_random_text_never_crashes_the_drafter(text: str) -> None:
    raw = text.encode("utf-8", "surrogatepass")
    try:
        drafted = draft_bytes(raw, "random.txt")
    except DraftError as err:
        assert "\n" not in str(err)
        return
    _module(drafted)


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=200))
def test_random_bytes_never_crash_the_drafter(raw: bytes) -> None:
    try:
        drafted = draft_bytes(raw, "random.bin")
    except DraftError:
        return
    _module(drafted)
