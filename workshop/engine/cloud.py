"""A word cloud of free text (text answers, a brainstorm's ideas): pure and deterministic.

Words are grouped as the text tally groups answers (tally.normalise: case, spacing and trailing
punctuation do not matter), each shown as first written; common words of the session's language
are left out. Each word gets a size from 1 (rare) to 4 (the most frequent), and the layout puts
the largest in the middle, the same for the same words every time, so snapshots are stable.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

from workshop.engine.tally import normalise

MOST = 40  # words in a cloud; the rest are too rare to read

# not translated: stop words, each list in its own language
_COMMON = {
    "en": """a about after all also am an and any are as at be because been but by can could did do does
        for from get had has have he her his how i if in into is it its just let like many me more most
        much my no not now of on one only or other our out over so some than that the their them then
        there these they this those to too up us very was we were what when where which who why will with
        would you your yours i'm it's don't can't won't isn't we're they're""",
    "de": """aber alle als am an auch auf aus bei bin bis da das dass dem den der des die doch du ein eine
        einen einer es für hat ich ihr im in ist ja kann mehr mit nicht noch nur oder sich sie sind so
        über um und uns von vor war was wie wir zu zum zur""",
    "fr": """à au aux avec ce ces dans de des du elle en est et il ils je la le les leur mais me même mes
        ne nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous""",
    "es": """a al como con de del el ella en es esta este la las le lo los más me mi mis no nos o para pero
        por que se si sin su sus te tu un una uno y ya""",
    "nl": """aan al als bij dan dat de die dit een en er het hij ik in is je maar met mij niet nog of om
        ook op te tot uit van voor was wat we wel wij zijn ze zo""",
    "pt": """a ao as com como da das de do dos e ela ele em é eu mais mas me na nas no nos o os ou para
        pela pelo por que se sem seu sua um uma você""",
}
STOP_WORDS = {lang: frozenset(words.split()) for lang, words in _COMMON.items()}
_WORD = re.compile(r"[\w'’-]+")


class Word(NamedTuple):
    text: str  # as first written
    times: int  # how often it came up
    size: int  # 1 (rare) … 4 (the most frequent)


def stop_words(language: str) -> frozenset[str]:
    """The common words of a language tag ("de-CH" → German); English when unknown."""
    return STOP_WORDS.get(language.split("-")[0].lower(), STOP_WORDS["en"])


def words(texts: Iterable[str], language: str = "en", most: int = MOST) -> list[Word]:
    """The most frequent words of `texts`, most frequent first (ties: alphabetical)."""
    common = stop_words(language) | STOP_WORDS["en"]  # English ones too: rooms mix languages
    counts: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for text in texts:
        for raw in _WORD.findall(text):
            key = normalise(raw).strip("'’-")
            if len(key) < 2 or key in common or key.isdigit():
                continue
            counts[key] += 1
            shown.setdefault(key, raw.strip("'’-"))
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:most]
    top = ranked[0][1] if ranked else 1
    return [Word(shown[k], n, 1 + round(3 * (n - 1) / (top - 1)) if top > 1 else 1) for k, n in ranked]


def layout(cloud: list[Word], width: int) -> list[list[Word]]:
    """The words in lines of at most `width` cells (a word and a space each, sizes 3 and 4 in
    capitals with a space more), the largest in the middle line and the rest alternating above
    and below it, each line's words alternating left and right of its largest. Deterministic."""
    lines: list[list[Word]] = []
    current: list[Word] = []
    used = 0
    for word in cloud:
        cells = len(word.text) + (3 if word.size >= 3 else 1)
        if current and used + cells > width:
            lines.append(current)
            current, used = [], 0
        current.append(word)
        used += cells
    if current:
        lines.append(current)
    centred = [_centre(line) for line in lines]
    order: list[list[Word]] = []
    for i, line in enumerate(centred):  # 0 in the middle, 1 above, 2 below, 3 above …
        if i % 2:
            order.insert(0, line)
        else:
            order.append(line)
    return order


def _centre(line: list[Word]) -> list[Word]:
    out: list[Word] = []
    for i, word in enumerate(line):
        if i % 2:
            out.insert(0, word)
        else:
            out.append(word)
    return out
