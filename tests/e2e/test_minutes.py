"""The HTML minutes prove themselves in a browser: headless Chromium (Debian's package, driven by
Playwright) opens the page from a file, checks every signed event with WebCrypto's Ed25519 and
reads "Verified", with the decisions shown from the verified data; once one signed event in the
page's data is changed, it reads "Not verified" and shows no decision; a browser without Ed25519
is told it cannot check."""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests import by_name
from tests.engine.test_consent import MODULE
from workshop import sessions
from workshop.cli import app
from workshop.content import document, schema
from workshop.content.model import Agenda, AgendaItem, Plan
from workshop.report.minutes import _script_json

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
playwright = pytest.importorskip("playwright.sync_api", reason="needs playwright (pip install -e '.[test]')")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (apt-get install chromium; CI installs it)")
ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DATA = re.compile(r'(<script type="application/json" id="signed-data">)(.*?)(</script>)', re.DOTALL)


@pytest.fixture
def minutes(tmp_path: Path) -> Path:
    module = schema.check_module(document.parse(MODULE.encode(), "decide.toml"))
    plan = Plan(Agenda("decide", "Decide", dt.time(9), (AgendaItem("decide"),)), (module,))
    folder = tmp_path / "sessions"
    live = sessions.Session.open(sessions.create(plan, folder, "minutes", "Sam"))
    live.start()
    for name, value in (("Ana", "1"), ("Bo", "4")):
        by_name.vote(live, name, [value])
    live.revote(None, "Can you live with a pilot first?")
    for name, value in (("Ana", "3"), ("Bo", "4")):
        by_name.vote(live, name, [value])
    live.note_as(None, "Book the WFM review", owner="Ana", due="2026-12-15")
    live.note("Bo", "Draft the <b>pilot</b> rota", action=True)  # a participant's words: not signed
    live.decide("We pilot the rota in one team <script>first</script>", ["agree"], None)
    live.end()
    page = tmp_path / "minutes.html"
    done = CliRunner().invoke(app, ["decisions", "minutes", "--sessions-dir", str(folder), "-o", str(page)])
    assert done.exit_code == 0, done.output
    return page


def read(page: Path, init: str = "") -> tuple[str, str]:
    """What the page says once its check is done: the verdict, and the decisions it shows."""
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            tab = browser.new_page()
            if init:
                tab.add_init_script(init)
            tab.goto(page.as_uri())
            tab.wait_for_function(
                "!document.getElementById('verdict').textContent.startsWith('Checking')", timeout=30_000
            )
            return tab.inner_text("#verdict"), tab.inner_text("#decisions")
        finally:
            browser.close()


def test_the_minutes_read_verified_and_not_once_a_signed_event_is_changed(minutes: Path) -> None:
    verdict, shown = read(minutes)
    assert verdict.startswith("Verified: ") and "signed events, each signature good" in verdict
    assert "d1: We pilot the rota in one team <script>first</script> (in force)" in shown  # as text, never run
    assert "round 2: “Can you live with a pilot first?” · 2 ballots" in shown
    assert "Book the WFM review (Ana, 2026-12-15)" in shown
    assert "Draft the <b>pilot</b> rota (no owner, no due date) · Bo: a participant's note" in shown

    html = minutes.read_text("utf-8")
    data = json.loads(DATA.search(html).group(2))
    for entry in data["events"]:
        signed, _, header = base64.b64decode(entry[0]).partition(b"\n")  # the fields, then the header's digest
        fields = json.loads(signed)
        if fields["type"] == "decision":
            fields["text"] = "We roll the rota out everywhere at once"
            entry[0] = base64.b64encode(
                json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode() + b"\n" + header
            ).decode()
    changed = minutes.with_name("changed.html")
    changed.write_text(DATA.sub(lambda m: m.group(1) + _script_json(data) + m.group(3), html), "utf-8")
    verdict, shown = read(changed)
    assert verdict.startswith("Not verified: the signature of signed event ") and "(decision)" in verdict
    assert "everywhere" not in shown and "We pilot" not in shown


def test_a_browser_without_ed25519_is_told_it_cannot_check(minutes: Path) -> None:
    verdict, shown = read(minutes, "Object.defineProperty(Crypto.prototype, 'subtle', {get: () => undefined});")
    assert verdict.startswith("This browser cannot check the signatures")
    assert "d1: We pilot the rota in one team" in shown and "Not checked" in shown
    html = minutes.read_text("utf-8")
    data = json.loads(DATA.search(html).group(2))
    data["key"] = ""  # a page that says the session had no key: nothing can be verified
    keyless = minutes.with_name("keyless.html")
    keyless.write_text(DATA.sub(lambda m: m.group(1) + _script_json(data) + m.group(3), html), "utf-8")
    verdict, shown = read(keyless)
    assert verdict.startswith("Not verified: the session has no facilitator key") and not shown
