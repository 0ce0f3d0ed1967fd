"""Bylines and date lines: what an article says about who wrote it and when, in English, German,
Spanish and French (the languages the drafter writes in, draft/phrases.py).

A line such as "By Jordan Reyes, Head of Planning", "Written by …", "Von …", "Por …", "Par …",
"Jordan Reyes · 3 March 2024 · 6 min read" or "Publié le 3 mars 2024" is a meta line: it gives the
author (or only the date) and is never part of the title or a point. `meta_line` reads one.
"""

from __future__ import annotations

import re

from workshop.draft.parse import Block
from workshop.draft.text import BOILERPLATE, clean_text, is_name

_BY = (
    r"by|written by|words by|text by|story by|posted by|published by|authors?|"
    r"von|geschrieben von|verfasst von|text von|autor(?:in)?(?:nen)?|"
    r"por|escrito por|redactado por|autora?s?|"
    r"par|écrit par|ecrit par|rédigé par|redige par|auteurs?|autrices?"
)
BYLINE = re.compile(rf"^(?:{_BY})\s*(?::\s*|\s[-–—]\s*|\s+)(?P<rest>\S.{{0,150}})$", re.IGNORECASE)
_DASH_NAME = re.compile(r"^[—–]\s*(?P<rest>\S.{0,80})$")

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
# Parts of a meta line: "Jordan Reyes · 3 March 2024 · 6 min read"
_PARTS = re.compile(r"\s+[|·•∙⋅/]\s+|\s+[—–]\s+|\s+-\s+|\s*\|\s*|\s*[·•]\s*")
_DATED_BY = re.compile(r"^(.+?)(?:\s+(?=(?:by|von|por|par)\s)|,\s+)(.+)$", re.IGNORECASE)
# Where a byline's name ends: its role, a date, the publication
_NAME_END = re.compile(
    r"\s*[,;(|·•]\s*|\s+[—–-]\s+|\s+(?:on|in|for|at|am|im|für|bei|el|en|para|le|dans|pour|chez)"
    r"\s+(?=\S)",
    re.IGNORECASE,
)
_PARTICLES = {
    "van",
    "von",
    "de",
    "da",
    "del",
    "der",
    "den",
    "la",
    "le",
    "du",
    "di",
    "dos",
    "das",
    "y",
    "e",
    "and",
    "und",
    "et",
    "&",
    "bin",
    "al",
    "ter",
    "ten",
    "zu",
    "of",
}
_NOT_NAMES = {
    "the",
    "a",
    "an",
    "our",
    "your",
    "this",
    "that",
    "these",
    "how",
    "why",
    "what",
    "when",
    "der",
    "die",
    "das",
    "ein",
    "eine",
    "el",
    "los",
    "las",
    "un",
    "una",
    "les",
    "une",
    "ce",
    "cette",
    "nos",
    "vos",
    "team",
    "staff",
    "editors",
    "redaktion",
    "equipo",
    "équipe",
    "admin",
}


def _plain(text: str) -> str:
    return clean_text(text).strip(" *_~`\"'“”‘’„«»").strip()


def looks_like_name(text: str, alone: bool = False) -> bool:
    """A person's (or a few people's) name: up to five words (eight with "and"), each capitalised or a
    particle ("van", "de"), or in a script without capitals. `alone`: a bare line, which must be two
    words or more to be told from an ordinary word."""
    words = text.split()
    if not words or len(words) > 8 or len(text) > 80 or any(ch.isdigit() for ch in text):
        return False
    if alone and not is_name(text):
        return False
    if words[0].lower() in _NOT_NAMES or text[-1] in "!?:;" or DATE.match(text):
        return False
    for word in words:
        first = word.lstrip("(\"'“‘")[:1]
        if word.lower() in _PARTICLES or (first.isalpha() and not first.islower()) or re.fullmatch(r"[A-Z]\.", word):
            continue
        return False
    return text[:1].isalpha() and not text[:1].islower()


def byline_name(text: str) -> str | None:
    """The author in "By NAME[, role | date …]", or None when the line is not such a byline."""
    text = _plain(text)
    m = BYLINE.match(text) or _DASH_NAME.match(text)
    if not m:
        return None
    rest = m.group("rest").strip()
    if len(rest.split()) > 16:  # a sentence that begins "By the end of …"
        return None
    name = _NAME_END.split(rest, maxsplit=1)[0].strip(" .,:").removeprefix("@")
    if " " not in name and name != rest.strip(" ."):  # "By Monday, each lead …": one word is a name only alone
        return None
    return name if looks_like_name(name) else None


def is_date(text: str) -> bool:
    text = _plain(text).strip(" .,")
    lead = _DATE_LEAD.match(text)
    return bool(DATE.match((text[lead.end() :] if lead else text).strip(" .,")))


