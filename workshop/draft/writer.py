"""Write an Article's points as module TOML by hand, so that the draft can carry `# CHECK:` comments.

The draft never copies the article's sentences: a point keeps its heading, and its prompt and notes
carry at most a few words of a sentence, marked for rewording. The drafter's own text for the room
(opening, prompts, polls, closing) is in the article's language when it is English, German, Spanish
or French (draft/phrases.py), English otherwise; notes and CHECK comments are English. Every draft
passes `workshop validate --practice --strict --draft`: dots and caps as multivoting advises, a rating
cast on a screen, and no minutes from the article that the step's own minutes contradict.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Callable

from workshop.content.quotes import QUOTE, contradictions
from workshop.draft.article import Article
from workshop.draft.phrases import PHRASES, Phrases, asks, ends_sentence, phrases
from workshop.draft.points import Point
from workshop.draft.points import summary as section_summary
from workshop.draft.text import clean_text, opening, sentences, shorten, spaced

OPTION_LIMIT = 60  # characters in a poll option
TITLE_LIMIT = 100
HEADING_LIMIT = 70
HINT_WORDS = 6  # words of a point's first sentence kept in the notes, to be reworded
SCALE_RANGE = (3, 7)  # point counts that get one scale poll each
OPENING_MINUTES = 3


# ------------------------------------------------------------------------------------ TOML text

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

    def step(
        self,
        ids: _Ids,
        *,
        wanted: str,
        fallback: str,
        title: str,
        kind: str,
        minutes: int,
        prompt: str,
        notes: str = "",
        checks: dict[str, str] | None = None,
    ) -> str:
        checks = checks or {}
        step_id = ids.take(wanted, fallback)
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


def _fitting(texts: Callable[[bool], tuple[str, str]], minutes: int) -> tuple[str, str]:
    """A step's prompt and notes; when the article's words in them quote minutes that the step
    contradicts ("after 30 minutes", for `validate --practice` a timing of this step), the same texts
    without those words (`texts(True)`)."""
    prompt, notes = texts(False)
    if any(contradictions(prompt, minutes)) or any(contradictions(notes, minutes)):
        prompt, notes = texts(True)
    return prompt, notes


def _words(text: str, safe: bool) -> str:
    """The article's words, or nothing when `safe` and they mention minutes."""
    return "" if safe and QUOTE.search(text) else text


def write_module(article: Article, found: tuple[list[Point], str, int], *, source_name: str = "") -> str:
    title = shorten(clean_text(article.title), TITLE_LIMIT) or "Untitled article"
    points, found_by, more = found
    headings = [shorten(clean_text(p.heading), HEADING_LIMIT) or f"Point {n}" for n, p in enumerate(points, start=1)]
    labels = _labels(headings)
    n = len(points)
    say = phrases(article.language)
    ids = _Ids()
    body = _Out()

    # opening
    author = clean_text(article.author)

    def opening_texts(safe: bool) -> tuple[str, str]:
        listing = "\n".join(f"- {h}" for h in headings if _words(h, safe))
        by = say.by.format(author=author) if _words(author, safe) else ""
        named = _words(title, safe) or "…"
        return (
            say.opening.format(title=named, by=by) + (f"\n\n{say.listing}\n\n{listing}\n" if listing else ""),
            "Say in a sentence or two, in your own words, why you chose this article for this group.",
        )

    prompt, notes = _fitting(opening_texts, OPENING_MINUTES)
    body.step(
        ids,
        wanted="opening",
        fallback="opening",
        title=say.opening_title,
        kind="talk",
        minutes=OPENING_MINUTES,
        prompt=prompt,
        notes=notes,
        checks={
            "title": "the opening's title and prompt are placeholders; write your own.",
            "minutes": "minutes for the opening.",
        },
    )

    scale_polls = SCALE_RANGE[0] <= n <= SCALE_RANGE[1]
    for number, (point, heading) in enumerate(zip(points, headings, strict=True)):  # a heading per point
        ending = say.endings[number % len(say.endings)]
        minutes = _minutes(point)

        def point_texts(
            safe: bool, point: Point = point, heading: str = heading, ending: str = ending
        ) -> tuple[str, str]:
            hint = _words(opening((sentences(point.body) or [""])[0], HINT_WORDS), safe)
            shown = _words(heading, safe)
            question = (shown if asks(shown) else say.stand.format(heading=shown)) if shown else ""
            notes = f"The article's point, in brief: {shown}" + ("" if ends_sentence(shown) else ".") if shown else ""
            if heading != clean_text(point.heading):
                full = _words(clean_text(point.heading), safe)
                notes = f"The article's heading in full: {full}" if full else notes
            if hint:
                notes += ("\n\n" if notes else "") + (
                    f'It opens with "{hint}" Read that part of the article again and say it in your own words.'
                )
            brief = section_summary(point, safe)
            return " ".join(filter(None, (question, ending))) + (f"\n\n{brief}" if brief else ""), notes

        prompt, notes = _fitting(point_texts, minutes)
        notes_check = "write this in your own words (never the article's sentences)."
        if point.generated:
            notes_check = (
                "the drafter found no heading here and named this part by its frequent words; "
                "write this in your own words."
            )
        point_id = body.step(
            ids,
            wanted=heading if not point.generated else f"part-{number + 1}",
            fallback=f"point-{number + 1}",
            title=heading,
            kind="discuss",
            minutes=minutes,
            prompt=prompt,
            notes=notes,
            checks={
                "title": "the title is the article's heading; make it yours (short, and not a copied sentence)."
                if not point.generated
                else "a made-up title for this part of the article; name it yourself.",
                "minutes": "minutes proposed from the length of this point in the article.",
                "prompt": "a discussion prompt with a summary to reword: make both fit this point and this group"
                " (never the article's sentences).",
                "notes": notes_check,
            },
        )
        if scale_polls:
            _scale_poll(
                body,
                ids,
                say,
                f"{point_id[:30].rstrip('-')}-today",
                f"point-{number + 1}-today",
                say.today_title.format(label=labels[number]),
                heading,
            )

    if n >= 2:
        _focus_poll(body, ids, say, labels)
    else:
        _scale_poll(body, ids, say, "today", "today", say.today_title.format(label=shorten(title, 50)), title)

    body.step(
        ids,
        wanted="one-thing",
        fallback="one-thing",
        title=say.closing_title,
        kind="notes",
        minutes=4,
        prompt=say.closing,
        checks={"prompt": "the closing prompt; make it fit this module.", "minutes": "minutes for the closing."},
    )

    module_id = slug(title, 48) or slug(article.stem, 48) or "draft"
    summary = say.summary.format(n=n, title=title) if n >= 2 else say.summary_one.format(title=title)
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
        *_language(article.language, article.language_guessed),
        "",
        "[source]",
        "# CHECK: the article's exact title" + (" (guessed from the file name)" if article.title_guessed else "") + ".",
        f"title = {toml_string(clean_text(article.title) or title)}",
        "# CHECK: the author"
        + (
            " as found in the article."
            if article.author
            else ' was not found; write "not named" only if the article does not say.'
        ),
        f"author = {toml_string(clean_text(article.author) or 'not named')}",
        '# CHECK: the publisher ("not named" when the article does not say), and add url = "...".',
        'publisher = "not named"',
    ]
    return "\n".join(head + body.lines) + "\n"


