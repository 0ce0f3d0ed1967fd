"""Every screen, every size: the window goes from 80x24 up to 240x70 and back down while a
revealed poll of each vote kind is shown (option labels 60 characters long, one answer of 500),
and at every size every count, share, point total, mean and median is on the screen: read from
what the terminal shows, as the room would read it, not from the widgets. The facilitator, the
room and a participant are tried in German too, the longest of the interface's languages.

Replay and the draft preview are walked step by step at 80x24, 100x30, 120x40 and 200x60, in
English and German: no two parts overlap, every key of the key bar is on screen, the step's
title and the status line are whole, and no word is cut short without an ellipsis."""

from __future__ import annotations

import contextlib
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Input

from tests.tui import wide
from tests.tui.conftest import FakeClock, screen_text, text_of, wait_for
from workshop import i18n, sessions
from workshop.journal import store

SIZES = [
    (80, 24),
    (100, 30),
    (120, 36),
    (160, 45),
    (200, 50),
    (240, 70),
    (200, 50),
    (160, 45),
    (120, 36),
    (100, 30),
    (80, 24),
]


@pytest.fixture
def path(tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))  # the participant remembers nothing of ours
    return wide.create(tmp_path / "sessions", clock)


async def every_size(pilot, app: App, wanted: Callable[[], list[str]], where: str) -> None:
    """Resize through SIZES; at each, every string of `wanted()` is on screen as often as asked."""
    for size in SIZES:
        await pilot.resize_terminal(*size)
        await pilot.pause()
        shown = screen_text(app)
        missing = [text for text, n in Counter(wanted()).items() if shown.count(text) < n]
        assert not missing, f"{where} at {size[0]}x{size[1]}: {missing} not on screen:\n{shown}"


def numbers_of(live: sessions.Session) -> Callable[[], list[str]]:
    def wanted() -> list[str]:
        view = live.state().poll
        assert view is not None and view.visible
        return wide.numbers(view)

    return wanted


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.slow
async def test_the_facilitator_sees_every_number_at_every_size(path: Path, clock: FakeClock, lang: str) -> None:
    from workshop.tui.facilitator import make_app

    live = sessions.Session.open(path, clock)
    app = make_app(path, clock=clock, bell=False, watch=False)
    with i18n.speaking(lang):
        async with app.run_test(size=SIZES[0]) as pilot:
            for kind in wide.KINDS:
                live.goto(kind)
                app.sync()
                await every_size(pilot, app, numbers_of(live), f"facilitator ({lang}), {kind}")


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.slow
async def test_the_room_sees_every_number_at_every_size(path: Path, clock: FakeClock, lang: str) -> None:
    from workshop.tui.display import make_app

    live = sessions.Session.open(path, clock)
    app = make_app(path, clock=clock, watch=False)
    with i18n.speaking(lang):
        async with app.run_test(size=SIZES[0]) as pilot:
            for kind in wide.KINDS:
                live.goto(kind)
                app.sync()
                await every_size(pilot, app, numbers_of(live), f"room ({lang}), {kind}")


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.slow
async def test_a_participant_sees_every_number_at_every_size(path: Path, clock: FakeClock, lang: str) -> None:
    from workshop.tui.participant import make_app

    live = sessions.Session.open(path, clock)
    app = make_app(path, clock=clock, watch=False)
    with i18n.speaking(lang):
        async with app.run_test(size=SIZES[0]) as pilot:
            app.screen.query_one("#code", Input).value = "K7P2QX"
            await pilot.press("enter")
            app.screen.query_one("#name", Input).value = "Zoe"
            await pilot.press("enter")
            await pilot.pause()
            for kind in wide.KINDS:
                live.goto(kind)
                app.sync()
                await every_size(pilot, app, numbers_of(live), f"participant ({lang}), {kind}")


@pytest.mark.slow
async def test_replay_shows_every_number_at_every_size(path: Path, clock: FakeClock) -> None:
    from workshop.tui.replay import make_app

    journal = store.load(path).events
    app = make_app(path, watch=False, wall=lambda: clock().timestamp())
    async with app.run_test(size=SIZES[0]) as pilot:
        for kind in wide.KINDS:
            count = next(i for i, e in enumerate(journal, 1) if e["type"] == "reveal" and e["poll"] == f"wide/{kind}")
            app.main.seek(app.main.replay.times[count - 1], count)  # just after the facilitator revealed it

            def wanted() -> list[str]:
                assert app.main.state is not None and app.main.state.poll is not None and app.main.state.poll.visible
                return wide.numbers(app.main.state.poll)

            await every_size(pilot, app, wanted, f"replay, {kind}")