def _labelled(text: str) -> tuple[bool, str] | None:
    """A name with its role ("NAME, Head of Service") or a page property ("Owner: NAME", "Created: …")."""
    if (m := _NAME_ROLE.match(text)) and looks_like_name(m.group(1), alone=True):
        return True, m.group(1)
    if m := _PROPERTY.match(text):  # a Notion or Confluence export's page properties
        name = m.group("value").strip(" .")
        return True, name if m.group("key").lower() in _PEOPLE and looks_like_name(name) else ""
    return None


def meta_line(text: str) -> tuple[bool, str]:
    """(whether the line is a byline or a date line, the author it names or "")."""
    text = _plain(text)
    if not text or len(text) > 160:
        return False, ""
    if (name := byline_name(text)) is not None:
        return True, name
    if (labelled := _labelled(text)) is not None:
        return labelled
    if m := _DATED_BY.match(text):  # "Posted on 4 March 2024 by NAME", "NAME, 4 March 2024"
        date, name = (m.group(1), m.group(2)) if is_date(m.group(1)) else (m.group(2), m.group(1))
        name = re.sub(rf"^(?:{_BY})\s+", "", name, flags=re.IGNORECASE)
        if is_date(date) and looks_like_name(name):
            return True, name
    parts = [p for p in _PARTS.split(text) if p.strip(" ,")]
    if not parts:
        return False, ""
    author, dated, names = "", False, []
    for part in parts:
        part = part.strip(" ,")
        if is_date(part) or READING.match(part):
            dated = True
        elif (name := byline_name(part)) is not None:
            author = author or name
        elif looks_like_name(part, alone=True):
            names.append(part)
        else:
            return False, ""
    if not (dated or author):  # a bare name needs a date or a "by" beside it to be a byline
        return False, ""
    return True, author or (names[0] if names else "")


_ROLE = (
    r"head|lead|leader|manager|director|vp|vice president|chief|ceo|coo|cxo|founder|co-founder|owner|consultant"
    r"|coach|trainer|supervisor|analyst|editor|partner|principal|specialist|advisor|adviser|officer|president"
    r"|leiter(?:in)?|leitung|geschäftsführer(?:in)?|gründer(?:in)?|berater(?:in)?|teamleiter(?:in)?"
    r"|director(?:a)?|directora|gerente|jefe|jefa|fundador(?:a)?|consultor(?:a)?|responsable|asesor(?:a)?"
    r"|directeur|directrice|fondateur|fondatrice|consultante?|cheffe?|formateur|formatrice"
)
_NAME_ROLE = re.compile(
    rf"^([^,|·—–]{{3,60}}?)\s*(?:,|\||\s[—–-])\s*(?=[^.!?]{{0,80}}$)(?:\S+\s+){{0,4}}(?:{_ROLE})\b", re.IGNORECASE
)
_PEOPLE = {"owner", "created by", "author", "authors", "person", "people", "erstellt von", "creado por", "créé par"}
_PROPERTY = re.compile(
    r"^(?P<key>created|created time|created by|last edited|last edited time|last edited by|owner|tags|status|type"
    r"|category|categories|person|people|erstellt|erstellt von|zuletzt bearbeitet|creado|creado por|etiquetas"
    r"|créé|créé par|étiquettes|modifié)\s*:\s*(?P<value>\S.{0,80})$",
    re.IGNORECASE,
)
META_BLOCKS = 8  # a byline or a date line is looked for among the first blocks


def split_glued(blocks: list[Block]) -> list[Block]:
    """A byline or date line written straight under the title (or above it) is its own block, not
    the end of the title: "Making After-Call Work Count\nby Jordan Reyes" is a title and a byline."""
    out: list[Block] = []
    for index, block in enumerate(blocks):
        lines = [line for line in block.raw.split("\n") if line.strip()]
        if index >= META_BLOCKS or block.kind not in ("para", "heading") or len(lines) < 2:
            out.append(block)
            continue
        metas = [meta_line(line)[0] for line in lines]
        if not any(metas) or (all(metas) and block.kind == "heading"):  # meta lines alone: one block each
            out.append(block)
            continue
        kind, level = block.kind, block.level  # the first run of other lines keeps the block's kind: the title
        group: list[str] = []
        for line, meta in [*zip(lines, metas, strict=True), ("", True)]:
            if meta and group:
                out.append(Block(kind, "\n".join(group), level=level))
                kind, level, group = "para", 0, []
            if meta and line:
                out.append(Block("para", line))
            elif not meta:
                group.append(line)
    return out


def drop_subtitle(blocks: list[Block]) -> list[Block]:
    """The article less its subtitle: a heading right under the title that a byline, a date or a
    platform's buttons ("Follow", "6 min read") follow before any text, as Medium and Substack
    exports have it, is not one of the article's sections."""
    if len(blocks) < 3 or blocks[0].kind != "heading" or blocks[1].kind != "para":
        return blocks
    text = blocks[1].text
    if not any(b.kind == "heading" for b in blocks[2:]):  # the article's only heading is a section
        return blocks
    if meta_line(text)[0] or (is_name(text) and text[-1].isalpha()) or (BOILERPLATE.search(text) and len(text) < 80):
        return blocks[1:]
    return blocks
