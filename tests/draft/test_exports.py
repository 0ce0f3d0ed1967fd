"""Articles as note apps and blog platforms export them, written for these tests (never copied):
Markdown with footnotes, Obsidian's wiki links, highlights and tags, a Medium export with its
subtitle and buttons, a Notion page with its properties and its id in the file name. Each drafts
into a module whose steps are the article's sections, titled with their headings, with none of
the export's marks or buttons in a prompt."""

from __future__ import annotations

import re

import pytest

from tests.draft.corpus import PARAS
from workshop.content import document, schema
from workshop.content.model import Module
from workshop.draft import draft_bytes

EN = PARAS["en"]
MARKUP = re.compile(r"\[\^|\[\[|\]\]|==|(?<!\w)#[A-Za-z]|\*\*|\\[*_.-]")
CHROME = re.compile(r"\b(Follow|Listen|Share|min read|Created|Owner|Tags)\b")


def _module(text: str, name: str) -> tuple[str, Module]:
    drafted = draft_bytes(text.encode("utf-8"), name)
    return drafted, schema.check_module(document.parse(drafted.encode("utf-8"), "draft.toml"))


def _article_text(module: Module) -> str:
    """What the draft took from the article: step titles, and the summaries it quotes."""
    quoted = [m for s in module.steps for m in re.findall(r"\"([^\"]*)\"", s.prompt + s.notes)]
    return "\n".join([s.title for s in module.steps] + quoted)


def _discussed(module: Module) -> list[str]:
    return [s.title for s in module.steps if s.kind == "discuss"]


def test_footnotes_are_not_in_titles_or_points() -> None:
    text = (
        f"# Escalations Without Drama\n\n{EN[0]}\n\n## Know the path[^path]\n\n{EN[1]}[^1]\n\n"
        f"## Write the note\n\n{EN[2]}\n\n## Follow up\n\n{EN[3]}\n\n"
        "[^path]: FOOTMARK The path is on the wiki.\n[^1]: FOOTMARK A second footnote.\n"
    )
    drafted, module = _module(text, "escalations.md")
    assert _discussed(module) == ["Know the path", "Write the note", "Follow up"]
    assert "FOOTMARK" not in drafted and not MARKUP.search(_article_text(module))


def test_obsidian_links_highlights_and_tags_are_text() -> None:
    text = (
        f"# Five Minutes With Every Agent\n\n{EN[0]}\n\n## The check-in #leadership #floor\n\n"
        f"See [[Coaching notes]] and [[Weekly review|the weekly review]]. {EN[1]}\n\n"
        f"## The ==follow-up==\n\n{EN[2]}\n\n#coaching\n\n## The pattern\n\n{EN[3]}\n"
    )
    _, module = _module(text, "Five Minutes.md")
    assert _discussed(module) == ["The check-in", "The follow-up", "The pattern"]
    assert not MARKUP.search(_article_text(module))


MEDIUM = f"""# Stop Measuring Handle Time

## Why average handle time makes service worse

[Jo Madeup](https://medium.com/@jo?source=post_page-----)

Follow

6 min read

·

Mar 4, 2024

--

Listen

Share

{EN[0]}

## What to measure instead

{EN[1]}

## How to explain it to finance

{EN[2]}

## What happened when we switched

{EN[3]}

[Customer Service](https://medium.com/tag/customer-service)
"""


def test_a_medium_export_has_no_subtitle_step_and_no_buttons() -> None:
    _, module = _module(MEDIUM, "stop-measuring-handle-time.md")
    assert (module.title, module.source.author) == ("Stop Measuring Handle Time", "Jo Madeup")
    assert _discussed(module) == [
        "What to measure instead",
        "How to explain it to finance",
        "What happened when we switched",
    ]
    assert not CHROME.search(_article_text(module))


def test_a_heading_right_under_the_title_is_a_section_without_a_byline() -> None:
    text = f"# Handle Time\n\n## Why it misleads\n\n{EN[0]}\n\n## What to measure\n\n{EN[1]}\n"
    _, module = _module(text, "handle.md")
    assert _discussed(module) == ["Why it misleads", "What to measure"]


NOTION_BODY = f"""{EN[0]}

## Keep the Monday huddle

{EN[1]}

## Rotate the chair

{EN[2]}

## Cancel nothing in December

{EN[3]}
"""


