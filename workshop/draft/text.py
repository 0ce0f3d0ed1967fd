"""Text helpers for the drafter: one-line cleaning, sentences, shortening, and the word lists its
guesses rely on (boilerplate, names). The stop words that name a part are in draft/keywords.py."""

from __future__ import annotations

import re

from workshop.draft.titles import shorten as shorten  # where the drafter has always found it

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")
_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
BOILERPLATE = re.compile(
    r"all rights reserved|©|\(c\)\s*\d{4}|\bcopyright\b|cookie|we use cookies|privacy policy|terms of (use|service)"
    r"|\bsubscribe\b|newsletter|sign up for|sign in|log in to|\bshare (this|on)\b|follow us|\btweet\b"
    r"|be the first to comment|leave a comment|\d+ comments?$|^comments?$|recommended (further )?reading"
    r"|^related( articles| posts| reading)?:?$|^read more|^advertisement$|registered office|registered in england"
    r"|is part of the .* division|>>>|^skip to (main )?content|^back to top|^(home|menu|search)$"
    # blog platforms' buttons and counters, alone in a block (Medium, Substack, WordPress, LinkedIn)
    r"|^(follow|following|listen|share|like|reply|clap|save|open in app|write|sign up|subscribe now|[-–—·•|]+)$"
    r"|^\d[\d.,]*\s*k?\s+(followers?|likes?|claps?|comments?|shares?|responses?|subscribers?)$"
    r"|^(more from|recommended from)\s.{0,60}$",
    re.IGNORECASE,
)
NOT_A_POINT = re.compile(
    r"^(introduction|intro|background|overview|conclusions?|in conclusion|summary|in summary|final thoughts?"
    r"|wrapping up|references|sources|notes|further reading|about the authors?|about us|related|contents"
    r"|table of contents|footnotes|acknowl?edge?ments|bio|author bio)\W*$",
    re.IGNORECASE,
)
_NAME = re.compile(r"^[A-Z][\w’'.\-]*(?:\s+(?:[A-Z][\w’'.\-]*|van|von|de|da|del|der|la|le|du|and|&))*$")
_NAME_STOP = {
    "the",
    "a",
    "an",
    "why",
    "how",
    "what",
    "when",
    "our",
    "your",
    "my",
    "we",
    "you",
    "leaders",
    "leadership",
    "article",
    "customer",
    "service",
    "experience",
    "home",
    "news",
    "blog",
    "contents",
    "introduction",
    "summary",
    "conclusion",
    "team",
    "teams",
    "update",
    "updated",
    "share",
    "menu",
    "more",
    "to",
    "for",
    "of",
    "in",
    "on",
    "with",
    "at",
    "is",
    "are",
    "steps",
    "ways",
    "tips",
    "lessons",
    "traits",
    "new",
    "best",
    "better",
}
# A sentence ends at . ! ? before a capital (Latin scripts), or right after 。！？ (Chinese, Japanese).
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[„]?[A-Z0-9À-ÖØ-Þ])|(?<=[。！？])")


def clean_text(text: str) -> str:
    """One line: control and invisible characters dropped, runs of spaces made one space."""
    return _SPACE.sub(" ", _CONTROL.sub("", text.replace("\n", " "))).strip()


# A title before a name ends no sentence: "Dr. Smith says …" is one.
TITLES = r"(?:Dr|Mr|Mrs|Ms|Mx|Prof|St|Jr|Sr|vs)\."
_TITLE_AT_END = re.compile(rf"\b{TITLES}$")


def sentences(text: str) -> list[str]:
    found: list[str] = []
    for piece in (s.strip() for s in _SENTENCE_END.split(text)):
        if found and _TITLE_AT_END.search(found[-1]):
            found[-1] = f"{found[-1]} {piece}".strip()
        elif piece:
            found.append(piece)
    return [s for s in found if s]


def spaced(text: str) -> bool:
    """Whether the text separates its words with spaces (not so in Chinese, Japanese or Thai)."""
    return text.count(" ") * 25 >= len(text)


def opening(sentence: str, words: int) -> str:
    """The first `words` words of a sentence, and an ellipsis when there is more (for scripts without
    spaces, two characters a word): enough to find the place in the article, never all of it."""
    if not spaced(sentence):
        return sentence if len(sentence) <= words * 2 else sentence[: words * 2] + "…"
    split = sentence.split()
    return " ".join(split[:words]) + ("…" if len(split) > words else "")


def title_like(text: str) -> bool:
    """A short standalone line that reads as a heading: no closing full stop, starts with a capital."""
    words = text.split()
    if not 2 <= len(words) <= 14 or len(text) > 100:
        return False
    if text[-1] in ".,;:!" or text.endswith("…"):
        return False
    first = text.lstrip("\"'“‘„«¿¡(*_")[:1]
    return first.isupper() or first.isdigit()


def is_name(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 5 or len(text) > 60 or not _NAME.match(text):
        return False
    return not any(w.lower().strip(".,") in _NAME_STOP for w in words)
