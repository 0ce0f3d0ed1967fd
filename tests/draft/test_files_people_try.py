"""Files people hand `workshop draft` besides articles, and articles in the shapes tools save them:
a PDF, a Word or OpenDocument file, RTF (one clear line naming the format and what to save it as,
never a draft of the file's markup); text saved as "Unicode" by Notepad or Word (UTF-16 with its
byte order mark); an outline of headings with no text under them; and tag soup of lists,
paragraphs and bold, which never crashes the reader. Written for these tests."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.draft.corpus import PARAS
from workshop.content import document, schema
from workshop.content.model import Module
from workshop.draft import DraftError, draft_bytes

EN = PARAS["en"]


def _module(raw: bytes, name: str) -> Module:
    return schema.check_module(document.parse(draft_bytes(raw, name).encode(), "draft.toml"))


def _discussed(module: Module) -> list[str]:
    return [s.title for s in module.steps if s.kind == "discuss"]


@pytest.mark.parametrize(
    ("raw", "name", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "guide.pdf", "PDF"),
        (
            b"{\\rtf1\\ansi\\deff0 {\\b Listen first}\\par Supervisors who read notes learn more.\\par}",
            "guide.rtf",
            "RTF",
        ),
        (b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml word/document.xml", "guide.docx", "Word"),
        (b"PK\x03\x04\x14\x00\x00\x08mimetypeapplication/vnd.oasis.opendocument.text", "guide.odt", "OpenDocument"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00\x00\x00", "guide.doc", "Word"),
    ],
    ids=["pdf", "rtf", "docx", "odt", "doc"],
)
def test_an_office_document_is_named_in_one_line_with_what_to_save_it_as(raw: bytes, name: str, kind: str) -> None:
    with pytest.raises(DraftError) as caught:
        draft_bytes(raw, name)
    message = str(caught.value)
    assert "\n" not in message and name in message and f"in {kind} format" in message, message
    assert "Markdown" in message and "web page" in message, message


@pytest.mark.parametrize("bom", [codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE])
def test_unicode_text_from_notepad_or_word_is_read(bom: bytes) -> None:
    text = f"# Coaching That Sticks\n\n{EN[0]}\n\n## Listen first\n\n{EN[1]}\n\n## Ask first\n\n{EN[2]}\n"
    text = text.replace("\n", "\r\n")  # as Windows saves it
    raw = bom + text.encode("utf-16-le" if bom == codecs.BOM_UTF16_LE else "utf-16-be")
    module = _module(raw, "coaching.md")
    assert module.title == "Coaching That Sticks" and _discussed(module) == ["Listen first", "Ask first"]


def test_an_outline_of_headings_with_no_text_is_an_agenda_of_those_headings() -> None:
    text = "# Team Huddle\n\n## Listen first\n\n## Ask before you tell\n\n## Agree one change\n\n## Conclusion\n"
    assert _discussed(_module(text.encode(), "huddle.md")) == [
        "Listen first",
        "Ask before you tell",
        "Agree one change",
    ]


_TAGS = ["ol", "ul", "li", "p", "strong", "b", "span", "div", "section", "sup", "h2", "br"]
_PIECES = st.one_of(
    st.sampled_from(_TAGS).map(lambda t: f"<{t}>"),
    st.sampled_from(_TAGS).map(lambda t: f"</{t}>"),
    st.sampled_from(
        [
            '<ol start="3">',
            '<p class="MsoListParagraphCxSpFirst">',
            "<span style='font-family:Symbol'>·</span>&nbsp;&nbsp;",
            '<span class="c2">',
            '<b style="font-weight:normal">',
            '<a href="#fn1" class="footnote-ref">',
            "<style>.c2{font-weight:700}</style>",
            "1.",
            "   ",
        ]
    ),
    st.sampled_from(EN + ["Listen first", "Ask before you tell", "**", "- ", "#"]),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, max_size=40))
def test_tag_soup_of_lists_paragraphs_and_bold_never_crashes(pieces: list[str]) -> None:
    page = "<!DOCTYPE html><html><body><article><h1>Calm Floors</h1>" + "".join(pieces) + "</article></body></html>"
    try:
        drafted = draft_bytes(page.encode(), "soup.html")
    except DraftError as err:
        assert "\n" not in str(err)
        return
    schema.check_module(document.parse(drafted.encode(), "draft.toml"))


@pytest.mark.parametrize(
    "raw",
    [
        codecs.BOM_UTF16_LE + "\uffff".encode("utf-16-le") * 10,
        "★ ☎ → !!! ---\n\n***\n".encode(),
        "\U0010fffd\n".encode(),
    ],
    ids=["noncharacters", "symbols", "private use"],
)
def test_a_file_with_no_word_in_it_is_refused_in_one_line(raw: bytes) -> None:
    """A file of U+FFFF, or of symbols only, was drafted: a module titled after the file's name."""
    with pytest.raises(DraftError) as refused:
        draft_bytes(raw, "a.txt")
    assert str(refused.value) == "a.txt: not a word in it to draft from"
