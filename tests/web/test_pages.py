"""The phone page does what a terminal participant can: join, vote in every kind, change a
ballot, add notes, see results once the reveal rule allows, see the end; a phone that closes
the page comes back as the same person. Asserted on the journal and on the page's text."""

from __future__ import annotations

import asyncio
import re

import pytest

from tests.web.conftest import Phone, Served, kinds
from workshop.journal import store


def ballots(served: Served) -> list[tuple[str, list]]:
    return [(e["poll"], e["value"]) for e in store.load(served.path).events if e["type"] == "ballot"]


async def test_a_phone_joins_and_votes_in_every_kind(served: Served) -> None:
    phone = await served.phone()
    assert (await phone.join(served.code.lower(), "Ana")).status == 303  # the code as typed, any case
    forms = {
        "pick": {"choice": "2"},
        "many": {"choice": ["1", "3"]},
        "fist": {"choice": "4"},
        "dots": {"dots-1": "2", "dots-2": "0", "dots-3": "3"},
        "order": {"rank": ["4", "1", "2", "3"]},
        "word": {"answer": "More coaching!"},
    }
    for step, fields in forms.items():
        served.live.goto(step)
        page = await phone.open()
        assert f'name="poll" value="polls/{step}"' in page
        response = await phone.post("/vote", poll=f"polls/{step}", **fields)
        assert response.status == 303, phone.last
        assert "Your vote is recorded" in await phone.open()
    recorded = ballots(served)
    assert recorded[0] == ("polls/pick", ["Planning"])
    assert recorded[1] == ("polls/many", ["Coaching", "Quality"])
    assert recorded[2][0] == "polls/fist" and recorded[2][1] == [4]
    assert recorded[3] == ("polls/dots", ["Coaching", "Coaching", "Quality", "Quality", "Quality"])
    assert recorded[4] == ("polls/order", ["Letting go", "Trust", "Goals", "Change"])
    assert recorded[5] == ("polls/word", ["More coaching!"])
    assert kinds(store.load(served.path).events).count("join") == 1


async def test_a_ballot_changes_while_the_poll_is_open_and_the_form_shows_it(served: Served) -> None:
    phone = await served.phone()
    await phone.join(served.code, "Ana")
    await phone.open()
    await phone.post("/vote", poll="polls/pick", choice="1")
    await phone.post("/vote", poll="polls/pick", choice="3")
    page = await phone.open()
    assert re.search(r'value="3" checked', page)
    served.live.refresh()
    tally = served.live.state().poll.tally
    assert tally.rows[2].value == 1 and tally.ballots == 1


async def test_a_bad_ballot_is_one_line_and_writes_nothing(served: Served) -> None:
    phone = await served.phone()
    await phone.join(served.code, "Ana")
    served.live.goto("dots")
    await phone.open()
    before = served.journal()
    for fields, words in (
        ({"dots-1": "4"}, "over the cap"),
        ({"dots-1": "3", "dots-2": "3"}, "over the budget"),
        ({"dots-1": "x"}, "whole numbers"),
        ({}, "at least one dot"),
    ):
        response = await phone.post("/vote", poll="polls/dots", **fields)
        assert response.status == 409
        error = re.search(r'<p class="error" role="alert">(.*?)</p>', phone.last).group(1)
        assert words in error and "\n" not in error
    closed = await phone.post("/vote", poll="polls/pick", choice="1")  # a stale form: that poll is not open
    assert closed.status == 409 and "not open" in phone.last or "closed" in phone.last
    assert served.journal() == before


async def test_results_appear_only_when_the_reveal_rule_allows(served: Served) -> None:
    phone = await served.phone()
    await phone.join(served.code, "Ana")
    await phone.open()
    await phone.post("/vote", poll="polls/pick", choice="2")
    assert 'id="results"' not in await phone.open()  # on-close: hidden while open
    served.live.poll_action("close")
    page = await phone.open()
    assert 'id="results"' in page and "Planning" in page and "1 vote" in page and "100%" in page
    assert "This poll is closed" in page


async def test_a_closed_page_comes_back_as_the_same_person(served: Served) -> None:
    phone = await served.phone()
    await phone.join(served.code, "Ana")
    rejoin = re.search(r'<strong class="code">(\w+)</strong>', await phone.open()).group(1)
    for _ in range(3):  # the phone sleeps and wakes: same cookie, same person, no second join
        assert "You are <strong><bdi>Ana</bdi></strong>" in await phone.open()
    other_device = await served.phone()
    taken = await other_device.join(served.code, "ana")
    assert taken.status == 409 and "taken" in other_device.last
    again = await other_device.join(served.code, "Ana", rejoin=rejoin.lower())
    assert again.status == 303 and "You are <strong><bdi>Ana</bdi></strong>" in await other_device.open()
    assert kinds(store.load(served.path).events).count("join") == 1


