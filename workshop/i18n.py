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

import gettext
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

LANGUAGES = ("en", "de", "es", "fr")  # the interface's languages; the first is the source
SOURCE = LANGUAGES[0]
LOCALE = Path(__file__).with_name("locale")

_context: ContextVar[str] = ContextVar("workshop_language", default="")
_process = [""]  # `use`'s choice, for every thread and task that has not said otherwise


def known(tag: str | None) -> str:
    """The interface language for a language tag or locale name ("de", "de-CH", "de_DE.UTF-8",
    "es_MX"), or "" when it is none of LANGUAGES."""
    if not tag:
        return ""
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


def use(tag: str | None) -> str:
    """Speak `tag` (or, None, what the environment says) in this whole process from now on."""
    _process[0] = known(tag) or from_environment()
    return _process[0]


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
    """The interface's translations into `lang` (English: none needed)."""
    if lang == SOURCE:
        return gettext.NullTranslations()
    return gettext.translation("workshop", LOCALE, languages=[lang], fallback=True)


def _(message: str) -> str:
    """`message` in the language in force."""
    return catalog(language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message for `n` things, by the language's own plural rules."""
    return catalog(language()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks `message` for translation where it is defined, to be translated where it is shown."""
    return message