@pytest.mark.parametrize("heading", [True, False])
def test_a_notion_export_reads_its_properties_and_drops_its_id(heading: bool) -> None:
    top = "# Team Rituals That Survive Peak Season\n\n" if heading else ""
    text = f"{top}Created: March 4, 2024 10:15 AM\nTags: rituals, peak\nOwner: Dana Madeup\n\n{NOTION_BODY}"
    _, module = _module(text, "exports/Team Rituals That Survive Peak Season 3f2a9c0d1e4b4a7f9c8d2e1f0a3b5c7d.md")
    assert (module.title, module.source.author) == ("Team Rituals That Survive Peak Season", "Dana Madeup")
    assert _discussed(module) == ["Keep the Monday huddle", "Rotate the chair", "Cancel nothing in December"]
    assert not CHROME.search(_article_text(module))


# A Medium page saved with its HTML (written for this test): the byline is spans and links beside
# the avatar, with "Follow", the read time, the date, the claps and the Listen and Share buttons.
_MEDIUM_TOP = (
    '<h1 class="pw-post-title">Quiet Queues Start at the Rota</h1>\n'
    '<h2 class="pw-subtitle-paragraph">A planner\'s notes on fewer surprises</h2>\n'
)
_MEDIUM_BYLINES = {
    "glued-spans": (
        '<div class="speechify-ignore ab cp"><div class="bm"><a href="/@jreyes?source=post_page" rel="noopener follow">'
        '<img alt="Jordan Reyes" src="https://miro.medium.com/avatar.png" width="44" height="44"></a></div>'
        '<div class="bn"><div class="ab"><span class="be b"><a class="af ag" href="/@jreyes?source=post_page">'
        '<span>Jordan Reyes</span></a></span><span class="be">·</span><span><a href="/m/signin?follow">Follow</a>'
        '</span></div><div class="ab"><span data-testid="storyReadTime">6 min read</span><span class="be">·</span>'
        '<span data-testid="storyPublishDate">Mar 4, 2024</span></div></div><div class="ab">'
        '<span class="pw-multi-vote-count"><button>212</button></span><div><button aria-label="responses">3</button>'
        '</div><div><button aria-label="Listen"><p>Listen</p></button></div>'
        '<div><button aria-label="Share"><p>Share</p></button></div></div></div>\n'
    ),
    "one-block-each": (
        '<div><a href="/@jreyes"><img alt="Jordan Reyes" src="avatar.png"></a></div>\n'
        '<div><a href="/@jreyes"><span>Jordan Reyes</span></a></div>\n<div><span>Follow</span></div>\n'
        "<div><span>6 min read</span><span> · </span><span>Mar 4, 2024</span></div>\n"
        "<div><span>212</span></div>\n<div><span>3</span></div>\n<div><p>Listen</p></div>\n<div><p>Share</p></div>\n"
    ),
}
_MEDIUM_BODY = (
    "<p>Most overflow on the floor is planned weeks before it happens, when the rota is drawn.</p>\n"
    "<h2>Plan the breaks first</h2>\n<p>Breaks placed late in planning land on the busiest half hours.</p>\n"
    "<h2>Read last year's peaks</h2>\n<p>Last year's peaks come back more faithfully than forecasts admit.</p>\n"
    "<h2>Publish the rota early</h2>\n<p>Agents who see the rota a fortnight out swap shifts before a gap opens.</p>\n"
)


@pytest.mark.parametrize("shape", sorted(_MEDIUM_BYLINES))
@pytest.mark.parametrize("name", ["quiet-queues.md", "quiet-queues.html"])
def test_a_medium_page_saved_with_its_html_keeps_its_byline_and_drops_its_buttons(shape: str, name: str) -> None:
    text = _MEDIUM_TOP + _MEDIUM_BYLINES[shape] + _MEDIUM_BODY
    if name.endswith(".html"):
        text = f"<html><body><article>{text}</article></body></html>"
    drafted, module = _module(text, name)
    assert (module.title, module.source.author) == ("Quiet Queues Start at the Rota", "Jordan Reyes")
    assert _discussed(module) == ["Plan the breaks first", "Read last year's peaks", "Publish the rota early"]
    assert not CHROME.search(_article_text(module)) and "212" not in drafted and "Jordan" not in _article_text(module)
