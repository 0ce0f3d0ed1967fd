"""A module that still has `# CHECK` lines is a draft: `validate` refuses it unless `--draft` is given,
`preview` accepts it; and the optional `language` key."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.content.samples import MODULE, MODULE_OK, edit, run_validate, write
from workshop.content import document, schema

DRAFT = edit(
    {13: ['title = "Welcome"', "  # CHECK: the title is a placeholder"], 20: ["# CHECK: poll", 'title = "Vote"']}
)


def test_a_check_marker_is_one_problem_at_its_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "m.toml", DRAFT)
    code, lines = run_validate(tmp_path, monkeypatch, "m.toml")
    assert code == 2
    assert lines == [
        (
            "m.toml:14:3: still a draft: a '# CHECK' line is left to check; check it and delete the marker, "
            "or validate with --draft"
        )
    ]


def test_draft_option_accepts_the_markers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "m.toml", DRAFT)
    assert run_validate(tmp_path, monkeypatch, "--draft", "m.toml") == (0, [f"m.toml: ok: {MODULE_OK}"])


@pytest.mark.parametrize(
    "text",
    [
        MODULE,
        edit({16: ['prompt = "Say why # CHECK matters."']}),  # inside a string, not a comment line
        edit({16: ['prompt = "Hello."  # CHECKED by the team lead']}),
    ],
)
def test_no_marker_no_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    write(tmp_path, "m.toml", text)
    assert run_validate(tmp_path, monkeypatch, "m.toml") == (0, [f"m.toml: ok: {MODULE_OK}"])


def test_other_problems_still_come_first_with_draft(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "m.toml", edit({15: ["minutes = 0", "# CHECK: minutes"]}))
    code, lines = run_validate(tmp_path, monkeypatch, "--draft", "m.toml")
    assert code == 2 and "'minutes' must be between 1 and 1440" in lines[0]


def test_the_bundled_seeds_have_no_marker() -> None:
    seeds = Path(__file__).resolve().parents[2] / "seeds"
    for path in seeds.rglob("*.toml"):
        assert document.read(path).draft_marker() is None, path


@pytest.mark.parametrize("tag", ["en", "de", "ja", "pt-BR", "zh-Hant-TW", "gsw"])
def test_language_tags(tag: str) -> None:
    module = schema.check_module(document.parse(edit({4: ["minutes = 10", f'language = "{tag}"']}).encode(), "m.toml"))
    assert module.language == tag


@pytest.mark.parametrize("tag", ["", "e", "english language", "de_DE", "-de", "de-", "x" * 4])
def test_bad_language_tags(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tag: str) -> None:
    write(tmp_path, "m.toml", edit({4: ["minutes = 10", f'language = "{tag}"']}))
    code, lines = run_validate(tmp_path, monkeypatch, "m.toml")
    assert code == 2 and len(lines) == 1 and lines[0].startswith("m.toml:5:1: language ")


def test_preview_accepts_a_draft(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from workshop import cli
    from workshop.cli import drafts

    shown: list = []
    monkeypatch.setattr(drafts, "show_screen", shown.append)  # the screen itself is not what is tested here
    write(tmp_path, "m.toml", DRAFT)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli.app, ["preview", "m.toml"])
    assert result.exit_code == 0, result.output
    assert len(shown) == 1
