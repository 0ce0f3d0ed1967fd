"""Every command is in the README's command table and every event type in docs/sessions.md's
events table, with the options each command takes (as sqlite-utils' docs test does)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer

from workshop.cli import app
from workshop.engine.events import TYPES

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text("utf-8")
SESSIONS = (ROOT / "docs" / "sessions.md").read_text("utf-8")
COMMANDS = typer.main.get_command(app).commands  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_a_row_in_the_readme(name: str) -> None:
    row = next((line for line in README.splitlines() if line.startswith(f"| `workshop {name}")), None)
    assert row is not None, f"README's command table has no row for `workshop {name}`"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_option_of_a_command_is_named_in_the_readme_or_the_docs(name: str) -> None:
    docs = README + "".join(p.read_text("utf-8") for p in (ROOT / "docs").glob("*.md"))
    for param in COMMANDS[name].params:
        for option in getattr(param, "opts", []):
            if option.startswith("--") and option not in ("--help", "--sessions-dir", "--path"):
                assert re.search(rf"{re.escape(option)}\b", docs), f"`workshop {name} {option}` is not documented"


@pytest.mark.parametrize("kind", TYPES)
def test_every_event_type_is_in_the_sessions_doc(kind: str) -> None:
    assert re.search(rf"^\| [^|]*`{re.escape(kind)}`", SESSIONS, re.MULTILINE), (
        f"docs/sessions.md's events table has no row for `{kind}`"
    )


def test_every_test_security_md_names_exists() -> None:
    """docs/security.md names the test behind every "cannot": each one must be a real test."""
    text = (ROOT / "docs" / "security.md").read_text("utf-8")
    named = set(re.findall(r"(tests/[\w/]+\.py)(?:::(\w+))?", text))
    assert len(named) > 20
    for file, function in named:
        source = (ROOT / file).read_text("utf-8")
        assert not function or re.search(rf"^(async )?def {function}\(", source, re.MULTILINE), f"{file}::{function}"


SNAPSHOTS = ROOT / "tests" / "tui" / "__snapshots__"
# Each picture in docs/ is a snapshot the tests check, so the guides show the screens as they are.
PICTURES = {
    "facilitator-wide.svg": "test_snapshots/test_poll_step[160x45 dark, dots poll revealed].svg",
    "facilitator-80x24.svg": "test_snapshots/test_poll_step[80x24 dark, dots poll hidden].svg",
    "replay.svg": "test_replay/test_replay_at_a_poll_before_and_after_reveal[after-reveal].svg",
    "participant-join.svg": "test_participant_snapshots/test_join_screen.svg",
    "participant-dots.svg": "test_participant_snapshots/test_dots_ballot.svg",
}


@pytest.mark.parametrize("picture", sorted(PICTURES))
def test_every_picture_in_the_guides_is_the_screen_as_the_tests_see_it(picture: str) -> None:
    shown = ROOT / "docs" / "images" / picture
    assert shown.read_bytes() == (SNAPSHOTS / PICTURES[picture]).read_bytes(), (
        f"docs/images/{picture} is not the current snapshot: copy tests/tui/__snapshots__/{PICTURES[picture]} over it"
    )


def test_every_picture_the_guides_show_is_checked() -> None:
    guides = [doc.read_text("utf-8") for doc in (ROOT / "docs").glob("*.md")]
    shown = {name for text in guides for name in re.findall(r"\(images/([^)]+)\)", text)}
    assert shown == set(PICTURES) == {p.name for p in (ROOT / "docs" / "images").iterdir()}


def _messages() -> list[type]:
    """Every message class our widgets define (imported from each module under workshop/tui)."""
    import importlib
    import inspect

    from textual.message import Message

    modules = [
        importlib.import_module("workshop." + ".".join(p.relative_to(ROOT / "workshop").with_suffix("").parts))
        for p in (ROOT / "workshop" / "tui").rglob("*.py")
        if p.stem != "__init__"
    ]
    found = {
        cls
        for module in modules
        for _, owner in inspect.getmembers(module, inspect.isclass)
        if owner.__module__ == module.__name__
        for cls in vars(owner).values()
        if isinstance(cls, type) and issubclass(cls, Message)
    }
    return sorted(found, key=lambda cls: cls.__qualname__)


@pytest.mark.parametrize("message", _messages(), ids=lambda cls: cls.__qualname__)
def test_every_message_says_which_widget_posts_it_and_gives_it_as_control(message: type) -> None:
    """As Textual's own (`Switch.Changed` and its `control`): a handler knows where it came from."""
    owner = message.__qualname__.split(".")[0]
    assert message.__doc__ and f"`{owner}`" in message.__doc__, message.__qualname__
    assert isinstance(vars(message).get("control"), property), message.__qualname__
