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


def dialogs(page, seen: list[str]) -> list[str]:
    """Collects into `seen` the messages of the dialogs the page opens (each dismissed): any at
    all means participant text ran as script."""

    def fired(dialog) -> None:
        seen.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", fired)
    return seen


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
    alerts = dialogs(page, [])
    join(page, served, "Ana")
    expect(page.get_by_role("heading", name="Intro")).to_be_visible()
    page.get_by_label("Your note").fill("Glad to be here")
    page.get_by_role("button", name="Send").tap()
    expect(page.locator(".notes")).to_contain_text("Glad to be here", timeout=WAIT)

    # single, revealed on close
    facilitator(page, lambda: served.live.goto("pick"))
    expect(page.get_by_role("group", name="Which first?")).to_be_visible(timeout=WAIT)
    still_the_same_page(page)
    expect(page.locator(".notes")).to_have_count(0)  # the note was on the intro, not on this step
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
    dialogs(page, alerts)
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

    served.live.end()
    expect(page.get_by_role("heading", name="The session has ended")).to_be_visible(timeout=WAIT)
    expect(page.get_by_role("button", name="Vote")).to_have_count(0)
    context.close()
    assert alerts == []

    joins = served.events("join")
    assert [j["name"] for j in joins] == ["Ana"]  # the unlocked phone did not join again
    ana = joins[0]["participant"]
    assert [(n["author"], n["text"]) for n in served.events("note")] == [(ana, "Glad to be here")]
    ballots = served.events("ballot")
    assert [(b["poll"], b["value"]) for b in ballots] == [
        ("polls/pick", ["Planning"]),
        ("polls/many", ["Coaching", "Quality"]),
        ("polls/fist", [4]),
        ("polls/dots", ["Coaching", "Coaching", "Planning"]),
        ("polls/order", ["Letting go", "Goals", "Trust", "Change"]),
        ("polls/word", ["trust"]),
    ]
    voters = {b["poll"]: b["participant"] for b in ballots}
    assert voters.pop("polls/fist") != ana  # anonymous: the journal does not say it was hers
    assert set(voters.values()) == {ana}
    assert {p["participant"] for p in served.events("present")} <= {ana}


def test_a_half_made_ballot_survives_an_update_and_each_tap_counts_once(browser, served: Served) -> None:
    context = browser.new_context(**PHONE)
    page = context.new_page()
    join(page, served, "Cy")
    facilitator(page, lambda: served.live.goto("dots"))
    expect(page.locator(".budget")).to_have_text("5 of 5 dots left", timeout=WAIT)
    page.get_by_role("button", name="More dots on Coaching").tap()
    facilitator(page, lambda: served.live.extend(1))  # the page updates while Cy is still placing dots
    expect(page.locator("#time")).to_contain_text("of 3 min", timeout=WAIT)
    still_the_same_page(page)
    expect(page.get_by_label("Coaching", exact=True)).to_have_value("1")
    page.get_by_role("button", name="More dots on Planning").tap()
    expect(page.get_by_label("Planning", exact=True)).to_have_value("1")
    expect(page.locator(".budget")).to_have_text("3 of 5 dots left")
    vote(page)

    facilitator(page, served.live.next)
    expect(page.get_by_role("group", name="Hardest first?")).to_be_visible(timeout=WAIT)
    page.get_by_role("button", name="Move Goals up").tap()
    facilitator(page, lambda: served.live.extend(1))
    expect(page.locator("#time")).to_contain_text("of 3 min", timeout=WAIT)
    page.get_by_role("button", name="Move Change up").tap()
    expect(page.locator("#rank li span")).to_have_text(["Goals", "Change", "Trust", "Letting go"])
    vote(page)

    facilitator(page, served.live.next)
    expect(page.get_by_role("group", name="One word for today?")).to_be_visible(timeout=WAIT)
    page.get_by_label("Your answer").fill("half a thou")  # still typing: the field has not lost focus
    facilitator(page, lambda: served.live.extend(1))
    expect(page.locator("#time")).to_contain_text("of 3 min", timeout=WAIT)
    expect(page.get_by_label("Your answer")).to_have_value("half a thou")
    page.get_by_label("Your answer").press_sequentially("ght")
    vote(page)
    context.close()
    assert [b["value"] for b in served.events("ballot")] == [
        ["Coaching", "Planning"],
        ["Goals", "Change", "Trust", "Letting go"],
        ["half a thought"],
    ]


