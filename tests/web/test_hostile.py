"""The phone page under attack (docs/security.md, "The phone page"): someone in the room with a
laptop and the join code, someone on the network without it, and each of them trying to make
the server slow, the file big, or another person's ballot theirs. Each test names what it tries."""

from __future__ import annotations

import asyncio
import time
from types import SimpleNamespace

import pytest

from tests.support import polls_plan
from tests.web.conftest import WAYS, Phone, Served, kinds
from workshop import sessions
from workshop.content import prompt
from workshop.engine import bidi, guesses
from workshop.journal import store
from workshop.serve import FrontDoor, Limits
from workshop.sessions import door, people
from workshop.web import PAGES, guard, pages
from workshop.web import streams as event_streams
from workshop.web.served import ServedSession


def person_cookie(phone: Phone) -> tuple[str, str]:
    cookie = next(c for c in phone.client.session.cookie_jar if c.key.startswith("workshop-") and "form" not in c.key)
    return cookie.key, cookie.value


async def fresh_form_cookie(phone: Phone) -> None:
    """What a script can do at will: throw away the CSRF cookie and fetch a new one with the page."""
    phone.client.session.cookie_jar.clear(lambda c: c.key.startswith("workshop-form-"))
    await phone.open()


async def test_a_malformed_form_is_refused_never_a_500(served: Served) -> None:
    """Bodies no browser sends for this page: an unknown charset, bytes that are not UTF-8,
    multipart without a boundary or with garbage. Each is a 4xx and writes nothing."""
    phone = await served.phone()
    await phone.join(served.code, "Ana")
    await phone.open()
    before = served.journal()
    form = f"csrf={phone.csrf}&poll=polls/pick&choice=1".encode()
    part = b'--xx\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n' + phone.csrf.encode() + b"\r\n--xx--\r\n"
    for body, kind in (
        (form, "application/x-www-form-urlencoded; charset=klingon"),
        (form + b"&x=\xff", "application/x-www-form-urlencoded"),
        (form, "multipart/form-data"),
        (b"garbage", "multipart/form-data; boundary=xx"),
        (part, "multipart/form-data; boundary=xx"),
        (form, "text/plain"),
    ):
        response = await phone.client.post(
            "/vote", data=body, allow_redirects=False, headers={"Origin": phone.origin, "Content-Type": kind}
        )
        assert 400 <= response.status < 500, (kind, response.status)
    assert served.journal() == before


async def test_an_outsider_without_the_code_sees_no_step_no_results_and_gets_no_stream(served: Served) -> None:
    """Text answers and tallies are for the people in the room: a laptop on the network that
    never joined sees the title and the join form, and nothing the step shows."""
    ana = await served.phone()
    await ana.join(served.code, "Ana")
    served.live.goto("word")
    await ana.open()
    await ana.post("/vote", poll="polls/word", answer="our manager never listens")
    served.live.poll_action("close")
    assert "our manager never listens" in await ana.open()  # on-close: Ana sees it
    outsider = await served.phone()
    page = await outsider.open()
    assert 'id="join"' in page
    for secret in ("our manager never listens", 'id="results"', "1 ballot", "word", "Word"):
        assert secret not in page, secret
    response = await outsider.client.get("/events")
    assert response.status == 403


async def test_one_person_cannot_outrun_their_limit_with_new_form_cookies(served: Served) -> None:
    """The per-phone limit was keyed by the CSRF cookie, which a script renews at will: now the
    person is limited too, however many form cookies they make up."""
    phone = await served.phone()
    await phone.join(served.code, "Ana")
    started = time.monotonic()
    statuses = []
    for n in range(60):
        await fresh_form_cookie(phone)
        statuses.append((await phone.post("/note", note=f"note {n}")).status)
    allowed = 30 + 3 * (time.monotonic() - started) + 1
    assert 429 in statuses and statuses.count(303) <= allowed
    notes = [e for e in store.load(served.path).events if e["type"] == "note"]
    assert len(notes) == statuses.count(303)


async def test_joins_from_one_address_are_limited_however_many_cookies(served: Served) -> None:
    """Each join is a line in the file for good and a key derivation on the session's thread:
    endless new names from one laptop are refused once its address has joined its share."""
    served.server.app[PAGES].joins = guard.Buckets(size=3, rate=0.0)  # the room's share, made small
    laptop = await served.phone()
    statuses = []
    for n in range(5):
        await fresh_form_cookie(laptop)
        statuses.append((await laptop.post("/join", code=served.code, name=f"Sock puppet {n}")).status)
    assert statuses == [303, 303, 303, 429, 429]
    assert kinds(store.load(served.path).events).count("join") == 3


