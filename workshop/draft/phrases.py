"""The drafter's own words for the room (opening, prompts, polls, closing) in English, German,
Spanish and French, and the article's language when it does not say: a draft's questions should
read as questions in the language of the article they come from. Facilitator notes and CHECK
comments, which a person rewrites or deletes, stay in English.

Every text here is a whole sentence with named places ({heading}, {title}); nothing is assembled
from fragments. The texts themselves are in draft/phrases.toml, a table a language.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Phrases:
    """The drafter's words in one language: each field's named places are in its comment."""

    opening_title: str
    opening: str  # {title}, {by}
    by: str  # {author}
    listing: str
    stand: str  # {heading}: the discussion question for a heading that does not ask one
    endings: tuple[str, ...]
    today_title: str  # {label}
    today: str  # {heading}: where the team stands today, as a scale question
    today_asked: str  # the same after a heading that ends as a sentence does (? ! …)
    today_plain: str  # without the heading (one that mentions a fist, say)
    scale_prompt: str
    labels: tuple[str, str]
    focus_title: str
    focus_question: str
    dots_prompt: str  # {budget}, {cap}
    single_prompt: str
    closing_title: str
    closing: str
    summary: str  # {n}, {title}
    summary_one: str  # {title}


def _read(path: Path) -> dict[str, Phrases]:
    """The words of each language in a TOML file of tables, one a language (draft/phrases.toml)."""
    tables = tomllib.loads(path.read_text("utf-8"))
    return {
        tag: Phrases(**{**table, "endings": tuple(table["endings"]), "labels": tuple(table["labels"])})
        for tag, table in tables.items()
    }


PHRASES = _read(Path(__file__).with_name("phrases.toml"))


def phrases(language: str) -> Phrases:
    """The drafter's words in `language` (a tag such as "de-AT"), English where it has none."""
    return PHRASES.get(language.split("-")[0].lower(), PHRASES["en"])


def asks(text: str) -> bool:
    """Whether a heading is a question, so it is asked as it is."""
    return text.rstrip().endswith(("?", "？", "؟"))


def ends_sentence(text: str) -> bool:
    """Whether a heading ends as a sentence does (a question, "!" or "…"): nothing is put after it but a
    new sentence."""
    return asks(text) or text.rstrip().endswith(("!", "！", "…", "."))


# Words that are common in one of the four languages and rare in the others (and in Italian and Portuguese).
_WORDS = {
    "en": {
        "the",
        "and",
        "of",
        "to",
        "is",
        "that",
        "with",
        "for",
        "are",
        "this",
        "you",
        "be",
        "have",
        "not",
        "they",
        "what",
        "we",
        "our",
        "it",
    },
    "de": {
        "der",
        "die",
        "das",
        "und",
        "ist",
        "nicht",
        "mit",
        "sich",
        "ein",
        "eine",
        "zu",
        "auf",
        "für",
        "wir",
        "sie",
        "den",
        "dem",
        "auch",
        "ich",
        "wird",
        "sind",
    },
    "es": {
        "el",
        "los",
        "las",
        "y",
        "es",
        "del",
        "pero",
        "muy",
        "también",
        "está",
        "están",
        "porque",
        "cuando",
        "hay",
        "sus",
        "más",
        "ya",
    },
    "fr": {
        "le",
        "les",
        "et",
        "est",
        "des",
        "une",
        "pour",
        "dans",
        "pas",
        "qui",
        "sur",
        "nous",
        "vous",
        "au",
        "ce",
        "sont",
        "avec",
        "être",
        "aux",
        "cette",
        "ne",
    },
}


def guess_language(text: str) -> str:
    """ "en", "de", "es" or "fr" from the article's common words, or "" when too little says which."""
    words = [w.lower() for w in re.findall(r"[^\W\d_]+", text[:20000])]
    counts = Counter(words)
    scores = sorted(((sum(counts[w] for w in common), tag) for tag, common in _WORDS.items()), reverse=True)
    (best, tag), (second, _) = scores[0], scores[1]
    # these words are a fifth of a text in its language; under a twelfth, it is another language (Italian, say)
    # a short article: fewer such words, but none of another language's
    enough = best >= 12 or (best >= 6 and second == 0)
    return tag if enough and best * 12 >= len(words) and best >= 2 * second else ""
