"""The phone page's routes: GET / (join, or the session as this person sees it), POST /join,
/vote, /note and /leave (each answered with a redirect to /, or the page again with a one-line
error), and GET /events (Server-Sent Events: a short key whenever what the page shows changes;
the page's script then fetches / again). Everything works without the script: forms post, and
a page with nothing to fill in refreshes itself every few seconds."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable
from pathlib import Path

import jinja2
from aiohttp import web

from workshop.errors import WorkshopError
from workshop.sessions import people
from workshop.sessions.files import CODE_ALPHABET
from workshop.sessions.people import Person
from workshop.web import form, guard, view
from workshop.web.room import Room

HERE = Path(__file__).parent
KEEP_FOR = 12 * 3600  # seconds a phone stays the same person without rejoining: a long workshop day
KEEPALIVE = 20.0  # seconds between comments on a quiet event stream, so proxies keep it open
THROTTLE = 0.3  # seconds between two keys on one stream: a live tally at 50 ballots/s is not 50 fetches
_CODE = re.compile(f"[{CODE_ALPHABET}]{{1,12}}")


class Pages:
    def __init__(self, room: Room, csrf: guard.Csrf | None = None,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        self.room = room
        self.sleep = sleep  # how a wrong code is made to wait (tests count the waits instead)
        self.csrf = csrf or guard.Csrf()
        # Who pays for a request: a joined phone pays for itself, so a room of 200 behind one NAT
        # is never held back by its shared address (on a live poll each phone refetches the page
        # up to once per THROTTLE); only what no joined person asks for is charged to the address.
        self.per_client = guard.Buckets(size=30, rate=3.0)  # forms from one browser: taps, never floods
        self.per_person = guard.Buckets(size=60, rate=10.0)  # pages for one joined person
        self.per_address = guard.Buckets(size=2000, rate=100.0)  # pages for no one yet, per address
        self.joins = guard.Buckets(size=300, rate=2.0)  # new people from one address: a room, not a script
        self.wrong = guard.WrongCodes()
        self.streams: set[asyncio.Task] = set()
        self.templates = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"),
                                            autoescape=True, undefined=jinja2.StrictUndefined)
        self.templates.globals["time_words"] = view.time_words
        state = room.session.state()
        self.person_cookie = f"workshop-{state.id}"  # one per session: cookies ignore the port
        self.csrf_cookie = f"workshop-form-{state.id}"

    def routes(self) -> list[web.AbstractRouteDef]:
        return [web.get("/", self.index), web.post("/join", self.posted(self.join)),
                web.post("/vote", self.posted(self.vote)), web.post("/note", self.posted(self.note)),
                web.post("/leave", self.posted(self.leave)), web.get("/events", self.events),
                web.static("/assets", HERE / "static")]

    # ------------------------------------------------------------ pages

    async def index(self, request: web.Request) -> web.StreamResponse:
        person = await self.room.person(request.cookies.get(self.person_cookie))
        allowed = self.per_person.take(person.token) if person else self.per_address.take(request.remote or "")
        if not allowed:
            return self.refuse(429, "too many requests: wait a moment")
        return await self.render(request, person)

    async def render(self, request: web.Request, person: Person | None, error: str = "",
                     status: int = 200, fields: dict[str, str] | None = None) -> web.Response:
        shown, mine = await self.room.page(person)
        cookie = request.cookies.get(self.csrf_cookie) or guard.Csrf.new_cookie()
        typed = fields or {}
        code = typed.get("code") or request.query.get("code", "")
        html = self.templates.get_template("phone.html").render(
            s=shown, me=mine, error=error, csrf=self.csrf.token(cookie),
            code=code.upper() if _CODE.fullmatch(code.upper()) else "", name=typed.get("name", ""),
            refresh=_refreshes(shown, mine))
        response = web.Response(text=html, content_type="text/html", status=status)
        if request.cookies.get(self.csrf_cookie) != cookie:
            self.set_cookie(request, response, self.csrf_cookie, cookie)
        return response

    def posted(self, act: Callable[[web.Request, dict[str, list[str]]], Awaitable[web.StreamResponse]]
               ) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
        """Every POST: same origin, a valid CSRF token, within the rate limits; then `act`."""
        async def handler(request: web.Request) -> web.StreamResponse:
            if not guard.same_origin_post(request):
                return self.refuse(403, "forms are only taken from this workshop's own page")
            client = request.cookies.get(self.csrf_cookie)
            if not self.per_client.take(client or request.remote or ""):
                return self.refuse(429, "too many requests: wait a moment and try again")
            data = await request.post()
            fields = {key: [str(v) for v in data.getall(key)] for key in set(data.keys())}
            if not self.csrf.valid(client, _one(fields, "csrf")):
                return self.refuse(403, "this page is out of date: reload it and try again")
            try:
                return await act(request, fields)
            except WorkshopError as err:
                person = await self.room.person(request.cookies.get(self.person_cookie))
                return await self.render(request, person, str(err), 409)
        return handler

    async def join(self, request: web.Request, fields: dict[str, list[str]]) -> web.StreamResponse:
        address = request.remote or ""
        typed = {"code": _one(fields, "code")[:20], "name": _one(fields, "name")[:200]}
        if wait := self.wrong.locked_for(address):
            return await self.render(request, None, f"too many wrong codes: try again in {int(wait) + 1} seconds",
                                     429, typed)
        if not self.joins.take(address):
            return await self.render(request, None, "too many people joined from your address just now: "
                                     "try again in a minute", 429, typed)
        if people.tidy(typed["code"]) != self.room.public.code:
            await self.sleep(self.wrong.wrong(address))
            return await self.render(request, None, "that is not this session's join code", 403, typed)
        try:
            person = await self.room.join(typed["name"], _one(fields, "rejoin")[:20])
        except WorkshopError as err:
            if "rejoin code" in str(err) and _one(fields, "rejoin"):
                await self.sleep(self.wrong.wrong(address))  # a guessed rejoin code costs as a join code does
            return await self.render(request, None, str(err), 409, typed)
        self.wrong.right(address)
        response = web.HTTPSeeOther("/")
        self.set_cookie(request, response, self.person_cookie, Room.cookie_of(person), KEEP_FOR)
        return response

    async def vote(self, request: web.Request, fields: dict[str, list[str]]) -> web.StreamResponse:
        person = await self.me(request)
        await self.room.run(self.room.cast, person, _one(fields, "poll"), fields)
        return web.HTTPSeeOther("/#ballot")

    async def note(self, request: web.Request, fields: dict[str, list[str]]) -> web.StreamResponse:
        person = await self.me(request)
        await self.room.run(self.room.session.note_as, person, _one(fields, "note"))
        return web.HTTPSeeOther("/#notes")

    async def leave(self, request: web.Request, fields: dict[str, list[str]]) -> web.StreamResponse:
        response = web.HTTPSeeOther("/")
        response.del_cookie(self.person_cookie, path="/")
        return response

    async def me(self, request: web.Request) -> Person:
        person = await self.room.person(request.cookies.get(self.person_cookie))
        if person is None:
            raise form.FormError("join first: your phone is not in this session (or it left)")
        return person

    # ------------------------------------------------------------ live updates

    async def events(self, request: web.Request) -> web.StreamResponse:
        person = await self.room.person(request.cookies.get(self.person_cookie))
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream", "Cache-Control": "no-store"})
        await response.prepare(request)
        task = asyncio.current_task()
        assert task is not None
        self.streams.add(task)
        try:
            await self._stream(response, person)
        except (ConnectionResetError, asyncio.CancelledError):
            pass  # the phone slept or the page closed: its script reconnects when it wakes
        finally:
            self.streams.discard(task)
        return response

    async def _stream(self, response: web.StreamResponse, person: Person | None) -> None:
        sent = ""
        while True:
            if person is not None:
                await self.room.present(person)
            changed, key = self.room.changed, self.room.public.key
            await response.write(f"data: {key}\n\n".encode() if key != sent else b": still here\n\n")
            sent = key
            try:
                await asyncio.wait_for(changed.wait(), KEEPALIVE)
            except TimeoutError:
                continue
            await asyncio.sleep(THROTTLE)

    # ------------------------------------------------------------ helpers

    @staticmethod
    def set_cookie(request: web.Request, response: web.StreamResponse, name: str, value: str,
                   max_age: int | None = None) -> None:
        response.set_cookie(name, value, max_age=max_age, path="/", httponly=True, samesite="Strict",
                            secure=request.secure)

    @staticmethod
    def refuse(status: int, why: str) -> web.Response:
        return web.Response(status=status, text=f"refused: {why}\n")


def _one(fields: dict[str, list[str]], key: str) -> str:
    values = fields.get(key) or [""]
    return values[0]


def _refreshes(shown: view.Public, mine: view.Mine | None) -> bool:
    """Without a script, a page refreshes itself every few seconds, except while its person has a
    ballot to fill in (a refresh would throw away what they tapped)."""
    poll = shown.poll
    return not (mine is not None and poll is not None and poll.status == "open" and mine.ballot is None)
