"""What nobody can do to a session through the phone page (docs/security.md, "The phone page"):
post without the page's CSRF token or from another origin, guess join or rejoin codes at speed
(each wrong one counted in the file, as on every channel), or become another person with a
made-up cookie. Every other refusal writes nothing."""

from __future__ import annotations

import pytest

from tests.web.conftest import WAYS, Served, kinds
from workshop.engine import guesses
from workshop.journal import store
from workshop.sessions import door
from workshop.web import guard


@pytest.mark.parametrize("served", WAYS, indirect=True)  # issue 13's guards hold over HTTPS and behind a proxy
async def test_a_post_without_the_csrf_token_is_refused_and_writes_nothing(served: Served) -> None:
    phone = await served.phone()
    await phone.open()
    before = served.journal()
    response = await phone.post("/join", csrf=None, code=served.code, name="Ana")
    assert response.status == 403 and "reload" in phone.last
    forged = await phone.post("/join", csrf="0" * 32, code=served.code, name="Ana")
    assert forged.status == 403
    assert served.journal() == before


@pytest.mark.parametrize("served", WAYS, indirect=True)  # issue 13's guards hold over HTTPS and behind a proxy
async def test_a_token_from_another_browser_is_refused(served: Served) -> None:
    """The token is bound to its browser's cookie: a page elsewhere cannot lend its token."""
    mine, theirs = await served.phone(), await served.phone()
    await mine.open()
    await theirs.open()
    before = served.journal()
    response = await theirs.post("/join", csrf=mine.csrf, code=served.code, name="Ana")
    assert response.status == 403
    assert served.journal() == before


@pytest.mark.parametrize("served", WAYS, indirect=True)  # issue 13's guards hold over HTTPS and behind a proxy
async def test_a_post_from_another_origin_or_none_is_refused(served: Served) -> None:
    phone = await served.phone()
    await phone.open()
    before = served.journal()
    others = ["http://evil.example", f"http://evil.example:{served.server.port}", "null"]
    if served.server.scheme == "https":  # the same host and port, but a page served over plain http
        others.append(phone.origin.replace("https://", "http://"))
    for origin in others:
        response = await phone.post("/join", origin=origin, code=served.code, name="Ana")
        assert response.status == 403, origin
    scripted = await phone.post("/join", origin=None, code=served.code, name="Ana")  # neither Origin nor Referer
    assert scripted.status == 403
    assert served.journal() == before


async def test_wrong_join_codes_are_refused_slowed_and_counted(served: Served) -> None:
    """Each wrong code holds the next try back twice as long as the one before; one made
    sooner is not even compared. After ten, even the right code waits out the lockout. Each
    wrong code is one line in the file, for the facilitator's count: at most ten per client."""
    phone = await served.phone()
    await phone.open()
    statuses, waits = [], []
    for n in range(15):  # within the page's own limit on posts: 30 at once
        response = await phone.post("/join", code=f"WRONG{n % 10}", name=f"Guess {n}")
        statuses.append(response.status)
        if response.status == 403:  # counted: the next try may come once its wait is over
            served.live.refresh()
            waits.append(door.join_wait(served.live, door.Client("this machine", "phone")))
            assert (await phone.post("/join", code=served.code, name="Ana")).status == 429  # not now
            if len(waits) < guesses.JOIN_CODE.limit:
                served.clock.advance(waits[-1])
    assert statuses == [403] * guesses.JOIN_CODE.limit + [429] * (15 - guesses.JOIN_CODE.limit)
    assert waits[:-1] == sorted(waits[:-1]) and waits[1] == 2 * waits[0]  # each costs twice the last
    assert waits[-1] > 120  # then locked out, for minutes
    assert sum(waits) >= 300
    wrong = [e for e in store.load(served.path).events if e["type"] == "wrong-code"]
    assert [(e["channel"], e["client"]) for e in wrong] == [("phone", "this machine")] * guesses.JOIN_CODE.limit
    assert kinds(store.load(served.path).events).count("join") == 0
    right = await phone.post("/join", code=served.code, name="Ana")
    assert right.status == 429 and "too many wrong codes" in phone.last  # even the right code waits
    served.clock.advance(guesses.JOIN_CODE.window)
    assert (await phone.post("/join", code=served.code, name="Ana")).status == 303


