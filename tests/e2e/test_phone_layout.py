"""The phone page on the narrowest screens: 320 CSS pixels, and a 390- or 320-pixel phone at
200 % zoom (195 or 160 CSS pixels at twice the density). On the join page and on a page with each kind of poll,
its ballot and its results, nothing scrolls sideways and every control is on screen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.phones import ARGS, CHROMIUM, WAIT, join, serve

sync_api = pytest.importorskip("playwright.sync_api", reason="needs playwright (pip install -e '.[test]')")
expect = sync_api.expect
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (apt-get install chromium; CI installs it)")

SCREENS = [
    pytest.param({"viewport": {"width": 320, "height": 640}}, id="320px"),
    pytest.param({"viewport": {"width": 195, "height": 422}, "device_scale_factor": 2}, id="390px-zoom200"),
    pytest.param({"viewport": {"width": 160, "height": 320}, "device_scale_factor": 2}, id="320px-zoom200"),
]
# Long words where a narrow screen has to break them: a name, an answer, no spaces to wrap at.
NAME = "MaximilianaAlexandrovnaKonstantinova"
ANSWER = "Supercalifragilisticexpialidocious-and-then-some-more"
POLLS = {  # step: its question, another person's ballot (so that results show)
    "pick": ("Which first?", ["Planning"]),
    "many": ("Which matter?", ["Coaching", "Quality"]),
    "fist": ("How ready are we?", [5]),
    "dots": ("Where to invest?", ["Quality", "Quality", "Coaching"]),
    "order": ("Hardest first?", ["Letting go", "Change", "Goals", "Trust"]),
    "word": ("One word for today?", [ANSWER]),
}

# What sticks out: the page's width beyond the screen, and each control not fully on it. The
# screen's width is given, not read: a mobile browser widens its layout viewport to fit a page
# that overflows, after which the page would seem to fit.
MEASURE = """(width) => {
  const d = document.documentElement;
  const controls = document.querySelectorAll("input:not([type=hidden]), button, textarea, summary, select");
  const off = [...controls].filter((e) => {
    const r = e.getBoundingClientRect();
    return r.width === 0 || r.height === 0 || r.left < 0 || r.right > width + 0.5;
  }).map((e) => e.outerHTML.slice(0, 90));
  return {scroll: Math.max(d.scrollWidth, d.clientWidth), width, off, controls: controls.length};
}"""


@pytest.fixture(scope="module")
def browser() -> Iterator:
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


def fits(page, where: str, shots: Path) -> None:
    page.screenshot(path=str(shots / f"{where}.png"), full_page=True)  # for whoever debugs a failure
    seen = page.evaluate(MEASURE, page.viewport_size["width"])
    assert seen["scroll"] <= seen["width"], f"{where}: the page scrolls sideways ({seen['scroll']} > {seen['width']})"
    assert seen["off"] == [], f"{where}: controls not fully on screen: {seen['off']}"
    assert seen["controls"] > 0


@pytest.mark.parametrize("screen", SCREENS)
def test_nothing_scrolls_sideways_on_a_narrow_or_zoomed_phone(browser, tmp_path: Path, screen: dict) -> None:
    with serve(tmp_path) as served:
        context = browser.new_context(has_touch=True, is_mobile=True, **screen)
        page = context.new_page()
        page.goto(served.url)
        page.get_by_text("Joined before, on another device?").tap()  # its rejoin code field must fit too
        expect(page.get_by_label("Rejoin code")).to_be_visible()
        fits(page, "join", tmp_path)

        join(page, served, NAME)
        bo = served.live.join("Bo")
        for step, (question, value) in POLLS.items():
            served.live.goto(step)
            served.live.cast(bo, f"polls/{step}", value)
            served.live.poll_action("reveal")
            page.goto(served.url)  # the server may not have read the change yet: the page catches up by itself
            expect(page.get_by_role("region", name="Results")).to_contain_text(question, timeout=WAIT)
            expect(page.get_by_role("group", name=question)).to_be_visible()
            # however narrow, results stay a table a screen reader reads row by row
            expect(page.get_by_role("region", name="Results").get_by_role("rowheader").first).to_be_visible()
            fits(page, step, tmp_path)
        context.close()
