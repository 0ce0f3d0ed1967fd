"""One self-contained HTML page of a session: opens offline, prints on paper.

Nothing is fetched: no scripts, no external fonts or images, the CSS is inline. Every string that
is not the page's own (participant names, notes, answers, and the plan's text too) goes
through `html.escape`, so `<script>` in a note is shown, never run. Participant strings (names,
notes, answers) and option labels are each in a `<bdi>`, balanced inside (`bidi.balanced`), so
none can reorder the text after it; `<bdi>` changes nothing for left-to-right text.

A session `workshop serve` served ends with an appendix: its join page's QR code, inline SVG that
holds only numbers (`qr.svg`), for an address of the one shape serve writes (`qr.join_url`).
"""

from __future__ import annotations

from html import escape
from typing import Any

from workshop.engine.bidi import balanced
from workshop.engine.tally import POLL_STATUS_WORDS, UNITS, VOTE_WORDS, plural, said
from workshop.engine.views import SessionState
from workshop.i18n import _, html_open, number
from workshop.qr import join_url, svg
from workshop.report import words
from workshop.report.render import as_dict
from workshop.report.room import cloud_html, room_html

# Bars are coloured blocks: print-color-adjust keeps them when printed (browsers drop
# backgrounds by default).
# not translated: the report's stylesheet
CSS = """
body { font: 15px/1.45 system-ui, sans-serif; color: #222; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
h1 { margin-bottom: .2rem; } h2 { border-bottom: 1px solid #ccc; margin-top: 2rem; }
.meta { color: #555; } code { font-size: .9em; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid #e3e3e3; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.late { color: #a40000; } .early { color: #1d6b1d; }
.poll { margin: 1.2rem 0; break-inside: avoid; }
.bars { display: grid; grid-template-columns: minmax(8rem, 14rem) 1fr 7rem; gap: .2rem .6rem; align-items: center; }
.track { background: #eee; height: 1rem; }
.fill { background: #3b6ea5; height: 1rem; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
.value { font-variant-numeric: tabular-nums; }
.actions li { margin: .2rem 0; } .note { white-space: pre-wrap; }
.cloud { text-align: center; line-height: 1.9; margin: .6rem 0; }
.cloud .w1 { font-size: .9em; color: #666; } .cloud .w2 { font-size: 1.2em; }
.cloud .w3 { font-size: 1.6em; font-weight: 600; } .cloud .w4 { font-size: 2.2em; font-weight: 700; color: #3b6ea5; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2 { break-after: avoid; } section { break-inside: auto; }
  .track { border: 1px solid #999; }
}
"""


def escaped(value: object) -> str:
    return escape(str(value), quote=True)


def bdi(value: object) -> str:
    """A participant's string, escaped and isolated from the text around it."""
    # not translated: markup around a participant's text
    return f"<bdi>{escaped(balanced(str(value)))}</bdi>"


