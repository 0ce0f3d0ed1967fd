"""An article's bytes as text: UTF-8 (a byte order mark dropped), UTF-16 with its byte order mark (as
Windows' Notepad and Word save "Unicode" text), a saved page in the encoding it declares; one clear
line for what is no text article, naming the office format a file is in, so that its owner knows what to save.
"""

from __future__ import annotations

import codecs
import re

from workshop.draft.text import clean_text
from workshop.i18n import _, number

MAX_BYTES = 4 * 1024 * 1024


class ArticleError(ValueError):
    """The bytes are not an article that can be drafted from; the message is one line."""


def decode(raw: bytes, name: str) -> str:
    if len(raw) > MAX_BYTES:
        raise ArticleError(
            _("{name}: too large to be an article ({size} MiB; the limit is 4 MiB)").format(
                name=name, size=number(len(raw) / 1024 / 1024, ".1f")
            )
        )
    if not raw.strip():
        raise ArticleError(_("{name}: the file is empty").format(name=name))
    if kind := _office(raw, name):
        raise ArticleError(
            _(
                "{name}: a document in {kind} format, not a text article; save it as text, Markdown or a web"
                " page (HTML) and draft from that"
            ).format(name=name, kind=kind)
        )
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # "Unicode" text from Notepad or Word
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            raise ArticleError(_("{name}: not a text article (binary data)").format(name=name)) from None
    elif b"\x00" in raw:
        raise ArticleError(_("{name}: not a text article (binary data)").format(name=name))
    else:
        text = _text(raw, name)
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    controls = sum(1 for ch in text[:65536] if ch < " " and ch not in "\n\t\f")
    if controls > max(8, len(text[:65536]) // 20):
        raise ArticleError(_("{name}: not a text article (binary data)").format(name=name))
    if not clean_text(text):
        raise ArticleError(_("{name}: the file is empty").format(name=name))
    if not any(ch.isalnum() for ch in text):  # only symbols, or characters none (U+FFFF)
        raise ArticleError(_("{name}: not a word in it to draft from").format(name=name))
    return text


_CHARSET = re.compile(rb"<meta\b[^>]*charset\s*=\s*[\"']?([\w.:-]+)|<\?xml\b[^>]*encoding\s*=\s*[\"']([\w.:-]+)", re.I)


def _declared(raw: bytes) -> str:
    """The encoding a page declares near its top (<meta charset>, http-equiv, an XML declaration), read as
    browsers read it (Latin-1 and ASCII as Windows-1252); "" when it declares none Python knows."""
    if not (m := _CHARSET.search(raw[:4096])):
        return ""
    try:
        codec = codecs.lookup((m.group(1) or m.group(2)).decode("ascii")).name
        # the declaration reads as itself in its encoding, as browsers require (not UTF-16, nor
        # base64 or rot13, which Python's codecs also name but which are no page's text)
        if m.group(0).decode(codec) != m.group(0).decode("ascii"):
            return ""
    except (LookupError, UnicodeDecodeError):
        return ""
    return "cp1252" if codec in ("iso8859-1", "ascii") else codec


def _windows_1252(raw: bytes) -> str:
    """Windows-1252 as browsers read it (WHATWG's encoding standard): the five bytes Python's cp1252
    leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) are the C1 control characters of the same number,
    which clean_text drops like every other control, so none reaches a draft or a terminal."""
    text = raw.decode("cp1252", "surrogateescape")  # the undefined bytes as U+DC81 and so on
    return re.sub("[\udc80-\udcff]", lambda m: chr(ord(m.group()) - 0xDC00), text)


def _text(raw: bytes, name: str) -> str:
    """UTF-8, or the encoding a saved page declares (as an old site's pages are saved); bytes in
    neither are refused, not guessed at."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return _windows_1252(raw) if (declared := _declared(raw)) == "cp1252" else raw.decode(declared or "utf-8")
    except UnicodeDecodeError:
        raise ArticleError(_("{name}: not a text article (binary data or not UTF-8)").format(name=name)) from None


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of Word's .doc (and Excel's, PowerPoint's)


def _office(raw: bytes, name: str) -> str:
    """The office format a file is in (PDF, Word, RTF, OpenDocument, EPUB), by its first bytes; "" for others.
    not translated: the formats' own names"""
    head = raw[:65536]
    if head.startswith(b"%PDF-"):
        return "PDF"
    if head.startswith(b"{\\rtf"):
        return "RTF"
    if head.startswith(_OLE) and name.lower().endswith((".doc", ".dot")):
        return "Word"
    if head.startswith(b"PK\x03\x04"):  # a zip: its first entries' names and an ODF's mimetype are stored plain
        for mark, ending, kind in (
            (b"word/", ".docx", "Word"),
            (b"opendocument.text", ".odt", "OpenDocument"),
            (b"epub+zip", ".epub", "EPUB"),
            (b"Index/Document.iwa", ".pages", "Pages"),
        ):
            if mark in head or name.lower().endswith(ending):
                return kind
    return ""
