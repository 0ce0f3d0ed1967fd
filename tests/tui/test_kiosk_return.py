"""A kiosk people can come back to (issue 24): a newcomer chooses a PIN, and at the next poll
their name and that PIN bring them back, never the six-character code shown once; escape leaves
nothing for the next person; what the screen says belongs to the step it was said on; wrong PINs
count as wrong rejoin codes do, on every channel; and the facilitator sees how many people voted
at the kiosk."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from tests.tui.conftest import FakeClock, cli, screen_text, text_of
from tests.tui.test_kiosk import CODES, ballots, message, person, pin_of, type_into
from workshop import sessions
from workshop.journal import store
from workshop.tui.kiosk import KioskApp, make_app


def shown_fields(app) -> list[Input]:
    return [field for field in app.main.query(Input) if field.display]


@asynccontextmanager
async def kiosk_on_pick(
    session_path: Path, clock: FakeClock
) -> AsyncIterator[tuple[sessions.Session, KioskApp, Pilot]]:
    """The session started on its poll step `pick`, and the kiosk on it at 80x24."""
    live = sessions.Session.open(session_path, clock)
    live.start()
    live.goto("pick")
    app = make_app(session_path, clock=clock, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        yield live, app, pilot


@pytest.mark.slow
async def test_three_people_over_three_polls_come_back_with_their_pins(session_path: Path, clock: FakeClock) -> None:
    """Three people vote on three polls, each coming back twice, with their name and PIN; one
    gives up half-way (escape at the PIN prompt) and leaves nothing behind; nobody types a
    six-character rejoin code after their first vote, and the facilitator sees three people at
    the kiosk on every poll."""
    live = sessions.Session.open(session_path, clock)
    live.start()
    app = make_app(session_path, clock=clock, watch=False)
    typed: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        for number, (poll, keys) in enumerate(
            (("pick", ["enter"]), ("fist", ["down", "enter"]), ("word", [*"more time", "enter"]))
        ):
            live.goto(poll)
            app.session.refresh()
            app.render_state()
            await pilot.pause()
            if number == 1:  # Bo starts, is asked for his PIN, and gives up
                await type_into(pilot, "#who", "Bo")
                assert [f.id for f in shown_fields(app)] == ["who", "secret"]
                await pilot.press("escape")
                await pilot.pause()
                assert [(f.id, f.value) for f in shown_fields(app)] == [("who", "")] and not message(app).strip()
            for name in ("Ana", "Bo", "Cy"):
                before = set(CODES.values())
                await person(pilot, name, keys)
                typed.append(pin_of(name))
                assert app.screen is app.main and "your ballot is recorded" in message(app), message(app)
                if number:
                    assert set(CODES.values()) == before  # no new code shown: the same person came back
            live.refresh()
            assert live.state().polls[f"polls/{poll}"].at_kiosk == 3
    codes = {CODES[n] for n in ("ana", "bo", "cy")}
    assert all(len(code) == 6 for code in codes) and not codes & set(typed)
    assert all(re.fullmatch(r"\d{4,6}", pin) for pin in typed)
    state = sessions.Session.open(session_path).state()
    assert [p.name for p in state.participants] == ["Ana", "Bo", "Cy"]
    assert [len(state.polls[f"polls/{p}"].ballots) for p in ("pick", "fist", "word")] == [3, 3, 3]


@pytest.mark.e2e
async def test_giving_up_at_the_code_prompt_leaves_nothing_for_the_next_person(
    session_path: Path, clock: FakeClock
) -> None:
    """Ana joined on another screen. At the kiosk she types her name, is asked for her code,
    and gives up with escape: the next person found her name still there, and the prompt."""
    for args in (["start"], ["goto", "pick"]):
        assert cli("control", str(session_path), *args).returncode == 0
    assert cli("vote", str(session_path), "--name", "Ana", "Coaching").returncode == 0
    app = make_app(session_path, clock=clock, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        who = app.main.query_one("#who", Input)
        who.value = "Ana"
        who.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert len(shown_fields(app)) == 2  # her code, please
        await pilot.press("escape")
        await pilot.pause()
        assert [(f.id, f.value) for f in shown_fields(app)] == [("who", "")]
        assert "Ana" not in message(app) and app.screen is app.main and app.is_running


@pytest.mark.slow
async def test_thank_you_belongs_to_the_step_it_was_said_on(session_path: Path, clock: FakeClock) -> None:
    async with kiosk_on_pick(session_path, clock) as (live, app, pilot):
        await person(pilot, "Ana", ["enter"])
        assert "your ballot is recorded" in message(app)
        live.next()  # the facilitator moves on: the thanks were for the last poll
        app.session.refresh()
        app.render_state()
        await pilot.pause()
        assert not message(app).strip()
        assert "Which first?" not in text_of(app.main.query_one("#question", Static))


@pytest.mark.e2e
async def test_zed_and_zed2_are_two_people_at_the_kiosk_for_the_facilitator(
    session_path: Path, clock: FakeClock
) -> None:
    """One person can name themselves twice at a shared keyboard; the facilitator, who sees the
    queue, sees how many people the kiosk counted on the poll."""
    from workshop.tui.facilitator import make_app as facilitator_app
    from workshop.tui.widgets.poll import PollPanel

    async with kiosk_on_pick(session_path, clock) as (live, app, pilot):
        await person(pilot, "Zed", ["enter"])
        await person(pilot, "Zed2", ["enter"])
        await person(pilot, "Zed", ["escape"])  # back with his PIN: told he has voted, keeps his ballot
        assert app.screen is app.main
    assert cli("vote", str(session_path), "--name", "Ana", "Coaching").returncode == 0  # not at the kiosk
    facilitator = facilitator_app(session_path, clock=clock, bell=False, watch=False)
    async with facilitator.run_test(size=(160, 45)):
        assert "3 voted (2 at the kiosk)" in text_of(facilitator.query_one(PollPanel), width=160)


@pytest.mark.slow
async def test_wrong_pins_count_as_wrong_rejoin_codes_on_every_channel(session_path: Path, clock: FakeClock) -> None:
    from workshop.engine.guesses import REJOIN_PER_PERSON
    from workshop.sessions import door
    from workshop.sessions.refusals import TooManyTries

    async with kiosk_on_pick(session_path, clock) as (live, app, pilot):
        await person(pilot, "Ana", [])  # her PIN chosen; she leaves the ballot for now
        await pilot.press("escape")
        await pilot.pause()
        said = []
        for n in range(REJOIN_PER_PERSON.limit + 1):
            await person(pilot, "Ana", [], secret=f"{9000 + n}")
            said.append(message(app))
            if n == 0:  # at once again: not even compared
                await person(pilot, "Ana", [], secret=pin_of("Ana"))
                assert "too many wrong codes" in message(app) and app.screen is app.main
            clock.advance(REJOIN_PER_PERSON.most)
        assert all("not the PIN of “Ana”" in line for line in said[:-1]) and "too many" in said[-1]
        await person(pilot, "Ana", [])  # her own PIN, while the name is locked: it waits too
        assert "too many wrong codes" in message(app) and app.screen is app.main
    wrong = [e for e in store.load(session_path).events if e["type"] == "wrong-rejoin"]
    assert [(e["channel"], e["client"]) for e in wrong] == [("kiosk", "kiosk")] * REJOIN_PER_PERSON.limit
    elsewhere = sessions.Session.open(session_path, clock)
    try:  # a phone, a terminal, a script: the name is locked on every channel
        door.rejoin(elsewhere, "Ana", "AAAAAA", door.Client("10.0.0.7", "phone"))
        raise AssertionError("a locked name was tried")
    except TooManyTries as held:
        assert held.wait > 60


@pytest.mark.slow
async def test_a_newcomer_who_gives_up_at_the_pin_writes_nothing(session_path: Path, clock: FakeClock) -> None:
    async with kiosk_on_pick(session_path, clock) as (live, app, pilot):
        await type_into(pilot, "#who", "Dee")
        assert type(app.screen).__name__ == "ChoosePin"
        await type_into(pilot, "#pin", "1234")  # too easy: refused, asked again
        await type_into(pilot, "#again", "1234")
        assert "too easy" in text_of(app.screen.query_one("#vote-error", Static))
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.main and [(f.id, f.value) for f in shown_fields(app)] == [("who", "")]
    assert [e for e in store.load(session_path).events if e["type"] == "join"] == []


@pytest.mark.slow
async def test_a_newcomer_reads_the_pin_advice_and_their_code_whole_at_80_columns(
    session_path: Path, clock: FakeClock
) -> None:
    """The PIN screen's advice and the ballot's rejoin code are wrapped, never cut at the
    window's edge: at 80x24 the code was cut to 'your rejoin co'."""
    async with kiosk_on_pick(session_path, clock) as (live, app, pilot):
        await type_into(pilot, "#who", "Dee")
        assert "brings you back here at the next poll." in " ".join(screen_text(app).split())
        await type_into(pilot, "#pin", pin_of("Dee"))
        await type_into(pilot, "#again", pin_of("Dee"))
        assert type(app.screen).__name__ == "VoteScreen"
        said = " ".join(screen_text(app).split())
        assert f"your rejoin code does: {app.screen.code}. Keep it." in said, said


