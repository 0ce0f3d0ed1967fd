"""What nobody can do to a session through the phone page (docs/security.md, "The phone page"):
post without the page's CSRF token or from another origin, guess join or rejoin codes at speed,
or become another person with a made-up cookie. Each refusal writes nothing."""

from __future__ import annotations

from tests.web.conftest import Served, kinds
from workshop.journal import store
from workshop.web import guard


async def test_a_post_without_the_csrf_token_is_refused_and_writes_nothing(served: Served) -> None:
    phone = await served.phone()
    await phone.open()
    before = served.journal()
    response = await phone.post("/join", csrf=None, code=served.code, name="Ana")
    assert response.status == 403 and "reload" in phone.last
    forged = await phone.post("/join", csrf="0" * 32, code=served.code, name="Ana")
    assert forged.status == 403
    assert served.journal() == before


async def test_a_token_from_another_browser_is_refused(served: Served) -> None:
    """The token is bound to its browser's cookie: a page elsewhere cannot lend its token."""
    mine, theirs = await served.phone(), await served.phone()
    await mine.open()
    await theirs.open()
    before = served.journal()
    response = await theirs.post("/join", csrf=mine.csrf, code=served.code, name="Ana")
    assert response.status == 403
    assert served.journal() == before


async def test_a_post_from_another_origin_or_none_is_refused(served: Served) -> None:
    phone = await served.phone()
    await phone.open()
    before = served.journal()
    for origin in ("http://evil.example", f"http://evil.example:{served.server.port}", "null"):
        response = await phone.post("/join", origin=origin, code=served.code, name="Ana")
        assert response.status == 403, origin
    scripted = await phone.post("/join", origin=None, code=served.code, name="Ana")  # neither Origin nor Referer
    assert scripted.status == 403
    assert served.journal() == before


async def test_twenty_wrong_join_codes_are_refused_slowed_and_write_nothing(served: Served) -> None:
    phone = await served.phone()
    await phone.open()
    before = served.journal()
    statuses = []
    for n in range(20):
        response = await phone.post("/join", code=f"WRONG{n % 10}", name=f"Guess {n}")
        statuses.append(response.status)
    waits = served.waits
    assert statuses[:guard.WRONG_LIMIT] == [403] * guard.WRONG_LIMIT
    assert statuses[guard.WRONG_LIMIT:] == [429] * (20 - guard.WRONG_LIMIT)  # locked out: answered at once
    assert waits == sorted(waits) and waits[0] > 0 and waits[-1] == guard.MAX_WAIT  # each costs more
    assert sum(waits) >= 20  # ten guesses cost at least 20 seconds of waiting
    assert served.journal() == before
    right = await phone.post("/join", code=served.code, name="Ana")
    assert right.status == 429 and "wrong codes" in phone.last  # even the right code waits out the lockout


async def test_guessing_a_rejoin_code_costs_as_a_join_code_does(served: Served) -> None:
    ana = await served.phone()
    assert (await ana.join(served.code, "Ana")).status == 303
    before = served.journal()
    thief = await served.phone()
    for n in range(guard.WRONG_LIMIT):
        response = await thief.join(served.code, "Ana", rejoin=f"ZZZZZ{n}")
        assert response.status == 409 and "rejoin code" in thief.last
    assert len(served.waits) == guard.WRONG_LIMIT
    assert (await thief.join(served.code, "Ana", rejoin="ZZZZZZ")).status == 429
    assert served.journal() == before


async def test_a_made_up_cookie_is_nobody(served: Served) -> None:
    """The cookie is the person's token and rejoin code, proven against their join: knowing a
    token (it is in the file) is not enough."""
    ana = await served.phone()
    await ana.join(served.code, "Ana")
    token = next(e for e in store.load(served.path).events if e["type"] == "join")["participant"]
    cookie = next(c for c in ana.client.session.cookie_jar if c.key.startswith("workshop-") and "form" not in c.key)
    assert cookie.value.startswith(f"{token}.")
    assert cookie["httponly"] and cookie["samesite"] == "Strict"
    thief = await served.phone()
    await thief.open()
    thief.client.session.cookie_jar.update_cookies({cookie.key: f"{token}.AAAAAA"})
    page = await thief.open()
    assert "Your name" in page and "You are" not in page  # asked to join: not Ana
    before = served.journal()
    response = await thief.post("/vote", poll="polls/pick", choice="1")
    assert response.status == 409 and "join first" in thief.last
    assert served.journal() == before


async def test_the_page_carries_security_headers(served: Served) -> None:
    phone = await served.phone()
    response = await phone.client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "<script>" not in await response.text()  # no inline script: the CSP would stop it anyway


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


def test_a_lockout_ends() -> None:
    now = [0.0]
    wrong = guard.WrongCodes(clock=lambda: now[0])
    for _ in range(guard.WRONG_LIMIT):
        wrong.wrong("10.0.0.9")
    assert wrong.locked_for("10.0.0.9") > 0 and wrong.locked_for("10.0.0.8") == 0
    now[0] = guard.LOCKOUT + 1
    assert wrong.locked_for("10.0.0.9") == 0
    assert wrong.wrong("10.0.0.9") == guard.WRONG_WAIT  # counting starts again
