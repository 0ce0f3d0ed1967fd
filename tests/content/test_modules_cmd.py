"""`workshop modules`: the bundled content, plus folders from --path and WORKSHOP_PATH.

Expectations for the bundled content are computed from whatever seed files exist when the test
runs (read with tomllib here), never copied from the command's output.
"""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from tests.content.samples import AGENDA, AGENDA_MINUTES, MODULE, MODULE_ID, edit, write
from workshop.cli import app
from workshop.content.library import DEFAULT_AGENDA

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
VOTE_ORDER = ["single", "multi", "scale", "dots", "rank", "text", "consent"]  # the order docs/format.md lists them in


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WORKSHOP_PATH", raising=False)
    monkeypatch.chdir(tmp_path)


def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    result = CliRunner().invoke(app, ["modules", *args], env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"modules raised {result.exception!r}") from result.exception
    assert result.exit_code == 0, result.output
    return result


def stderr_of(result: Result) -> str:
    try:
        return result.stderr
    except ValueError:  # older click: stderr mixed into output
        return result.output


def listing(*args: str) -> list[dict[str, Any]]:
    return json.loads(invoke("--json", *args).stdout)


def module_row(data: dict[str, Any], file: str) -> dict[str, Any]:
    used = {s["poll"]["vote"] for s in data["steps"] if "poll" in s}
    src = data["source"]
    return {
        "kind": "module",
        "id": data["id"],
        "title": data["title"],
        "minutes": data["minutes"],
        "steps": len(data["steps"]),
        "votes": [k for k in VOTE_ORDER if k in used],
        "source": f"“{src['title']}”, {src['author']}, {src['publisher']}",
        "file": file,
        "languages": [data.get("language", "en"), *data.get("variants", {})],  # its own first, then its variants'
    }


def agenda_row(agenda_id: str, data: dict[str, Any], modules: dict[str, dict[str, Any]], file: str) -> dict[str, Any]:
    minutes = steps = 0
    used: set[str] = set()
    for item in data["modules"]:
        module = modules[item["module"]]
        overrides = item.get("minutes", {})
        minutes += sum(overrides.get(s["id"], s["minutes"]) for s in module["steps"])
        steps += len(module["steps"])
        used |= {s["poll"]["vote"] for s in module["steps"] if "poll" in s}
    return {
        "kind": "agenda",
        "id": agenda_id,
        "title": data["title"],
        "minutes": minutes,
        "steps": steps,
        "modules": [item["module"] for item in data["modules"]],
        "votes": [k for k in VOTE_ORDER if k in used],
        "default": agenda_id == DEFAULT_AGENDA,
        "file": file,
    }


def test_json_lists_the_bundled_agendas_and_modules() -> None:
    result = invoke("--json")
    rows = json.loads(result.stdout)

    seed_files = sorted(SEEDS.rglob("*.toml"))
    parsed = {path: tomllib.loads(path.read_text("utf-8")) for path in seed_files}
    modules = {data["id"]: (path, data) for path, data in parsed.items() if "steps" in data}
    by_id = {module_id: data for module_id, (_, data) in modules.items()}
    for module_id, (_, data) in modules.items():  # the seeds keep their own rule: minutes is the steps' sum
        assert data["minutes"] == sum(s["minutes"] for s in data["steps"]), module_id

    expected_agendas, left_out = [], []
    for path, data in parsed.items():
        if "modules" not in data:
            continue
        if all(item["module"] in by_id for item in data["modules"]):
            expected_agendas.append(agenda_row(path.stem, data, by_id, str(path)))
        else:  # a seed module it needs is not written yet: the agenda is left out, with a warning
            left_out.append(str(path))
    expected = sorted(expected_agendas, key=lambda r: r["id"])
    expected += [module_row(data, str(path)) for _, (path, data) in sorted(modules.items())]

    assert rows == expected
    for path in left_out:
        assert f"warning: left out {path}: " in stderr_of(result)
    if any(r["id"] == DEFAULT_AGENDA for r in expected_agendas):
        assert [r["id"] for r in rows if r.get("default")] == [DEFAULT_AGENDA]


def test_the_table_lists_every_bundled_id() -> None:
    out = invoke(env={"COLUMNS": "250"}).stdout
    for row in listing():
        line = next((ln for ln in out.splitlines() if f" {row['id']} " in ln), None)
        assert line is not None, row["id"]
        assert f" {row['minutes']} " in line and f" {row['steps']} " in line


PROBE_ROW = {
    "kind": "module",
    "id": MODULE_ID,
    "title": "Trust first",
    "minutes": 10,
    "steps": 2,
    "votes": ["single"],
    "source": "“An article”, A. Writer, Example Press",
    "file": "more/probe.toml",
    "languages": ["en"],
}
PROBE_AGENDA_ROW = {
    "kind": "agenda",
    "id": "probe-day",
    "title": "A morning",
    "minutes": AGENDA_MINUTES,
    "steps": 2,
    "modules": [MODULE_ID],
    "votes": ["single"],
    "default": False,
    "file": "more/agendas/probe-day.toml",
}


def test_path_adds_a_folder_of_modules_and_agendas(tmp_path: Path) -> None:
    write(tmp_path, "more/probe.toml", MODULE)
    write(tmp_path, "more/agendas/probe-day.toml", AGENDA)
    assert MODULE_ID not in {r["id"] for r in listing()}
    rows = listing("--path", "more")
    assert PROBE_ROW in rows
    assert PROBE_AGENDA_ROW in rows
    assert len(rows) == len(listing()) + 2


def test_workshop_path_adds_folders_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "more/probe.toml", MODULE)
    write(tmp_path, "other/two.toml", edit({1: ['id = "probe-two"']}))
    monkeypatch.setenv("WORKSHOP_PATH", os.pathsep.join([str(tmp_path / "more"), str(tmp_path / "other")]))
    rows = listing()
    assert PROBE_ROW in rows
    assert {**PROBE_ROW, "id": "probe-two", "file": "other/two.toml"} in rows


def test_a_broken_file_on_the_path_is_left_out_with_a_warning(tmp_path: Path) -> None:
    write(tmp_path, "more/probe.toml", MODULE)
    # two problems: minutes is a string (line 4), the first step's kind is unknown (line 14)
    write(tmp_path, "more/broken.toml", edit({1: ['id = "probe-broken"'], 4: ['minutes = "x"'], 14: ['kind = "tlak"']}))
    write(tmp_path, "more/garbage.toml", b"\x00\x01")
    result = invoke("--json", "--path", "more")
    ids = {r["id"] for r in json.loads(result.stdout)}
    assert MODULE_ID in ids and "probe-broken" not in ids
    warnings = stderr_of(result).splitlines()
    assert "warning: left out more/broken.toml: 2 problem(s); see `workshop validate more/broken.toml`" in warnings
    assert "warning: left out more/garbage.toml: 1 problem(s); see `workshop validate more/garbage.toml`" in warnings


def test_markup_in_a_title_is_printed_literally(tmp_path: Path) -> None:
    hostile = "[bold red]x[/] [@click=app.quit]q"
    write(tmp_path, "more/odd.toml", edit({2: [f'title = "{hostile}"']}))
    out = invoke("--path", "more", env={"COLUMNS": "250"}).stdout
    line = next(ln for ln in out.splitlines() if MODULE_ID in ln)
    assert hostile in line
    assert "\x1b" not in out
    assert {**PROBE_ROW, "title": hostile, "file": "more/odd.toml"} in listing("--path", "more")