def as_html(state: SessionState) -> str:
    data = as_dict(state)
    session = data["session"]
    languages = {s.qid: s.module.language or "en" for s in state.steps}
    parts = [
        "<!DOCTYPE html>",
        html_open(),
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # not translated: the page's markup
        f"<title>{escaped(session['title'])}</title><style>{CSS}</style></head><body>",
        # not translated: the page's markup
        f"<header><h1>{escaped(session['title'])}</h1>",
        f'<p class="meta">Session <code>{escaped(session["id"])}</code>: {escaped(words.meta_words(data))}.</p>',
        # not translated: the page's markup
        *(f'<p class="meta">{escaped(line)}</p>' for line in words.trust_lines(data) if line),
        "</header>",
        *_actions(data),
        *_agenda(data),
        _('<section id="polls"><h2>Polls</h2>'),
        *(line for poll in data["polls"] for line in _poll(poll, languages.get(poll["id"], "en"))),
        "</section>",
        *room_html(data, languages),
        *_notes(data),
        *_join(state),
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _actions(data: dict[str, Any]) -> list[str]:
    actions = [n for n in data["notes"] if n["action"]]
    titles = {s["id"]: s["title"] for s in data["steps"]}
    out = [_('<section id="actions"><h2>Action items</h2>')]
    if not actions:
        return [*out, "<p>None.</p></section>"]
    out.append('<ul class="actions">')
    out += [
        _('<li><span class="note">{note}</span> ({author}, on {step}){owned}{edited}</li>').format(
            note=bdi(n["text"]),
            author=bdi(n["author"]),
            step=escaped(titles.get(n["step"], n["step"])),
            owned=_owned(n),
            edited=_edited(n),
        )
        for n in actions
    ]
    return [*out, "</ul></section>"]


def _owned(note: dict[str, Any]) -> str:
    said = [
        _("owner {owner}").format(owner=bdi(note["owner"])) if note.get("owner") else "",
        _("due {due}").format(due=escaped(note["due"])) if note.get("due") else "",
    ]
    return "".join(f"; {part}" for part in said if part)


def _minutes(seconds: float) -> str:
    return number(seconds / 60, ".1f")


def _agenda(data: dict[str, Any]) -> list[str]:
    head = _(
        '<thead><tr><th>step</th><th>title</th><th class="num">planned min</th><th class="num">extended</th>'
        '<th class="num">actual min</th><th class="num">difference</th></tr></thead><tbody>'
    )
    out = [_('<section id="agenda"><h2>Agenda</h2><table>'), head]
    for s in words.agenda_rows(data):
        diff = s["difference_seconds"]
        cls = "late" if diff and diff > 0 else "early"
        actual = words.actual_words(s, _minutes)
        extended = f"{s['extra_seconds'] / 60:+.0f}" if s["extra_seconds"] else ""
        shown = f'<span class="{cls}">{words.difference_words(diff)}</span>' if diff is not None else ""
        out.append(
            '<tr><td><code>{e}</code></td><td>{e2}</td><td class="num">{minutes}</td><td '
            'class="num">{extended}</td><td class="num">{actual}</td><td class="num">{shown}</td></tr>'.format(
                e=escaped(s["id"]),
                e2=escaped(words.row_title(s)),
                minutes=_minutes(s["agenda_seconds"]),
                extended=extended,
                actual=actual,
                shown=shown,
            )
        )
    planned = sum(s["agenda_seconds"] for s in data["steps"])
    actual = sum(s["actual_seconds"] for s in words.agenda_rows(data) if s["kind"] != "round")
    drift = data["session"]["drift_seconds"]
    out.append(
        _(
            '</tbody><tfoot><tr><th></th><th>total</th><td class="num">{planned}</td><td></td><td '
            'class="num">{actual}</td><td class="num">{difference}</td></tr></tfoot></table>'
        ).format(planned=_minutes(planned), actual=_minutes(actual), difference=words.difference_words(drift))
    )
    ends = words.end_words(data["session"])
    out.append(
        _(
            "<p>Drift: {drift} (the difference column's total; a step never visited counts as skipped once the "
            "session has ended).{ends}</p></section>"
        ).format(drift=escaped(words.drift_words(drift)), ends=" " + escaped(ends) if ends else "")
    )
    return out


def _poll(poll: dict[str, Any], language: str = "en") -> list[str]:
    res = poll["results"]
    rows, left_out = words.shown_rows(poll)
    top = max((r["share"] for r in rows), default=0) or 1
    out = [
        '<article class="poll"><h3>{e}</h3>'.format(e=escaped(poll["question"])),
        '<p class="meta"><code>{e}</code>, {e2}, {e3}, {poll}{value}; {e4}</p>'.format(
            e=escaped(poll["id"]),
            e2=escaped(said(VOTE_WORDS, poll["kind"])),
            e3=escaped(said(POLL_STATUS_WORDS, poll["status"])),
            poll=plural(poll["ballots"], "ballot"),
            value=_(" (anonymous)") if poll["anonymous"] else "",
            e4=escaped(_(words.KIND_CAPTION.get(poll["kind"], ""))),
        ),
        '<div class="bars">',
    ]
    for row in rows:
        width = round(row["share"] / top * 100, 1)  # the largest row fills its track
        out.append(
            '<span>{bdi}</span><div class="track"><div class="fill" style="width:{width}%"></div></div><span '
            'class="value">{e}</span>'.format(
                bdi=bdi(row["label"]), width=width, e=escaped(plural(row["value"], UNITS[res["unit"]]))
            )
        )
    out.append("</div>")
    if left_out:
        out.append(_('<p class="meta">and {left_out}</p>').format(left_out=plural(left_out, "other answer")))
    if poll["kind"] == "text":  # every answer's words, as the tally groups them
        out.append(cloud_html([r["label"] for r in res["rows"] for _ in range(int(r["value"]))], language))
    if "mean" in res:
        out.append(_("<p>Mean {mean}, median {median}.</p>").format(mean=res["mean"], median=res["median"]))
    if "rounds_summary" in poll:
        out.append(
            _("<p>Voted in {rounds} rounds: {results}.</p>").format(
                rounds=len(poll["rounds"]) + 1, results=escaped(poll["rounds_summary"])
            )
        )
    if poll.get("round_wordings"):  # the proposal was reworded: each round beside its words
        out.append(
            "<ul>"
            + "".join(
                _("<li>Round {round}, on “{question}”: {result}</li>").format(
                    round=each["round"], question=escaped(each["question"]), result=escaped(each["result"])
                )
                for each in poll["round_wordings"]
            )
            + "</ul>"
        )
    elif poll.get("reworded"):
        out.append(_('<p class="meta">The question was edited on the day.</p>'))
    return [*out, "</article>"]


def _edited(item: dict[str, Any]) -> str:
    return _(" <em>(edited)</em>") if item.get("edited") else ""


def _notes(data: dict[str, Any]) -> list[str]:
    out = [_('<section id="notes"><h2>Notes</h2>')]
    for step, notes in words.notes_by_step(data):
        out.append(f"<h3>{escaped(step['title'] if step else notes[0]['step'])}</h3><ul>")
        out += [
            '<li><strong>{bdi}</strong>: <span class="note">{bdi2}</span>{value}{edited}</li>'.format(
                bdi=bdi(n["author"]),
                bdi2=bdi(n["text"]),
                value=_(" <em>(action)</em>") if n["action"] else "",
                edited=_edited(n),
            )
            for n in notes
        ]
        out.append("</ul>")
    if not data["notes"]:
        out.append("<p>None.</p>")
    return [*out, "</section>"]


def _join(state: SessionState) -> list[str]:
    """The join page's QR code, when the session was ever served (a report of one that was not
    stays byte for byte as it was)."""
    url = join_url(state.served, state.code)
    if url is None:
        return []
    return [
        _('<section id="join"><h2>Appendix: joining</h2>'),
        _(
            "<p>Participants joined from a browser at <code>{address}</code> with the code <code>{code}</code>. "
            "This code opens that page with the code filled in.</p>"
        ).format(address=escaped(state.served), code=escaped(state.code)),
        f'<figure role="img" aria-label="QR code of the join page">{svg(url)}</figure>',
        "</section>",
    ]
