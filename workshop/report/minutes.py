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
from workshop.report.decisions import WORDS, Proof, context, minutes
from workshop.report.html import CSS, bdi

# What the script says, in one place (it reads them from the page's data).
SAYS = {
    "checking": "Checking the signatures in this page…",
    "good": "Verified: {n} signed events, each signature good against the key below and each following the one "
            "before it, from the first signed event to the last.",
    "bad": "Not verified: {why}. What this page says about the decisions cannot be trusted.",
    "unreadable": "signed event {i} is not readable",
    "signature": "the signature of signed event {i} ({type}) does not match its bytes",
    "order": "signed event {i} ({type}) does not follow the one before it",
    "damaged": "the signed data in this page is damaged",
    "no-key": "the session has no facilitator key, so nothing in it is signed",
    "cannot": "This browser cannot check the signatures (it has no Ed25519 in WebCrypto, or the page was not "
              "opened from a file or over https): the decisions below are as the page's data says, not checked.",
    "unchecked": "Not checked",
    "none": "No decision was recorded.",
    "recorded": "Recorded at {at} on step {step}",
    "amended": "Amended at {at}: “{text}”",
    "amended-actions": "Amended at {at}: its actions",
    "withdrawn": "Withdrawn at {at}",
    "why": " ({why})",
    "in-force": "in force",
    "gone": "withdrawn",
    "rests-on": "Rests on (each round as the facilitator signed it)",
    "objections": "Objections heard",
    "actions": "Actions",
    "no-owner": "no owner",
    "no-due": "no due date",
    "unsigned-words": "a participant's note: these words are not signed",
    "lost": "an action whose note is not in this page",
}
HOW = ("How to check", "The page holds the facilitator's public key and each signed event exactly as it was "
       "signed. Your browser checks every signature itself; nothing is fetched. The key proves the decisions were "
       "signed by whoever holds the session's secret: compare it with the key the facilitator gives you (workshop "
       "decisions prints it). Ballots and participants' notes are not signed: the rounds a decision rests on are "
       "the tallies the facilitator signed when recording it.")
NOSCRIPT = "Scripts are off, so nothing below is checked: this is what the file said when the page was made."

SCRIPT = Path(__file__).with_name("minutes.js")  # the check, run by the reader's browser

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
    return {"key": proof.key, "header": proof.header,
            "events": [[base64.b64encode(signed_part(e, proof.header)).decode("ascii"), e["sig"]]
                       for e in proof.signed],
            "notes": {n.id: [n.text, n.name] for n in state.notes if n.id in listed},
            "says": SAYS}


def _script_json(data: dict[str, Any]) -> str:
    """JSON that cannot end its <script> element or open a comment in it."""
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace(
        "&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def as_html(state: SessionState, proof: Proof) -> str:
    data = minutes(state, proof)
    v = data["verification"]
    e = escape
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>{e(WORDS['title'].format(title=state.title))}</title><style>{CSS}{STYLE}</style></head><body>",
           f"<h1>{e(WORDS['title'].format(title=state.title))}</h1>", f'<p class="meta">{e(context(data))}</p>']
    if state.follows:
        out.append(f'<p class="meta">{e(WORDS["follows"].format(first=state.follows))}</p>')
    out += [f'<p id="verdict" role="status">{e(SAYS["checking"])}</p>',
            f'<p class="key">{e(WORDS["key"].format(key=v["key"] or "–"))}</p>',
            '<section id="decisions"></section>',
            f"<noscript><p>{e(NOSCRIPT)}</p><p>{e(v['sentence'])}</p>{_fallback(data)}</noscript>",
            f'<h2>{e(HOW[0])}</h2><p class="meta">{e(HOW[1])}</p>',
            f'<script type="application/json" id="signed-data">{_script_json(page_data(state, proof))}</script>',
            f"<script>{SCRIPT.read_text('utf-8')}</script>", "</body></html>"]
    return "\n".join(out) + "\n"


def _fallback(data: dict[str, Any]) -> str:
    """The decisions as the file said them, for a reader with scripts off (marked unchecked)."""
    e = escape
    out = []
    for d in data["decisions"]:
        out.append(f'<article class="decision unchecked"><h2>{e(d["id"])}: {bdi(d["text"])} ({e(d["status"])})</h2>')
        out += [f"<ul>{''.join(f'<li>{bdi(line)}</li>' for line in d[key])}</ul>"
                for key in ("evidence", "objections") if d[key]]
        if d["actions"]:
            out.append("<ul>" + "".join(f"<li>{bdi(a['text'])} ({bdi(a['owner']) or e(WORDS['no-owner'])}, "
                                        f"{e(a['due'] or WORDS['no-due'])})</li>" for a in d["actions"]) + "</ul>")
        out.append("</article>")
    return "".join(out) or f"<p>{e(WORDS['none'])}</p>"