@pytest.mark.slow
async def test_made_up_cookies_cost_no_key_derivation(served: Served, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cookie was a token and a rejoin code: 776 made-up ones in 20 s, each a key derivation
    on the session's one thread, took honest votes from 17 ms to 721 ms. Now a cookie is sealed
    by this server: one it did not seal is nobody at once, and a real one needs no derivation,
    not even after a restart."""
    ana = await served.phone()
    await ana.join(served.code, "Ana")
    key, value = person_cookie(ana)
    token = next(e for e in store.load(served.path).events if e["type"] == "join")["participant"]
    derived = []
    real = people.secret_of
    monkeypatch.setattr(people, "secret_of", lambda *args: derived.append(args) or real(*args))
    thief = await served.phone()
    for n in range(300):
        made_up = f"{token}.ZZZZZ{n % 10}" if n % 3 == 0 else value[:-8] + f"{n:08d}" if n % 3 == 1 else f"x{n}"
        thief.client.session.cookie_jar.update_cookies({key: made_up})
        path = "/events" if n % 2 else "/"
        async with thief.client.get(path) as response:
            assert response.status in (200, 403, 429) and "You are" not in await response.text()
    assert derived == []
    assert "You are <strong><bdi>Ana</bdi></strong>" in await ana.open()
    served.server.app[PAGES].served._people.clear()  # as after a restart: her cookie is checked again
    assert "You are <strong><bdi>Ana</bdi></strong>" in await ana.open()
    assert derived == []  # by its seal and her join's proof: an HMAC, no key derivation


async def test_key_derivations_are_capped_for_the_whole_server(served: Served, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each join (a newcomer's secret) and each rejoin code tried (its proof) is a key derivation
    on the session's one thread, where honest votes wait: past the server's share, a join is
    asked to wait a moment and derives nothing. A wrong join code derives nothing and takes no
    share."""
    served.server.app[PAGES].derivations = guard.Buckets(size=2, rate=0.0)  # the server's share, made small
    derived = []
    real = people.secret_of
    monkeypatch.setattr(people, "secret_of", lambda *args: derived.append(args) or real(*args))
    laptops = [await served.phone() for _ in range(4)]
    assert (await laptops[0].join("WRONG1", "Nobody")).status == 403  # not a derivation, not a share
    served.clock.advance(1)  # past the wait the wrong code costs this client
    statuses = [(await laptop.join(served.code, f"Person {n}")).status for n, laptop in enumerate(laptops[1:])]
    assert statuses == [303, 303, 429] and "try again in a moment" in laptops[3].last
    assert len(derived) == 2 and kinds(store.load(served.path).events).count("join") == 2


@pytest.mark.parametrize("served", WAYS, indirect=True)  # issue 13's guards hold over HTTPS and behind a proxy
async def test_a_restarted_server_still_knows_its_phones_and_no_other_server_does(served: Served, tmp_path) -> None:
    """The cookie's key comes from the session's secret: a `serve` started again on the same
    session opens it; a `serve` of another session (another port of the same host, say) gets a
    cookie of another name, and could not open this one."""
    from workshop.sessions.files import read_secret
    from workshop.web.cookie import Sealer

    ana = await served.phone()
    await ana.join(served.code, "Ana")
    key, value = person_cookie(ana)
    again = ServedSession(sessions.Session.open(served.path))
    try:
        assert again.sealer.name == key and (await again.identify(value)).name == "Ana"
    finally:
        again.close()
    other = sessions.create(polls_plan(), tmp_path / "other", "other", "Sam")
    elsewhere = Sealer(read_secret(other), sessions.Session.open(other).state().id, pages.KEEP_FOR)
    assert elsewhere.name != key and elsewhere.open(value) is None


async def test_a_right_join_does_not_forgive_wrong_rejoin_codes(served: Served) -> None:
    """A right join code forgave every wrong code from the address, so nine guesses at Ana's
    rejoin code, one join under a new name, and nine more, for ever. Now only time forgives."""
    ana = await served.phone()
    await ana.join(served.code, "Ana")
    thief = await served.phone()
    limit = guesses.REJOIN_PER_PERSON.limit
    for n in range(limit - 1):
        assert (await thief.join(served.code, "Ana", rejoin=f"ZZZZZ{n}")).status == 409
        served.clock.advance(guesses.REJOIN_PER_PERSON.most)
    assert (await thief.join(served.code, "Thief")).status == 303
    thief.client.session.cookie_jar.clear()
    assert (await thief.join(served.code, "Ana", rejoin="ZZZZZZ")).status == 409  # the last one allowed
    served.clock.advance(guesses.REJOIN_PER_PERSON.most)
    assert (await thief.join(served.code, "Ana", rejoin="YYYYYY")).status == 429


async def test_event_streams_are_for_people_and_few_each(served: Served, monkeypatch: pytest.MonkeyPatch) -> None:
    """An open stream is a connection held for good: a person holds a few (a phone that slept
    leaves one the server cannot tell is dead, so the oldest ends), never thousands."""
    monkeypatch.setattr(event_streams, "KEEPALIVE", 0.05)
    ana = await served.phone()
    await ana.join(served.code, "Ana")
    streams = []
    for _ in range(event_streams.STREAMS_PER_PERSON + 2):
        streams.append(await ana.client.get("/events"))
        assert streams[-1].status == 200
        await asyncio.wait_for(streams[-1].content.readline(), 5)
    for oldest in streams[:2]:  # ended by the server: read to the end
        await asyncio.wait_for(oldest.content.read(), 5)
    assert len(served.server.app[PAGES].live.streams) == event_streams.STREAMS_PER_PERSON
    for stream in streams:
        stream.close()


def test_limiters_stay_small_under_made_up_clients() -> None:
    """Every made-up cookie was a bucket kept for good (the pruning looked at stale token
    counts), and past 10,000 each request rebuilt the whole dict."""
    now = [0.0]
    buckets = guard.Buckets(size=30, rate=3.0, clock=lambda: now[0])
    for n in range(3 * guard.MAX_KEYS):
        buckets.take(f"made-up {n}")
        assert len(buckets._buckets) <= guard.MAX_KEYS + 1
    for _ in range(30):
        buckets.take("hot")
    assert not buckets.take("hot")  # a client that is limited now stays limited


def test_an_ipv6_laptop_is_one_address() -> None:
    """A laptop picks new IPv6 addresses in its /64 at will: limits count the /64."""
    client = door.client_key
    assert client("2001:db8::1") == client("2001:db8::ffff:1")
    assert client("2001:db8::1") != client("2001:db8:0:1::1")
    assert client("::ffff:192.0.2.7") == "192.0.2.7" == client("192.0.2.7")
    assert client("fe80::1%eth0") == client("fe80::2")
    assert client(None) == ""


def test_every_loopback_source_and_the_servers_own_addresses_are_one_client() -> None:
    """Any account on the machine can connect from 127.0.0.2, 127.0.0.3, … or from the
    machine's own network address: each used to count as a client of its own."""
    own = {"192.168.1.5"}
    local = {
        door.client_key(a, own)
        for a in (
            "127.0.0.1",
            "127.0.0.2",
            "127.255.0.9",
            "::1",
            "::ffff:127.0.0.3",
            "192.168.1.5",
            "::ffff:192.168.1.5",
        )
    }
    assert local == {door.THIS_MACHINE}
    assert door.client_key("192.168.1.6", own) == "192.168.1.6"


def test_the_terminal_page_counts_an_ipv6_laptop_as_one_address() -> None:
    """/terminal/'s participant apps per address (`--per-address`) count an IPv6 /64 as one
    address too: a laptop cannot open app after app from fresh addresses of its own /64."""
    door_ = FrontDoor("true", Limits(total=100, per_address=2), "t")
    door_.places._apps[door.client_key("2001:db8::1")] = 2  # two apps open from one address of the /64

    def request(remote: str) -> SimpleNamespace:
        return SimpleNamespace(remote=remote, transport=None, config_dict={})

    assert door_._over_limit(request("2001:db8::ffff:7")).status == 429
    assert door_._over_limit(request("2001:db8:0:1::1")) is None


async def test_a_stray_bidi_closer_cannot_end_its_bdi(served: Served) -> None:
    """A note (or answer, or label) with a PDI that closes nothing it opened, then an override,
    is balanced inside its <bdi>, as the HTML report does: it cannot reverse the text around it."""
    phone = await served.phone()
    await phone.join(served.code, "Ana")
    hostile = "ok\u2069\u202eevil"
    assert (await phone.post("/note", note=hostile)).status == 303
    page = await phone.open()
    assert f"<bdi>{bidi.balanced(hostile)}</bdi>" in page and bidi.balanced(hostile) != hostile


@pytest.mark.parametrize(
    "name",
    [
        "ｆａｃｉｌｉｔａｔｏｒ",
        "Facilitator\u200b",
        "ANONYMOUS",
        "\u202eanonymous",
        "ANA",
        "Ａｎａ",
        "A\u00adna",
        "Ana\ufe0f",
        " ana ",
    ],
)
async def test_a_name_like_a_reserved_or_taken_one_is_refused(served: Served, name: str) -> None:
    """Held: width, case, invisible characters and spaces do not make a second "Ana" or a
    participant called "facilitator"."""
    ana = await served.phone()
    await ana.join(served.code, "Ana")
    other = await served.phone()
    assert (await other.join(served.code, name)).status == 409
    assert kinds(store.load(served.path).events).count("join") == 1


async def test_two_ballots_at_once_count_once(served: Served) -> None:
    """Held: the session's one thread takes ballots one at a time; on an anonymous poll the
    same person always votes under the same token."""
    phone = await served.phone()
    await phone.join(served.code, "Ana")
    served.live.goto("fist")
    await phone.open()
    responses = await asyncio.gather(*(phone.post("/vote", poll="polls/fist", choice=str(n)) for n in range(4)))
    assert all(r.status == 303 for r in responses)
    served.live.refresh()
    assert served.live.state().poll.tally.ballots == 1


async def test_a_rank_with_an_option_twice_or_missing_is_refused(served: Served) -> None:
    phone = await served.phone()
    await phone.join(served.code, "Ana")
    served.live.goto("order")
    await phone.open()
    before = served.journal()
    for rank in (["1", "1", "2", "3"], ["1", "2", "3"], ["1", "2", "3", "4", "4"]):
        assert (await phone.post("/vote", poll="polls/order", rank=rank)).status == 409
    assert served.journal() == before


@pytest.mark.parametrize("served", WAYS, indirect=True)  # issue 13's guards hold over HTTPS and behind a proxy
async def test_a_page_under_another_name_is_refused_against_dns_rebinding(served: Served) -> None:
    """A page on evil.example, its name pointed at this server once loaded, is same-origin with
    it: its Host header names evil.example, and that is refused (421) before anything is read."""
    phone = await served.phone()
    port = served.server.port
    evil = f"evil.example:{port}"
    before = served.journal()
    assert (await phone.client.get("/", headers={"Host": evil})).status == 421
    posted = await phone.client.post(
        "/join", data={"code": served.code, "name": "Eve"}, headers={"Host": evil, "Origin": f"http://{evil}"}
    )
    assert posted.status == 421 and served.journal() == before
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}", f"phones.localhost:{port}"):
        assert (await phone.client.get("/", headers={"Host": host})).status == 200, host
    served.live.announce(f"http://Workshop.LAN:{port}")  # what `serve --host workshop.lan` says
    for _ in range(50):  # the server follows the file a few times a second
        if (await phone.client.get("/", headers={"Host": f"workshop.lan.:{port}"})).status == 200:
            break
        await asyncio.sleep(0.1)
    else:
        raise AssertionError("the announced name is not answered")
    assert (await phone.client.get("/", headers={"Host": evil})).status == 421


