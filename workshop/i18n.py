"""Every word a person reads, in their language: which language a reader has, and the catalogs
that translate the interface (gettext, `workshop/locale/LANG/LC_MESSAGES/workshop.mo`).

Each reader has their own language: a terminal the one its environment names (LC_ALL, then
LC_MESSAGES, then LANG) or `--lang`; the phone page each request the one its browser asks for or
its person chose; the room display and reports the one `--lang` gives. One process may serve
several (the phone page), so the language in force is a context variable: `speaking(lang)` sets
it for a block (a request, a report), `use(lang)` for the whole process (a screen), and
`language()` says which is in force. English is the source language: a message a catalog lacks
is said in English.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import gettext

LANGUAGES = ("en", "de", "es", "fr")  # the interface's languages; the first is the source
SOURCE = LANGUAGES[0]
# A pseudo-locale for checking layouts right to left (`--lang x-rtl`, `?lang=x-rtl` on the phone
# page): every string reversed inside a right-to-left isolate, values and markup kept as they are.
PSEUDO_RTL = "x-rtl"
LOCALE = Path(__file__).with_name("locale")

_context: ContextVar[str] = ContextVar("workshop_language", default="")
_process = [""]  # `use`'s choice, for every thread and task that has not said otherwise


def known(tag: str | None) -> str:
    """The interface language for a language tag or locale name ("de", "de-CH", "de_DE.UTF-8",
    "es_MX"), or "" when it is none of LANGUAGES."""
    if not tag:
        return ""
    if tag.casefold() == PSEUDO_RTL:
        return PSEUDO_RTL
    primary = tag.replace("-", "_").split(".")[0].split("@")[0].split("_")[0].casefold()
    return primary if primary in LANGUAGES else ""


def from_environment(env: Mapping[str, str] | None = None) -> str:
    """The language a terminal's environment names: LC_ALL, then LC_MESSAGES, then LANG, the
    first of them set (as gettext reads them); English when it names none of LANGUAGES."""
    env = os.environ if env is None else env
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if env.get(name):
            return known(env[name]) or SOURCE
    return SOURCE


def language() -> str:
    """The language in force here: this context's, else the process's, else the environment's."""
    return _context.get() or _process[0] or from_environment()


# How each language quotes someone's words inside a sentence ("note edited: “…”"), as its
# catalog quotes a title; English (and any other) “…”.
QUOTES = {"de": ("„", "“"), "es": ("«", "»"), "fr": ("« ", " »")}


def quote(words: str) -> str:
    """`words` between the quotation marks of the language in force."""
    opening, closing = QUOTES.get(language(), ("“", "”"))
    return f"{opening}{words}{closing}"


def use(tag: str | None) -> str:
    """Speak `tag` (or, None, what the environment says) in this whole process from now on."""
    _process[0] = known(tag) or from_environment()
    return _process[0]


def forget() -> None:
    """Forget `use`'s choice: from now on the environment speaks again (each test starts so)."""
    _process[0] = ""


@contextmanager
def speaking(tag: str | None) -> Iterator[str]:
    """Speak `tag` in this block only (one request of the phone page, one report); a tag that is
    none of LANGUAGES leaves the language in force as it was."""
    chosen = known(tag) or language()
    token = _context.set(chosen)
    try:
        yield chosen
    finally:
        _context.reset(token)


@cache
def catalog(lang: str) -> gettext.NullTranslations:
    """The interface's translations into `lang` (English: none needed). gettext is imported here,
    for a language other than English: `workshop --help` in English never pays for it."""
    import gettext

    if lang == SOURCE:
        return gettext.NullTranslations()
    if lang == PSEUDO_RTL:
        return _Reversed()  # type: ignore[return-value]  # answers as a catalog does
    return gettext.translation("workshop", LOCALE, languages=[lang], fallback=True)


def direction() -> str:
    """The writing direction of the language in force: "rtl" or "ltr"."""
    return "rtl" if language() == PSEUDO_RTL else "ltr"


def html_open() -> str:
    """A page's opening tag and head's start in the language in force (and its direction)."""
    rtl = ' dir="rtl"' if direction() == "rtl" else ""
    return f'<html lang="{language()}"{rtl}><head><meta charset="utf-8">'


