"""The phone page as a person in the room uses it: Debian's Chromium in a 390×844 touch viewport,
joining with the code, tapping through every kind of poll while the facilitator moves on, the
phone locking and unlocking, and the journal holding exactly what was tapped."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.phones import ARGS, CHROMIUM, PHONE, WAIT, Served, join, serve

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


def no_dialogs(page) -> None:
    """A dialog on this page means participant text ran as script: fail the test on the spot."""
    def fired(dialog) -> None:
        dialog.dismiss()
        pytest.fail(f"a dialog fired: {dialog.message!r}")
    page.on("dialog", fired)


def facilitator(page, act) -> None:
    """The facilitator acts; the page must show it by itself, without being reloaded. A mark left
    on the page's window survives a swap of its content but not a reload."""
    page.evaluate("window.stayed = true")
    act()


def vote(page) -> None:
    page.get_by_role("button", name="Vote").tap()
    expect(page.get_by_text("Your vote is recorded")).to_be_visible(timeout=WAIT)


def still_the_same_page(page) -> None:
    assert page.evaluate("window.stayed === true"), "the page reloaded instead of updating itself"


def test_a_phone_joins_votes_in_every_kind_by_tapping_and_sees_results(browser, served: Served) -> None:
    context = browser.new_context(**PHONE)
    page = context.new_page()
    no_dialogs(page)
    join(page, served, "Ana")
    expect(page.get_by_role("heading", name="Intro")).to_be_visible()
    page.get_by_label("Your note").fill("Glad to be here")
    page.get_by_role("button", name="Send").tap()
    expect(page.locator(".notes")).to_contain_text("Glad to be here", timeout=WAIT)

    # single, revealed on close
    facilitator(page, lambda: served.live.goto("pick"))
    expect(page.get_by_role("group", name="Which first?")).to_be_visible(timeout=WAIT)
    still_the_same_page(page)
    page.get_by_label("Planning").tap()
    vote(page)
    expect(page.get_by_label("Planning")).to_be_checked()
    expect(page.get_by_role("region", name="Results")).to_have_count(0)  # hidden until the poll closes
    facilitator(page, lambda: served.live.poll_action("close"))
    results = page.get_by_role("region", name="Results")
    expect(results).to_contain_text("Planning", timeout=WAIT)
    expect(results.get_by_role("row", name="Planning")).to_contain_text("1 vote")
    expect(page.get_by_text("This poll is closed")).to_be_visible()
    still_the_same_page(page)

    # multi, revealed live: the page's own ballot shows up in the results at once
    facilitator(page, served.live.next)
    expect(page.get_by_role("group", name="Which matter?")).to_be_visible(timeout=WAIT)
    still_the_same_page(page)
    page.get_by_label("Coaching").tap()
    page.get_by_label("Quality").tap()
    vote(page)
    expect(page.get_by_role("region", name="Results").get_by_role("row", name="Quality")).to_contain_text("1 vote")

    # scale, anonymous
    facilitator(page, served.live.next)
    expect(page.get_by_role("group", name="How ready are we?")).to_be_visible(timeout=WAIT)
    still_the_same_page(page)
    page.get_by_label("4", exact=True).tap()
    vote(page)

    # dots, with the budget counting down as they are placed; revealed by the facilitator
    facilitator(page, served.live.next)
    expect(page.get_by_role("group", name="Where to invest?")).to_be_visible(timeout=WAIT)
    still_the_same_page(page)
    expect(page.locator(".budget")).to_have_text("5 of 5 dots left")
    for option in ("Coaching", "Coaching", "Planning", "Quality"):
        page.get_by_role("button", name=f"More dots on {option}").tap()
    page.get_by_role("button", name="Fewer dots on Quality").tap()
    expect(page.locator(".budget")).to_have_text("2 of 5 dots left")
    vote(page)

    # the phone locks and unlocks: the page is gone, a new one opens with the same cookie
    page.close()
    page = context.new_page()
    no_dialogs(page)
    page.goto(served.url)
    expect(page.locator(".who")).to_have_text("You are Ana")
    expect(page.get_by_label("Join code", exact=True)).to_have_count(0)
    expect(page.get_by_label("Coaching", exact=True)).to_have_value("2")  # their ballot, as they left it
    expect(page.get_by_label("Planning", exact=True)).to_have_value("1")
    expect(page.get_by_role("region", name="Results")).to_have_count(0)
    facilitator(page, lambda: served.live.poll_action("reveal"))
    results = page.get_by_role("region", name="Results")
    expect(results.get_by_role("row", name="Coaching")).to_contain_text("2 dots", timeout=WAIT)
    still_the_same_page(page)

    # rank by up and down buttons
    facilitator(page, served.live.next)
    expect(page.get_by_role("group", name="Hardest first?")).to_be_visible(timeout=WAIT)
    still_the_same_page(page)
    for _ in range(3):
        page.get_by_role("button", name="Move Letting go up").tap()
    page.get_by_role("button", name="Move Trust down").tap()
    expect(page.locator("#rank li span")).to_have_text(["Letting go", "Goals", "Trust", "Change"])
    vote(page)
    expect(page.locator("#rank li span")).to_have_text(["Letting go", "Goals", "Trust", "Change"])

    # text
    facilitator(page, served.live.next)
    expect(page.get_by_role("group", name="One word for today?")).to_be_visible(timeout=WAIT)
    still_the_same_page(page)
    page.get_by_label("Your answer").fill("trust")
    vote(page)
    context.close()

    joins = served.events("join")
    assert [j["name"] for j in joins] == ["Ana"]  # the unlocked phone did not join again
    ana = joins[0]["participant"]
    assert [(n["author"], n["text"]) for n in served.events("note")] == [(ana, "Glad to be here")]
    ballots = served.events("ballot")
    assert [(b["poll"], b["value"]) for b in ballots] == [
        ("polls/pick", ["Planning"]), ("polls/many", ["Coaching", "Quality"]), ("polls/fist", [4]),
        ("polls/dots", ["Coaching", "Coaching", "Planning"]),
        ("polls/order", ["Letting go", "Goals", "Trust", "Change"]), ("polls/word", ["trust"])]
    voters = {b["poll"]: b["participant"] for b in ballots}
    assert voters.pop("polls/fist") != ana  # anonymous: the journal does not say it was hers
    assert set(voters.values()) == {ana}
    assert {p["participant"] for p in served.events("present")} <= {ana}
