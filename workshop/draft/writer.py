"""Write an Article's points as module TOML by hand, so that the draft can carry `# CHECK:` comments.

The draft never copies the article's sentences: a point keeps its heading, and its prompt and notes
carry at most a few words of a sentence, marked for rewording. The drafter's own text (opening,
polls, closing, comments) is English: no template for another language exists yet.
"""

from __future__ import annotations

import json
import re
import unicodedata

from workshop.draft.article import Article
from workshop.draft.points import Point
from workshop.draft.points import summary as section_summary
from workshop.draft.text import clean_text, opening, sentences, shorten, spaced

OPTION_LIMIT = 60  # characters in a poll option
TITLE_LIMIT = 100
HEADING_LIMIT = 70
HINT_WORDS = 6  # words of a point's first sentence kept in the notes, to be reworded
SCALE_RANGE = (3, 7)  # point counts that get one scale poll each and a dots poll
DOTS_BUDGET = 3

_PROMPT_ENDINGS = (
    "Share one example from your own team, and one thing you would change.",
    "What does it look like on our floor today, and what gets in the way?",
    "Where have you seen this work, and where has it gone wrong?",
    "What would change for our agents if we took this seriously?",
)


# ------------------------------------------------------------------------------------ TOML text

# TOML's basic strings escape as JSON does; C1 controls are escaped too, so that no editor or
# terminal showing the draft meets a raw control character from the article.
_C1 = {code: f"\\u{code:04X}" for code in range(0x7F, 0xA0)}


def toml_string(text: str) -> str:
    """A TOML basic string, or a multi-line one when the text has line breaks."""
    lines = [json.dumps(line, ensure_ascii=False)[1:-1].translate(_C1) for line in text.split("\n")]
    return '"""\n' + "\n".join(lines) + '"""' if len(lines) > 1 else f'"{lines[0]}"'


# Letters NFKD does not take apart into a Latin letter and a mark.
_LATIN = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o", "ł": "l",
                        "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "þ": "th", "Þ": "th", "ı": "i"})


