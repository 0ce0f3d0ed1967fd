"""What the phone page shows in the states issue 25 found wrong, read from the HTML a browser
without a script gets: a refused ballot comes back as it was ticked, a round's time with the
step's beside it, a consent poll's result, upvote buttons that say what they do and how many
and a mark on what this person upvoted, the hand apart from the idea card, shares as "33%"."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

from aiohttp import CookieJar
from aiohttp.test_utils import TestClient, TestServer

from tests import by_name
from tests.cli.test_agenda_live import MODULE as TIMING
from tests.engine.test_consent import MODULE as CONSENT
from tests.support import room_plan
from tests.web.conftest import Phone, Served
from workshop import sessions
from workshop.content import document, schema
from workshop.content.model import Agenda, AgendaItem, Plan
from workshop.web import make_app


def plan_of(text: str) -> Plan:
    module = schema.check_module(document.parse(text.encode(), "m.toml"))
    return Plan(Agenda("a", "A", dt.time(9), (AgendaItem(module.id),)), (module,))


class Inside(HTMLParser):
    """Which forms (by action) sit inside which sections (by id)."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[tuple[str, str]] = []
        self.forms: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "form":
            self.forms[found.get("action") or ""] = [i for t, i in self.open if t == "section"]
        if tag not in ("input", "meta", "link", "br"):
            self.open.append((tag, found.get("id") or ""))

    def handle_endtag(self, tag: str) -> None:
        while self.open and self.open.pop()[0] != tag:
            pass


def checked(page: str) -> list[str]:
    return re.findall(r'id="choice-(\d+)" value="\d+" checked', page)


async def test_a_refused_ballot_comes_back_as_it_was_ticked(served: Served) -> None:
    """Without the script, three ticks on an up-to-two poll are refused by the session: the page
    says why and keeps the three ticks (it used to clear them all), and does not refresh away."""
    served.live.goto("many")
    phone = await served.phone()
    await phone.join(served.code, "Ana")
    page = await phone.open()
    form = [("csrf", phone.csrf), ("poll", "polls/many"), ("choice", "1"), ("choice", "2"), ("choice", "3")]
    response = await phone.client.post("/vote", data=form, headers={"Origin": phone.origin}, allow_redirects=False)
    page = await response.text()
    assert response.status == 409 and 'class="error" role="alert"' in page
    assert checked(page) == ["1", "2", "3"] and 'http-equiv="refresh"' not in page
    assert "Your vote is recorded" not in page
    assert (await phone.post("/vote", poll="polls/many", choice="3")).status == 303
    assert checked(await phone.open()) == ["3"]  # the recorded one, once there is one


async def test_a_round_shows_its_time_and_the_steps(tmp_path: Path) -> None:
    now = [dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)]
    path = sessions.create(plan_of(TIMING), tmp_path, "rounds", clock=lambda: now[0], code="ROUNDS")
    live = sessions.Session.open(path, lambda: now[0])
    live.start()
    live.goto("pairs")
    now[0] += dt.timedelta(seconds=1)
    async with TestClient(
        TestServer(make_app(sessions.Session.open(path, lambda: now[0]))), cookie_jar=CookieJar(unsafe=True)
    ) as client:
        phone = Phone(client)
        await phone.join("ROUNDS", "Ana")
        page = re.sub(r"<[^>]+>", "", await phone.open())
        assert "Speaker A · round 1 of 2" in page and "02:59 left of 3 min · step 05:59 left of 6 min" in page


async def test_a_consent_poll_shows_its_result(tmp_path: Path) -> None:
    path = sessions.create(plan_of(CONSENT), tmp_path, "c", code="CONSNT")
    live = sessions.Session.open(path)
    live.start()
    for name, value in (("Bo", "4"), ("Cy", "2"), ("Di", "5")):
        by_name.vote(live, name, [value])
    live.poll_action("close")
    async with TestClient(TestServer(make_app(sessions.Session.open(path))), cookie_jar=CookieJar(unsafe=True)) as c:
        phone = Phone(c)
        await phone.join("CONSNT", "Ana")
        page = await phone.open()
        assert "<strong>No consent: 1 under 3</strong>" in page and "33%" in page and "33 %" not in page


async def test_upvotes_say_what_they_do_and_mark_ones_own(tmp_path: Path) -> None:
    path = sessions.create(room_plan(), tmp_path, "r", code="ROOMXX")
    live = sessions.Session.open(path)
    live.start()
    live.goto("ideas")
    async with TestClient(TestServer(make_app(sessions.Session.open(path))), cookie_jar=CookieJar(unsafe=True)) as c:
        phone = Phone(c)
        await phone.join("ROOMXX", "Ana")
        forms = Inside()
        forms.feed(await phone.open())
        assert forms.forms["/idea"] == ["room"] and "room" not in forms.forms["/hand"]  # the hand apart
        live.goto("questions")
        by_name.ask(live, "Bo", "Who decides the rota?")
        by_name.ask(live, "Cy", "When do we start?")
        page = await phone.open()
        assert page.count("upvotes: upvote this question, <bdi>") == 2 and 'aria-label="Upvote"' not in page
        await phone.post("/upvote", question="q1")
        page = await phone.open()
        mine = page.split("Who decides the rota?")[0].rsplit("<li>", 1)[1]
        assert "you upvoted" in mine and "<button" not in mine  # marked, not offered again
        assert page.count("upvotes: upvote this question") == 1