@pytest.mark.slow
async def test_the_kiosk_shows_every_option_whole_at_every_size(path: Path, clock: FakeClock) -> None:
    """The kiosk never shows results (the next person must not see how the room voted), so what
    must not be cut there is the ballot: the question and every option, whole."""
    from tests.tui.test_kiosk import person
    from workshop.tui.kiosk import make_app
    from workshop.tui.kiosk_screens import VoteScreen

    live = sessions.Session.open(path, clock)
    app = make_app(path, clock=clock, watch=False)
    async with app.run_test(size=SIZES[0]) as pilot:
        for kind in wide.KINDS:
            live.goto(kind)
            app.sync()
            await person(pilot, f"Zoe {kind}", [])  # a new voter each time (a name is one person)
            assert isinstance(app.screen, VoteScreen)
            poll = live.state().poll.poll
            labels = [poll.question, *poll.options]
            if kind == "scale":
                labels += [wide.LOW[2:], wide.HIGH[2:]]
            await every_size(pilot, app, lambda labels=labels: labels, f"kiosk, {kind}")
            await pilot.press("escape")
            await pilot.pause()


WALKED = [(80, 24), (100, 30), (120, 40), (200, 60)]


def whole_on_screen(app: App) -> list[str]:
    """What a reader would miss: two parts of the screen over each other, a key of the key bar out
    of sight, or the step's title, the replay's status or the way in cut short."""
    from tests.tui.test_interface_languages import _overlapping
    from workshop.tui.widgets.keys import KeyBar

    shown = screen_text(app)
    flat = " ".join(shown.split())
    wanted = [" ".join(key.label.plain.split()) for key in app.screen.query_one(KeyBar)._collect()]
    state = app.main.state if hasattr(app.main, "replay") else app.main.session.state()
    if state.step is not None:
        wanted.append(state.step.spec.title)
    for selector in ("#replay-status", "#join"):
        for line in app.screen.query(selector):
            wanted.append(" ".join(str(line.render()).split()))
    missing = [f"{text!r} not whole on screen" for text in wanted if text not in flat]
    return _overlapping(app) + missing + [f"{word!r} cut short" for word in sorted(set(words(shown)) - said(app))]


def words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+(?![^\W\d_]|…)", text)  # a word cut with an ellipsis says so


def said(app: App) -> set[str]:
    """Every word the screen's parts hold, whole: any other word on the screen is one cut short."""
    from workshop.tui.widgets.keys import KeyBar

    held = [app.title, app.sub_title, *(key.label.plain for key in app.screen.query_one(KeyBar)._collect())]
    held += [text_of(part, width=1000) for part in app.screen.query("Static, OptionList")]  # type: ignore[arg-type]
    held += [str(part.border_title or "") + " " + str(part.border_subtitle or "") for part in app.screen.query("*")]
    return {word for text in held for word in words(text)}


async def walk(pilot, app: App, keys: list[str], where: str) -> None:
    """At each size of WALKED, from the first step to the last by `keys`: nothing a reader needs is
    hidden, cut or covered."""
    for size in WALKED:
        await pilot.resize_terminal(*size)
        await pilot.press("home")
        for key in ["", *keys]:
            if key:
                await pilot.press(key)
            with contextlib.suppress(AssertionError):  # said below, with what is missing
                await wait_for(pilot, lambda: not whole_on_screen(app), seconds=5)
            missed = whole_on_screen(app)
            assert not missed, f"{where} at {size[0]}x{size[1]} after {key!r}: {missed}\n{screen_text(app)}"


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.slow
async def test_replay_is_whole_at_every_size(path: Path, lang: str) -> None:
    from workshop.tui.replay import make_app

    with i18n.speaking(lang):
        app = make_app(path, watch=False, wall=lambda: 1_900_000_000.0)
        async with app.run_test(size=WALKED[0]) as pilot:
            await walk(pilot, app, ["n"] * 7 + ["end"], f"replay ({lang})")


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.slow
async def test_the_preview_is_whole_at_every_size(lang: str) -> None:
    from workshop.tui.preview import make_app, throwaway_session

    with throwaway_session(wide.plan()) as session, i18n.speaking(lang):
        app = make_app(session, watch=False)
        async with app.run_test(size=WALKED[0]) as pilot:
            await walk(pilot, app, ["n"] * 7, f"preview ({lang})")
