"""One poll, four screens in four languages: participants reading English, German and Spanish,
and the facilitator French (which the module is not given in: its texts come in English, marked).
Each screen shows the module's question and options in its own language, and the tally counts
every ballot on the same options. (Issue 27's Pilot check; the interface's own strings are
spot-checked beside the module's once they are translated.)"""

from __future__ import annotations

from contextlib import AsyncExitStack
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from tests.tui.conftest import CODE, FakeClock, screen_text, text_of, wait_for
from workshop import i18n, sessions
from workshop.content import languages
from workshop.content.library import catalog, plan_for
from workshop.journal import store
from workshop.tui import facilitator, participant

MODULE = "four-steps-collaboration"
HARDEST = f"{MODULE}/hardest-step"
READERS = {"en": "Ana", "de": "Bernd", "es": "Carmen"}
# each ranks the four steps by moving one option up a place: English the 2nd, German the 3rd, Spanish the 4th
MOVES = {"en": ["down"], "de": ["down", "down"], "es": ["down", "down", "down"]}


@pytest.fixture(autouse=True)
def state_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return tmp_path / "state"


def _poll():
    step = catalog().modules[MODULE].step("hardest-step")
    assert step is not None and step.poll is not None
    return step.poll


@pytest.mark.slow
async def test_four_languages_one_poll_one_tally(tmp_path: Path, clock: FakeClock) -> None:
    plan = plan_for(catalog(), MODULE)
    path = sessions.create(plan, tmp_path / "sessions", "room", "Sam", clock=clock, code=CODE)
    poll = _poll()
    words = {lang: languages.poll_in(poll, lang) for lang in ("en", "de", "es")}
    async with AsyncExitStack() as stack:
        lead = facilitator.make_app(path, clock=clock, bell=False, watch=True)
        with i18n.speaking("fr"):  # each app keeps the language it was started in
            host = await stack.enter_async_context(lead.run_test(size=(140, 45)))
        await host.press("n")
        lead.session.goto(HARDEST)
        apps = {}
        for lang, name in READERS.items():
            app = participant.make_app(path, clock=clock)
            with i18n.speaking(lang):
                pilot = await stack.enter_async_context(app.run_test(size=(100, 40)))
            app.screen.query_one("#code", Input).value = CODE
            await pilot.press("enter")
            app.screen.query_one("#name", Input).value = name
            await pilot.press("enter")
            await wait_for(pilot, lambda app=app: bool(app.main.query("BallotForm")))
            apps[lang] = (app, pilot)

        for lang, (app, pilot) in apps.items():
            main = app.main
            shown = words[lang]
            assert shown.question in text_of(main.query_one("#question", Static))
            screen = screen_text(app)
            assert all(option in screen for option in shown.options), (lang, screen)
            where = text_of(main.query_one("#where", Static))
            assert languages.step_in(plan.modules[0].step("hardest-step"), lang).title in where  # type: ignore[arg-type]
            assert "English" not in where  # in their own language: no mark
            others = [o for other, w in words.items() if other != lang for o in w.options if o not in shown.options]
            assert not any(o in screen for o in others), (lang, screen)
            await pilot.press(*MOVES[lang], "left_square_bracket", "ctrl+s")
            await wait_for(pilot, lambda main=main: "✓" in text_of(main.query_one("#ballot-status", Static)))

        ballots = [e["value"] for e in store.load(path).events if e["type"] == "ballot"]
        assert ballots == [[poll.options[i] for i in order] for order in ([1, 0, 2, 3], [0, 2, 1, 3], [0, 1, 3, 2])]

        await host.press("c")  # close: the results show on every screen
        lead.render_state()
        await wait_for(host, lambda: "8 points" in text_of(lead.screen.query_one("PollPanel", Static), width=200))
        board = text_of(lead.screen.query_one("PollPanel", Static), width=200)
        assert poll.question in board and all(option in board for option in poll.options)
        assert "English" in text_of(lead.screen.query_one("#step-title", Static))  # French reads it in English, marked
        points = {row.label: row.value for row in lead.session.state().polls[HARDEST].tally.rows}
        assert points == {poll.options[0]: 8, poll.options[1]: 6, poll.options[2]: 3, poll.options[3]: 1}
        for lang, (app, pilot) in apps.items():
            main = app.main
            await wait_for(
                pilot,
                lambda main=main, lang=lang: words[lang].options[3] in text_of(main.query_one("#results", Static)),
            )
            results = text_of(main.query_one("#results", Static))
            for label, value in points.items():
                said = words[lang].options[poll.options.index(label)]
                line = next(row for row in results.splitlines() if said in row)
                assert f"{value:g}" in line.replace(said, ""), (lang, line)


