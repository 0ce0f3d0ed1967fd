"""Front matter: what a Markdown article says about itself before its text.

YAML between `---` lines (markdown-it's front matter plugin finds it) and TOML between `+++` lines.
Only a few fields matter to a draft (title, author or authors, language, publisher), so the YAML is read by
hand: plain (over several lines too), quoted (with escapes) and block scalars (`>-`, `|`), inline and
block lists, and an author given as a mapping (`name:`), after anchors, aliases, merge keys and tags
are resolved (draft/yaml_refs.py). A full YAML parser is not worth a dependency for that (README).
"""

from __future__ import annotations

import html
import re
import tomllib

from workshop.draft.yaml_refs import resolve

_KEY = re.compile(r"^(\"[^\"\n]*\"|'[^'\n]*'|[A-Za-z_][\w.-]*)\s*:(?:\s+|$)(.*)$")  # a key, plain or quoted
_AUTHOR_KEYS = ("author", "authors", "creator", "creators")
_NAMED = (*_AUTHOR_KEYS, "publisher", "site")  # a person or a publisher: a name, or a mapping with `name:`
# The same fields named in German, Spanish or French
_ALIASES = {
    "titel": "title",
    "título": "title",
    "titulo": "title",
    "titre": "title",
    "autor": "author",
    "autora": "author",
    "autorin": "author",
    "auteur": "author",
    "autrice": "author",
    "verfasser": "author",
    "autoren": "authors",
    "autores": "authors",
    "auteurs": "authors",
    "verlag": "publisher",
    "herausgeber": "publisher",
    "éditeur": "publisher",
    "editeur": "publisher",
    "sprache": "lang",
    "idioma": "lang",
    "langue": "lang",
}


_ESCAPES = {"n": "\n", "t": "\t", "_": "\u00a0", "N": "\u0085", "L": "\u2028", "P": "\u2029", "0": "\0", "e": "\x1b"}
_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)", re.DOTALL)


def _unescaped(match: re.Match[str]) -> str:
    """A double-quoted string's escape as YAML reads it ("\\u00e9" is é); controls are dropped later."""
    code = match.group(1)
    if len(code) > 1:
        return chr(number) if (number := int(code[1:], 16)) <= 0x10FFFF else ""
    return _ESCAPES.get(code, code if code in '"\\/ \t' else "\ufffd")


def _scalar(value: str) -> str:
    """One YAML scalar as text: quotes taken off ('' inside single quotes is one ', escapes in double
    quotes read), a comment dropped, and a null (~, null) nothing."""
    value = value.strip()
    if value[:1] == '"' and (end := _closing(value, '"')) > 0:
        return _ESCAPE.sub(_unescaped, value[1:end])
    if value[:1] == "'" and (end := _closing(value, "'")) > 0:
        return value[1:end].replace("''", "'")
    value = re.sub(r"\s+#.*$", "", value).strip()
    return "" if value in ("~", "null", "Null", "NULL") else value


def _closing(value: str, quote: str) -> int:
    index = 1
    while index < len(value):
        if value[index] == "\\" and quote == '"':
            index += 2
            continue
        if value[index] == quote:
            if quote == "'" and value[index + 1 : index + 2] == "'":
                index += 2
                continue
            return index
        index += 1
    return -1


def _inline_list(value: str) -> list[str]:
    """`[a, "b, c", d]` as its items."""
    items = re.findall(r"\"(?:[^\"\\]|\\.)*\"|'(?:[^']|'')*'|[^,\[\]]+", value.strip()[1:-1])
    return [v for v in (_scalar(item) for item in items) if v]


def _inline_map(value: str) -> dict[str, str]:
    """`{ name: A, url: b }` as its keys and values (no nesting)."""
    found: dict[str, str] = {}
    for part in re.findall(r"([\w-]+)\s*:\s*(\"(?:[^\"\\]|\\.)*\"|'(?:[^']|'')*'|[^,}]*)", value):
        found.setdefault(part[0].lower(), _scalar(part[1]))
    return found


def _person(value: str | dict[str, str]) -> str:
    if isinstance(value, dict):
        return value.get("name") or " ".join(
            p for p in (value.get("given") or value.get("first", ""), value.get("family") or value.get("last", "")) if p
        )
    if value.startswith("{"):
        return _person(_inline_map(value))
    return value


