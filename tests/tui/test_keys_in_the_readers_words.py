"""The keys a screen's prose names, named the same on the key bar beneath it: the French kiosk
said "(Échap le conserve)" over a key bar reading "esc Annuler", the Spanish one "Esc" over "esc";
the replay's keys read "home" and "end" on a German keyboard that prints Pos1 and Ende."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui.conftest import FakeClock, cli, screen_text, wait_for
from workshop import i18n, sessions


@pytest.fixture
def path(short_45: Path) -> Path:
    return short_45


@pytest.mark.parametrize(
    ("lang", "prose", "bar"),
    [
        ("fr", "(Échap le conserve)", "Échap Annuler"),
        ("de", "(Esc behält die bisherige)", "Esc Abbrechen"),
        ("es", "(Esc lo conserva)", "Esc Cancelar"),
        ("en", "(escape keeps it)", "esc Cancel"),  # English as it was
    ],
)
async def test_the_kiosks_key_bar_names_escape_as_its_prose_does(
    session_path: Path, clock: FakeClock, lang: str, prose: str, bar: str
) -> None:
    """Ana, back at the kiosk to change her ballot, read the prose's key and the key bar's."""
    from tests.tui.test_kiosk import person
    from workshop.tui.kiosk import make_app

    for args in (["start"], ["goto", "pick"]):
        assert cli("control", str(session_path), *args).returncode == 0
    with i18n.speaking(lang):
        app = make_app(session_path, clock=clock, watch=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await person(pilot, "Ana", ["enter"])
            await person(pilot, "ana", [])
            await wait_for(pilot, lambda: prose in " ".join(screen_text(app).split()))
            keys = " ".join(screen_text(app).splitlines()[-1].split())
    assert bar in keys, keys


async def test_the_replays_start_and_end_keys_read_as_a_german_keyboard_prints_them(path: Path) -> None:
    from workshop.tui import replay

    live = sessions.Session.open(path)
    live.start()
    with i18n.speaking("de"):
        app = replay.make_app(path, watch=False)
        async with app.run_test(size=(160, 30)) as pilot:
            await pilot.pause()
            keys = " ".join(" ".join(screen_text(app).splitlines()[-2:]).split())
    assert "Pos1 " in keys and "Ende " in keys and "home" not in keys and "end " not in keys, keys
