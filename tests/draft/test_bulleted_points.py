"""Articles whose points are a plain list, as service-leadership guides and listicles are written:
bullets (`-`, `*`, `+`, `•`) or numbered items, each named by a bold lead-in or by its words up to a
colon, a dash or its first full stop, with sub-bullets, or with a short paragraph under each item;
in Markdown, plain text and saved pages. A short list of examples inside the prose is text of its
step, not the article's points. Written for these tests in our own words (never copied)."""

from __future__ import annotations

import time

import pytest

from workshop.content import document, schema
from workshop.draft import draft_bytes
from workshop.draft.article import read_article
from workshop.draft.parse import Block
from workshop.draft.points import find_points

LESSONS = ["Listen first", "Coach weekly", "Share the numbers", "Protect the quiet hour", "Thank people by name"]
DETAIL = [
    "before you change a process, sit beside the agents who run it and hear what slows them down.",
    "a short conversation every week does more than a long review twice a year.",
    "teams that can see the queue make better choices about when to take a break.",
    "an hour a day with no meetings lets people finish the follow-ups they promised.",
    "general praise is forgotten by lunch, while specific thanks is remembered for weeks.",
]
INTRO = "Leaders of busy contact centres agree on more than they think. We asked a dozen of them what they do."
CLOSING = "CLOSINGMARK None of this is new, but few teams manage all of it at once."


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _items(mark: str, sep: str) -> str:
    return "\n".join(
        f"{mark.format(n=n)} {h}{sep}{_cap(d) if sep != ': ' else d}"
        for n, (h, d) in enumerate(zip(LESSONS, DETAIL, strict=True), start=1)
    )


def _md(items: str, intro: str = INTRO) -> str:
    return f"# Lessons From Service Leaders\n\n{intro}\n\n{items}\n\n{CLOSING}\n"


LOOSE = "\n\n".join(f"- {h}\n\n  {_cap(d)}" for h, d in zip(LESSONS, DETAIL, strict=True))
SLOPPY = "\n\n".join(f"* {h}\n\n{_cap(d)}" for h, d in zip(LESSONS, DETAIL, strict=True))
NESTED = "\n".join(f"- {h}\n  - {_cap(d)}\n  - Ask the team how it went." for h, d in zip(LESSONS, DETAIL, strict=True))
PAGE_LI = "".join(f"<li><p>{h}</p><p>{_cap(d)}</p></li>" for h, d in zip(LESSONS, DETAIL, strict=True))
PAGE_STRONG = "".join(f"<li><strong>{h}.</strong> {_cap(d)}</li>" for h, d in zip(LESSONS, DETAIL, strict=True))
PAGE_COLON = "".join(f"<li>{h}: {d}</li>" for h, d in zip(LESSONS, DETAIL, strict=True))


def _page(items: str) -> str:
    return (
        "<!DOCTYPE html><html><head><title>Lessons From Service Leaders</title></head><body><article>"
        f"<h1>Lessons From Service Leaders</h1><p>{INTRO}</p><ul>{items}</ul><p>{CLOSING}</p>"
        "</article></body></html>"
    )


def _plain(items: str) -> str:
    return f"Lessons From Service Leaders\n\n{INTRO}\n\n{items}\n\n{CLOSING}\n"


ARTICLES = {
    "colon-dash.md": _md(_items("-", ": ")),
    "colon-star.md": _md(_items("*", ": ")),
    "colon-plus.md": _md(_items("+", ": ")),
    "full-stop.md": _md(_items("-", ". ")),
    "bold-lead.md": _md("\n".join(f"- **{h}.** {_cap(d)}" for h, d in zip(LESSONS, DETAIL, strict=True))),
    "numbered-paren.md": _md(_items("{n})", ". ")),
    "loose-items.md": _md(LOOSE),
    "unindented-paragraphs.md": _md(SLOPPY),
    "sub-bullets.md": _md(NESTED),
    "en-dash.md": _md(_items("-", " – ")),
    "em-dash.txt": _plain(_items("•", " — ")),
    "colon.txt": _plain(_items("-", ": ")),
    "full-stop.txt": _plain(_items("*", ". ")),
    "loose.txt": _plain("\n\n".join(f"- {h}\n{_cap(d)}" for h, d in zip(LESSONS, DETAIL, strict=True))),
    "announced.md": _md(_items("-", ": "), INTRO + " Here are their five lessons."),
    "strong.html": _page(PAGE_STRONG),
    "colon.html": _page(PAGE_COLON),
    "paragraphs.html": _page(PAGE_LI),
    "mixed-markers.md": _md(
        _items("-", ": ")
        .replace("\n- Share", "\n\n* Share")
        .replace("\n- Protect", "\n* Protect")
        .replace("\n- Thank", "\n* Thank")
    ),
    "examples-then-points.md": _md(
        _items("-", ": "),
        INTRO + " Their teams handle:\n\n- billing questions\n- delivery complaints\n- account changes\n\n"
        "Across all of those, the same lessons came back.",
    ),
    "links.md": _md(
        "\n".join(
            f"- [{h}](https://example.org/{n}): {d}" for n, (h, d) in enumerate(zip(LESSONS, DETAIL, strict=True))
        )
    ),
}