async def test_guessing_a_rejoin_code_costs_as_on_every_channel(served: Served) -> None:
    """A wrong rejoin code holds that name back (1 s, 2 s, 4 s, 8 s), and after five within a
    quarter of an hour its rejoin is locked, whoever tries and from wherever."""
    ana = await served.phone()
    assert (await ana.join(served.code, "Ana")).status == 303
    thief = await served.phone()
    statuses = []
    for n in range(8):
        statuses.append((await thief.join(served.code, "Ana", rejoin=f"ZZZZZ{n}")).status)
        served.clock.advance(8)
    assert statuses == [409] * guesses.REJOIN_PER_PERSON.limit + [429] * 3
    assert "too many wrong codes" in thief.last
    wrong = [e for e in store.load(served.path).events if e["type"] == "wrong-rejoin"]
    assert len(wrong) == guesses.REJOIN_PER_PERSON.limit and {e["channel"] for e in wrong} == {"phone"}
    served.live.refresh()
    assert served.live.state().wrong_codes == guesses.REJOIN_PER_PERSON.limit  # the facilitator's join bar


@pytest.mark.parametrize("served", WAYS, indirect=True)  # issue 13's guards hold over HTTPS and behind a proxy
async def test_a_made_up_cookie_is_nobody(served: Served) -> None:
    """The cookie is sealed by this server: neither a person's token (it is in the file) with a
    guessed code, nor a copy altered by a byte, is anyone."""
    ana = await served.phone()
    await ana.join(served.code, "Ana")
    token = next(e for e in store.load(served.path).events if e["type"] == "join")["participant"]
    cookie = next(c for c in ana.client.session.cookie_jar if c.key.startswith("workshop-") and "form" not in c.key)
    assert token not in cookie.value and served.live.state().id not in cookie.key  # nothing readable in it
    assert cookie["httponly"] and cookie["samesite"] == "Strict"
    assert bool(cookie["secure"]) == (served.server.scheme == "https")  # over TLS, never sent in clear
    thief = await served.phone()
    await thief.open()
    for forged in (f"{token}.AAAAAA", cookie.value[:-4] + ("AAAA" if not cookie.value.endswith("AAAA") else "BBBB")):
        thief.client.session.cookie_jar.update_cookies({cookie.key: forged})
        page = await thief.open()
        assert "Your name" in page and "You are" not in page  # asked to join: not Ana
        before = served.journal()
        response = await thief.post("/vote", poll="polls/pick", choice="1")
        assert response.status == 409 and "join first" in thief.last
        assert served.journal() == before
    thief.client.session.cookie_jar.update_cookies({cookie.key: cookie.value})  # a copy as it was given
    assert "You are <strong><bdi>Ana</bdi></strong>" in await thief.open()


@pytest.mark.parametrize("served", WAYS, indirect=True)  # issue 13's guards hold over HTTPS and behind a proxy
async def test_the_page_carries_security_headers(served: Served) -> None:
    phone = await served.phone()
    response = await phone.client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "<script>" not in await response.text()  # no inline script: the CSP would stop it anyway


@pytest.mark.parametrize("served", WAYS, indirect=True)  # issue 13's guards hold over HTTPS and behind a proxy
async def test_a_strange_host_header_is_refused(served: Served) -> None:
    phone = await served.phone()
    response = await phone.client.get("/", headers={"Host": "evil<script>.example"})
    assert response.status == 400


async def test_a_flood_from_one_phone_is_limited_and_nothing_more_is_written(served: Served) -> None:
    phone = await served.phone()
    await phone.join(served.code, "Ana")
    statuses = [(await phone.post("/note", note=f"note {n}")).status for n in range(60)]
    assert 429 in statuses
    notes = [e for e in store.load(served.path).events if e["type"] == "note"]
    assert len(notes) == statuses.count(303) < 60
    assert kinds(store.load(served.path).events).count("join") == 1


def test_buckets_refill_at_their_rate() -> None:
    now = [0.0]
    buckets = guard.Buckets(size=2, rate=1.0, clock=lambda: now[0])
    assert [buckets.take("a") for _ in range(3)] == [True, True, False]
    assert buckets.take("b")  # another client has its own
    now[0] = 1.0
    assert buckets.take("a") and not buckets.take("a")
