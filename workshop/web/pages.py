"""The phone page's routes: GET / (join, or the session as this person sees it), POST /join,
/vote, /note and /leave (each answered with a redirect to /, or the page again with a one-line
error), and GET /events (streams.py: the page's script fetches / again at each key it is sent).
Everything works without the script: forms post, and a page with nothing to fill in refreshes
itself every few seconds."""

from __future__ import annotations

import functools
import re
from collections.abc import Awaitable, Callable
from pathlib import Path

import jinja2
from aiohttp import web

from workshop import i18n
from workshop.content.languages import value_in
from workshop.engine.bidi import balanced
from workshop.errors import WorkshopError
from workshop.i18n import _
from workshop.sessions import door
from workshop.sessions.files import CODE_ALPHABET
from workshop.sessions.people import Person
from workshop.sessions.refusals import TooManyTries, WrongJoinCode
from workshop.web import form, guard, view
from workshop.web.served import KEEP_FOR, Busy, ServedSession
from workshop.web.streams import Streams

HERE = Path(__file__).parent
LANGUAGE_COOKIE = "workshop-lang"  # the language picker's choice, for this browser
DERIVATIONS = (200, 20.0)  # key derivations for the whole server: this many at once, then this many a second
_CODE = re.compile(f"[{CODE_ALPHABET}]{{1,12}}")
FORM = "application/x-www-form-urlencoded"  # what the page's forms send; nothing else is read


@functools.cache
def templates() -> jinja2.Environment:
    """The page's templates, compiled once a process: nothing in them belongs to one session."""
    made = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        auto_reload=False,
    )  # no stat per page
    # each request's own language (the `speaking` middleware below): the catalogs' words,
    # the browser's choice or the picker's, and the picker's list
    made.install_gettext_callables(i18n._, i18n.ngettext, newstyle=True)  # type: ignore[attr-defined]
    made.globals["language"], made.globals["direction"] = i18n.language, i18n.direction
    made.globals["languages"] = tuple(i18n.NAMES.items())
    # Inside each <bdi>: a stray PDI in an answer or label cannot end the isolation early
    # (engine/bidi.py). Only there: a form field's value must come back as it was typed.
    made.filters["balanced"] = lambda value: balanced(str(value))
    made.globals["time_words"] = view.time_words
    return made


