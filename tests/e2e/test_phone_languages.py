"""One poll on three phones in three languages (issue 27's Playwright check): English, German and
Spanish readers each see the module's question and options in their own language, vote by
tapping, and the results count all three ballots on the same options, each phone naming them in
its language. The facilitator acts from the session, as the terminal does.

Each phone's browser asks for its language (Accept-Language, its locale) and is served by a
`workshop serve` started in that language, so the page speaks it whichever of the two the page
goes by. The page is found by its ids, not by the interface's words, which are translated too."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest

from tests.e2e.phones import ARGS, CHROMIUM, PHONE, WAIT, free_port
from workshop import sessions
from workshop.content import languages
from workshop.content.library import catalog, plan_for
from workshop.journal import store

sync_api = pytest.importorskip("playwright.sync_api", reason="needs playwright (pip install -e '.[test]')")
expect = sync_api.expect
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (apt-get install chromium; CI installs it)")

MODULE = "four-steps-collaboration"  # in English, German and Spanish
HARDEST = f"{MODULE}/hardest-step"  # rank: four options, voted in the order each phone shows them
ENGLISH_ONLY = "audacious-operations"  # a module of the same agenda given in English alone
PHONES = {"en": ("Ana", "en_GB"), "de": ("Bernd", "de_DE"), "es": ("Carmen", "es_MX")}


@contextmanager
def serving(path: Path, tmp_path: Path, lang: str, locale: str) -> Iterator[str]:
    """`workshop serve` on the session, speaking `lang` (its environment's `locale`); its address."""
    port = free_port()
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state"), "LC_ALL": f"{locale}.UTF-8"}
    with open(tmp_path / f"serve-{lang}.log", "w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "workshop", "serve", str(path), "--port", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
        )
    try:
        deadline = time.monotonic() + 60
        while socket.socket().connect_ex(("127.0.0.1", port)) != 0:
            assert server.poll() is None and time.monotonic() < deadline, (tmp_path / f"serve-{lang}.log").read_text()
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator:
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


def test_three_phones_three_languages_one_tally(browser, tmp_path: Path) -> None:
    path = sessions.create(plan_for(catalog(), "half-day"), tmp_path / "sessions", "room", "Sam")
    live = sessions.Session.open(path)
    live.start()
    step = catalog().modules[MODULE].step("hardest-step")
    assert step is not None and step.poll is not None
    poll = step.poll
    words = {lang: languages.poll_in(poll, lang) for lang in PHONES}
    with ExitStack() as stack:
        pages = {}
        for lang, (name, locale) in PHONES.items():
            url = stack.enter_context(serving(path, tmp_path, lang, locale))
            context = browser.new_context(**PHONE, locale=locale.replace("_", "-"))
            stack.callback(context.close)
            page = context.new_page()
            page.goto(url)
            page.locator("#code").fill(live.state().code)
            page.locator("#name").fill(name)
            page.locator("#join button[type=submit]").tap()
            expect(page.locator(".who")).to_contain_text(name, timeout=WAIT)
            pages[lang] = page

        first = catalog().modules[ENGLISH_ONLY].steps[0]
        live.goto(f"{ENGLISH_ONLY}/{first.id}")
        for lang, page in pages.items():  # not in their language: in English, marked, and tagged so
            expect(page.locator("#step")).to_have_text(first.title, timeout=WAIT)
            expect(page.locator(".other-language")).to_have_count(0 if lang == "en" else 1)
            if lang != "en":
                expect(page.locator(".other-language")).to_have_text("English")
                expect(page.locator("#step")).to_have_attribute("lang", "en")

        live.goto(HARDEST)
        for lang, page in pages.items():
            shown = words[lang]
            expect(page.locator("#vote legend")).to_have_text(shown.question, timeout=WAIT)
            expect(page.locator("#step")).to_have_text(languages.step_in(step, lang).title)
            expect(page.locator("#rank li span")).to_have_text(list(shown.options))
            expect(page.locator(".other-language")).to_have_count(0)  # their own language: no mark
            page.locator("#vote button[type=submit]").tap()
            expect(page.locator("#vote .recorded")).to_be_visible(timeout=WAIT)
            expect(page.locator("#rank li span")).to_have_text(list(shown.options))  # their ballot, in their words

        ballots = [e["value"] for e in store.load(path).events if e["type"] == "ballot"]
        assert ballots == [list(poll.options)] * 3  # each phone's order, named once, in English

        live.poll_action("close")
        for lang, page in pages.items():
            rows = page.locator("#results tr")
            expect(rows).to_have_count(4, timeout=WAIT)
            for row, label, points in zip(rows.all(), words[lang].options, (9, 6, 3, 0), strict=True):
                expect(row.locator("th")).to_have_text(label)
                expect(row.locator("td").first).to_contain_text(f"{points}")
