"""The command palette in the reader's language: Textual's own entries (Theme, Quit, Keys,
Screenshot ...), its search field and the key bar's `^p` entry say what the rest of the screen
says, and a Textual that adds words this project has not translated fails here first."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App
from textual.command import CommandPalette
from textual.widgets import Input

from tests.tui.conftest import FakeClock, screen_text, wait_for
from workshop import i18n
from workshop.tui import facilitator, palette, replay


@pytest.mark.slow
async def test_every_word_textual_puts_in_the_palette_is_marked_for_translation(
    session_path: Path, clock: FakeClock
) -> None:
    app = facilitator.make_app(session_path, clock=clock, bell=False, watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        said: set[str] = set()
        for state in ("plain", "help", "maximized"):
            if state == "help":
                app.action_show_help_panel()
            if state == "maximized":
                app.action_hide_help_panel()
                app.screen.focus_next()
                if app.screen.focused is not None and app.screen.focused.allow_maximize:
                    app.screen.action_maximize()
            await pilot.pause()
            for command in App.get_system_commands(app, app.screen):
                said |= {command.title, command.help}
        assert {"Theme", "Quit", "Keys", "Screenshot"} <= said
        assert said <= set(palette.TEXTUAL_WORDS), said - set(palette.TEXTUAL_WORDS)


@pytest.mark.parametrize(
    ("lang", "entry", "search"), [("de", "Farbschema", "Befehl suchen"), ("fr", "Thème", "Rechercher")]
)
async def test_the_facilitators_palette_speaks_the_readers_language(
    session_path: Path, clock: FakeClock, lang: str, entry: str, search: str
) -> None:
    with i18n.speaking(lang):
        app = facilitator.make_app(session_path, clock=clock, bell=False, watch=False)
        async with app.run_test(size=(100, 30)) as pilot:
            bar = screen_text(app).splitlines()[-1]
            assert "palette" not in bar and ("^p Befehle" in bar or "^p commandes" in bar), bar
            await pilot.press("ctrl+p")
            await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
            assert search in (app.screen.query_one(Input).placeholder or "")
            titles = [c.title for c in app.get_system_commands(app.main)]
            assert entry in titles and "Theme" not in titles and "Quit" not in titles, titles
            assert "Screenshot" not in titles


async def test_the_replays_palette_speaks_the_readers_language(session_path: Path) -> None:
    with i18n.speaking("es"):
        app = replay.make_app(session_path, watch=False)
        async with app.run_test(size=(100, 30)):
            titles = [c.title for c in app.get_system_commands(app.main)]
            assert "Tema" in titles and "Captura de pantalla" in titles, titles
