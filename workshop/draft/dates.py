"""Date lines and reading times, in English, German, Spanish and French: "4 March 2024", "März 2024",
"Publié le 4 mars 2024", "6 min read", "Lesezeit: 5 Minuten". A byline (draft/byline.py) is told by
them: a name beside a date is an author."""

from __future__ import annotations

import re

from workshop.draft.text import clean_text


def plain(text: str) -> str:
    """The text as one line, less the marks around it (bold, quotes)."""
    return clean_text(text).strip(" *_~`\"'“”‘’„«»").strip()


_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
    "|januar|jänner|februar|märz|mai|juni|juli|oktober|dezember|okt|dez"
    "|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre"
    "|ene|abr|ago|dic"
    "|janvier|février|fevrier|mars|avril|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre"
    "|janv|févr|avr|juil"
)
_WEEKDAYS = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag"
    "|samstag|sonntag|lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo|lundi|mardi"
    "|mercredi|jeudi|vendredi|samedi|dimanche"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th|er|\.|º|°)?"
DATE = re.compile(
    rf"^(?:(?:{_WEEKDAYS}),?\s+)?(?:"
    rf"\d{{4}}([-/.])\d{{1,2}}\1\d{{1,2}}(?:[T ][\d:.]+Z?)?"  # 2024-03-03, 2024/03/03
    rf"|\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}"  # 03.03.2024, 3/3/24
    rf"|{_DAY}\s+(?:de\s+)?(?:{_MONTHS})\.?,?(?:\s+(?:de\s+)?\d{{4}})?"  # 3 March 2024, 3. März, 3 de marzo de 2024
    rf"|(?:{_MONTHS})\.?\s+{_DAY},?\s+\d{{4}}"  # March 3, 2024
    rf"|(?:{_MONTHS})\.?\s+(?:de\s+)?\d{{4}}"  # March 2024, marzo de 2024
    rf")(?:,?\s+(?:at\s+|um\s+|a las\s+|à\s+)?\d{{1,2}}[:.h]\d{{2}}(?:\s*(?:am|pm|uhr))?)?$",
    re.IGNORECASE,
)
_DATE_LEAD = re.compile(
    r"^(?:(?:first\s+)?published|posted|updated|last\s+updated|modified|date|dated|on"
    r"|veröffentlicht|erschienen|aktualisiert|zuletzt\s+aktualisiert|stand|datum|am|vom"
    r"|publicado|actualizado|última\s+actualización|fecha|el|publié|publie|mis\s+à\s+jour|mis\s+a\s+jour|le|du)"
    r"(?:\s+(?:on|am|el|le))?\s*:?\s*",
    re.IGNORECASE,
)
READING = re.compile(
    r"^(?:(?:reading\s+time|lesezeit|lesedauer|tiempo\s+de\s+lectura|lectura|temps\s+de\s+lecture|lecture)\s*:?\s*)?"
    r"(?:ca\.\s*|about\s+|approx\.?\s+)?\d{1,3}[\s-]*(?:min(?:ute)?s?|minuten|minutos|mn)\.?"
    r"(?:\s+(?:read|reading|lesezeit|lesen|zum\s+lesen|de\s+lectura|de\s+lecture|lecture))?$",
    re.IGNORECASE,
)


def is_date(text: str) -> bool:
    text = plain(text).strip(" .,")
    lead = _DATE_LEAD.match(text)
    return bool(DATE.match((text[lead.end() :] if lead else text).strip(" .,")))
