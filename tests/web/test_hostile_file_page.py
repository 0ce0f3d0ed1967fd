"""A lone surrogate or an escape written into the file by hand never reaches the phone page
(issue #23): the reader refuses the block, so every phone on that step still gets its page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from aiohttp import CookieJar
from aiohttp.test_utils import TestClient, TestServer

from tests import by_name
from tests.journal import hand
from tests.support import room_plan
from tests.web.conftest import Phone
from workshop import sessions
from workshop.web import make_app


async def test_a_surrogate_in_an_idea_leaves_every_phone_its_page(tmp_path: Path) -> None:
    path = sessions.create(room_plan(), tmp_path, "room", "Sam", code="TEST42")
    live = sessions.Session.open(path)
    live.start()
    live.next()  # the brainstorm, whose ideas every phone shows
    by_name.idea(live, "Ana", "More coaching")
    state = live.state()
    ana = state.participant_named("Ana").token
    late = dt.datetime.now(dt.UTC)
    hostile = (("i7", "half \udc00 a character"), ("i8", "bell \x07\x1b]0;owned\x07"))
    hand.append(
        path,
        *(
            hand.block(
                {
                    "type": "idea",
                    "at": late,
                    "idea": ref,
                    "step": state.step.qid,
                    "author": ana,
                    "name": "Ana",
                    "text": text,
                }
            )
            for ref, text in hostile
        ),
    )
    server = TestServer(make_app(sessions.Session.open(path)))
    await server.start_server()
    client = TestClient(server, cookie_jar=CookieJar(unsafe=True))
    await client.start_server()
    try:
        phone = Phone(client)
        await phone.join("TEST42", "Bo")
        response = await client.get("/")
        page = await response.text()
        assert response.status == 200 and "More coaching" in page
        assert "owned" not in page and "half" not in page
    finally:
        await client.close()
        await server.close()
