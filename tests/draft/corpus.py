"""Articles in the shapes people publish guides in, written for these tests (never copied): Markdown
with front matter and HTML inside it (pull quotes in <aside> and <blockquote>, figures with
captions, <p>, <div>, <details>, inline links and line breaks), setext and ATX headings, lists,
tables, code, bylines and date lines in English, German, Spanish and French, and web pages, whole
and as fragments. Pull-quote and front-matter text carries a marker word that must reach no prompt.

`article(...)` builds one from its parts, so that tests (and hypothesis) can vary every part.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PULL = "QUOTEMARK"  # in every pull quote, aside and block quote: never in a draft
FRONT = "FRONTMARK"  # in front-matter fields the draft has no use for (description, tags)

PARAS = {
    "en": [
        "Supervisors who read a handful of notes each week learn more than any dashboard shows them. "
        "The habit takes ten minutes and pays back within a month.",
        "Agents rarely object to being measured; they object to being measured on the wrong thing. "
        "Ask them which number they would choose, then listen.",
        "A target that ignores the kind of call punishes whoever takes the difficult ones. "
        "Split the queue before you set the bar.",
        "Nobody reads a long summary at the end of a shift. Three lines that name the customer, "
        "the promise and the next step are enough.",
    ],
    "de": [
        "Teamleitungen, die jede Woche ein paar Notizen lesen, erfahren mehr als jedes Dashboard zeigt. "
        "Die Gewohnheit kostet wenig Zeit und zahlt sich schnell aus.",
        "Mitarbeitende haben selten etwas gegen Messungen, aber viel gegen die falschen Zahlen. "
        "Fragen Sie, welche Zahl sie selbst wählen würden, und hören Sie zu.",
        "Ein Ziel, das die Art des Anrufs nicht beachtet, bestraft die Menschen mit den schweren Fällen. "
        "Teilen Sie die Warteschlange, bevor Sie die Latte legen.",
    ],
    "es": [
        "Los supervisores que leen algunas notas cada semana aprenden más de lo que muestra cualquier panel. "
        "El hábito cuesta poco y se paga solo en un mes.",
        "Los agentes rara vez se oponen a que los midan; se oponen a que los midan con la cifra equivocada. "
        "Pregúnteles qué número elegirían y escuche con atención.",
        "Un objetivo que ignora el tipo de llamada castiga a quien atiende las más difíciles. "
        "Divida la cola antes de fijar la meta.",
    ],
    "fr": [
        "Les superviseurs qui lisent quelques notes chaque semaine en apprennent plus que le tableau de bord. "
        "Cette habitude prend peu de temps et se rentabilise vite.",
        "Les conseillers acceptent d’être mesurés, mais pas sur le mauvais chiffre. "
        "Demandez-leur quel indicateur ils choisiraient, puis écoutez.",
        "Un objectif qui ignore le type d’appel pénalise ceux qui prennent les appels difficiles. "
        "Séparez la file avant de fixer la barre.",
    ],
}

# Extra pieces a section may hold, each in the forms guides use; PULL marks the text to be left out.
PIECES = {
    "aside": f'<aside class="pull-quote">{PULL} A note is a promise to the next person.</aside>',
    "aside-blocks": f"<aside>\n\n{PULL} The best summaries are written for a stranger.\n\n</aside>",
    "blockquote": f'<blockquote class="pullquote">\n  <p>{PULL} Measure what you would coach.</p>\n</blockquote>',
    "md-quote": f"> {PULL} Split the queue first.\n> — A team lead",
    "span-quote": f'Notes matter. <span class="pull-quote">{PULL} Write for a stranger.</span> Then check them.',
    "p-quote": f'<p class="pullquote">{PULL} The next agent is your customer too.</p>',
    "admonition": f":::tip A habit worth keeping\n{PULL} Read one note a day.\n:::",
    "fenced-div": "::: {.content}\nThe template fits on one screen.\n:::",
    "figure": '<figure>\n  <img src="floor.jpg" alt="Two agents at a desk">\n'
    "  <figcaption>Notes are read aloud at the huddle.</figcaption>\n</figure>",
    "img": '<img src="chart.png" alt="A chart of wrap-up times" width="600">',
    "p": '<p>Read the notes <a href="https://example.org/guide">with the agent</a>, not about them.</p>',
    "div": '<div class="note">\n<p>Keep the template short.<br>Three fields are plenty.</p>\n</div>',
    "details": "<details>\n<summary>An example template</summary>\n<p>Customer, promise, next step.</p>\n</details>",
    "inline": 'See the <a href="https://example.org/t">short template</a> and the <em>longer one</em>.<br>\n'
    "Both fit on one screen.",
    "bullets": "- one number to watch\n- one story to tell\n- one thing to stop",
    "numbered": "1. Read the note.\n2. Ask what is missing.\n3. Agree a change.",
    "table": "| Call type | Target |\n|---|---|\n| Billing | 3 |\n| Complaints | 6 |",
    "code": "```\ncustomer: ...\npromise: ...\n```",
    "comment": "<!-- draft: ask legal about the template -->",
}

BYLINES = {  # byline forms, each with the author they name ("" for a date line alone)
    "by": ("by Jordan Reyes", "Jordan Reyes"),
    "By-role": ("By Jordan Reyes, Head of Workforce Planning", "Jordan Reyes"),
    "written-by": ("Written by Jordan Reyes", "Jordan Reyes"),
    "name-date": ("Jordan Reyes · 4 March 2024 · 6 min read", "Jordan Reyes"),
    "by-on-date": ("By Jordan Reyes on March 4, 2024", "Jordan Reyes"),
    "author-colon": ("Author: Jordan Reyes", "Jordan Reyes"),
    "posted-on-by": ("Posted on 4 March 2024 by Jordan Reyes", "Jordan Reyes"),
    "name-comma-date": ("Jordan Reyes, March 4, 2024", "Jordan Reyes"),
    "bold-by": ("**By Jordan Reyes** | Contact Centre Weekly", "Jordan Reyes"),
    "date": ("March 4, 2024", ""),
    "published": ("Published 2024-03-04", ""),
    "updated-slash": ("Updated 2024/03/04", ""),
    "von": ("Von Jana Beispiel", "Jana Beispiel"),
    "geschrieben": ("Geschrieben von Jana Beispiel, Leiterin Kundenservice", "Jana Beispiel"),
    "datum-de": ("Veröffentlicht am 4. März 2024", ""),
    "por": ("Por María Ejemplo", "María Ejemplo"),
    "escrito": ("Escrito por María Ejemplo, directora de operaciones", "María Ejemplo"),
    "fecha-es": ("4 de marzo de 2024", ""),
    "par": ("Par Claire Exemple", "Claire Exemple"),
    "ecrit": ("Écrit par Claire Exemple", "Claire Exemple"),
    "date-fr": ("Publié le 4 mars 2024", ""),
    "publie-par": ("Publié le 4 mars 2024 par Claire Exemple", "Claire Exemple"),
}


@dataclass
class Article:
    title: str
    headings: list[str]
    language: str = "en"
    author: str = ""  # in front matter (or a byline, see `byline`)
    front: bool = True  # YAML front matter with title, author, date, lang, description
    title_form: str = "front"  # front | h1 | setext | plain (the first line) | none
    byline: str = ""  # a line right under the title
    glued: bool = True  # the byline on the line after the title, no blank line between
    pieces: list[list[str]] = field(default_factory=list)  # per section, PIECES keys
    setext: bool = False  # sections as setext headings (underlined with ---)
    authors_key: str = "author"  # author | authors (a list) | authors-block

    def text(self) -> str:
        lines: list[str] = []
        if self.front:
            lines += ["---"]
            if self.title_form == "front":
                lines.append(f'title: "{self.title}"')
            if self.author and self.authors_key == "author":
                lines.append(f"author: {self.author}")
            elif self.author and self.authors_key == "authors":
                lines.append(f"authors: [{self.author}]")
            elif self.author:
                lines += ["authors:", f"  - name: {self.author}", "    role: guest"]
            lines += [
                "date: 2024-03-04",
                f"lang: {self.language}",
                f"description: {FRONT} what this guide covers",
                f"tags: [{FRONT}, notes]",
                "---",
                "",
            ]
        top = {"h1": [f"# {self.title}"], "setext": [self.title, "=" * len(self.title)], "plain": [self.title]}.get(
            self.title_form, []
        )
        if self.byline and top:  # glued: the next line, so Markdown reads both as one paragraph (or heading)
            top = [top[0], self.byline, *top[1:]] if self.glued else [*top, "", self.byline]
        elif self.byline:
            top = [self.byline]
        lines += [*top, ""] if top else []
        paras = PARAS[self.language]
        lines += [paras[-1], ""]
        for index, heading in enumerate(self.headings):
            lines += [heading, "-" * max(3, len(heading))] if self.setext else [f"## {heading}"]
            lines += ["", paras[index % len(paras)], ""]
            for piece in self.pieces[index] if index < len(self.pieces) else []:
                lines += [PIECES[piece], ""]
            lines += [paras[(index + 1) % len(paras)], ""]
        return "\n".join(lines)


HEADINGS = {
    "en": ["Why wrap-up time matters", "Coaching the notes", "Setting a fair target", "What good notes sound like"],
    "de": ["Warum die Nachbearbeitung zählt", "Notizen gemeinsam lesen", "Ein faires Ziel setzen"],
    "es": ["Por qué importa el tiempo de cierre", "Revisar las notas juntos", "¿Qué meta es justa?"],
    "fr": ["Pourquoi le temps de clôture compte", "Relire les notes ensemble", "Quel objectif est juste ?"],
}
TITLES = {
    "en": "Making After-Call Work Count",
    "de": "Nachbearbeitung, die sich lohnt",
    "es": "Que el trabajo posterior a la llamada cuente",
    "fr": "Faire compter le travail après l’appel",
}
AUTHORS = {"en": "Jordan Reyes", "de": "Jana Beispiel", "es": "María Ejemplo", "fr": "Claire Exemple"}

ALL_PIECES = [
    ["aside", "figure", "p"],
    ["aside-blocks", "inline", "bullets", "details"],
    ["blockquote", "div", "table", "code", "img"],
    ["md-quote", "numbered", "comment"],
]


def guide(language: str = "en", **changes: object) -> Article:
    """A guide in `language` with front matter, every kind of HTML piece, and one section per heading."""
    options: dict = {
        "title": TITLES[language],
        "headings": HEADINGS[language],
        "language": language,
        "author": AUTHORS[language],
        "pieces": ALL_PIECES,
    }
    options.update(changes)
    return Article(**options)


PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title} | Example Weekly</title>
<meta name="description" content="{front} a summary for search engines"></head>
<body><header><nav><a href="/">Home</a> <a href="/topics">Topics</a></nav></header>
<main><article>
<h1>{title}</h1>
<p class="byline">By {author}, Head of Workforce Planning</p>
<p><time datetime="2024-03-04">March 4, 2024</time></p>
<p>{intro}</p>
{sections}
</article></main>
<footer><p>Example Weekly, all rights reserved</p></footer>
</body></html>
"""


def web_page(language: str = "en", whole: bool = True) -> str:
    """A saved web page (or, with `whole=False`, only its article as an HTML fragment)."""
    paras = PARAS[language]
    sections = "\n".join(
        f"<h2>{heading}</h2>\n<p>{paras[i % len(paras)]}</p>\n"
        f'<blockquote class="pullquote"><p>{PULL} a line lifted for emphasis</p></blockquote>\n'
        f'<aside class="callout"><p>{PULL} a side note</p></aside>\n'
        f"<p>{paras[(i + 1) % len(paras)]} <a href='/more'>More on this</a>.</p>"
        for i, heading in enumerate(HEADINGS[language])
    )
    page = PAGE.format(
        lang=language, title=TITLES[language], author=AUTHORS[language], front=FRONT, intro=paras[-1], sections=sections
    )
    if whole:
        return page
    start, end = page.index("<h1>"), page.index("</article>")
    return page[start:end]