async def test_notes_are_added_and_shown_literally(served: Served) -> None:
    phone = await served.phone()
    await phone.join(served.code, "Bo & Co's")  # the punctuation a name may hold, and HTML must escape
    hostile = "<script>alert(1)</script> \u202eevil"
    assert (await phone.post("/note", note=hostile)).status == 303
    page = await phone.open()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<bdi>Bo &amp; Co&#39;s</bdi>" in page  # the name escaped and isolated
    note = next(e for e in store.load(served.path).events if e["type"] == "note")
    assert note["text"].startswith("<script>")  # stored as typed: escaping is the page's job


async def test_a_prompt_with_html_is_shown_as_text(served: Served) -> None:
    from workshop.web.view import prompt_html

    html = str(prompt_html("Think **hard** <img src=x onerror=alert(1)> [x](javascript:alert(1))"))
    assert "<strong>hard</strong>" in html and "<img" not in html and 'href="javascript' not in html


async def test_the_end_is_shown(served: Served) -> None:
    phone = await served.phone()
    await phone.join(served.code, "Ana")
    served.live.end()
    page = await phone.open()
    assert "The session has ended" in page and 'action="/vote"' not in page and 'action="/note"' not in page


async def test_the_join_code_can_come_in_the_address(served: Served) -> None:
    """What the QR code on the projector opens: the code filled in, only if it could be a code."""
    phone = await served.phone()
    assert f'value="{served.code}"' in await phone.open(f"/?code={served.code.lower()}")
    assert 'id="code" name="code" value=""' in await phone.open('/?code="><script>')


@pytest.mark.slow
async def test_the_event_stream_says_when_the_page_changed(served: Served) -> None:
    phone = await served.phone()
    await phone.join(served.code, "Ana")
    key = re.search(r'<body data-key="(\w+)"', await phone.open()).group(1)
    async with phone.client.get("/events") as stream:
        first = await asyncio.wait_for(stream.content.readline(), 5)
        assert first.decode().strip() == f"data: {key}"
        await asyncio.to_thread(served.live.next)  # the facilitator moves on
        await stream.content.readline()  # the blank line that ends the first event
        changed = await asyncio.wait_for(stream.content.readline(), 2)  # within a second or two
    new_key = changed.decode().strip().removeprefix("data: ")
    assert new_key != key
    assert f'<body data-key="{new_key}"' in await phone.open()


async def test_an_unknown_poll_or_option_is_refused(served: Served) -> None:
    phone: Phone = await served.phone()
    await phone.join(served.code, "Ana")
    await phone.open()
    before = served.journal()
    for fields in (
        {"poll": "polls/nope", "choice": "1"},
        {"poll": "polls/pick", "choice": "9"},
        {"poll": "polls/pick", "choice": "-1"},
        {"poll": "polls/pick"},
    ):
        assert (await phone.post("/vote", **fields)).status == 409
    assert served.journal() == before


async def test_a_step_in_rounds_says_whose_turn_it_is(tmp_path) -> None:
    """Pair work on the phone: the round by name, switching with time alone."""
    import datetime as dt

    from aiohttp import CookieJar
    from aiohttp.test_utils import TestClient, TestServer

    from tests.cli.test_agenda_live import MODULE
    from workshop import sessions
    from workshop.content import document, schema
    from workshop.content.model import Agenda, AgendaItem, Plan
    from workshop.web import make_app

    now = [dt.datetime.now(dt.UTC)]
    module = schema.check_module(document.parse(MODULE.encode(), "timing.toml"))
    plan = Plan(Agenda("timing", "Timing", dt.time(9), (AgendaItem("timing"),)), (module,))
    path = sessions.create(plan, tmp_path, "rounds", clock=lambda: now[0], code="ROUNDS")
    live = sessions.Session.open(path, lambda: now[0])
    live.start()
    live.goto("pairs")
    async with TestClient(
        TestServer(make_app(sessions.Session.open(path, lambda: now[0]))), cookie_jar=CookieJar(unsafe=True)
    ) as client:
        phone = Phone(client)
        await phone.join("ROUNDS", "Ana")
        assert '<p id="round" class="round"><strong><bdi>Speaker A · round 1 of 2</bdi>' in await phone.open()
        now[0] += dt.timedelta(minutes=3, seconds=1)
        assert "Speaker B · round 2 of 2" in await phone.open()


async def test_a_revote_asks_the_phone_to_vote_again(served: Served) -> None:
    phone = await served.phone()
    await phone.join(served.code, "Ana")
    await phone.open()
    await phone.post("/vote", poll="polls/pick", choice="1")
    served.live.revote()
    page = await phone.open()
    assert "Round 2: vote again." in page and "Your vote is recorded" not in page
    assert (await phone.post("/vote", poll="polls/pick", choice="2")).status == 303
    served.live.refresh()
    poll = served.live.state().poll
    assert poll.round == 2 and [r.value for r in poll.rounds[0].rows] == [1, 0, 0]
    assert [r.value for r in poll.tally.rows] == [0, 1, 0]