class Pages:
    def __init__(self, served: ServedSession, csrf: guard.Csrf | None = None) -> None:
        self.served = served
        self.csrf = csrf or guard.Csrf()
        # Who pays for a request: a joined phone pays for itself, so a room behind one NAT is never
        # held back by its shared address; what no joined person asks for is charged to the address.
        self.per_client = guard.Buckets(size=30, rate=3.0)  # forms from one browser: taps, never floods
        self.per_person = guard.Buckets(size=30, rate=3.0)  # forms from one person, however many CSRF cookies
        self.pages = guard.Buckets(size=60, rate=10.0)  # pages for one joined person
        self.per_address = guard.Buckets(size=2000, rate=100.0)  # pages for nobody yet, per address
        self.joins = guard.Buckets(size=300, rate=1.0)  # per address: a room joins at once, then a late one a second
        # Ballots and notes per address: a room's worth at once (200 people, six polls and a note
        # each: 1,400), then a file that grows by at most 10 lines a second however many names one
        # laptop joins.
        self.writes = guard.Buckets(size=2000, rate=10.0)
        # Key derivations (a newcomer's secret, a rejoin code's proof) for the whole server: a
        # room's joins at once, then a few a second, so joins never crowd out the ballots.
        self.derivations = guard.Buckets(size=DERIVATIONS[0], rate=DERIVATIONS[1])
        self.live = Streams(served, self.person, self.refuse)  # GET /events
        state = served.session.state()
        self.person_cookie = served.sealer.name  # made from this server's key: cookies ignore the port
        # not translated: a form's name
        self.csrf_cookie = f"workshop-form-{state.id}"

    def routes(self) -> list[web.AbstractRouteDef]:
        return [
            web.get("/", self.index),
            web.post("/join", self.posted(self.join)),
            web.post("/vote", self.posted(self.vote)),
            web.post("/note", self.posted(self.note)),
            web.post("/leave", self.posted(self.leave)),
            web.get("/events", self.live.events),
            web.post("/idea", self.posted(self.idea)),
            web.post("/ask", self.posted(self.ask)),
            web.post("/upvote", self.posted(self.upvote)),
            web.post("/hand", self.posted(self.hand)),
            web.static("/assets", HERE / "static"),
        ]

    @web.middleware
    async def speaking(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        """Each request in its reader's language: the picker's (`?lang=`, then remembered by a
        cookie), else the one the cookie remembers, else the browser's Accept-Language."""
        picked = i18n.known(request.query.get("lang"))
        remembered = i18n.known(request.cookies.get(LANGUAGE_COOKIE))
        with i18n.speaking(picked or remembered or i18n.accepted(request.headers.get("Accept-Language"))):
            response = await handler(request)
        if picked and picked != remembered:
            self.set_cookie(request, response, LANGUAGE_COOKIE, picked, KEEP_FOR)
        return response

    # ------------------------------------------------------------ pages

    async def index(self, request: web.Request) -> web.StreamResponse:
        person = await self.person(request)
        allowed = self.pages.take(person.token) if person else self.per_address.take(guard.client(request))
        if not allowed:
            return self.refuse(429, _("too many requests: wait a moment"))
        return await self.render(request, person)

    async def render(
        self,
        request: web.Request,
        person: Person | None,
        error: str = "",
        status: int = 200,
        fields: dict[str, str] | None = None,
        tried: tuple[object, ...] | None = None,
    ) -> web.Response:
        shown, mine = await self.served.page(person, i18n.language())
        if tried is not None and shown.poll is not None:
            tried = value_in(shown.poll.poll, tried)  # a refused ballot, as this page words the options
        cookie = request.cookies.get(self.csrf_cookie) or guard.Csrf.new_cookie()
        typed = fields or {}
        code = typed.get("code") or request.query.get("code", "")
        page = templates().get_template("phone.html")
        html = page.render(
            s=shown,
            me=mine,
            error=error,
            csrf=self.csrf.token(cookie),
            code=code.upper() if _CODE.fullmatch(code.upper()) else "",
            name=typed.get("name", ""),
            refresh=_refreshes(shown, mine) and tried is None,
            tried=tried,
        )
        response = web.Response(text=html, content_type="text/html", status=status)
        if request.cookies.get(self.csrf_cookie) != cookie:
            self.set_cookie(request, response, self.csrf_cookie, cookie)
        return response

    def posted(
        self, act: Callable[[web.Request, dict[str, list[str]]], Awaitable[web.StreamResponse]]
    ) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
        """Every POST: same origin, a valid CSRF token, within the rate limits; then `act`."""

        async def handler(request: web.Request) -> web.StreamResponse:
            if not guard.same_origin_post(request):
                return self.refuse(403, _("forms are only taken from this workshop's own page"))
            client = request.cookies.get(self.csrf_cookie)
            if not self.per_client.take(client or guard.client(request)):
                return self.refuse(429, _("too many requests: wait a moment and try again"))
            if request.content_type != FORM:
                return self.refuse(415, _("forms are only taken as the page sends them"))
            try:
                data = await request.post()
            except (ValueError, LookupError):  # a charset nobody knows, bytes that are not UTF-8
                return self.refuse(400, _("that form could not be read"))
            fields = {key: [str(v) for v in data.getall(key)] for key in set(data.keys())}
            if not self.csrf.valid(client, _one(fields, "csrf")):
                return self.refuse(403, _("this page is out of date: reload it and try again"))
            try:
                return await act(request, fields)
            except WorkshopError as err:
                return await self.render(request, await self.person(request), str(err), 409)

        return handler

    async def join(self, request: web.Request, fields: dict[str, list[str]]) -> web.StreamResponse:
        """Through the one way in (sessions/door.py), which counts wrong codes in the session for
        every channel; this page shows what it answers, by its type."""
        client = door.Client(guard.client(request), "phone")
        typed = {"code": _one(fields, "code")[:20], "name": _one(fields, "name")[:200]}
        if not self.joins.take(client.key):  # each join is a line in the file and a key derivation
            return await self.render(request, None, _("too many joins from your address: wait a moment"), 429, typed)
        try:
            person = await self.served.join(
                typed["code"],
                typed["name"],
                _one(fields, "rejoin")[:20],
                client,
                lambda: self.derivations.take("server"),
            )
        except (TooManyTries, Busy) as err:
            return await self.render(request, None, str(err), 429, typed)
        except WrongJoinCode as err:
            return await self.render(request, None, str(err), 403, typed)
        except WorkshopError as err:  # a taken name, a wrong rejoin code, a name that cannot be
            return await self.render(request, None, str(err), 409, typed)
        response = web.HTTPSeeOther("/")
        self.set_cookie(request, response, self.person_cookie, self.served.cookie_of(person), KEEP_FOR)
        return response

    async def vote(self, request: web.Request, fields: dict[str, list[str]]) -> web.StreamResponse:
        person = await self.me(request)
        try:
            await self.served.write(self.served.cast, person, _one(fields, "poll"), fields)
        except WorkshopError as err:  # refused: the page comes back with the ballot as it was ticked
            tried = await self.served.run(self.served.tried, _one(fields, "poll"), fields)
            return await self.render(request, person, str(err), 409, tried=tried)
        return web.HTTPSeeOther("/#ballot")

    async def note(self, request: web.Request, fields: dict[str, list[str]]) -> web.StreamResponse:
        person = await self.me(request)
        await self.served.write(self.served.session.note_as, person, _one(fields, "note"))
        return web.HTTPSeeOther("/#notes")

    # what the room makes: the same verbs as every other channel (sessions/room.py)

    async def idea(self, request: web.Request, fields: dict[str, list[str]]) -> web.StreamResponse:
        person = await self.me(request)
        await self.served.write(self.served.session.idea_as, person, _one(fields, "idea"))
        return web.HTTPSeeOther("/#room")

    async def ask(self, request: web.Request, fields: dict[str, list[str]]) -> web.StreamResponse:
        person = await self.me(request)
        await self.served.write(
            self.served.session.ask_as, person, _one(fields, "question"), bool(_one(fields, "anonymous"))
        )
        return web.HTTPSeeOther("/#room")

    async def upvote(self, request: web.Request, fields: dict[str, list[str]]) -> web.StreamResponse:
        person = await self.me(request)
        said = await self.served.write(self.served.session.upvote_as, person, _one(fields, "question"))
        if "ignored" in said:  # a second upvote writes nothing: the page says so
            return await self.render(request, person, said, 409)
        return web.HTTPSeeOther("/#room")

    async def hand(self, request: web.Request, fields: dict[str, list[str]]) -> web.StreamResponse:
        person = await self.me(request)
        await self.served.write(self.served.session.hand_as, person, _one(fields, "up") == "yes")
        return web.HTTPSeeOther("/#room")

    async def leave(self, request: web.Request, fields: dict[str, list[str]]) -> web.StreamResponse:
        response = web.HTTPSeeOther("/")
        response.del_cookie(self.person_cookie, path="/")
        return response

    async def me(self, request: web.Request) -> Person:
        person = await self.person(request)
        if person is None:
            raise form.FormError(_("join first: your phone is not in this session (or it left)"))
        if not self.per_person.take(person.token) or not self.writes.take(guard.client(request)):
            raise web.HTTPTooManyRequests(text=_("refused: too many requests: wait a moment and try again\n"))
        return person

    async def person(self, request: web.Request) -> Person | None:
        """The person this phone's cookie proves (web/cookie.py): a cookie this server did not
        seal is nobody, and costs no key derivation."""
        return await self.served.identify(request.cookies.get(self.person_cookie))

    # ------------------------------------------------------------ helpers

    @staticmethod
    def set_cookie(
        request: web.Request, response: web.StreamResponse, name: str, value: str, max_age: int | None = None
    ) -> None:
        response.set_cookie(
            name, value, max_age=max_age, path="/", httponly=True, samesite="Strict", secure=request.secure
        )

    @staticmethod
    def refuse(status: int, why: str) -> web.Response:
        return web.Response(status=status, text=_("refused: {why}\n").format(why=why))


def _one(fields: dict[str, list[str]], key: str) -> str:
    values = fields.get(key) or [""]
    return values[0]


def _refreshes(shown: view.Public, mine: view.Mine | None) -> bool:
    """Without a script, a page refreshes itself every few seconds, except while its person has a
    ballot to fill in (a refresh would throw away what they tapped)."""
    poll = shown.poll
    return not (mine is not None and poll is not None and poll.status == "open" and mine.ballot is None)
