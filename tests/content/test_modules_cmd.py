"""`workshop modules`: the bundled content and more from --path or WORKSHOP_PATH."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.content.test_validate_rules import MODULE
from workshop.cli import app

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def listing(*args: str) -> list[dict]:
    result = CliRunner().invoke(app, ["modules", "--json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_json_lists_every_bundled_module_and_agenda_with_their_figures() -> None:
    rows = {(r["kind"], r["id"]): r for r in listing()}
    for path in SEEDS.glob("*.toml"):
        data = tomllib.loads(path.read_text("utf-8"))
        row = rows[("module", data["id"])]
        assert row["minutes"] == data["minutes"] == sum(s["minutes"] for s in data["steps"])
        assert row["steps"] == len(data["steps"])
        assert set(row["votes"]) == {s["poll"]["vote"] for s in data["steps"] if "poll" in s}
    for path in (SEEDS / "agendas").glob("*.toml"):
        row = rows[("agenda", path.stem)]
        agenda = tomllib.loads(path.read_text("utf-8"))
        assert row["modules"] == [m["module"] for m in agenda["modules"]]
    assert rows[("agenda", "half-day")]["default"] is True
    assert rows[("agenda", "short-45")]["minutes"] == 45


def test_path_and_environment_add_modules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    extra = tmp_path / "more"
    extra.mkdir()
    (extra / "trust.toml").write_text(MODULE)
    assert ("module", "trust-first") in {(r["kind"], r["id"]) for r in listing("--path", str(extra))}
    assert ("module", "trust-first") not in {(r["kind"], r["id"]) for r in listing()}
    monkeypatch.setenv("WORKSHOP_PATH", str(extra))
    assert ("module", "trust-first") in {(r["kind"], r["id"]) for r in listing()}


def test_a_broken_file_is_left_out_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "broken.toml").write_text("id = ")
    (tmp_path / "trust.toml").write_text(MODULE)
    result = CliRunner().invoke(app, ["modules", "--json", "--path", str(tmp_path)])
    assert result.exit_code == 0
    ids = {r["id"] for r in json.loads(result.stdout)}
    assert "trust-first" in ids
    assert "warning: left out" in result.stderr and "broken.toml" in result.stderr


def test_titles_are_printed_literally_never_as_markup(tmp_path: Path) -> None:
    hostile = "[bold red]Loud[/] [@click=app.quit]quit[/]"
    (tmp_path / "odd.toml").write_text(MODULE.replace('title = "Trust first"', f'title = "{hostile}"'))
    result = CliRunner().invoke(app, ["modules", "--path", str(tmp_path)], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert hostile in result.stdout
