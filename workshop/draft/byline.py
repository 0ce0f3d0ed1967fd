"""Bylines and date lines: what an article says about who wrote it and when, in English, German,
Spanish and French (the languages the drafter writes in, draft/phrases.py).

A line such as "By Jordan Reyes, Head of Planning", "Written by …", "Von …", "Por …", "Par …",
"Jordan Reyes · 3 March 2024 · 6 min read" or "Publié le 3 mars 2024" is a meta line: it gives the
author (or only the date) and is never part of the title or a point. `meta_line` reads one.
"""

from __future__ import annotations

import re

from workshop.draft.dates import DATE, READING, is_date
from workshop.draft.dates import plain as _plain
from workshop.draft.parse import Block
from workshop.draft.text import BOILERPLATE, is_name

_BY = (
    r"by|written by|words by|text by|story by|posted by|published by|authors?|"
    r"von|geschrieben von|verfasst von|text von|autor(?:in)?(?:nen)?|"
    r"por|escrito por|redactado por|autora?s?|"
    r"par|écrit par|ecrit par|rédigé par|redige par|auteurs?|autrices?"
)
BYLINE = re.compile(rf"^(?:{_BY})\s*(?::\s*|\s[-–—]\s*|\s+)(?P<rest>\S.{{0,150}})$", re.IGNORECASE)
_DASH_NAME = re.compile(r"^[—–]\s*(?P<rest>\S.{0,80})$")

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
    return _parts_line([p for p in _PARTS.split(text) if p.strip(" ,")])


def _parts_line(parts: list[str]) -> tuple[bool, str]:
    """meta_line for a line in parts: "Jordan Reyes · 3 March 2024 · 6 min read", "NAME · Follow"."""
    if not parts:
        return False, ""
    author, dated, names = "", False, []
    for part in parts:
        part = part.strip(" ,")
        if is_date(part) or READING.match(part):
            dated = True
        elif _BUTTON.match(part):  # a platform's buttons beside the name: "NAME · Follow"
            dated = dated or part.lower().startswith("follow")
        elif (name := byline_name(part)) is not None:
            author = author or name
        elif looks_like_name(part, alone=True):
            names.append(part)
        else:
            return False, ""
    if not (dated or author):  # a bare name needs a date or a "by" beside it to be a byline
        return False, ""
    return True, author or (names[0] if names else "")


# Blog platforms' buttons and counters in a byline (Medium, Substack): "Follow", "212" claps, "Listen"
_BUTTON = re.compile(
    r"^(?:follow|following|listen|share|subscribe|save|member-only story|--|[-–—]|\d[\d.,]*\s*[km]?)$", re.IGNORECASE
)


def is_chrome(text: str) -> bool:
    """Whether a line is only a platform's buttons and counters ("Listen", "Share", "212 · 3")."""
    parts = [p.strip(" ,") for p in _PARTS.split(_plain(text)) if p.strip(" ,")]
    return bool(parts) and all(_BUTTON.match(p) for p in parts)


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


def in_page_title(title: str) -> str:
    """The author a page's <title> names after the article's title, as Substack's do: "TITLE - by NAME"."""
    parts = re.split(r"\s+[-–—|·]\s+", title)
    name = (byline_name(parts[-1]) or "") if len(parts) > 1 else ""
    return name if " " in name else ""  # "… - by Design" names no one


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
    at = next((i for i, b in enumerate(blocks[1:4], start=1) if b.kind != "media"), 1)  # past an avatar
    if len(blocks) < at + 2 or blocks[0].kind != "heading" or blocks[at].kind != "para":
        return blocks
    text = blocks[at].text
    if not any(b.kind == "heading" for b in blocks[2:]):  # the article's only heading is a section
        return blocks
    if meta_line(text)[0] or (is_name(text) and text[-1].isalpha()) or (BOILERPLATE.search(text) and len(text) < 80):
        return blocks[1:]
    return blocks
