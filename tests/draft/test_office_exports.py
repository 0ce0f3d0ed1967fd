"""Web pages as office tools and converters write them, written for these tests: Google Docs' HTML
export (bold as a CSS class, never <b>), a text pasted from Google Docs into a CMS (wrapped in a
<b> that is not bold), Word's "Save as web page" (list items as paragraphs with a symbol in front),
footnote numbers in the text (pandoc, WordPress), and Medium's export, which marks a paragraph by
what stands before it ("graf-after--pullquote"). Each drafts into the steps a facilitator
expects, with and without readability."""

from __future__ import annotations

import sys

import pytest

from workshop.content import document, schema
from workshop.draft import draft_bytes
from workshop.draft.article import read_article
from workshop.draft.points import find_points

LEADS = ["Write the open promises", "Name the next step", "Read a sample weekly"]
TEXTS = [
    "Every callback time and every promise goes into the note before the shift ends.",
    "A note without a next step sends the customer back to the start of the queue.",
    "Team leads read five notes a week and talk about them with the team on Monday.",
]
INTRO = "Handovers fail on small things, and each failure costs a customer a second call."

GOOGLE_DOCS = (
    '<html><head><meta content="text/html; charset=UTF-8" http-equiv="content-type"><style type="text/css">'
    ".c0{color:#000000;font-weight:400;font-size:11pt}.c2{color:#000000;font-weight:700;font-size:11pt}"
    ".c1{padding-top:0pt;line-height:1.15}.title{font-size:26pt}</style></head>"
    '<body class="c3 doc-content"><p class="c1 title"><span class="c0">Calmer handovers</span></p>'
    f'<p class="c1"><span class="c0">{INTRO}</span></p><p class="c1 c4"><span class="c0"></span></p>'
    + "".join(
        f'<p class="c1"><span class="c2">{lead}</span></p><p class="c1"><span class="c0">{text}</span></p>'
        '<p class="c1 c4"><span class="c0"></span></p>'
        for lead, text in zip(LEADS, TEXTS, strict=True)
    )
    + "</body></html>"
)

PASTED = (  # a CMS post pasted from Google Docs: everything inside one <b> that says it is not bold
    "<html><body><article><h1>Calmer handovers</h1>"
    '<b style="font-weight:normal;" id="docs-internal-guid-1234abcd">'
    f'<p dir="ltr"><span style="font-weight:400">{INTRO}</span></p>'
    + "".join(
        f'<h2 dir="ltr"><span style="font-weight:700">{lead}</span></h2>'
        f'<p dir="ltr"><span style="font-weight:400">{text}</span></p>'
        for lead, text in zip(LEADS, TEXTS, strict=True)
    )
    + "</b></article></body></html>"
)

_SYMBOL = (
    "<span style='font-family:Symbol'>·<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp;&nbsp; </span></span>"
)
WORD = (
    '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta http-equiv=Content-Type '
    'content="text/html; charset=windows-1252"><meta name=Generator content="Microsoft Word 15 (filtered)">'
    "<title>Calmer handovers</title></head><body lang=EN-GB><div class=WordSection1>"
    f"<p class=MsoTitle>Calmer handovers</p><p class=MsoNormal>{INTRO}</p><p class=MsoNormal>&nbsp;</p>"
    "<p class=MsoNormal>Three habits carry the whole method.</p>"
    + "".join(
        f"<p class=MsoListParagraphCxSp{pos} style='text-indent:-18.0pt'>{mark}<b>{lead}.</b> {text}</p>"
        for pos, mark, lead, text in zip(
            ("First", "Middle", "Last"),
            (_SYMBOL, "<span>2.<span>&nbsp;&nbsp;</span></span>", "<span>3.<span>&nbsp;&nbsp;</span></span>"),
            LEADS,
            TEXTS,
            strict=True,
        )
    )
    + "<p class=MsoNormal>That is all it takes, week after week.</p></div></body></html>"
)

FOOTNOTES = (
    '<!DOCTYPE html><html lang="en"><head><title>Calmer handovers</title></head><body>'
    f'<header id="title-block-header"><h1 class="title">Calmer handovers</h1></header><p>{INTRO}</p>'
    f'<h2>{LEADS[0]}</h2><p>{TEXTS[0][:-1]}<a href="#fn1" class="footnote-ref" id="fnref1" role="doc-noteref">'
    "<sup>1</sup></a>. Do it before you log off.</p>"
    f'<h2>{LEADS[1]}</h2><p>{TEXTS[1]}<sup data-fn="abc" class="fn"><a href="#abc" id="abc-link">2</a></sup></p>'
    f"<h2>{LEADS[2]}</h2><p>{TEXTS[2]}</p>"
    '<section id="footnotes" class="footnotes footnotes-end-of-document" role="doc-endnotes"><hr /><ol>'
    '<li id="fn1"><p>FOOTMARK The template is on the wiki.<a href="#fnref1" class="footnote-back">↩</a></p></li>'
    "</ol></section></body></html>"
)

MEDIUM = (
    '<!DOCTYPE html><html><head><title>Calmer handovers</title></head><body><article class="h-entry">'
    '<header><h1 class="p-name">Calmer handovers</h1></header><section data-field="body" class="e-content">'
    '<section class="section section--body"><div class="section-content"><div class="section-inner">'
    '<h3 class="graf graf--h3 graf--leading graf--title">Calmer handovers</h3>'
    f'<p class="graf graf--p graf-after--h3">{INTRO}</p>'
    + "".join(
        f'<h3 class="graf graf--h3 graf-after--{after}">{n}. {lead}</h3>'
        f'<p class="graf graf--p graf-after--h3">{text}</p>'
        f'<blockquote class="graf graf--pullquote graf-after--p">PULLMARK Write for a stranger.</blockquote>'
        for n, (after, lead, text) in enumerate(zip(("p", "pullquote", "pullquote"), LEADS, TEXTS, strict=True), 1)
    )
    + "</div></div></section></section></article></body></html>"
)

ARTICLES = {
    "google-docs.html": GOOGLE_DOCS,
    "pasted.html": PASTED,
    "word.htm": WORD,
    "footnotes.html": FOOTNOTES,
    "medium.html": MEDIUM,
}


def _draft(name: str) -> tuple[str, list[str]]:
    drafted = draft_bytes(ARTICLES[name].encode("cp1252" if name == "word.htm" else "utf-8"), name)
    module = schema.check_module(document.parse(drafted.encode(), "draft.toml"))
    return drafted, [s.title for s in module.steps if s.kind == "discuss"]


@pytest.mark.parametrize("readability", [True, False])
@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_an_office_export_drafts_one_step_per_point(
    name: str, readability: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not readability:
        monkeypatch.setitem(sys.modules, "readability", None)
    drafted, titles = _draft(name)
    assert titles == LEADS, (name, titles)
    assert "**" not in drafted and "·" not in drafted and "FOOTMARK" not in drafted, name
    assert "PULLMARK" not in drafted, name


def test_a_footnote_number_is_not_glued_to_the_word_before_it() -> None:
    article = read_article(FOOTNOTES.encode(), "footnotes.html")
    points, _, _ = find_points(list(article.blocks), article.marked)
    assert [p.heading for p in points] == LEADS
    assert "ends. Do it" in points[0].body and points[1].body == TEXTS[1], points
