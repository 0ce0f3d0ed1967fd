"""The phone page in every state a person meets, at 390×844 in the light and the dark colour
scheme, through axe-core (bundled with axe-playwright-python: nothing is fetched): no violation
in any. And, since axe leaves colours it cannot resolve to a person, the contrast of every text
on the page is measured against what is behind it, in both schemes: 4.5:1 at least (3:1 for
large text). The page's script keeps a multiple-choice poll's limit as a box is ticked."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests import by_name
from tests.e2e.phones import ARGS, CHROMIUM, PHONE, WAIT, Served, join, serve
from workshop.content import document, schema
from workshop.content.model import Agenda, AgendaItem, Plan

sync_api = pytest.importorskip("playwright.sync_api", reason="needs playwright (pip install -e '.[test]')")
axe_playwright = pytest.importorskip("axe_playwright_python.sync_playwright", reason="needs axe-playwright-python")
expect = sync_api.expect
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (apt-get install chromium; CI installs it)")

POLLS = {  # step: its poll's table, with results shown live so the page shows them at once
    "pick": 'question = "Which first?"\nvote = "single"\noptions = ["Coaching", "Planning", "Quality"]',
    "many": 'question = "Which matter?"\nvote = "multi"\nmax = 2\noptions = ["Coaching", "Planning", "Quality"]',
    "fist": 'question = "How ready are we?"\nvote = "scale"\nmin = 0\nmax = 5\n'
    'labels = { 0 = "not at all", 5 = "fully" }',
    "dots": 'question = "Where to invest?"\nvote = "dots"\nbudget = 5\ncap = 3\n'
    'options = ["Coaching", "Planning", "Quality"]',
    "order": 'question = "Hardest first?"\nvote = "rank"\noptions = ["Trust", "Goals", "Change"]',
    "word": 'question = "One word for today?"\nvote = "text"\nmax_length = 60',
    "agree": 'question = "Can you live with the proposal?"\nvote = "consent"',
}
BALLOTS = {
    "pick": ["Planning"],
    "many": ["Coaching", "Quality"],
    "fist": [4],
    "dots": ["Quality", "Quality", "Coaching"],
    "order": ["Goals", "Trust", "Change"],
    "word": ["Trust"],
    "agree": [2],
}


def plan() -> Plan:
    steps = [
        '[[steps]]\nid = "intro"\ntitle = "Two kinds of power"\nkind = "talk"\nminutes = 3\nprompt = """\n'
        "**Power over** and *power to*:\n\n- first\n- second\n\n| Compromise | Collaboration |\n|---|---|\n"
        '| ends the argument | solves the problem |\n"""\n',
        '[[steps]]\nid = "pairs"\ntitle = "Pair work"\nkind = "discuss"\nminutes = 6\nprompt = "In pairs."\n'
        '[[steps.rounds]]\nlabel = "Speaker A"\nminutes = 3\n[[steps.rounds]]\nlabel = "Speaker B"\nminutes = 3\n',
    ]
    steps += [
        f'[[steps]]\nid = "{step}"\ntitle = "Poll {step}"\nkind = "poll"\nminutes = 2\nprompt = "Vote."\n'
        f'[steps.poll]\n{table}\nreveal = "live"\n'
        for step, table in POLLS.items()
    ]
    steps += [
        '[[steps]]\nid = "ideas"\ntitle = "Ideas"\nkind = "brainstorm"\nminutes = 3\nprompt = "One idea per entry."\n',
        '[[steps]]\nid = "questions"\ntitle = "Questions"\nkind = "qa"\nminutes = 3\nprompt = "Ask anything."\n',
        '[[steps]]\nid = "coffee"\ntitle = "Coffee"\nkind = "break"\nminutes = 10\nprompt = "Back soon."\n',
    ]
    text = (
        'id = "a11y"\ntitle = "Every state"\nsummary = "Each state of the phone page."\nminutes = 39\n'
        '[source]\ntitle = "T"\nauthor = "A"\npublisher = "P"\n\n' + "\n".join(steps)
    )
    module = schema.check_module(document.parse(text.encode(), "a11y.toml"))
    return Plan(Agenda("a11y", "Every state", dt.time(9), (AgendaItem(module.id),)), (module,))


