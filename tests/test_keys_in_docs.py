"""The bindings are the one source of every key: the key bar and the palette read them, and each
guide's key table names exactly the keys each screen binds (as the README's command table names
every command, tests/test_docs.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.app import App
from textual.dom import DOMNode

from workshop.tui.display import DisplayApp, DisplayScreen
from workshop.tui.facilitator import FacilitatorApp
from workshop.tui.facilitator_screen import FacilitatorScreen
from workshop.tui.kiosk import KioskApp
from workshop.tui.next_person import NextPersonScreen
from workshop.tui.palette import shown_key
from workshop.tui.participant import ParticipantApp
from workshop.tui.participant_screen import ParticipantScreen
from workshop.tui.replay import ReplayApp
from workshop.tui.replay_screen import ReplayScreen
from workshop.tui.widgets.ballot import BallotForm

DOCS = Path(__file__).resolve().parents[1] / "docs"


def table_keys(doc: str, heading: str) -> set[str]:
    """The keys named in the first column of the first table under `heading`."""
    text = (DOCS / doc).read_text("utf-8").split(f"\n{heading}\n", 1)[1]
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("|"))
    end = next((i for i, line in enumerate(lines[start:], start) if not line.startswith("|")), len(lines))
    keys: set[str] = set()
    for row in lines[start + 2 : end]:  # not the header, nor its rule
        keys.update(re.findall(r"`([^`]+)`", row.split("|")[1]))
    return keys


def bound(app: type[App], *nodes: type[DOMNode]) -> set[str]:
    """The keys `app` and `nodes` bind themselves (not Textual's own), and the palette's key."""
    keys = {shown_key(b) for node in (app, *nodes) for b in vars(node).get("BINDINGS", []) if not b.system}
    if app.ENABLE_COMMAND_PALETTE:
        keys.add(app.COMMAND_PALETTE_BINDING)
    return keys


GUIDES = {
    "the facilitator's screen": ("facilitator.md", "## Keys", FacilitatorApp, (FacilitatorScreen,)),
    "replay": ("facilitator.md", "## Afterwards: replay and reports", ReplayApp, (ReplayScreen,)),
    "the participant's screen": ("participants.md", "### Keys", ParticipantApp, (ParticipantScreen, BallotForm)),
    "the kiosk": ("participants.md", "## One shared keyboard: kiosk mode", KioskApp, (NextPersonScreen,)),
    "the room display": ("participants.md", "## The room display", DisplayApp, (DisplayScreen,)),
}


@pytest.mark.parametrize("screen", sorted(GUIDES))
def test_each_guides_key_table_names_the_keys_the_screen_binds(screen: str) -> None:
    doc, heading, app, nodes = GUIDES[screen]
    assert table_keys(doc, heading) == bound(app, *nodes), f"docs/{doc}, {heading}"


def test_the_palette_offers_every_key_with_a_tooltip() -> None:
    """Every key the palette lists is a binding with its tooltip; a key it does not list has no
    tooltip (scrolling, quitting: the palette has its own)."""
    untold = {shown_key(b) for b in FacilitatorScreen.BINDINGS if not b.tooltip}
    assert untold == {"PgUp", "PgDn", "q", ",", "."}