async def test_a_prompt_is_rendered_once_not_once_a_page(served: Served, monkeypatch: pytest.MonkeyPatch) -> None:
    """A content file's prompt can take markdown-it most of a second ("*a" 20,000 times), on the
    session's one thread: rendered on every page view, a room's refreshes would queue behind it."""
    rendered = []
    markdown = prompt._parser()
    real = markdown.render
    monkeypatch.setattr(markdown, "render", lambda source: rendered.append(source) or real(source))
    prompt.html.cache_clear()
    phone = await served.phone()
    await phone.join(served.code, "Ana")
    for _ in range(5):
        assert 'class="prompt"' in await phone.open()
    assert len(rendered) == 1


async def test_many_names_from_one_address_cannot_grow_the_file_fast(served: Served) -> None:
    """Each name has its own limit, so a laptop with many names had 100 notes a second (200 kB
    a second in the file): now ballots and notes from one address share a budget."""
    served.server.app[PAGES].writes = guard.Buckets(size=3, rate=0.0)  # an address's budget, made small
    puppets = [await served.phone() for _ in range(2)]
    for n, puppet in enumerate(puppets):
        await puppet.join(served.code, f"Puppet {n}")
    statuses = [(await puppet.post("/note", note="x" * 2000)).status for puppet in puppets for _ in range(2)]
    assert statuses == [303, 303, 303, 429]
    assert len([e for e in store.load(served.path).events if e["type"] == "note"]) == 3


@pytest.mark.parametrize("served", WAYS, indirect=True)  # issue 13's guards hold over HTTPS and behind a proxy
async def test_leave_forgets_the_phone_and_the_stream_names_nobody(served: Served) -> None:
    """Held: /leave deletes the person's cookie (same name, same path), after which the page
    asks to join and a vote is refused; the event stream carries the page's key and nothing else."""
    ana, bo = await served.phone(), await served.phone()
    await ana.join(served.code, "Ana")
    await bo.join(served.code, "Bo")
    await bo.post("/note", note="Bo's secret note")
    key, _ = person_cookie(ana)
    async with ana.client.get("/events") as stream:
        first = await asyncio.wait_for(stream.content.readline(), 5)
    assert first.startswith(b"data: ") and len(first.strip()) == len("data: ") + 8  # a hash: no names, no notes
    await ana.open()
    left = await ana.post("/leave")
    assert left.status == 303 and f'{key}=""' in left.headers["Set-Cookie"] and "Path=/" in left.headers["Set-Cookie"]
    assert 'id="join"' in await ana.open() and "You are" not in ana.last
    refused = await ana.post("/vote", poll="polls/pick", choice="1")
    assert refused.status == 409 and "join first" in ana.last
