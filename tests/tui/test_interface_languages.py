"""One poll, four languages at once (issue #27): three participants' screens in English, German
and Spanish and the facilitator's in French, in one process, each in its own language; their
ballots count together on the same options. A screen with a pseudo right-to-left language (every
string reversed inside an isolate) keeps every string whole, and no two parts of it overlap."""

from __future__ import annotations

from contextlib import AsyncExitStack
from pathlib import Path

import pytest
from textual.widgets import Input

from tests.tui.conftest import CODE, FakeClock, screen_text, unwrapped, wait_for
from workshop import i18n, sessions
from workshop.tui import facilitator, participant


@pytest.fixture(autouse=True)
def state_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return tmp_path / "state"


async def _join(pilot, name: str) -> None:
    app = pilot.app
    app.screen.query_one("#code", Input).value = CODE
    await pilot.press("enter")
    app.screen.query_one("#name", Input).value = name
    await pilot.press("enter")
    await pilot.pause()


PEOPLE = {  # language: a name, the option each picks (by how far down), what their screen says
    "en": ("Ana", 0, ["your ballot is recorded", "Which first?"]),
    "de": ("Bo", 1, ["Ihre Stimme ist gespeichert", "Pfeiltasten wählen"]),
    "es": ("Cai", 1, ["tu voto está registrado", "Arriba y abajo eligen"]),
}


@pytest.mark.slow
async def test_three_participants_and_the_facilitator_each_in_their_own_language(
    session_path: Path, clock: FakeClock
) -> None:
    async with AsyncExitStack() as stack:
        with i18n.speaking("fr"):
            chair = facilitator.make_app(session_path, clock=clock, bell=False)
            chair_pilot = await stack.enter_async_context(chair.run_test(size=(120, 40)))
        pilots = {}
        for lang, (name, _down, _said) in PEOPLE.items():
            with i18n.speaking(lang):
                app = participant.make_app(session_path, clock=clock)
                pilots[lang] = await stack.enter_async_context(app.run_test(size=(100, 36)))
                await _join(pilots[lang], name)

        # the facilitator starts and moves on to the poll, in French
        await chair_pilot.press("n")
        await chair_pilot.press("n")
        await wait_for(chair_pilot, lambda: chair.session.state().poll is not None)
        said = unwrapped(screen_text(chair))
        assert "Suivant" in said and "Révéler" in said and "sondage ouvert" in said  # the key bar, the poll panel
        assert "Next" not in said
        assert "0 votant · 3 présents" in said  # French counts none as one, and three as more ("0 votants" before)

        for lang, (_name, down, wanted) in PEOPLE.items():
            pilot = pilots[lang]
            app = pilot.app
            await wait_for(pilot, lambda app=app: bool(app.main.query("BallotForm")), seconds=10)
            await pilot.pause()
            await pilot.press(*["down"] * down, "enter")
            await wait_for(pilot, lambda app=app, wanted=wanted: wanted[0] in unwrapped(screen_text(app)), seconds=10)
            shown = unwrapped(screen_text(app))
            assert all(text in shown for text in wanted), f"{lang}: {wanted} not all on\n{shown}"
        assert "your ballot is recorded" not in unwrapped(screen_text(pilots["de"].app))

        # the three ballots, from three languages, count on the same options
        await wait_for(chair_pilot, lambda: len(chair.session.state().poll.ballots) == 3, seconds=10)
        await chair_pilot.press("r")
        await wait_for(
            chair_pilot,
            lambda: "3 votants" in unwrapped(screen_text(chair)) and "2 voix" in unwrapped(screen_text(chair)),
            seconds=10,
        )
        tally = chair.session.state().poll.tally
        assert {row.label: row.value for row in tally.rows} == {"Coaching": 1, "Planning": 2, "Quality": 0}
        said = unwrapped(screen_text(chair))
        assert "2 voix · 67 %" in said or "2 voix · 67\u00a0%" in said  # French: the count, then the share


def _overlapping(app) -> list[str]:
    """Pairs of the screen's leaves (widgets with no child shown) whose visible parts cross: what
    the compositor draws of each, its region cut to its container's."""
    drawn = app.screen._compositor.visible_widgets
    parts = [
        (w, region.intersection(clip))
        for w, (region, clip) in drawn.items()
        if not any(child in drawn for child in w.children)
    ]
    found = []
    for i, (one, shown) in enumerate(parts):
        for other, seen in parts[i + 1 :]:
            if shown.area and seen.area and shown.overlaps(seen):
                found.append(f"{one!r} and {other!r}: {shown} {seen}")
    return found


@pytest.mark.slow
async def test_a_right_to_left_screen_cuts_nothing_and_overlaps_nothing(session_path: Path, clock: FakeClock) -> None:
    """The pseudo right-to-left language on a participant's screen at 80x24: the join form, then a
    poll. Every sentence of ours is whole on the screen (read from what the terminal shows), and
    no two of the screen's parts lie over each other."""
    live = sessions.Session.open(session_path, clock)
    live.start()
    with i18n.speaking(i18n.PSEUDO_RTL):
        app = participant.make_app(session_path, clock=clock)
        async with app.run_test(size=(80, 24)) as pilot:
            shown = screen_text(app).replace("\u2067", "").replace("\u2069", "")
            assert i18n.reversed_text("Join code").strip("\u2067\u2069") in shown or "edoc nioJ" in shown
            assert _overlapping(app) == []
            await _join(pilot, "Ana")
            live.goto("pick")
            await wait_for(pilot, lambda: bool(app.main.query("BallotForm")), seconds=10)
            await pilot.pause()
            shown = unwrapped(screen_text(app).replace("\u2067", "").replace("\u2069", ""))
            hint = i18n.reversed_text("Up and down choose; enter (or a click) casts.").strip("\u2067\u2069")
            assert hint in shown, shown
            assert "Which first?" in shown  # the module's text is the module's, never reversed
            assert _overlapping(app) == []
            await pilot.press("down", "enter")
            recorded = i18n.reversed_text("✓ your ballot is recorded; you can change it while the poll is open")
            await wait_for(
                pilot,
                lambda: (
                    recorded.strip("\u2067\u2069")
                    in unwrapped(screen_text(app).replace("\u2067", "").replace("\u2069", ""))
                ),
                seconds=10,
            )
            assert _overlapping(app) == []
