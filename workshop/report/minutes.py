"""The minutes as one HTML page that proves itself: `workshop decisions S --format html`.

The page carries the session's public key and every signed event the fold obeyed, in file order,
each as the exact bytes its signature covers (`trust.signed_part`, base64) with its signature. A
short script re-checks them with WebCrypto's Ed25519: every signature against the key, and each
event's `prev` against the signature before it, so the chain runs unbroken from the first signed
event to the last. It then shows the decisions from those verified bytes alone (their wording,
what they rest on, the objections, the actions with owners and due dates from the signed `action`
events). A participant's note is not signed: its words come with the page, marked so. Where the
browser has no Ed25519 (or the page is not opened from a file or over https, where WebCrypto is
missing), the page says it cannot check, and shows what the data says, marked unchecked.

Nothing is fetched, every string the page's own Python writes is escaped, and the script builds
the decisions with `textContent` only: no string from the file is ever parsed as HTML.
"""

from __future__ import annotations

import base64
import json
from html import escape
from pathlib import Path
from typing import Any

from workshop.engine.trust import signed_part
from workshop.engine.views import SessionState
from workshop.i18n import N_, _, html_open
from workshop.report.decisions import Proof, context, due_day, minutes, said
from workshop.report.html import CSS, bdi

# What the script says, in one place (it reads them from the page's data, in the reader's language).
SAYS = {
    "checking": N_("Checking the signatures in this page…"),
    "good": N_(
        "Verified: {n} signed events, each signature good against the key below and each following the one "
        "before it, from the first signed event to the last."
    ),
    "bad": N_("Not verified: {why}. What this page says about the decisions cannot be trusted."),
    "unreadable": N_("signed event {i} is not readable"),
    "signature": N_("the signature of signed event {i} ({type}) does not match its bytes"),
    "order": N_("signed event {i} ({type}) does not follow the one before it"),
    "damaged": N_("the signed data in this page is damaged"),
    "no-key": N_("the session has no facilitator key, so nothing in it is signed"),
    "cannot": N_(
        "This browser cannot check the signatures (it has no Ed25519 in WebCrypto, or the page was not "
        "opened from a file or over https): the decisions below are as the page's data says, not checked."
    ),
    "unchecked": N_("Not checked"),
    "none": N_("No decision was recorded."),
    "recorded": N_("Recorded at {at} on step {step}"),
    "amended": N_("Amended at {at}: “{text}”"),
    "amended-actions": N_("Amended at {at}: its actions"),
    "withdrawn": N_("Withdrawn at {at}"),
    "why": " ({why})",
    "in-force": N_("in force"),
    "gone": N_("withdrawn"),
    "rests-on": N_("Rests on (each round as the facilitator signed it)"),
    "objections": N_("Objections heard"),
    "actions": N_("Actions"),
    "no-owner": N_("no owner"),
    "no-due": N_("no due date"),
    "unsigned-words": N_("a participant's note: these words are not signed"),
    "lost": N_("an action whose note is not in this page"),
}
HOW = (
    N_("How to check"),
    N_(
        "The page holds the facilitator's public key and each signed event exactly as it was signed. Your "
        "browser checks "
        "every signature itself; nothing is fetched. The key proves the decisions were signed by whoever holds "
        "the "
        ""
        "session's secret: compare it with the key the facilitator gives you (workshop decisions prints it). "
        "Ballots and "
        "participants' notes are not signed: the rounds a decision rests on are the tallies the facilitator "
        "signed when "
        "recording it."
    ),
)
NOSCRIPT = N_("Scripts are off, so nothing below is checked: this is what the file said when the page was made.")

SCRIPT = Path(__file__).with_name("minutes.js")  # the check, run by the reader's browser

# not translated: the page's stylesheet
STYLE = """
#verdict { padding: .6rem .8rem; font-weight: 600; border: 2px solid #999; }
#verdict.good { border-color: #1d6b1d; color: #1d6b1d; } #verdict.bad { border-color: #a40000; color: #a40000; }
#verdict.unknown { border-color: #8a6d00; color: #6b5400; }
.decision { margin: 1.4rem 0; break-inside: avoid; } .decision h3 { font-size: 1rem; margin-bottom: .2rem; }
.unchecked h2 { color: #6b5400; } .unsigned { color: #666; font-style: italic; } .key { word-break: break-all; }
"""


def page_data(state: SessionState, proof: Proof) -> dict[str, Any]:
    """What the script checks and shows: the key, the signed events as signed, the words of the
    participants' notes a decision lists (not signed, and marked so), and the script's sentences."""
    listed = {a for d in state.record.decisions for a in d.actions}
    return {
        "key": proof.key,
        "header": proof.header,
        "events": [[base64.b64encode(signed_part(e, proof.header)).decode("ascii"), e["sig"]] for e in proof.signed],
        "notes": {n.id: [n.text, n.name] for n in state.notes if n.id in listed},
        "says": {key: _(words) for key, words in SAYS.items()},
    }


def _script_json(data: dict[str, Any]) -> str:
    """JSON that cannot end its <script> element or open a comment in it."""
    return (
        json.dumps(data, ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def as_html(state: SessionState, proof: Proof) -> str:
    data = minutes(state, proof)
    v = data["verification"]
    e = escape
    out = [
        "<!DOCTYPE html>",
        html_open(),
        f"<title>{e(said('title').format(title=state.title))}</title><style>{CSS}{STYLE}</style></head><body>",
        f"<h1>{e(said('title').format(title=state.title))}</h1>",
        f'<p class="meta">{e(context(data))}</p>',
    ]
    if state.follows:
        out.append(f'<p class="meta">{e(said("follows").format(first=state.follows))}</p>')
    out += [
        f'<p id="verdict" role="status">{e(_(SAYS["checking"]))}</p>',
        f'<p class="key">{e(said("key").format(key=v["key"] or "–"))}</p>',
        '<section id="decisions"></section>',
        f"<noscript><p>{e(_(NOSCRIPT))}</p><p>{e(v['sentence'])}</p>{_fallback(data)}</noscript>",
        f'<h2>{e(_(HOW[0]))}</h2><p class="meta">{e(_(HOW[1]))}</p>',
        f'<script type="application/json" id="signed-data">{_script_json(page_data(state, proof))}</script>',
        f"<script>{SCRIPT.read_text('utf-8')}</script>",
        "</body></html>",
    ]
    return "\n".join(out) + "\n"


def _fallback(data: dict[str, Any]) -> str:
    """The decisions as the file said them, for a reader with scripts off (marked unchecked)."""
    e = escape
    out = []
    for d in data["decisions"]:
        out.append(f'<article class="decision unchecked"><h2>{e(d["id"])}: {bdi(d["text"])} ({e(_(d["status"]))})</h2>')
        out += [
            f"<ul>{''.join(f'<li>{bdi(line)}</li>' for line in d[key])}</ul>"
            for key in ("evidence", "objections")
            if d[key]
        ]
        if d["actions"]:
            out.append(
                "<ul>"
                + "".join(
                    f"<li>{bdi(a['text'])} ({bdi(a['owner']) or e(said('no-owner'))}, "
                    f"{e(due_day(a['due']) or said('no-due'))})</li>"
                    for a in d["actions"]
                )
                + "</ul>"
            )
        out.append("</article>")
    return "".join(out) or f"<p>{e(said('none'))}</p>"
