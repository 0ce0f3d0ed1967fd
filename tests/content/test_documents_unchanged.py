"""A file's parsed TOML is kept and shared, once per process for the same text
(content/document.py): every reader of a document (the schema, the practice linter, what a
language lacks, the library, `validate` and `new`) must leave its data as the file says it."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.content.test_validate_rules import RULES
from workshop.cli import app
from workshop.content import document, lacking, practice, schema
from workshop.content.problems import Invalid

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
TEXTS = {p.name: p.read_text("utf-8") for p in sorted(SEEDS.rglob("*.toml"))} | {
    f"rule {case}": text for case, text, _ in RULES if isinstance(text, str)
}


def _read_every_way(text: str) -> None:
    doc = document.parse(text.encode(), "m.toml")
    practice.check_module(doc)
    try:
        module = schema.check_module(doc)
    except Invalid:
        return
    for lang in (None, "de", "es", "fr"):
        lacking.missing(doc, module, lang)


@pytest.mark.parametrize("name", TEXTS)
def test_reading_a_document_leaves_its_data_as_the_file_says(name: str) -> None:
    text = TEXTS[name]
    try:
        _read_every_way(text)
    except Invalid:  # not TOML at all: nothing was kept
        return
    assert document.parse(text.encode(), "again.toml").data == tomllib.loads(text)


def test_validate_and_new_leave_every_bundled_file_as_it_says(tmp_path: Path) -> None:
    runner = CliRunner()
    runner.invoke(app, ["validate", "--practice", str(SEEDS)])
    runner.invoke(app, ["validate", "--lang", "de", str(SEEDS)])
    assert runner.invoke(app, ["new", "--sessions-dir", str(tmp_path)]).exit_code == 0
    for name, text in TEXTS.items():
        if not name.startswith("rule "):
            assert document.parse(text.encode(), name).data == tomllib.loads(text), name
