"""TOML text for a drafted module: strings, ids, safe comments, and steps written line by line.

The drafter writes TOML by hand (draft/writer.py) so that it can put `# CHECK:` comments between keys.
"""

from __future__ import annotations

import json
import re
import unicodedata

from workshop.draft.text import clean_text

# TOML's basic strings escape as JSON does; C1 controls are escaped too, so that no editor or
# terminal showing the draft meets a raw control character from the article.
_C1 = {code: f"\\u{code:04X}" for code in range(0x7F, 0xA0)}


def toml_string(text: str) -> str:
    """A TOML basic string, or a multi-line one when the text has line breaks."""
    lines = [json.dumps(line, ensure_ascii=False)[1:-1].translate(_C1) for line in text.split("\n")]
    return '"""\n' + "\n".join(lines) + '"""' if len(lines) > 1 else f'"{lines[0]}"'


# Letters NFKD does not take apart into a Latin letter and a mark.
_LATIN = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "þ": "th",
        "Þ": "th",
        "ı": "i",
    }
)


def slug(text: str, limit: int = 40) -> str:
    """An id from Latin letters and digits (accents dropped); empty for other scripts, which get a number."""
    plain = unicodedata.normalize("NFKD", text.translate(_LATIN)).encode("ascii", "ignore").decode("ascii").lower()
    plain = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
    if len(plain) > limit:
        plain = plain[:limit]
        if "-" in plain[limit // 2 :]:
            plain = plain[: plain.rindex("-")]
        plain = plain.strip("-")
    return plain


class Ids(list):
    def take(self, wanted: str, fallback: str) -> str:
        base = slug(wanted) or fallback
        candidate, n = base, 2
        while candidate in self:
            candidate, n = f"{base}-{n}", n + 1
        self.append(candidate)
        return candidate


class Steps:
    """The `[[steps]]` tables of a draft, the ids they took, and the sum of their minutes."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.ids = Ids()
        self.minutes = 0

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def step(
        self,
        wanted: str,
        *,
        fallback: str = "",
        title: str,
        kind: str,
        minutes: int,
        prompt: str,
        notes: str = "",
        checks: dict[str, str] | None = None,
    ) -> str:
        """A step's table, its id from `wanted` (`fallback`, else `wanted`, where that gives none) and
        a CHECK comment before each key `checks` names; the id it took."""
        checks = checks or {}
        step_id = self.ids.take(wanted, fallback or wanted)
        self.minutes += minutes
        self.add("", "[[steps]]", f"id = {toml_string(step_id)}")
        for key, value in (
            ("title", title),
            ("kind", kind),
            ("minutes", minutes),
            ("prompt", prompt),
            ("notes", notes),
        ):
            if key == "notes" and not value:
                continue
            if key in checks:
                self.add(f"# CHECK: {checks[key]}")
            self.add(f"{key} = {value}" if isinstance(value, int) else f"{key} = {toml_string(value)}")
        return step_id

    def poll(self, question: str, *lines: str) -> None:
        """The `[steps.poll]` table of the step written last: its question, then `lines`."""
        self.add("", "[steps.poll]", f"question = {toml_string(question)}", *lines)


def comment(text: str) -> str:
    """Text that is safe inside a TOML comment: one line, no control characters."""
    return "".join(ch for ch in clean_text(text) if ch.isprintable())
