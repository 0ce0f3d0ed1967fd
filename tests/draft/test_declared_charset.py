"""A saved page in the encoding it declares (`<meta charset="windows-1252">`, the http-equiv form, an
XML declaration), as browsers save old sites' pages: read in that encoding, not refused as "not UTF-8".
Bytes that are not UTF-8 and declare nothing are still refused with one line."""

from __future__ import annotations

import pytest

from workshop.draft import DraftError, draft_bytes
from workshop.draft.article import read_article

BODY = (
    "<h1>Caf\u00e9 Service \u2013 the \u201cbasics\u201d</h1>"
    "<p>Customers notice small things \u2013 a greeting, a name, a smile at the door.</p>"
    "<h2>Greet within thirty seconds</h2><p>A guest who waits unseen decides the caf\u00e9 does not care.</p>"
    "<h2>Check back after two minutes</h2><p>Ask once, by name, and listen to the answer.</p>"
    "<h2>Thank them at the door</h2><p>The last word is the one they take home, so make it count.</p>"
)


@pytest.mark.parametrize(
    ("declaration", "codec"),
    [
        ('<meta charset="windows-1252">', "cp1252"),
        ("<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'>", "cp1252"),
        ('<meta charset="iso-8859-15">', "iso-8859-15"),
    ],
    ids=["meta-charset", "http-equiv-latin-1", "latin-9"],
)
def test_a_page_in_the_encoding_it_declares_is_read_in_it(declaration: str, codec: str) -> None:
    page = f"<!DOCTYPE html><html><head>{declaration}</head><body><article>{BODY}</article></body></html>"
    article = read_article(page.encode(codec, "replace"), "cafe.html")
    expected = "Caf\u00e9 Service \u2013 the \u201cbasics\u201d"
    assert article.title == (expected if codec == "cp1252" else expected.encode(codec, "replace").decode(codec))
    draft_bytes(page.encode(codec, "replace"), "cafe.html")


def test_undeclared_bytes_that_are_not_utf8_are_still_refused() -> None:
    with pytest.raises(DraftError, match="not UTF-8"):
        draft_bytes(f"<html><body>{BODY}</body></html>".encode("cp1252"), "cafe.html")
    with pytest.raises(DraftError, match="not UTF-8"):
        draft_bytes('<meta charset="klingon-8">\ncaf\u00e9\n'.encode("cp1252"), "cafe.html")


@pytest.mark.parametrize("declared", ["base64", "rot13", "utf-16", "utf-32"])
def test_a_declaration_that_is_no_page_s_encoding_is_refused_as_undeclared(declared: str) -> None:
    """Python's codecs name base64 and rot13 too (decoding by them raised a traceback), and a page
    whose <meta> says UTF-16 was read as UTF-16 into nonsense; browsers ignore both."""
    page = f'<html><head><meta charset="{declared}"></head><body>{BODY}</body></html>'.encode("cp1252")
    with pytest.raises(DraftError, match="not UTF-8"):
        draft_bytes(page + b" " * (len(page) % 4), "cafe.html")


UNDEFINED = b"\x81\x8d\x8f\x90\x9d"  # the bytes Windows-1252 leaves undefined: browsers read them as C1 controls


@pytest.mark.parametrize(
    ("declaration", "name"),
    [
        ('<meta charset="windows-1252">', "cafe.html"),
        ("<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'>", "cafe.html"),
        ('<meta charset="cp1252">', "cafe.md"),  # a saved page kept under a text file's name
    ],
    ids=["windows-1252", "latin-1", "markdown-file"],
)
def test_bytes_windows_1252_leaves_undefined_are_read_as_browsers_read_them(declaration: str, name: str) -> None:
    """They were refused as "not UTF-8"; browsers decode them (WHATWG's windows-1252) to the C1 control
    characters, and no control character reaches the draft, escaped or not."""
    body = BODY.replace("Service", "Serv\ufffdice").replace("small", "sm\ufffdall").encode("cp1252", "replace")
    for byte in UNDEFINED:
        body = body.replace(b"?", bytes([byte]), 1)
    page = f"<html><head>{declaration}<title>Caf\u00e9 ".encode("cp1252") + UNDEFINED + b" Notes</title></head>"
    page += b"<body><article>" + body + b"</article></body></html>"
    article = read_article(page, name)
    assert article.title.startswith("Caf\u00e9 Serv") and article.title.endswith("the \u201cbasics\u201d")
    drafted = draft_bytes(page, name)
    assert "Caf\u00e9" in drafted and "\u201cbasics\u201d" in drafted
    assert not any("\x80" <= ch <= "\x9f" or ch < " " and ch not in "\n\t" for ch in drafted)
    assert "\\u008" not in drafted and "\\u009" not in drafted
