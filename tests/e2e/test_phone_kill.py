"""A room of 300 phones (issue 30) while `workshop serve` is killed with SIGKILL in the middle of
their votes and started again: no ballot a phone was told is recorded is lost, the phones that
were cut off vote again on the server that came back (as the same people: their cookies still
prove them), and in the end every phone's ballot is counted exactly once. Correctness only: the
speed of such a room is benchmarks/' (`workshop bench room`)."""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

import aiohttp
import pytest

from tests.e2e.phone_client import free_port, serving
from tests.support import polls_plan
from workshop import sessions
from workshop.bench.crowd import PROXY, address_of, addresses_apart, client_of
from workshop.bench.phones import Phone, ballot
from workshop.journal import store

PHONES = 300
KILL_AFTER = 100  # ballots acknowledged before serve is killed: the rest are on their way
OPTIONS = ("Coaching", "Planning", "Quality")  # the poll's, numbered 1 to 3 on the page
DEADLINE = 240  # seconds for the whole room: a hang fails here, not at CI's global timeout


async def _vote(phone: Phone, poll: str, number: int, told: dict[str, tuple[str, ...]]) -> None:
    """Vote once the page shows the poll; a phone told "recorded" notes what it chose."""
    await phone.seen(lambda page: f'name="poll" value="{poll}"' in page, f"the poll {poll}")
    fields = ballot(phone.page, number)
    async with phone.http.post(
        f"{phone.origin}/vote", data=[("csrf", phone.csrf), *fields], allow_redirects=False
    ) as response:
        await response.read()
        if response.status == 303:  # answered: the ballot is on disk, the page will say "recorded"
            told[phone.name] = tuple(OPTIONS[int(value) - 1] for key, value in fields if key == "choice")


@pytest.mark.load
async def test_no_acknowledged_ballot_is_lost_when_serve_is_killed_mid_load(tmp_path: Path) -> None:
    path = sessions.create(polls_plan(), tmp_path / "sessions", "kill", "Sam")
    live = sessions.Session.open(path)
    live.start()
    port, apart = free_port(), addresses_apart()
    origin = f"http://127.0.0.1:{port}"
    phones = [Phone(origin, f"Phone {n:03d}", address_of(n) if apart else None, client_of(n)) for n in range(PHONES)]
    told: dict[str, tuple[str, ...]] = {}
    try:
        async with asyncio.timeout(DEADLINE):
            with serving(path, port, tmp_path / "serve.log", "--trusted-proxy", PROXY) as server:
                await asyncio.gather(*(phone.join(live.state().code) for phone in phones))
                live.goto("pick")
                for phone in phones:
                    await phone.get()
                voting = [asyncio.create_task(_vote(p, "polls/pick", n, told)) for n, p in enumerate(phones)]
                while len(told) < KILL_AFTER:
                    await asyncio.sleep(0.005)
                os.kill(server.pid, signal.SIGKILL)  # mid-load: some ballots staged, some on the wire
                results = await asyncio.gather(*voting, return_exceptions=True)
            acknowledged = dict(told)
            cut_off = [p for p in phones if p.name not in told]
            assert all(r is None or isinstance(r, (aiohttp.ClientError, OSError)) for r in results), results
            assert KILL_AFTER <= len(acknowledged) < PHONES  # killed in the middle, not before or after
            with serving(path, port, tmp_path / "again.log", "--trusted-proxy", PROXY):
                for phone in cut_off:  # the page again, as a phone does when it reconnects
                    await phone.get()
                await asyncio.gather(*(_vote(p, "polls/pick", n, told) for n, p in enumerate(phones) if p in cut_off))
                assert len(told) == PHONES  # the cut-off phones voted on the server that came back
                for phone in phones[:5]:  # each still the same person, shown their own ballot
                    await phone.get()
                    assert "Your vote is recorded" in phone.page
    finally:
        await asyncio.gather(*(phone.close() for phone in phones))

    events = store.load(path).events
    joins = {e["participant"]: e["name"] for e in events if e["type"] == "join"}
    assert sorted(joins.values()) == sorted(p.name for p in phones)  # each joined once, none twice
    counted = sessions.Session.open(path).state().polls["polls/pick"].ballots
    assert len(counted) == PHONES
    by_name = {b.name: b.value for b in counted}
    lost = {name: value for name, value in acknowledged.items() if by_name.get(name) != value}
    assert not lost, f"{len(lost)} ballots acknowledged before the kill are not counted: {list(lost.items())[:3]}"
    assert by_name == told  # and every other phone's is the one it was told was recorded
