"""Short titles a facilitator can read at a glance: a long heading or lead sentence cut where a reader
would pause (after a clause, else between words, never inside a word), never ending on a word that
leads into what was cut ("the", "and", "de", "und"), with an ellipsis only where something was cut;
and a heading's own numbering ("1.", "Step 2 —", "Tip #3:") left to the agenda's order.
"""

from __future__ import annotations

import re

# Words that lead into what follows them: a title ending on one reads as broken off mid-thought.
# not translated: the article's own words in its language, matched, never shown
_LEADING_WORDS = {
    "en": "a an the and or but nor of to in on at by for from with into onto as than that which who whose whom"
    " your our their its his her my this these those every each any some no not is are was were be been will would"
    " can could should may might must do does did has have had so if when while because before after until about"
    " over under between through without within via per also just very more most",
    "de": "der die das den dem des ein eine einen einem einer eines und oder aber sowie sondern denn zu zum zur mit"
    " von vom für auf an am im in ins bei beim aus nach über unter vor durch ohne um als wie dass ob wenn weil sie"
    " er es wir ihr ihre ihren ihrem ihrer ihres sein seine seinen seinem seiner unser unsere jede jeden jedem"
    " jeder jedes dieser diese dieses diesen diesem nicht kein keine ist sind wird werden hat haben kann können"
    " soll sollten muss müssen noch auch sehr mehr",
    "es": "el la los las lo un una unos unas y e o u ni pero sino de del al a en con por para sin sobre entre hasta"
    " desde hacia según que quien quienes cual cuales cuyo cuya su sus mi mis tu tus nuestro nuestra nuestros"
    " nuestras cada este esta estos estas ese esa esos esas no es son se le les muy más",
    "fr": "le la les l un une des du de d et ou mais ni donc car à au aux en dans par pour sur sous avec sans entre"
    " vers chez que qu qui dont son sa ses leur leurs notre nos votre vos mon ma mes ce cet cette ces chaque ne n"
    " pas est sont se s y très plus",
}
_LEADING = frozenset(word for words in _LEADING_WORDS.values() for word in words.split())
# "and", "but", "und", "y", "et" …: a softer pause before them. not translated: as above
_JOINS = frozenset(("and", "but", "or", "und", "oder", "aber", "sondern", "y", "pero", "o", "sino", "et", "ou", "mais"))
_CLAUSE_END = re.compile(r"[,;:]$")  # a word ending a clause: the cut after it reads as a pause
_DASHES = ("-", "–", "—")  # a spaced dash: a pause before it, as before a bracket opening an aside
_TRAILING = " ,;:-–—(、，"
_UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]")  # Thai, Japanese, Chinese


def _leads_on(word: str) -> bool:
    """Whether a title ending on `word` would break off mid-thought ("the", "des", "l’un")."""
    plain = word.strip("\"'“”‘’«»()[]*_").casefold()
    last = re.split(r"[’']", plain)[-1]  # French elision: "l’un", "qu’" end on "un", ""
    return plain in _LEADING or last in _LEADING or not last


def _trimmed(words: list[str]) -> str:
    """The words, without the ones at the end that lead into the cut part (at least one word kept)."""
    while len(words) > 1 and _leads_on(words[-1].rstrip(_TRAILING)):
        words = words[:-1]
    return " ".join(words).rstrip(_TRAILING)


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, as a readable title: cut after a clause ("…, " "; " before a dash)
    when that keeps most of it, else between words, never on a word that leads into the cut part; an
    ellipsis marks the cut. Scripts without spaces are cut after a comma, else at the limit."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    if len(_UNSPACED.findall(text)) * 3 >= len(text) or " " not in text:  # no spaces between words
        cut = text[: limit - 1]
        pause = max(cut.rfind("、"), cut.rfind("，"))
        return (cut[:pause] if pause >= limit // 2 else cut).rstrip(_TRAILING) + "…"
    words = text.split(" ")
    kept: list[str] = []  # the most words that fit with the ellipsis
    for word in words:
        if len(" ".join([*kept, word])) > limit - 1:
            break
        kept.append(word)
    if len(" ".join(kept)) < limit // 3:  # before a word longer than the limit: cut where its parts join
        head = " ".join([*kept, words[len(kept)]])[: limit - 1]  # (or inside it, when nothing joins them)
        joint = max(head.rfind(c) for c in "-/_")
        return (head[:joint] if joint > len(" ".join(kept)) else head).rstrip(_TRAILING) + "…"
    least = max(limit * 2 // 5, 16)  # a clause shorter than this says too little on its own
    pauses = [
        n
        for n in range(1, len(kept) + 1)
        if (_CLAUSE_END.search(kept[n - 1]) or (n < len(words) and (words[n] in _DASHES or words[n][:1] == "(")))
        and len(" ".join(kept[:n])) >= least
    ]
    if not pauses:  # before "and", "but", "und", "y", "et": a softer pause
        pauses = [n for n in range(1, len(kept)) if kept[n].casefold() in _JOINS and len(" ".join(kept[:n])) >= least]
    return _trimmed(kept[: pauses[-1]] if pauses else kept) + "…"


# A heading's own number: "1.", "2)", "#3", "1.2", "1️⃣", "Step 2 —", "Tip #3:", "Schritt 2:", "Paso 3.",
# "Étape 4 :" (the agenda numbers its steps itself). not translated: the article's words, matched
_LABELS = (
    r"step|tip|lesson|habit|rule|part|idea|principle|way|reason|mistake|secret|trait|chapter|section|no\.?|number"
    r"|schritt|tipp|regel|teil|lektion|kapitel|gewohnheit|paso|consejo|regla|parte|lecci[oó]n|cap[ií]tulo"
    r"|h[aá]bito|[ée]tape|astuce|conseil|r[eè]gle|partie|le[cç]on|chapitre|habitude"
)
NUMBER_LABEL = re.compile(rf"^(?:{_LABELS})\s*(?:#|n[°º.]\s*|nr\.\s*)?\d{{1,2}}$", re.IGNORECASE)
_NUMBERED = re.compile(
    rf"^(?:(?:{_LABELS})\s*(?:#|n[°º.]\s*|nr\.\s*)?\d{{1,2}}\s*[:.)–—-]?\s+"
    r"|#?\d{1,2}(?:\.\d{1,2})*\s*[.):–—-]\s+|\d{1,2}(?:\.\d{1,2})+\s+(?=(?-i:[A-ZÀ-ÖØ-Þ]))|#\d{1,2}\s+"
    r"|[0-9]\ufe0f?\u20e3\s*|(?-i:[IVX]{1,4})\.\s+(?=(?-i:[A-Z][a-z])))",
    re.IGNORECASE,
)


def unnumbered(heading: str) -> str:
    """The heading without its own number ("2. Ask first", "Step 2 — Ask first": "Ask first"), or as
    it is when the number is all there is."""
    rest = _NUMBERED.sub("", heading, count=1).strip()
    return rest if rest.strip(" :;,.–—-") else heading