def test_the_page_works_without_javascript(browser, served: Served) -> None:
    context = browser.new_context(java_script_enabled=False, **PHONE)
    page = context.new_page()
    page.goto(served.url)
    page.get_by_label("Join code", exact=True).fill(served.code)
    page.get_by_label("Your name").fill("Bo")
    # someone who types slowly: the join page must not refresh itself and wipe what was typed
    page.wait_for_timeout(6000)
    expect(page.get_by_label("Your name")).to_have_value("Bo")
    page.get_by_role("button", name="Join").tap()
    expect(page.locator(".who")).to_have_text("You are Bo", timeout=WAIT)
    served.live.goto("pick")  # without a script the page refreshes itself every few seconds
    expect(page.get_by_role("group", name="Which first?")).to_be_visible(timeout=WAIT)
    page.get_by_label("Quality").tap()
    vote(page)
    expect(page.get_by_label("Quality")).to_be_checked()
    served.live.poll_action("close")
    expect(page.get_by_role("region", name="Results").get_by_role("row", name="Quality")).to_contain_text(
        "1 vote", timeout=WAIT
    )
    context.close()
    assert [j["name"] for j in served.events("join")] == ["Bo"]
    assert [(b["poll"], b["name"], b["value"]) for b in served.events("ballot")] == [("polls/pick", "Bo", ["Quality"])]


HOSTILE_NAME = "<script>alert(1)</script>\u202eevil"
HOSTILE_NOTE = "<img src=x onerror=alert(2)> \u202egnp.exe <b>bold</b>"
HOSTILE_ANSWER = "<script>alert(3)</script>"


def test_hostile_names_notes_and_answers_are_shown_as_typed(browser, served: Served) -> None:
    context = browser.new_context(**PHONE)
    page = context.new_page()
    alerts = dialogs(page, [])
    # an error that repeats the name back: someone trying to rejoin as a name nobody has
    page.goto(served.url)
    page.get_by_label("Join code", exact=True).fill(served.code)
    page.get_by_label("Your name").fill("<img src=x onerror=alert(4)>")
    page.get_by_text("Joined before, on another device?").tap()
    page.get_by_label("Rejoin code").fill("ABCDEF")
    page.get_by_role("button", name="Join").tap()
    expect(page.get_by_role("alert")).to_have_text(  # a name keeps letters, digits and a little punctuation
        "nobody called “img srcx onerroralert(4)” has joined this session", timeout=WAIT
    )
    expect(page.get_by_label("Your name")).to_have_value("<img src=x onerror=alert(4)>")  # kept to correct

    join(page, served, HOSTILE_NAME)
    stored = served.events("join")[0]["name"]
    assert stored == "scriptalert(1)scriptevil"  # a name loses markup's brackets and invisible bidi controls
    expect(page.locator(".who strong")).to_have_text(stored)
    assert page.locator(".who strong").inner_text() == stored
    page.get_by_label("Your note").fill(HOSTILE_NOTE)
    page.get_by_role("button", name="Send").tap()
    expect(page.locator(".notes li")).to_have_count(1, timeout=WAIT)
    # a note keeps what was typed; its override is closed where the note ends (an invisible PDF),
    # so it reverses nothing after it
    assert page.locator(".notes li").inner_text() == HOSTILE_NOTE + "\u202c"
    facilitator(page, lambda: served.live.goto("word"))
    expect(page.get_by_role("group", name="One word for today?")).to_be_visible(timeout=WAIT)
    page.get_by_label("Your answer").fill(HOSTILE_ANSWER)
    vote(page)
    served.live.poll_action("close")
    results = page.get_by_role("region", name="Results")
    expect(results.locator("th")).to_have_text([HOSTILE_ANSWER], timeout=WAIT)
    assert page.locator("script:not([src])").count() == 0
    assert page.locator("img, b").count() == 0
    context.close()
    assert alerts == []


def test_a_refused_ballot_keeps_its_reason_until_the_poll_moves_on(browser, served: Served) -> None:
    """A ballot refused says why at the top of the page, and says it still when the room changes
    something else (time given, another person's ballot): it goes once the poll moves on."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    join(page, served, "Di")
    facilitator(page, lambda: served.live.goto("dots"))
    expect(page.locator(".budget")).to_have_text("5 of 5 dots left", timeout=WAIT)
    page.get_by_role("button", name="Vote").tap()  # no dot placed: refused
    expect(page.locator(".error")).to_be_visible(timeout=WAIT)
    said = page.locator(".error").inner_text()
    facilitator(page, lambda: served.live.extend(1))
    expect(page.locator("#time")).to_contain_text("of 3 min", timeout=WAIT)
    expect(page.locator(".error")).to_have_text(said)
    facilitator(page, served.live.next)
    expect(page.get_by_role("group", name="Hardest first?")).to_be_visible(timeout=WAIT)
    expect(page.locator(".error")).to_have_count(0)
    context.close()