def _discussed(text: str, name: str) -> list[str]:
    drafted = draft_bytes(text.encode(), name)
    module = schema.check_module(document.parse(drafted.encode(), "d.toml"))
    return [s.title for s in module.steps if s.kind == "discuss"]


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_each_item_of_the_list_is_a_step_named_by_its_point(name: str) -> None:
    assert _discussed(ARTICLES[name], name) == LESSONS, name


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_each_point_keeps_its_detail_and_the_closing_is_no_point_s(name: str) -> None:
    article = read_article(ARTICLES[name].encode(), name)
    points, _, _ = find_points(list(article.blocks), article.marked)
    for point, detail in zip(points, DETAIL, strict=True):
        assert detail.split(",")[0][1:] in point.body, (name, point)
        assert "CLOSINGMARK" not in point.body and "billing" not in point.body, (name, point)


PROSE = [
    "Most escalations start long before the customer asks for a manager. Small delays pile up quietly.",
    "Agents who can see the whole history of a case rarely need to pass it on. They settle it themselves.",
    "A supervisor who joins a call should listen for a minute before saying anything at all.",
    "Customers remember how the problem ended far more than how long it took to get there.",
    "The best teams review one escalated case together every Friday, without blame.",
]
EXAMPLES = "The usual triggers are simple:\n\n- a second transfer\n- a broken callback\n- a repeated question\n"


@pytest.mark.parametrize("name", ["examples.md", "examples.txt"])
def test_a_short_list_of_examples_inside_the_prose_stays_text_of_its_step(name: str) -> None:
    text = "# Fewer Escalations\n\n" + "\n\n".join([*PROSE[:2], EXAMPLES, *PROSE[2:]]) + "\n"
    article = read_article(text.encode(), name)
    points, found_by, _ = find_points(list(article.blocks), article.marked)
    assert found_by == "paragraphs", (name, points)
    assert any("second transfer" in p.body for p in points)
    assert not {"a second transfer", "a broken callback"} & set(_discussed(text, name))


def test_lists_inside_sections_stay_text_of_their_section() -> None:
    text = "# Fewer Escalations\n\n## Spot them early\n\n" + PROSE[0] + "\n\n" + EXAMPLES + "\n## Settle them\n\n"
    text += "- " + "\n- ".join(PROSE[1:]) + "\n"
    assert _discussed(text, "sections.md") == ["Spot them early", "Settle them"]


@pytest.mark.load
def test_a_long_loose_list_is_read_in_seconds() -> None:
    """Each item its own list with a paragraph under it, as lists pasted from a document are."""
    blocks = [Block("heading", "Many Lessons", level=1)]
    blocks += [b for i in range(50_000) for b in (Block("bullet", f"Tip {i} - then"), Block("para", f"Words {i}."))]
    start = time.monotonic()
    points, found_by, more = find_points(blocks, marked=True)
    assert (len(points), found_by, more) == (12, "list", 49_988)
    assert time.monotonic() - start < 10


def test_a_point_that_names_someone_by_title_keeps_the_title_with_the_name() -> None:
    """'* Dr. Smith says: listen first …' made a step called "Dr": the title's full stop was taken
    for the end of a sentence, and kept the colon from naming the point."""
    speakers = ["Dr. Okafor says", "Ms. Lindqvist asks", "Prof. Haddad warns", "Mr. Tan suggests", "St. Clair notes"]
    items = "\n".join(f"- {who}: {_cap(d)}" for who, d in zip(speakers, DETAIL, strict=True))
    assert _discussed(_md(items), "titles.md") == speakers
