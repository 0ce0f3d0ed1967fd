"""The phone page takes part in what the room makes, as every other channel does: it adds an
idea on a brainstorm step, asks (with or without a name) and upvotes on a Q&A step, and raises
and lowers a hand; the lists it shows are the room's, escaped, and never a name."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp.test_utils import TestServer

from tests import by_name
from tests.support import room_plan
from tests.tui.conftest import FakeClock
from tests.web.conftest import Served
from workshop import sessions
from workshop.web import make_app


@pytest.fixture
async def room(tmp_path: Path) -> AsyncIterator[Served]:
    path = sessions.create(room_plan(), tmp_path / "sessions", "room", "Sam")
    clock = FakeClock()
    live = sessions.Session.open(path, clock)
    live.start()
    live.goto("ideas")
    server = TestServer(make_app(sessions.Session.open(path, clock)))
    await server.start_server()
    served = Served(path, live, [], server, clock)
    try:
        yield served
    finally:
        for phone in served.phones:
            await phone.client.close()
        await server.close()


async def test_a_phone_adds_ideas_asks_upvotes_and_raises_a_hand(room: Served) -> None:
    phone = await room.phone()
    await phone.join(room.code, "Ana")
    page = await phone.open()
    assert 'action="/idea"' in page and 'action="/ask"' not in page
    assert (await phone.post("/idea", idea="More <b>coaching</b>")).status == 303
    by_name.idea(room.live, "Bo", "Fewer metrics")
    page = await phone.open()
    assert "Ideas so far: 2" in page and "More &lt;b&gt;coaching&lt;/b&gt;" in page and "Bo" not in page
    assert (await phone.post("/hand", up="yes")).status == 303
    assert "Your hand is up</strong>: 1 in the queue" in await phone.open()
    await phone.post("/hand", up="no")
    room.live.refresh()
    assert room.live.state().room.hands == ()
    room.live.goto("questions")
    page = await phone.open()
    assert 'action="/ask"' in page and 'action="/idea"' not in page
    await phone.post("/ask", question="Who decides?")
    await phone.post("/ask", question="Who pays?", anonymous="yes")
    by_name.ask(room.live, "Bo", "When?")
    assert (await phone.post("/upvote", question="q3")).status == 303
    again = await phone.post("/upvote", question="q3")
    assert again.status == 409 and "already upvoted" in phone.last
    room.live.refresh()
    questions = room.live.state().room.questions
    assert [(q.id, q.votes, q.name) for q in questions] == [("q3", 1, "Bo"), ("q1", 0, "Ana"), ("q2", 0, "")]
    page = await phone.open()
    assert page.index("When?") < page.index("Who decides?")
    refused = await phone.post("/idea", idea="not now")
    assert refused.status == 409 and "brainstorm step" in phone.last
