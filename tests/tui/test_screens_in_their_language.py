"""What a German, Spanish or French reader saw in English on screens otherwise in their language,
each found by walking the bundled agenda `short-45` through every screen at 80x24: the key bar's
key names, the room's clock while paused, the `g` dialog, the facilitator's room and notes panels,
and the kiosk's answer to a wrong PIN (in German, "der PIN" under a field asking for "Ihre PIN")."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.widgets import Input

from tests.tui.conftest import CODE, FakeClock, screen_text, text_of, unwrapped, wait_for
from workshop import i18n, sessions
from workshop.sessions import SessionError

MODULE = "four-steps-collaboration"


@pytest.fixture
def path(short_45: Path) -> Path:
    return short_45


KEYS = {  # the names printed on that market's keyboards, as the step's "more below" line says them
    "de": ("Leertaste Anhalten", "Bild ab Blättern", "▼ weiter unten: Bild ab"),
    "es": ("espacio ", "AvPág ", "▼ más abajo: AvPág"),
    "fr": ("espace Suspendre", "PgSuiv ", "▼ suite plus bas : PgSuiv"),
}


@pytest.mark.parametrize("lang", ["de", "es", "fr"])
async def test_the_key_bar_names_keys_as_the_readers_keyboard_does(path: Path, clock: FakeClock, lang: str) -> None:
    """The key bar said "space Anhalten" and "PgDn Blättern" over a line saying "Bild ab"."""
    from workshop.tui import facilitator

    with i18n.speaking(lang):
        app = facilitator.make_app(path, clock=clock, bell=False, watch=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("n")
            await wait_for(pilot, lambda: KEYS[lang][2] in unwrapped(screen_text(app)))
            shown = unwrapped(screen_text(app))
    assert all(words in shown for words in KEYS[lang]), shown
    assert not re.search(r"\bspace\b", shown) and "PgDn" not in shown, shown


async def test_the_rooms_clock_says_paused_in_the_rooms_language(path: Path, clock: FakeClock) -> None:
    """The room display read "10:00 übrig von 10 Min. · paused" during a paused step."""
    from workshop.tui import display

    live = sessions.Session.open(path, clock)
    live.start()
    live.pause()
    with i18n.speaking("de"):
        app = display.make_app(path, clock=clock, watch=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for(pilot, lambda: "übrig" in screen_text(app))
            shown = unwrapped(screen_text(app))
    assert "übrig von 6 Min. · pausiert" in shown and "paused" not in shown, shown


@pytest.mark.parametrize(
    ("lang", "question", "now", "done"),
    [
        ("de", "Zu welchem Schritt?", "(jetzt)", "(erledigt)"),
        ("es", "¿A qué paso?", "(ahora)", "(hecho)"),
        ("fr", "Aller à quelle étape ?", "(en cours)", "(faite)"),
    ],
)
async def test_the_go_to_dialog_is_in_the_readers_language(
    path: Path, clock: FakeClock, lang: str, question: str, now: str, done: str
) -> None:
    """`g` asked "Go to which step?" and marked the steps "(now)", "(done)", "(skipped)"."""
    from workshop.tui import facilitator

    with i18n.speaking(lang):
        app = facilitator.make_app(path, clock=clock, bell=False, watch=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("n", "n", "g")
            await wait_for(pilot, lambda: app.screen is not app.main)
            shown = unwrapped(screen_text(app))
    assert question in shown and now in shown and done in shown, shown
    assert "Go to which step" not in shown and "(now)" not in shown and "(done)" not in shown, shown


def panels(app) -> str:
    """The facilitator's room panel and notes panel, as plain text."""
    from workshop.tui.widgets.notes import NotesList
    from workshop.tui.widgets.room_panel import RoomPanel

    return unwrapped(text_of(app.main.query_one(RoomPanel), 200) + text_of(app.main.query_one(NotesList), 200))


