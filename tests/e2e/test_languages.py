"""The phone page in each person's language (issue #27), in Debian's Chromium: three phones whose
browsers ask for English, German and Spanish, the facilitator at a terminal in French, one poll;
each page speaks its own language and the three ballots count on the same options. The picker on
the join form changes a phone's language, and its cookie keeps it. A pseudo right-to-left language
lays the page out right to left, where nothing is cut and nothing overlaps."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.phones import ARGS, CHROMIUM, PHONE, WAIT, Served, serve

sync_api = pytest.importorskip("playwright.sync_api", reason="needs playwright (pip install -e '.[test]')")
expect = sync_api.expect
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (apt-get install chromium; CI installs it)")


@pytest.fixture(scope="module")
def browser() -> Iterator:
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    with serve(tmp_path) as s:
        yield s


def facilitator(served: Served, *args: str) -> str:
    """The facilitator at a terminal in French (its locale says so): one `workshop control`
    command, its answer."""
    env = {**os.environ, "LC_ALL": "", "LC_MESSAGES": "", "LANG": "fr_FR.UTF-8"}
    done = subprocess.run(
        [sys.executable, "-m", "workshop", "control", str(served.path), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


PHONES = {  # the browser's language: a name, the option picked, the page's words before and after
    "en-GB": ("Ana", 1, "Join the workshop", "Join", "Vote", "Your vote is recorded", "Results: "),
    "de-DE": (
        "Bo",
        2,
        "Am Workshop teilnehmen",
        "Beitreten",
        "Abstimmen",
        "Ihre Stimme ist gespeichert",
        "Ergebnisse: ",
    ),
    "es-MX": ("Cai", 2, "Únete al taller", "Unirme", "Votar", "Tu voto está registrado", "Resultados: "),
}


def test_three_phones_and_the_facilitator_each_in_their_own_language(browser, served: Served) -> None:
    pages = {}
    for locale, (name, _pick, heading, join, _vote, _recorded, _results) in PHONES.items():
        context = browser.new_context(locale=locale, **PHONE)  # Accept-Language: the browser's own
        page = context.new_page()
        page.goto(served.url)
        expect(page.locator("#join h2")).to_have_text(heading, timeout=WAIT)
        assert page.locator("html").get_attribute("lang") == locale[:2]
        page.locator("#code").fill(served.code)
        page.locator("#name").fill(name)
        page.get_by_role("button", name=join, exact=True).tap()
        expect(page.locator(".who")).to_contain_text(name, timeout=WAIT)
        pages[locale] = page

    said = facilitator(served, "goto", "pick")
    assert "maintenant" in said  # the facilitator's terminal answers in French
    for locale, (_name, pick, _heading, _join, vote, recorded, _results) in PHONES.items():
        page = pages[locale]
        expect(page.locator("#vote")).to_be_visible(timeout=WAIT)
        page.locator(f"#choice-{pick}").check()
        page.get_by_role("button", name=vote, exact=True).tap()
        expect(page.get_by_text(recorded)).to_be_visible(timeout=WAIT)

    assert "résultats affichés" in facilitator(served, "reveal")
    for locale, (*_rest, results) in PHONES.items():
        expect(pages[locale].locator("#results h3")).to_contain_text(results, timeout=WAIT)
    expect(pages["de-DE"].locator("#results")).to_contain_text("3 Stimmzettel")
    expect(pages["es-MX"].locator("#results")).to_contain_text("3 votos emitidos")
    expect(pages["en-GB"].locator("#results")).to_contain_text("3 ballots")

    cast = [e["value"] for e in served.events("ballot")]
    assert sorted(v[0] for v in cast) == ["Coaching", "Planning", "Planning"]  # one tally, by option
    served.live.refresh()  # what the server and the terminal wrote
    tally = served.live.state().polls["polls/pick"].tally
    assert {row.label: row.value for row in tally.rows} == {"Coaching": 1, "Planning": 2, "Quality": 0}


def test_the_picker_changes_a_phones_language_and_its_cookie_keeps_it(browser, served: Served) -> None:
    context = browser.new_context(locale="en-US", **PHONE)
    page = context.new_page()
    page.goto(served.url + f"?code={served.code}")
    expect(page.locator("#join h2")).to_have_text("Join the workshop", timeout=WAIT)
    expect(page.get_by_role("button", name="Change language")).to_be_visible()  # for a page without its script
    page.locator("#lang").select_option("fr")  # the script sends the choice at once
    expect(page.locator("#join h2")).to_have_text("Rejoindre l'atelier", timeout=WAIT)
    assert page.locator("#code").input_value() == served.code  # the code typed or scanned is kept
    page.goto(served.url)  # the browser still asks for English; the cookie says French
    expect(page.locator("#join h2")).to_have_text("Rejoindre l'atelier", timeout=WAIT)
    other = browser.new_context(locale="en-US", **PHONE).new_page()  # another phone: its own choice
    other.goto(served.url)
    expect(other.locator("#join h2")).to_have_text("Join the workshop", timeout=WAIT)


# Every element that shows text of its own: its box, to check that none is cut by the screen's
# edge and none lies over another (an element over its own ancestor or descendant is no overlap).
BOXES = """() => {
  const shown = [...document.querySelectorAll("body *")].filter((e) => {
    const style = getComputedStyle(e);
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && style.visibility !== "hidden" && style.display !== "none"
      && e.checkVisibility({contentVisibilityAuto: true, visibilityProperty: true})  // not in a closed <details>
      && [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
  });
  const boxes = shown.map((e) => {
    const range = document.createRange();
    range.selectNodeContents(e);
    const r = range.getBoundingClientRect();
    return {e, r, what: e.outerHTML.slice(0, 80)};
  });
  const cut = boxes.filter(({r}) => r.left < -0.5 || r.right > document.documentElement.clientWidth + 0.5)
    .map((b) => b.what);
  const crossing = [];
  boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => {
    if (a.e.contains(b.e) || b.e.contains(a.e)) return;
    const x = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
    const y = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
    if (x > 1 && y > 1) crossing.push(a.what + " / " + b.what);
  }));
  return {cut, crossing, count: boxes.length, dir: document.documentElement.dir,
          scroll: document.documentElement.scrollWidth, width: document.documentElement.clientWidth};
}"""


def laid_out(page, where: str, shots: Path) -> None:
    page.screenshot(path=str(shots / f"rtl-{where}.png"), full_page=True)  # for whoever debugs a failure
    seen = page.evaluate(BOXES)
    assert seen["dir"] == "rtl"
    assert seen["count"] > 3
    assert seen["scroll"] <= seen["width"], f"{where}: the page scrolls sideways"
    assert seen["cut"] == [], f"{where}: cut by the screen's edge: {seen['cut']}"
    assert seen["crossing"] == [], f"{where}: overlapping: {seen['crossing']}"


def test_right_to_left_the_page_cuts_nothing_and_overlaps_nothing(browser, served: Served, tmp_path: Path) -> None:
    page = browser.new_context(**PHONE).new_page()
    page.goto(served.url + "?lang=x-rtl")
    reversed_heading = "\u2067pohskrow eht nioJ\u2069"
    expect(page.locator("#join h2")).to_have_text(reversed_heading, timeout=WAIT)
    laid_out(page, "join", tmp_path)
    page.locator("#code").fill(served.code)
    page.locator("#name").fill("Ana")
    page.locator("#join button[type=submit]").tap()
    expect(page.locator(".who")).to_contain_text("Ana", timeout=WAIT)
    bo = served.live.join("Bo")
    for step, value in (("pick", ["Planning"]), ("dots", ["Quality", "Quality", "Coaching"])):
        served.live.goto(step)
        expect(page.locator("#vote")).to_be_visible(timeout=WAIT)
        laid_out(page, f"{step}-ballot", tmp_path)
        served.live.cast(bo, f"polls/{step}", value)
        served.live.poll_action("reveal")
        expect(page.locator("#results")).to_be_visible(timeout=WAIT)
        laid_out(page, f"{step}-results", tmp_path)
