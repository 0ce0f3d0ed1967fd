"""The drafter's own words for the room (opening, prompts, polls, closing) in English, German,
Spanish and French, and the article's language when it does not say: a draft's questions should
read as questions in the language of the article they come from. Facilitator notes and CHECK
comments, which a person rewrites or deletes, stay in English.

Every text here is a whole sentence with named places ({heading}, {title}); nothing is assembled
from fragments. French puts a no-break space before : ? and inside « ».
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True)
class Phrases:
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


NBSP = "\u00a0"

PHRASES = {
    "en": Phrases(
        opening_title="Why this article",
        opening='Introduce the article "{title}"{by}: what it is about, and why it matters to this group today.',
        by=" by {author}",
        listing="What we will work through:",
        stand='Where do we stand on "{heading}"?',
        endings=(
            "Share one example from your own team, and one thing you would change.",
            "What does it look like on our floor today, and what gets in the way?",
            "Where have you seen this work, and where has it gone wrong?",
            "What would change for our agents if we took this seriously?",
        ),
        today_title="Today: {label}",
        today="{heading}: where are we today?",
        today_asked="{heading} Where are we today?",
        today_plain="Where are we today on this point?",
        scale_prompt="Choose a number from 0 (not at all) to 5 (fully): where are we today?",
        labels=("not at all", "fully"),
        focus_title="Where to start",
        focus_question="Which of these should we work on first?",
        dots_prompt="Spread your {budget} dots over the points you would work on first, at most {cap} on any one.",
        single_prompt="Choose the one point you would work on first.",
        closing_title="One thing to try",
        closing="Write one thing you will try with your team this week, based on what we discussed.",
        summary='A discussion of the {n} points of "{title}": where we stand on each and which to work on first.',
        summary_one='A discussion of "{title}": where we stand and one thing to try.',
    ),
    "de": Phrases(
        opening_title="Warum dieser Artikel",
        opening="Stellen Sie den Artikel „{title}“{by} vor: worum es geht und warum er für diese Gruppe heute wichtig "
        "ist.",
        by=" von {author}",
        listing="Was wir gemeinsam durchgehen:",
        stand="Wo stehen wir bei „{heading}“?",
        endings=(
            "Nennen Sie ein Beispiel aus Ihrem Team und eine Sache, die Sie ändern würden.",
            "Wie sieht das heute bei uns aus, und was steht im Weg?",
            "Wo haben Sie erlebt, dass es funktioniert, und wo ist es schiefgegangen?",
            "Was würde sich für unsere Mitarbeitenden ändern, wenn wir das ernst nähmen?",
        ),
        today_title="Heute: {label}",
        today="{heading}: Wo steht unser Team heute?",
        today_asked="{heading} Wo steht unser Team heute?",
        today_plain="Wo steht unser Team heute in diesem Punkt?",
        scale_prompt="Wählen Sie eine Zahl von 0 (noch gar nicht) bis 5 (voll und ganz): Wo steht unser Team heute?",
        labels=("noch gar nicht", "voll und ganz"),
        focus_title="Womit beginnen",
        focus_question="Woran sollten wir zuerst arbeiten?",
        dots_prompt="Verteilen Sie Ihre {budget} Klebepunkte auf die Themen, an denen Sie zuerst arbeiten würden, "
        "höchstens {cap} auf ein Thema.",
        single_prompt="Wählen Sie das eine Thema, an dem Sie zuerst arbeiten würden.",
        closing_title="Eine Sache zum Ausprobieren",
        closing="Schreiben Sie eine Sache auf, die Sie diese Woche mit Ihrem Team ausprobieren, ausgehend von "
        "unserem Gespräch.",
        summary="Ein Gespräch über die {n} Punkte von „{title}“: wo wir bei jedem stehen und womit wir beginnen.",
        summary_one="Ein Gespräch über „{title}“: wo wir stehen und was wir ausprobieren.",
    ),
    "es": Phrases(
        opening_title="Por qué este artículo",
        opening="Presente el artículo «{title}»{by}: de qué trata y por qué importa hoy a este grupo.",
        by=" de {author}",
        listing="Lo que vamos a trabajar:",
        stand="¿Dónde estamos con «{heading}»?",
        endings=(
            "Comparta un ejemplo de su propio equipo y una cosa que cambiaría.",
            "¿Cómo se ve esto hoy en nuestro equipo y qué lo dificulta?",
            "¿Dónde ha visto que funcione y dónde ha salido mal?",
            "¿Qué cambiaría para nuestros agentes si nos lo tomáramos en serio?",
        ),
        today_title="Hoy: {label}",
        today="{heading}: ¿dónde está hoy nuestro equipo?",
        today_asked="{heading} ¿Dónde está hoy nuestro equipo?",
        today_plain="¿Dónde está hoy nuestro equipo en este punto?",
        scale_prompt="Elija un número del 0 (todavía no) al 5 (del todo): ¿dónde está hoy nuestro equipo?",
        labels=("todavía no", "del todo"),
        focus_title="Por dónde empezar",
        focus_question="¿En cuál de estos puntos deberíamos trabajar primero?",
        dots_prompt="Reparta sus {budget} puntos entre los temas en los que trabajaría primero, como máximo {cap} "
        "por tema.",
        single_prompt="Elija el punto en el que trabajaría primero.",
        closing_title="Una cosa para probar",
        closing="Escriba una cosa que probará con su equipo esta semana, a partir de lo que hemos hablado.",
        summary="Una conversación sobre los {n} puntos de «{title}»: dónde estamos en cada uno y por cuál empezar.",
        summary_one="Una conversación sobre «{title}»: dónde estamos y qué vamos a probar.",
    ),
    "fr": Phrases(
        opening_title="Pourquoi cet article",
        opening=f"Présentez l’article «{NBSP}{{title}}{NBSP}»{{by}}{NBSP}: de quoi il parle, et pourquoi il compte "
        "pour ce groupe aujourd’hui.",
        by=" ({author})",
        listing=f"Ce que nous allons aborder{NBSP}:",
        stand=f"Où en sommes-nous sur «{NBSP}{{heading}}{NBSP}»{NBSP}?",
        endings=(
            "Donnez un exemple tiré de votre équipe, et une chose que vous changeriez.",
            f"À quoi cela ressemble-t-il aujourd’hui chez nous, et qu’est-ce qui bloque{NBSP}?",
            f"Où avez-vous vu cela fonctionner, et où cela a-t-il échoué{NBSP}?",
            f"Qu’est-ce qui changerait pour nos conseillers si nous prenions cela au sérieux{NBSP}?",
        ),
        today_title=f"Aujourd’hui{NBSP}: {{label}}",
        today=f"{{heading}}{NBSP}: où en est notre équipe aujourd’hui{NBSP}?",
        today_asked=f"{{heading}} Où en est notre équipe aujourd’hui{NBSP}?",
        today_plain=f"Où en est notre équipe aujourd’hui sur ce point{NBSP}?",
        scale_prompt=f"Choisissez un nombre de 0 (pas encore) à 5 (pleinement){NBSP}: où en est notre équipe "
        f"aujourd’hui{NBSP}?",
        labels=("pas encore", "pleinement"),
        focus_title="Par où commencer",
        focus_question=f"Sur lequel de ces points devrions-nous travailler en premier{NBSP}?",
        dots_prompt="Répartissez vos {budget} gommettes sur les points à traiter en premier, au plus {cap} par point.",
        single_prompt="Choisissez le point sur lequel vous travailleriez en premier.",
        closing_title="Une chose à essayer",
        closing="Notez une chose que vous essaierez avec votre équipe cette semaine, à partir de nos échanges.",
        summary=f"Une discussion des {{n}} points de «{NBSP}{{title}}{NBSP}»{NBSP}: où nous en sommes sur chacun et "
        "par lequel commencer.",
        summary_one=f"Une discussion de «{NBSP}{{title}}{NBSP}»{NBSP}: où nous en sommes et ce que nous allons "
        "essayer.",
    ),
}


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
    return tag if best >= 12 and best * 12 >= len(words) and best >= 2 * second else ""
