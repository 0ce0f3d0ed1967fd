"""The header's icon opens the command palette; hovering it said "Open the command palette" in
English on German, Spanish and French screens."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import polls_plan
from tests.tui.conftest import FakeClock
from workshop import i18n, sessions
from workshop.tui import facilitator, participant


@pytest.mark.parametrize(("lang", "said"), [("de", "Befehlsliste öffnen"), ("en", "Open the command palette")])
async def test_the_header_icon_says_what_it_opens_in_the_readers_language(
    tmp_path: Path, clock: FakeClock, lang: str, said: str
) -> None:
    path = sessions.create(polls_plan(), tmp_path / "s", "room", "Sam", clock=clock, code="K7P2QX")
    for make in (
        lambda: facilitator.make_app(path, clock=clock, bell=False, watch=False),
        lambda: participant.make_app(path, clock=clock),
    ):
        app = make()
        with i18n.speaking(lang):
            async with app.run_test(size=(100, 30)) as pilot:
                await pilot.pause()
                main = getattr(app, "main", app.screen)  # the participant's screen, under its join dialog
                assert main.query_one("HeaderIcon").tooltip == said