# Every element with text of its own, its colour (times every ancestor's opacity) blended over
# what is behind it: the first opaque background up the tree, or the page's own canvas colour.
CONTRAST = """() => {
  const probe = document.createElement("div");
  probe.style.background = "Canvas";
  document.body.append(probe);
  const canvas = getComputedStyle(probe).backgroundColor;
  probe.remove();
  const rgba = (text) => {
    const n = text.match(/[\\d.]+/g).map(Number);
    return [n[0], n[1], n[2], n.length > 3 ? n[3] : 1];
  };
  const over = (top, under) => top.slice(0, 3).map((c, i) => c * top[3] + under[i] * (1 - top[3]));
  const lum = (c) => {
    const l = c.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
  };
  const found = [];
  for (const el of document.querySelectorAll("body *")) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    const box = el.getBoundingClientRect();
    if (!own || box.width <= 1 || box.height <= 1 || el.closest(".visually-hidden, [hidden]")) continue;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden") continue;
    let under = rgba(canvas), opacity = 1;
    const layers = [];
    for (let at = el; at; at = at.parentElement) {
      const s = getComputedStyle(at);
      opacity *= Number(s.opacity);
      const bg = rgba(s.backgroundColor);
      if (bg[3] > 0) layers.push(bg);
    }
    for (const bg of layers.reverse()) under = over(bg, under);
    const colour = rgba(style.color);
    const text = over([colour[0], colour[1], colour[2], colour[3] * opacity], under);
    const [a, b] = [lum(text), lum(under)];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
    const large = size >= 24 || (bold && size >= 18.66);
    found.push({text: el.textContent.trim().slice(0, 40), ratio: Math.round(ratio * 100) / 100,
                needed: large ? 3 : 4.5});
  }
  return found;
}"""


@pytest.fixture(scope="module")
def browser() -> Iterator:
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


def check(page, where: str, seen: list[str]) -> None:
    """No axe violation, and every text's contrast measured; what failed is added to `seen`."""
    page.wait_for_load_state("domcontentloaded")
    results = axe_playwright.Axe().run(
        page, options={"resultTypes": ["violations"], "rules": {"label-content-name-mismatch": {"enabled": True}}}
    )
    for violation in results.response["violations"]:
        nodes = [node["html"][:80] for node in violation["nodes"]]
        seen.append(f"{where}: {violation['id']} ({violation['impact']}): {nodes}")
    texts = page.evaluate(CONTRAST)
    assert texts, where
    for low in (t for t in texts if t["ratio"] < t["needed"]):
        seen.append(f"{where}: contrast {low['ratio']}:1 < {low['needed']}:1 for {low['text']!r}")


def join_after_the_wait(page, served: Served, name: str) -> None:
    """Join as a person who was told to wait after a wrong code: tries again until let in (each
    try the page refuses says how long to wait; the deadline is generous)."""
    deadline = time.monotonic() + WAIT / 1000
    while True:
        page.goto(served.url)
        page.get_by_label("Join code", exact=True).fill(served.code)
        page.get_by_label("Your name").fill(name)
        page.get_by_role("button", name="Join").click()
        try:
            expect(page.locator(".who")).to_contain_text("You are", timeout=2000)
            return
        except AssertionError:
            if time.monotonic() > deadline:
                raise