def yaml_fields(text: str) -> dict[str, str]:
    """The top-level fields of YAML front matter as text; a list of authors as one line, "A, B"."""
    found: dict[str, str] = {}
    lines = resolve(text)  # anchors, aliases, merges and tags as a YAML reader resolves them
    index = 0
    while index < len(lines):
        m = _KEY.match(lines[index])
        index += 1
        if not m:
            continue
        name = _scalar(m.group(1)).lower()
        key, value = _ALIASES.get(name, name), m.group(2).strip()
        below: list[str] = []  # the indented lines under the key: a block scalar, list or mapping
        while index < len(lines) and (not lines[index].strip() or lines[index][:1] in (" ", "\t", "-")):
            below.append(lines[index])
            index += 1
        if value[:1] in ("|", ">"):
            joiner = "\n" if value[:1] == "|" else " "
            text_value = joiner.join(line.strip() for line in below if line.strip())
        elif value.startswith("["):
            text_value = ", ".join(_person(v) for v in _inline_list(value))
        elif value.startswith("{"):
            text_value = _person(value) if key in _NAMED else ""
        elif value:  # a scalar, which may go on over the indented lines under it
            more = [line.strip() for line in below if line[:1] in (" ", "\t") and not line.lstrip().startswith("#")]
            unclosed = value[:1] not in "\"'" or _closing(value, value[0]) < 0  # plain, or a quote not closed
            text_value = _scalar(" ".join([value, *more]) if more and unclosed else value)
        else:
            text_value = _block(below, key in _NAMED)
        if text_value and key not in found:
            found[key] = _tidy(text_value, key in _NAMED)
    return found


def _tidy(value: str, people: bool) -> str:
    """Entities written out ("&amp;"), and an author's e-mail or web address left off: "Name <a@b.c> (https://…)"."""
    value = html.unescape(value)
    if people:
        value = re.sub(r"\s*<[^<>]*>|\s*\((?:https?://|mailto:|www\.)[^()]*\)", "", value)
    return value.strip()


def _block(below: list[str], people: bool) -> str:
    """A block list ("- A" lines, or "- name: A" mappings) or, for an author, a mapping with `name:`."""
    items: list[str] = []
    mapping: dict[str, str] = {}
    for line in below:
        stripped = line.strip()
        if stripped.startswith("- ") or stripped == "-":
            entry = stripped[1:].strip()
            if m := _KEY.match(entry):
                mapping = {m.group(1).lower(): _scalar(m.group(2))}
                items.append(_person(mapping) if people else "")
            elif entry:
                items.append(_person(_scalar(entry)) if not entry.startswith("[") else "")
        elif m := _KEY.match(stripped):
            mapping.setdefault(m.group(1).lower(), _scalar(m.group(2)))
            if items and not items[-1] and people:
                items[-1] = _person(mapping)
    if not items and people and mapping:
        return _person(mapping)
    return ", ".join(i for i in items if i) if people else (items[0] if items else "")


def toml_front(text: str) -> tuple[dict[str, str], str] | None:
    """`+++` TOML front matter: its fields and the text after it, or None when there is none."""
    m = re.match(r"\+\+\+[ \t]*\n(.*?\n)?\+\+\+[ \t]*(?:\n|$)", text, re.DOTALL)
    if not m:
        return None
    try:
        data = tomllib.loads(m.group(1) or "")
    except tomllib.TOMLDecodeError:
        data = {}
    found: dict[str, str] = {}
    for name, value in data.items():
        key = _ALIASES.get(name.lower(), name.lower())
        if isinstance(value, str):
            found.setdefault(key, _tidy(value, key in _AUTHOR_KEYS))
        elif isinstance(value, list) and key in _AUTHOR_KEYS:
            names = [
                _person({k.lower(): str(x) for k, x in v.items()}) if isinstance(v, dict) else str(v) for v in value
            ]
            found.setdefault(key, ", ".join(n for n in names if n))
        elif isinstance(value, dict) and key in _NAMED:
            found.setdefault(key, _person({k.lower(): str(x) for k, x in value.items()}))
    return found, text[m.end() :]