@pytest.mark.slow
async def test_a_second_person_with_the_same_name_is_told_what_to_type(session_path: Path, clock: FakeClock) -> None:
    """A second Ana, asked for Ana's PIN, is told how to vote as herself (every PIN she guessed
    would count against the first Ana's name), and doing so she votes; the first Ana's ballot stays."""
    async with kiosk_on_pick(session_path, clock) as (live, app, pilot):
        await person(pilot, "Ana", ["enter"])
        await type_into(pilot, "#who", "Ana")
        said = " ".join(message(app).split())
        assert "your PIN, please" in said and "Not Ana? Escape, then type your name with an initial: Ana B." in said
        await pilot.press("escape")
        await person(pilot, "Ana B.", ["down", "enter"])
        assert "your ballot is recorded" in message(app)
    assert [b["value"] for b in ballots(session_path)] == [["Coaching"], ["Planning"]]


def test_a_wrong_code_in_french_says_when_to_try_again_as_french_is_written(
    session_path: Path, clock: FakeClock
) -> None:
    """ "ce n'est pas le PIN de 'Léa' : réessayez dans 1 seconde", a space before the colon as in
    every other French line (the kiosk, the phone page and `join` say it)."""
    from workshop import i18n
    from workshop.sessions import door
    from workshop.sessions.refusals import WrongRejoinCode

    live = sessions.Session.open(session_path, clock)
    live.start()
    live.join("Léa")
    with i18n.speaking("fr"), pytest.raises(WrongRejoinCode) as wrong:
        door.rejoin(live, "Léa", "AAAAAA", door.Client("10.0.0.7", "phone"))
    assert "de « Léa » : réessayez dans 1 seconde" in str(wrong.value), str(wrong.value)