async def test_the_room_and_notes_panels_mark_items_in_the_readers_language(path: Path, clock: FakeClock) -> None:
    """The facilitator's panels said "(hidden)", "(edited)", "anonymous", "✓ answered" and named
    the facilitator's own notes "facilitator" in a German screen."""
    from workshop.tui import facilitator

    live = sessions.Session.open(path, clock)
    live.start()
    ana = live.join("Ana")
    with i18n.speaking("de"):
        app = facilitator.make_app(path, clock=clock, bell=False, watch=False)
        async with app.run_test(size=(160, 50)) as pilot:
            live.goto(f"{MODULE}/rework")
            first = live.idea_as(ana, "Ein Pilot mit der Planung").split()[1]
            live.idea_as(ana, "Eine gemeinsame Kennzahl")
            live.hide(first)
            live.note(None, "Planung fragen")
            note = live.state().notes[-1].id
            live.edit_note(note, "Planung morgen fragen")
            app.sync()
            await wait_for(pilot, lambda: "Eine gemeinsame Kennzahl" in panels(app))
            ideas = panels(app)
            live.goto(f"{MODULE}/questions")
            live.ask_as(ana, "Wer entscheidet?", anonymous=True)
            live.answered(live.state().room.questions[-1].id)
            app.sync()
            await wait_for(pilot, lambda: "Wer entscheidet?" in panels(app))
            questions = panels(app)
    assert "(ausgeblendet)" in ideas and "(hidden)" not in ideas, ideas
    assert "• Moderation: Planung morgen fragen (bearbeitet)" in ideas, ideas
    assert "facilitator" not in ideas and "(edited)" not in ideas, ideas
    assert "Wer entscheidet? anonym ✓ beantwortet" in questions, questions
    assert "anonymous" not in questions and "answered" not in questions, questions


async def test_a_wrong_pin_at_the_kiosk_is_said_in_good_german(path: Path, clock: FakeClock) -> None:
    """It said "das ist nicht der PIN von 'Zoe'" under the field "Ihre PIN": German says "die PIN"
    (and "der Wiedereinstiegscode"), so the two are now each a whole sentence."""
    from tests.tui.test_kiosk import person
    from workshop.tui import kiosk

    live = sessions.Session.open(path, clock)
    live.start()
    live.goto(f"{MODULE}/trust-check")
    with i18n.speaking("de"):
        app = kiosk.make_app(path, clock=clock, watch=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await person(pilot, "Zoe", ["escape"])
            await pilot.pause()
            await person(pilot, "Zoe", [], secret="0000")
            await wait_for(pilot, lambda: "PIN von" in screen_text(app))
            shown = unwrapped(screen_text(app))
            assert isinstance(app.screen.query_one("#secret", Input), Input)
    assert "das ist nicht die PIN von „Zoe“" in shown, shown


def test_a_vote_with_no_poll_open_is_refused_in_the_readers_language(path: Path) -> None:
    """The refusal was worded once, in English, when the module was imported."""
    live = sessions.Session.open(path)
    live.start()
    with i18n.speaking("de"), pytest.raises(SessionError) as refused:
        live.vote_as(live.join("Ana"), ["3"])
    assert "keine Umfrage" in str(refused.value), refused.value


async def test_the_participants_keys_all_stay_in_sight_at_80_columns_in_german(path: Path, clock: FakeClock) -> None:
    """On a ballot at 80x24 the participant's key bar (Textual's Footer, one line that scrolls
    sideways) showed "^e Re▏": German cut its last key. It wraps now, like the facilitator's."""
    from workshop.tui import participant

    live = sessions.Session.open(path, clock)
    live.start()
    live.goto("four-steps-collaboration/hardest-step")
    with i18n.speaking("de"):
        app = participant.make_app(path, clock=clock)
        async with app.run_test(size=(80, 24)) as pilot:
            app.screen.query_one("#code", Input).value = CODE
            await pilot.press("enter")
            app.screen.query_one("#name", Input).value = "Bernd"
            await pilot.press("enter")
            await wait_for(pilot, lambda: bool(app.main.query("BallotForm")))
            shown = screen_text(app)
    for key in ("^q Verlassen", "^n Notiz schreiben", "^r Hand", "^e Reagieren"):
        assert key in shown, shown


@pytest.mark.parametrize(("lang", "named"), [("de", "Moderation"), ("es", "Facilitador"), ("fr", "Animateur")])
def test_the_facilitator_s_own_notes_are_signed_with_the_role_the_catalog_uses(lang: str, named: str) -> None:
    """The notes panel put "Facilitación" and "Animation" (the activity) where a participant's
    name goes, beside "el facilitador" and "l'animateur" everywhere else."""
    from workshop.engine.views import Note
    from workshop.tui.widgets.notes import author

    note = Note(id="n1", step="m/s", author="facilitator", name="", text="Planning", at=0.0, action=False)
    with i18n.speaking(lang):
        assert author(note) == named