def states(page, served: Served, at: Callable[[str], None]) -> None:
    """Walk the page through every state a person meets, calling `at(name)` in each."""
    live = served.live
    page.goto(served.url)
    at("join")
    page.get_by_label("Join code", exact=True).fill("WRONG9")
    page.get_by_label("Your name").fill("Ana")
    page.get_by_role("button", name="Join").click()
    expect(page.locator(".error")).to_be_visible(timeout=WAIT)
    at("join, a wrong code")
    join_after_the_wait(page, served, "Ana")
    at("waiting for the start")
    live.start()
    expect(page.get_by_role("heading", name="Two kinds of power")).to_be_visible(timeout=WAIT)
    expect(page.locator(".prompt table")).to_be_visible()
    at("a talk step with a table")
    page.get_by_role("button", name="Raise your hand").click()
    expect(page.get_by_text("Your hand is up")).to_be_visible(timeout=WAIT)
    page.get_by_label("Your note").fill("Glad to be here")
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".notes")).to_contain_text("Glad to be here", timeout=WAIT)
    at("a hand up and a note")
    live.goto("pairs")
    expect(page.locator("#round")).to_contain_text("Speaker A", timeout=WAIT)
    at("a step in rounds")
    bo = live.join("Bo")
    for step, ballot in BALLOTS.items():
        live.goto(step)
        expect(page.locator("#vote legend")).to_have_text(POLLS[step].split('"')[1], timeout=WAIT)
        at(f"{step}: the ballot")
        live.cast(bo, f"a11y/{step}", ballot)
        expect(page.locator("#results")).to_be_visible(timeout=WAIT)
        if step == "word":
            page.get_by_label("Your answer").fill("Goals")  # the others go unfilled: refused, said why
        page.get_by_role("button", name="Vote").click()
        expect(page.locator(".error, .recorded").first).to_be_visible(timeout=WAIT)
        at(f"{step}: voted, or refused, with results")
    live.poll_action("close")
    expect(page.get_by_text("This poll is closed")).to_be_visible(timeout=WAIT)
    at("a closed consent poll")
    live.goto("ideas")
    expect(page.get_by_label("Your idea (one per entry)")).to_be_visible(timeout=WAIT)
    page.get_by_label("Your idea (one per entry)").fill("Shorter shifts")
    page.get_by_role("button", name="Add the idea").click()
    expect(page.locator(".ideas")).to_contain_text("Shorter shifts", timeout=WAIT)
    at("a brainstorm with an idea")
    live.goto("questions")
    by_name.ask(live, "Bo", "Who decides the rota?")
    expect(page.locator(".questions")).to_contain_text("Who decides the rota?", timeout=WAIT)
    at("questions to upvote")
    page.get_by_role("button", name="upvote this question, Who decides the rota?").click()
    expect(page.locator(".upvoted")).to_contain_text("you upvoted", timeout=WAIT)
    at("a question upvoted")
    live.goto("coffee")
    expect(page.get_by_role("heading", name="Coffee")).to_be_visible(timeout=WAIT)
    at("a break")
    live.end()
    expect(page.get_by_role("heading", name="The session has ended")).to_be_visible(timeout=WAIT)
    at("the end")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_state_of_the_phone_page_passes_axe_and_reads_clearly(browser, tmp_path: Path, scheme: str) -> None:
    found: list[str] = []
    visited: list[str] = []
    with serve(tmp_path, start=False, plan=plan()) as served:
        context = browser.new_context(**PHONE, color_scheme=scheme)
        page = context.new_page()

        def at(where: str) -> None:
            visited.append(where)
            check(page, f"{scheme}, {where}", found)

        states(page, served, at)
        context.close()
    assert len(visited) >= 20
    assert not found, "\n".join(found)


def test_a_tick_over_the_limit_is_undone_as_it_is_made(browser, tmp_path: Path) -> None:
    with serve(tmp_path, plan=plan()) as served:
        context = browser.new_context(**PHONE)
        page = context.new_page()
        join(page, served, "Ana")
        served.live.goto("many")  # up to two
        expect(page.get_by_role("group", name="Which matter?")).to_be_visible(timeout=WAIT)
        for option in ("Coaching", "Planning", "Quality"):
            page.get_by_label(option).tap()
        expect(page.get_by_label("Quality")).not_to_be_checked()
        expect(page.get_by_label("Coaching")).to_be_checked()
        expect(page.get_by_label("Planning")).to_be_checked()
        expect(page.locator("#limit")).to_have_text("At most 2: untick one first.")
        page.get_by_role("button", name="Vote").tap()
        expect(page.get_by_text("Your vote is recorded")).to_be_visible(timeout=WAIT)
        assert [e["value"] for e in served.events("ballot")] == [["Coaching", "Planning"]]
        context.close()