def test_join_plain_says_the_step_in_the_readers_language_or_which_it_is_in(tmp_path: Path) -> None:
    from workshop.transcript import Transcript

    path = sessions.create(catalog().plan("half-day"), tmp_path, "room", "Sam", code=CODE)
    s = sessions.Session.open(path)
    s.start()
    said: list[str] = []
    with i18n.speaking("es"):
        transcript = Transcript("nobody", said.append)
        transcript.follow(s.state())
        s.goto("audacious-operations/" + catalog().modules["audacious-operations"].steps[0].id)
        transcript.follow(s.state())
        s.goto("three-leadership-traits/plan-clarity")
        transcript.follow(s.state())
    assert said[0].startswith(
        "Ahora: Tres rasgos del liderazgo en centros de contacto, No son (solo) los indicadores, "
    )
    english = catalog().modules["audacious-operations"]
    assert said[1].startswith(f"Ahora: {english.title}, {english.steps[0].title} (English), ")
    opened = next(line for line in said if line.startswith("Encuesta abierta:"))
    assert "Si mañana les preguntaras a diez asesores" in opened and "10 los diez" in opened


@pytest.mark.slow
async def test_a_redraw_asked_from_another_language_keeps_the_apps(tmp_path: Path, clock: FakeClock) -> None:
    """Whoever asks a screen to redraw (a test, a thread, a timer), it redraws in the language it
    was started in: the French facilitator's titles stay marked English when an English caller
    asks, with no tick to put it right afterwards."""
    plan = plan_for(catalog(), MODULE)
    path = sessions.create(plan, tmp_path / "sessions", "room", "Sam", clock=clock, code=CODE)
    lead = facilitator.make_app(path, clock=clock, bell=False, watch=False, tick=3600)
    with i18n.speaking("fr"):
        async with lead.run_test(size=(140, 45)) as host:
            await host.press("n")
            lead.session.goto(HARDEST)
            with i18n.speaking("en"):
                lead.render_state()
            assert "English" in text_of(lead.screen.query_one("#step-title", Static))


def test_join_plain_in_french_puts_a_space_before_each_colon(tmp_path: Path) -> None:
    """French typography, as every French line of the interface has it: '3 options : 1 Coaching'
    and 'Coaching : 1 voix', not '3 options: 1 Coaching'."""
    from tests.support import polls_plan
    from workshop.transcript import Transcript

    s = sessions.Session.open(sessions.create(polls_plan(), tmp_path, "room", "Sam", code=CODE))
    s.start()
    said: list[str] = []
    with i18n.speaking("fr"):
        transcript = Transcript("nobody", said.append)
        s.goto("pick")
        transcript.follow(s.state())
        s.cast(s.join("Ana"), "polls/pick", ["Coaching"])
        s.poll_action("close", "polls/pick")
        transcript.follow(s.state())
    opened = next(line for line in said if line.startswith("Sondage ouvert"))
    assert "3 options : 1 Coaching, 2 Planning, 3 Quality." in opened, said
    assert "Coaching : 1 voix, 100\xa0%" in next(line for line in said if line.startswith("Résultats")), said


async def test_the_join_screen_names_the_session_in_the_readers_language(tmp_path: Path, clock: FakeClock) -> None:
    """Before joining, a German participant's screen named the session by its English title,
    though the agenda gives it in German; and the German hint under it was cut at the dialog's edge."""
    path = sessions.create(
        plan_for(catalog(), "short-45"), tmp_path / "sessions", "room", "Sam", clock=clock, code=CODE
    )
    app = participant.make_app(path, clock=clock)
    with i18n.speaking("de"):
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            shown = screen_text(app)
    read = " ".join(shown.replace("█", " ").split())  # as a person reads it, line after line
    assert "Vom Kompromiss zur Zusammenarbeit: eine Einheit in 45 Minuten" in read, shown
    assert "Der Beitrittscode steht auf dem Bildschirm der Moderation." in read, shown  # wrapped, not cut
    assert "From compromise to collaboration" not in read, shown
