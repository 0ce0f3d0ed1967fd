"""One way in, whatever the channel (issue 24): a join code typed with spaces, dashes or small
letters is the code on every join screen; wrong rejoin codes on a shared screen are counted
and hold the name back; and what a screen does after a refusal follows the refusal's type,
never its words."""

from __future__ import annotations

import ast
import io
from pathlib import Path

import pytest
from textual.widgets import Input

from tests.tui.conftest import CODE, FakeClock, text_of, wait_for
from tests.tui.test_identity import ana_votes
from workshop import plain, sessions
from workshop.journal import store
from workshop.tui.participant import make_app

PACKAGE = Path(__file__).resolve().parents[2] / "workshop"


@pytest.fixture(autouse=True)
def state_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return tmp_path / "state"


async def type_in(pilot, name: str, rejoin: str = "", code: str = CODE) -> str:
    """The join screen filled in and sent; what it says under the fields."""
    screen = pilot.app.screen
    for field, value in (("#code", code), ("#name", name), ("#rejoin", rejoin)):
        screen.query_one(field, Input).value = value
    screen.query_one("#name", Input).focus()
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    errors = pilot.app.screen.query("#join-error")
    return text_of(errors.first()) if errors else ""


def reworded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every refusal reworded at once: a channel that read the words would lose its way."""
    monkeypatch.setattr(sessions.SessionError, "__str__", lambda self: "Refused.")


@pytest.mark.parametrize("typed", [CODE.lower(), f" {CODE[:3]}-{CODE[3:]} ", f"{CODE[:2]} {CODE[2:]}"])
@pytest.mark.slow
async def test_the_join_code_as_people_type_it_is_the_code_on_the_join_screen(
    session_path: Path, clock: FakeClock, typed: str
) -> None:
    """The phone page took "test-42"; the terminal took only "TEST42" with spaces around it."""
    app = make_app(session_path, clock=clock, shared=True)
    async with app.run_test(size=(80, 24)) as pilot:
        assert await type_in(pilot, "Ana", code=typed) == ""
        assert app.person is not None and app.person.name == "Ana"


@pytest.mark.slow
async def test_wrong_rejoin_codes_on_a_shared_screen_are_counted_and_hold_the_name(
    session_path: Path, clock: FakeClock
) -> None:
    """A tab at /terminal/ (or the ssh recipe's account) let anyone try rejoin code after rejoin
    code as fast as they could type, and wrote nothing."""
    code = ana_votes(session_path)
    app = make_app(session_path, clock=clock, shared=True)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "not the rejoin code" in await type_in(pilot, "Ana", "WRONG1")
        field = app.screen.query_one("#rejoin", Input)
        assert field.disabled  # the screen waits the name's wait out
        await wait_for(pilot, lambda: not field.disabled, seconds=10)
        assert "too many wrong codes" in await type_in(pilot, "Ana", code)  # too soon: not even tried
        assert app.person is None
    wrong = [e for e in store.load(session_path).events if e["type"] == "wrong-rejoin"]
    assert [(e["channel"], e["participant"]) for e in wrong] == [
        ("browser", sessions.Session.open(session_path).state().participants[0].token)
    ]


@pytest.mark.slow
async def test_a_reworded_refusal_changes_nothing_the_join_screen_does(
    session_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "is taken" in the message decided whether the rejoin field appeared."""
    ana_votes(session_path)
    reworded(monkeypatch)
    app = make_app(session_path, clock=clock, shared=True)
    async with app.run_test(size=(80, 24)) as pilot:
        assert await type_in(pilot, "Ana") == "Refused.\n"
        assert app.screen.query_one("#rejoin", Input).display  # a taken name: tab to your code


@pytest.mark.slow
async def test_a_reworded_refusal_changes_nothing_the_kiosk_does(
    session_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.tui.test_kiosk import message, type_into
    from workshop.tui.kiosk import make_app as kiosk_app

    code = ana_votes(session_path)
    reworded(monkeypatch)
    app = kiosk_app(session_path, clock=clock, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await type_into(pilot, "#who", "Ana")
        second = [f for f in app.main.query(Input) if f.display and f.id != "who"]
        assert second and second[0].has_focus  # her code, please
        second[0].value = "WRONG1"
        await pilot.press("enter")
        await pilot.pause()
        assert message(app).strip() == "Refused." and app.screen is app.main
        assert [f for f in app.main.query(Input) if f.display and f.id != "who"]  # still asking for it
    assert code  # she has one: the kiosk asked for it, not for another name


@pytest.mark.slow
def test_a_reworded_refusal_changes_nothing_plain_mode_does(
    session_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Plain mode asked for a rejoin code only when the message said "is taken"."""
    code = ana_votes(session_path)
    reworded(monkeypatch)
    out = io.StringIO()
    live = sessions.Session.open(session_path)
    assert plain.run(live, "", io.StringIO(f"{CODE}\nAna\n{code}\nquit\n"), out, shared=True) == 0
    assert "You joined as Ana." in out.getvalue()


@pytest.mark.slow
def test_no_screen_or_page_reads_a_refusal_s_words() -> None:
    """`"is taken" in str(err)` decided what three channels did next: now only types do."""
    readers = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (
                isinstance(node, ast.Compare)
                and any(isinstance(op, ast.In | ast.NotIn) for op in node.ops)
                and any(
                    isinstance(side, ast.Call) and isinstance(side.func, ast.Name) and side.func.id == "str"
                    for side in node.comparators
                )
            ):
                readers.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert readers == []


def test_the_join_screen_is_given_what_it_needs_and_imports_no_app() -> None:
    """tui/joining.py reached into the participant app (and imported it) for its session and
    its shared flag: an import cycle. Now it is given both, and answers through dismiss."""
    tree = ast.parse((PACKAGE / "tui" / "joining.py").read_text("utf-8"))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    # workshop.tui.translated is a leaf (it imports none of the screens): its bindings' words only
    assert not {name for name in imported if name and name.startswith("workshop.tui.")} - {"workshop.tui.translated"}
