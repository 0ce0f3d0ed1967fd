"""What the room contributed, in the Markdown and HTML reports: ideas per brainstorm step,
questions by upvotes, hands and reactions per step. Each section appears only when there is
something in it, so a session without any reads as it always did.

Ideas and questions are participant text: isolated and escaped like notes (render.py, html.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from workshop.engine import cloud
from workshop.engine.ideas import REACTIONS
from workshop.engine.tally import plural
from workshop.i18n import _


def by_step(data: dict[str, Any], key: str) -> list[tuple[str, list[dict[str, Any]]]]:
    """Ideas or questions grouped under their step's title, in agenda order."""
    titles = {s["id"]: s["title"] for s in data["steps"]}
    groups: dict[str, list[dict[str, Any]]] = {}
    for item in data[key]:
        groups.setdefault(item["step"], []).append(item)
    order = [s["id"] for s in data["steps"] if s["id"] in groups] + [k for k in groups if k not in titles]
    return [(titles.get(step, step), groups[step]) for step in order]


def idea_marks(idea: dict[str, Any]) -> str:
    marks = []
    if idea["merged"]:
        marks.append(_("+{idea} merged in").format(idea=idea["merged"]))
    if idea["merged_into"]:
        marks.append(_("merged into {idea}").format(idea=idea["merged_into"]))
    if idea["hidden"]:
        marks.append("hidden")
    if idea.get("edited"):
        marks.append("edited")
    return f" ({', '.join(marks)})" if marks else ""


def question_marks(question: dict[str, Any]) -> str:
    marks = [plural(question["votes"], "upvote")]
    if question["answered"]:
        marks.append("answered")
    if question["hidden"]:
        marks.append("hidden")
    return ", ".join(marks)


def said(item: dict[str, Any], quote: Callable[[str], str]) -> str:
    """An idea's or a question's text and, in brackets, its author's name, each through `quote`."""
    return quote(item["text"]) + (f" ({quote(item['author'])})" if item["author"] else "")


def room_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The steps with hands or reactions."""
    return [s for s in data["steps"] if s["hands"] or s["called"] or s["reactions"]]


def _lines(data: dict[str, Any], quote: Callable[[str], str], plain: Callable[[str], str]) -> list[str]:
    out: list[str] = []
    if data["ideas"]:
        out += [_("## Ideas"), ""]
        for title, ideas in by_step(data, "ideas"):
            out += [f"### {plain(title)}", ""]
            out += [f"- `{i['id']}` {said(i, quote)}{idea_marks(i)}" for i in ideas]
            out.append("")
    if data["questions"]:
        out += ["## Questions", "", _("Most upvoted first."), ""]
        out += [f"- `{q['id']}` {said(q, quote)}: {question_marks(q)}" for q in data["questions"]]
        out.append("")
    rows = room_rows(data)
    if rows:
        out += [
            _("## Hands and reactions"),
            "",
            "| step | hands | called | " + " | ".join(REACTIONS) + " |",
            "|---|---:|---:|" + "---:|" * len(REACTIONS),
        ]
        out += [
            f"| {plain(s['title'])} | {s['hands']} | {s['called']} | "
            + " | ".join(str(s["reactions"].get(r, 0)) for r in REACTIONS)
            + " |"
            for s in rows
        ]
        out.append("")
    return out


def room_markdown(data: dict[str, Any]) -> list[str]:
    from workshop.report.render import md_escape, md_participant

    return _lines(data, md_participant, md_escape)


def room_html(data: dict[str, Any], languages: dict[str, str] | None = None) -> list[str]:
    """`languages`: each step's module's language, for the stop words of its cloud."""
    from workshop.report.html import bdi, escaped

    out: list[str] = []
    if data["ideas"]:
        out.append(_('<section id="ideas"><h2>Ideas</h2>'))
        for title, ideas in by_step(data, "ideas"):
            step = ideas[0]["step"]
            out.append(
                f"<h3>{escaped(title)}</h3>{ideas_cloud_html(data, step, (languages or {}).get(step, 'en'))}<ul>"
            )
            out += [f"<li><code>{escaped(i['id'])}</code> {said(i, bdi)}{escaped(idea_marks(i))}</li>" for i in ideas]
            out.append("</ul>")
        out.append("</section>")
    if data["questions"]:
        out.append(_('<section id="questions"><h2>Questions</h2><p class="meta">Most upvoted first.</p><ol>'))
        out += [
            f"<li><code>{escaped(q['id'])}</code> {said(q, bdi)}: {escaped(question_marks(q))}</li>"
            for q in data["questions"]
        ]
        out.append("</ol></section>")
    rows = room_rows(data)
    if rows:
        out.append(
            _(
                '<section id="room"><h2>Hands and reactions</h2><table><thead><tr><th>step</th>'
                '<th class="num">hands</th><th class="num">called</th>'
            )
            + "".join(f'<th class="num">{r}</th>' for r in REACTIONS)
            + "</tr></thead><tbody>"
        )
        out += [
            '<tr><td>{e}</td><td class="num">{s}</td><td class="num">{s2}</td>'.format(
                e=escaped(s["title"]), s=s["hands"], s2=s["called"]
            )
            + "".join('<td class="num">{get}</td>'.format(get=s["reactions"].get(r, 0)) for r in REACTIONS)
            + "</tr>"
            for s in rows
        ]
        out.append("</tbody></table></section>")
    return out


def cloud_html(texts: list[str], language: str) -> str:
    """A word cloud as HTML: each word in a span sized by its frequency (class w1 … w4), laid
    out by engine/cloud.py (the same words give the same page), escaped and isolated."""
    from workshop.report.html import bdi

    words = cloud.words(texts, language)
    if not words:
        return ""
    lines = [
        "".join(f'<span class="w{w.size}">{bdi(w.text)}</span> ' for w in line) for line in cloud.layout(words, 60)
    ]
    return '<p class="cloud">' + "<br>".join(lines) + "</p>"


def ideas_cloud_html(data: dict[str, Any], step: str, language: str) -> str:
    return cloud_html(
        [i["text"] for i in data["ideas"] if i["step"] == step and not i["merged_into"] and not i["hidden"]], language
    )