def _comment(text: str) -> str:
    """Text that is safe inside a TOML comment: one line, no control characters."""
    return "".join(ch for ch in clean_text(text) if ch.isprintable())


def _scale_poll(body: _Out, ids: _Ids, say: Phrases, wanted: str, fallback: str, title: str, topic: str) -> None:
    """Where the group stands today on `topic`, a 0-5 rating cast on each person's own screen (not a
    show of hands, and never called a fist: that is a consent check)."""
    if "fist" in topic.casefold():
        question = say.today_plain
    else:
        question = (say.today_asked if ends_sentence(topic) else say.today).format(heading=topic)
    body.step(
        ids,
        wanted=wanted,
        fallback=fallback,
        title=title,
        kind="poll",
        minutes=3,
        prompt=say.scale_prompt,
        checks={"title": "poll wording: the question, the title and the labels.", "minutes": "minutes for the poll."},
    )
    low, high = say.labels
    body.add(
        "",
        "[steps.poll]",
        f"question = {toml_string(question)}",
        'vote = "scale"',
        "anonymous = true",
        "min = 0",
        "max = 5",
        f"labels = {{ 0 = {toml_string(low)}, 5 = {toml_string(high)} }}",
    )


def _focus_poll(body: _Out, ids: _Ids, say: Phrases, labels: list[str]) -> None:
    """Which point to work on first: dots for four points or more, a third as many dots as points
    (at most half of them on one), as multivoting advises (`validate --practice`); one choice for
    two or three points, where even one dot would be a third of them."""
    count = len(labels)
    budget = math.ceil(count / 3)
    dots = budget >= 2
    cap = max(1, budget // 2)
    body.step(
        ids,
        wanted="first-focus",
        fallback="first-focus",
        title=say.focus_title,
        kind="poll",
        minutes=5,
        prompt=say.dots_prompt.format(budget=budget, cap=cap) if dots else say.single_prompt,
        checks={
            "title": "poll wording: the question, and options short enough to read at a glance.",
            "minutes": "minutes for the poll and a short debrief.",
        },
    )
    options = ", ".join(toml_string(label) for label in labels)
    body.add(
        "",
        "[steps.poll]",
        f"question = {toml_string(say.focus_question)}",
        'vote = "dots"' if dots else 'vote = "single"',
        'reveal = "on-close"',
        *([f"budget = {budget}", f"cap = {cap}"] if dots else []),
        f"options = [{options}]",
    )


def _language(tag: str, guessed: bool) -> list[str]:
    if not tag:
        return []
    if guessed:
        check = "# CHECK: the article's language, guessed from its words; the room's text is written in it"
    elif phrases(tag) is PHRASES["en"] and not tag.lower().startswith("en"):
        check = (
            "# CHECK: the article's language; the drafter's own text (opening, polls, closing) is English: translate it"
        )
    else:
        check = "# CHECK: the article's language; the room's text is written in it, the notes are in English"
    return ([] if tag.lower().startswith("en") else [check]) + [f"language = {toml_string(tag)}"]