_KEPT = r"(\{[^{}]*\}|%\(\w+\)s|<[^>]*>|&\w+;|\n)"  # values, markup, line breaks: as they are (compiled
# on first use, so that every start does not pay for it)


def reversed_text(message: str) -> str:
    """`message` as the pseudo-locale says it: its words reversed, its values and markup kept, all
    inside a right-to-left isolate (U+2067 … U+2069)."""
    if not message:
        return message
    kept = re.compile(_KEPT)
    return "\u2067" + "".join(p if kept.fullmatch(p) else p[::-1] for p in kept.split(message)) + "\u2069"


class _Reversed:
    """The pseudo-locale's catalog: what gettext's translations answer, reversed."""

    def gettext(self, message: str) -> str:
        return reversed_text(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return reversed_text(msgid1 if n == 1 else msgid2)

    def pgettext(self, context: str, message: str) -> str:
        return reversed_text(message)


def _(message: str) -> str:
    """`message` in the language in force ("" stays "": gettext would give the catalog's header)."""
    lang = language()
    return catalog(lang).gettext(message) if message and lang != SOURCE else message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message for `n` things, by the language's own plural rules."""
    lang = language()
    if lang == SOURCE:
        return singular if n == 1 else plural
    return catalog(lang).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks `message` for translation where it is defined, to be translated where it is shown."""
    return message


def pgettext(context: str, message: str) -> str:
    """`message` in the language in force, where the same English word needs telling apart."""
    return catalog(language()).pgettext(context, message)


# Numbers and dates for the reader: English as the source has always written them (reports stay
# byte for byte), every other language by its locale's symbols and patterns from Babel (CLDR).
# Babel is imported only here, on the first number or date said in another language: its import
# is slow, and `workshop --help` and every English command never pay for it.


def number(value: float, spec: str = "g") -> str:
    """`value` formatted by `spec` (Python's format mini-language: ".1f", ",d", ".0%", "g") with
    the decimal and grouping symbols of the language in force: 2.5 is "2,5" in German."""
    text = format(value, spec)
    lang = language()
    if lang not in LANGUAGES or lang == SOURCE:
        return text
    from babel import Locale
    from babel.numbers import get_decimal_symbol, get_group_symbol

    decimal, group = get_decimal_symbol(lang), get_group_symbol(lang)
    text = text.translate({ord("."): "\0", ord(","): group}).replace("\0", decimal)
    if text.endswith("%"):  # where the locale puts the sign: "45 %" in German and French
        pattern = Locale.parse(lang).percent_formats[None].pattern
        text = pattern.replace("#,##0", text[:-1]).replace("#0", text[:-1]).replace("\u00a4", "")
    return text


def day(value: dt.date, english: str = "%d %b %Y", width: str = "medium") -> str:
    """A date as the reader writes it: English by `english` (strftime), another language by its
    locale's `width` ("short": 15.12.26, "medium": 15.12.2026, "long": 15. Dezember 2026)."""
    lang = language()
    if lang not in LANGUAGES or lang == SOURCE:
        return value.strftime(english)
    from babel.dates import format_date

    return str(format_date(value, width, locale=lang))


def moment(value: dt.datetime, english: str = "%H:%M") -> str:
    """A time of day (or a date and time, `english` saying which) as the reader writes it."""
    lang = language()
    if lang not in LANGUAGES or lang == SOURCE:
        return value.strftime(english)
    from babel.dates import format_datetime, format_time

    if "%d" in english or "%Y" in english:
        return str(format_datetime(value, "medium", locale=lang))
    return str(format_time(value, "short", locale=lang))


NAMES = {"en": "English", "de": "Deutsch", "es": "Español", "fr": "Français"}  # each in its own words


def accepted(header: str | None) -> str:
    """The interface language a browser's Accept-Language header prefers ("de-CH,de;q=0.9,en;q=0.8"
    is German), by its q-values; English when it names none of LANGUAGES."""
    ranked = []
    for i, part in enumerate((header or "").split(",")):
        tag, _sep, params = part.strip().partition(";")
        weight = 1.0
        for param in params.split(";"):
            name, _eq, value = param.strip().partition("=")
            if name == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        if known(tag) and weight > 0:
            ranked.append((-weight, i, known(tag)))
    return min(ranked)[2] if ranked else SOURCE
