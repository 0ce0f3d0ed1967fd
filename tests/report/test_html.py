"""The HTML report: one well-formed, self-contained page, with participant text shown, never run."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.report.conftest import HOSTILE_ANSWER, HOSTILE_NAME, HOSTILE_NOTE, build
from workshop.report import as_html

VOID = {"meta", "br", "img", "hr", "input", "link", "col", "wbr"}


class Checker(HTMLParser):
    """Collects tags, attributes and text, and every way the nesting goes wrong."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.problems: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.open[-1:] or 'nothing'}")
        else:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(page: str) -> Checker:
    checker = Checker()
    checker.feed(page)
    checker.close()
    assert checker.problems == [], checker.problems
    assert checker.open == [], checker.open
    return checker


def test_the_page_is_well_formed_and_self_contained(tmp_path: Path) -> None:
    page = as_html(build(tmp_path, "a").session.state())
    assert page.startswith("<!DOCTYPE html>")
    checker = parsed(page)
    assert "<script" not in page.lower()  # no script at all, inline or fetched
    assert not re.search(r"https?://|//[a-z0-9]", page, re.IGNORECASE)
    assert not any(tag in ("link", "img", "iframe", "object", "embed") for tag, _ in checker.tags)
    assert not any(name in ("src", "href") or name.startswith("on") for _, attrs in checker.tags for name in attrs)
    assert "@media print" in page


def test_hostile_participant_text_is_shown_escaped(tmp_path: Path) -> None:
    page = as_html(build(tmp_path, "a").session.state())
    checker = parsed(page)
    shown = "".join(checker.text)
    for text in (HOSTILE_NAME, HOSTILE_NOTE, HOSTILE_ANSWER):
        assert text in shown  # the reader sees exactly what was typed
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert {tag for tag, _ in checker.tags} <= {
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "header",
        "h1",
        "h2",
        "h3",
        "p",
        "code",
        "section",
        "ul",
        "li",
        "span",
        "strong",
        "em",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "th",
        "td",
        "article",
        "div",
        "bdi",
    }


def test_action_items_come_first_then_agenda_polls_and_notes(tmp_path: Path) -> None:
    page = as_html(build(tmp_path, "a").session.state())
    order = [page.index(f'id="{section}"') for section in ("actions", "agenda", "polls", "notes")]
    assert order == sorted(order)
    actions = page.split('id="actions"', 1)[1].split("</section>", 1)[0]
    assert "[@click=app.quit]x[/]" in actions and "&lt;img" not in actions  # only the action item


def test_agenda_polls_and_notes_carry_the_numbers(tmp_path: Path) -> None:
    text = "".join(parsed(as_html(build(tmp_path, "a").session.state())).text)
    assert "3 participants" in text
    assert "2.0" in text and "2.5" in text and "+0.5" in text  # intro: planned 2, ran 2.5 minutes
    assert "Drift:" in text
    assert "3 votes" in text  # Coaching
    assert "Mean 4.0, median 4" in text  # fist: 3, 4, 5
    assert "Borda points" in text and "3 points" in text
    assert "dots per option" in text and "2 dots" in text
    assert "most frequent answers" in text and "=SUM(A1:A9)" in text
    assert "Line one\nline two" in text


def test_bars_are_widths_relative_to_the_largest_row(tmp_path: Path) -> None:
    page = as_html(build(tmp_path, "b", coaching=2).session.state())
    pick = page.split("Which first?", 1)[1].split("</article>", 1)[0]
    assert re.findall(r'style="width:([\d.]+)%"', pick) == ["100.0", "50.0", "0.0"]


def test_a_served_session_ends_with_its_join_code(tmp_path: Path) -> None:
    """The last address `serve` announced stays in the report after it stopped: an appendix with
    the join page's QR code, inline SVG that draws segno's modules for that page."""
    from tests.test_qr import from_svg_path, segnos_own

    built = build(tmp_path, "a")
    plain = as_html(built.session.state())
    built.session.announce("http://192.168.1.5:8000")
    built.session.withdraw("http://192.168.1.5:8000")
    assert built.session.state().address == ""
    page = as_html(built.session.state())
    assert page.replace(page[page.index('<section id="join">') : page.index("</body>")], "") == plain
    checker = parsed(page)
    appendix = page.split('<section id="join">', 1)[1]
    assert "<code>http://192.168.1.5:8000</code>" in appendix and "<code>ABCDEF</code>" in appendix
    assert "<?xml" not in page and page.count("<svg ") == 1
    url = "http://192.168.1.5:8000/?code=ABCDEF"
    assert from_svg_path(appendix, len(segnos_own(url))) == segnos_own(url)
    assert not any(name in ("src", "href") or name.startswith("on") for _, attrs in checker.tags for name in attrs)


@pytest.mark.parametrize(
    "address", ["javascript:alert(1)", 'http://x/"><script>alert(1)</script>', "http://localhost:8000"]
)
def test_no_join_code_for_an_address_serve_would_not_write(tmp_path: Path, address: str) -> None:
    built = build(tmp_path, "a")
    plain = as_html(built.session.state())
    built.session.announce(address)  # by hand in the file, signed or from before signatures
    page = as_html(built.session.state())
    assert page == plain and "<svg" not in page and address not in page