def slug(text: str, limit: int = 40) -> str:
    """An id from Latin letters and digits (accents dropped); empty for other scripts, which get a number."""
    plain = unicodedata.normalize("NFKD", text.translate(_LATIN)).encode("ascii", "ignore").decode("ascii").lower()
    plain = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
    if len(plain) > limit:
        plain = plain[:limit]
        if "-" in plain[limit // 2:]:
            plain = plain[: plain.rindex("-")]
        plain = plain.strip("-")
    return plain


class _Ids(list):
    def take(self, wanted: str, fallback: str) -> str:
        base = slug(wanted) or fallback
        candidate, n = base, 2
        while candidate in self:
            candidate, n = f"{base}-{n}", n + 1
        self.append(candidate)
        return candidate


def _labels(headings: list[str]) -> list[str]:
    """Poll options from the headings: short, non-empty, and distinct without case and spaces."""
    labels: list[str] = []
    for number, heading in enumerate(headings, start=1):
        label, n = shorten(heading, OPTION_LIMIT) or f"Point {number}", 2
        while label.casefold() in (seen.casefold() for seen in labels):
            label, n = f"{shorten(heading, OPTION_LIMIT - 4)} ({n})", n + 1
        labels.append(label)
    return labels


# ------------------------------------------------------------------------------------ the draft

def _minutes(point: Point) -> int:
    words = len(point.body.split()) if spaced(point.body) else len(point.body) // 2  # about 2 characters a word
    return 5 if words < 60 else 6 if words < 150 else 7 if words < 300 else 8


class _Out:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.minutes = 0

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def step(self, ids: _Ids, *, wanted: str, fallback: str, title: str, kind: str, minutes: int, prompt: str,
             notes: str = "", checks: dict[str, str] | None = None) -> str:
        checks = checks or {}
        step_id = ids.take(wanted, fallback)
        self.minutes += minutes
        self.add("", "[[steps]]", f"id = {toml_string(step_id)}")
        for key, value in (("title", title), ("kind", kind), ("minutes", minutes), ("prompt", prompt),
                           ("notes", notes)):
            if key == "notes" and not value:
                continue
            if key in checks:
                self.add(f"# CHECK: {checks[key]}")
            self.add(f"{key} = {value}" if isinstance(value, int) else f"{key} = {toml_string(value)}")
        return step_id


def write_module(article: Article, found: tuple[list[Point], str, int], *, source_name: str = "") -> str:
    title = shorten(clean_text(article.title), TITLE_LIMIT) or "Untitled article"
    points, found_by, more = found
    headings = [shorten(clean_text(p.heading), HEADING_LIMIT) or f"Point {n}" for n, p in enumerate(points, start=1)]
    labels = _labels(headings)
    n = len(points)
    ids = _Ids()
    body = _Out()

    # opening
    listing = "\n".join(f"- {h}" for h in headings)
    by = f" by {clean_text(article.author)}" if article.author else ""
    body.step(
        ids, wanted="opening", fallback="opening", title="Why this article", kind="talk", minutes=3,
        prompt=f"Introduce the article \"{title}\"{by}: what it is about, and why it matters to this group today."
               + (f"\n\nWhat we will work through:\n\n{listing}\n" if listing else ""),
        notes="Say in a sentence or two, in your own words, why you chose this article for this group.",
        checks={"title": "the opening's title and prompt are placeholders; write your own.",
                "minutes": "minutes for the opening."},
    )

    scale_polls = SCALE_RANGE[0] <= n <= SCALE_RANGE[1]
    for number, (point, heading) in enumerate(zip(points, headings, strict=True)):  # a heading per point
        ending = _PROMPT_ENDINGS[number % len(_PROMPT_ENDINGS)]
        hint = opening((sentences(point.body) or [""])[0], HINT_WORDS)
        asks = heading.endswith(("?", "？", "؟"))  # the article's own question: ask it as it is
        notes = f"The article's point, in brief: {heading}" + ("" if asks else ".")
        if heading != clean_text(point.heading):
            notes = f"The article's heading in full: {clean_text(point.heading)}"
        if hint:
            notes += f"\n\nIt opens with \"{hint}\" Read that part of the article again and say it in your own words."
        notes_check = "write this in your own words (never the article's sentences)."
        if point.generated:
            notes_check = ("the drafter found no heading here and named this part by its frequent words; "
                           "write this in your own words.")
        question = heading if asks else f"Where do we stand on \"{heading}\"?"
        brief = section_summary(point)
        point_id = body.step(
            ids, wanted=heading if not point.generated else f"part-{number + 1}", fallback=f"point-{number + 1}",
            title=heading, kind="discuss", minutes=_minutes(point),
            prompt=f"{question} {ending}" + (f"\n\n{brief}" if brief else ""),
            notes=notes,
            checks={"title": "the title is the article's heading; make it yours (short, and not a copied sentence)."
                    if not point.generated else "a made-up title for this part of the article; name it yourself.",
                    "minutes": "minutes proposed from the length of this point in the article.",
                    "prompt": "a discussion prompt with a summary to reword: make both fit this point and this group"
                              " (never the article's sentences).",
                    "notes": notes_check},
        )
        if scale_polls:
            _scale_poll(body, ids, f"{point_id[:30].rstrip('-')}-today", f"point-{number + 1}-today",
                        f"Today: {labels[number]}", f"{heading} Where are we today?" if asks else
                        f"Where are we today on {heading}?")

    if n >= 2:
        body.step(
            ids, wanted="first-focus", fallback="first-focus", title="Where to start", kind="poll", minutes=5,
            prompt=f"Spread your {DOTS_BUDGET} dots over the points you would work on first.",
            checks={"title": "poll wording: the question, and options short enough to read at a glance.",
                    "minutes": "minutes for the poll and a short debrief."},
        )
        options = ", ".join(toml_string(label) for label in labels)
        body.add("", "[steps.poll]", f"question = {toml_string('Which of these should we work on first?')}",
                 'vote = "dots"', 'reveal = "on-close"', f"budget = {DOTS_BUDGET}", "cap = 2", f"options = [{options}]")
    else:
        topic = shorten(title, 70)
        _scale_poll(body, ids, "today", "today", "Where are we today?", f"How well does our team do on {topic} today?")

    body.step(
        ids, wanted="one-thing", fallback="one-thing", title="One thing to try", kind="notes", minutes=4,
        prompt="Write one thing you will try with your team this week, based on what we discussed.",
        checks={"prompt": "the closing prompt; make it fit this module.", "minutes": "minutes for the closing."},
    )

    module_id = slug(title, 48) or slug(article.stem, 48) or "draft"
    summary = (f"A discussion of the {n} points of \"{title}\": where we stand on each and which to work on first."
               if n >= 2 else f"A discussion of \"{title}\": where we stand and one thing to try.")
    # the source file's own name, its folders left out whichever slash the path was written with
    origin = " from " + _comment(source_name.replace("\\", "/").rsplit("/", 1)[-1]) if source_name else ""
    head = [
        f"# Drafted by `workshop draft`{origin}: a starting point, not a finished module.",
        "# Every line marked CHECK needs a person: write everything in your own words (never copy the article's",
        "# sentences), set the timings, delete each CHECK line when done. `workshop validate --draft` checks the rest",
        "# meanwhile; `workshop validate` refuses the file while a CHECK line is left.",
        f"# Points found: {n}, from the article's {found_by}."
        + (f" {more} more {'was' if more == 1 else 'were'} left out." if more else ""),
        "",
        "# CHECK: the id and the title; the title should be yours, not the article's.",
        f"id = {toml_string(module_id)}",
        f"title = {toml_string(title)}",
        "# CHECK: write the summary in your own words.",
        f"summary = {toml_string(summary)}",
        f"minutes = {body.minutes}  # the sum of the steps' minutes: update it when you change them",
        *_language(article.language),
        "",
        "[source]",
        "# CHECK: the article's exact title" + (" (guessed from the file name)" if article.title_guessed else "") + ".",
        f"title = {toml_string(clean_text(article.title) or title)}",
        "# CHECK: the author" + (" as found in the article." if article.author else
                                 " was not found; write \"not named\" only if the article does not say."),
        f"author = {toml_string(clean_text(article.author) or 'not named')}",
        "# CHECK: the publisher (\"not named\" when the article does not say), and add url = \"...\".",
        'publisher = "not named"',
    ]
    return "\n".join(head + body.lines) + "\n"


def _comment(text: str) -> str:
    """Text that is safe inside a TOML comment: one line, no control characters."""
    return "".join(ch for ch in clean_text(text) if ch.isprintable())


def _scale_poll(body, ids, wanted: str, fallback: str, title: str, question: str) -> None:
    """A fist-of-five poll step: where the group stands today."""
    body.step(
        ids, wanted=wanted, fallback=fallback, title=title, kind="poll", minutes=3,
        prompt="Show a hand: 0 means not at all, 5 means fully.",
        checks={"title": "poll wording: the question, the title and the labels.",
                "minutes": "minutes for the poll."},
    )
    body.add("", "[steps.poll]", f"question = {toml_string(question)}", 'vote = "scale"', "anonymous = true",
             "min = 0", "max = 5", 'labels = { 0 = "not at all", 5 = "fully" }')


def _language(tag: str) -> list[str]:
    check = "# CHECK: the article's language; the drafter's own text (opening, polls, closing) is English: translate it"
    return ([] if tag.lower().startswith("en") else [check]) + [f"language = {toml_string(tag)}"] if tag else []
