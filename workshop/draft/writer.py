"""Write an Article's points as module TOML by hand, so that the draft can carry `# CHECK:` comments.

The draft never copies the article's sentences: a point keeps its heading, and its prompt and notes
carry at most a few words of a sentence, marked for rewording. The drafter's own text for the room
(opening, prompts, polls, closing) is in the article's language when it is English, German, Spanish
or French (draft/phrases.py), English otherwise; notes and CHECK comments are English. Every draft
passes `workshop validate --practice --strict --draft`: dots and caps as multivoting advises, a rating
cast on a screen, and no minutes from the article that the step's own minutes contradict.
"""

from __future__ import annotations

from collections.abc import Callable

from workshop.content.quotes import QUOTE, contradictions
from workshop.draft.article import Article
from workshop.draft.phrases import PHRASES, asks, ends_sentence, phrases
from workshop.draft.points import Point
from workshop.draft.points import summary as section_summary
from workshop.draft.polls import focus_poll, option_labels, scale_poll
from workshop.draft.text import clean_text, opening, sentences, shorten, spaced
from workshop.draft.toml_text import Steps, comment, slug, toml_string

TITLE_LIMIT = 100
HEADING_LIMIT = 70
HINT_WORDS = 6  # words of a point's first sentence kept in the notes, to be reworded
SCALE_RANGE = (3, 7)  # point counts that get one scale poll each
OPENING_MINUTES = 3


# ------------------------------------------------------------------------------------ the draft


def _minutes(point: Point) -> int:
    words = len(point.body.split()) if spaced(point.body) else len(point.body) // 2  # about 2 characters a word
    return 5 if words < 60 else 6 if words < 150 else 7 if words < 300 else 8


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
    labels = option_labels(headings)
    n = len(points)
    say = phrases(article.language)
    body = Steps()

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
        "opening",
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
            heading if not point.generated else f"part-{number + 1}",
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
            scale_poll(
                body,
                say,
                f"{point_id[:30].rstrip('-')}-today",
                f"point-{number + 1}-today",
                say.today_title.format(label=labels[number]),
                heading,
            )

    if n >= 2:
        focus_poll(body, say, labels)
    else:
        scale_poll(body, say, "today", "today", say.today_title.format(label=shorten(title, 50)), title)

    body.step(
        "one-thing",
        title=say.closing_title,
        kind="notes",
        minutes=4,
        prompt=say.closing,
        checks={"prompt": "the closing prompt; make it fit this module.", "minutes": "minutes for the closing."},
    )

    module_id = slug(title, 48) or slug(article.stem, 48) or "draft"
    summary = say.summary.format(n=n, title=title) if n >= 2 else say.summary_one.format(title=title)
    # the source file's own name, its folders left out whichever slash the path was written with
    origin = " from " + comment(source_name.replace("\\", "/").rsplit("/", 1)[-1]) if source_name else ""
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
        "# CHECK: the publisher"
        + (" as found in the article" if article.publisher else ' ("not named" when the article does not say)')
        + ', and add url = "...".',
        f"publisher = {toml_string(clean_text(article.publisher) or 'not named')}",
    ]
    return "\n".join(head + body.lines) + "\n"


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
