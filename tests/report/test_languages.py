"""Reports in the reader's language (`--lang`): each module's question and options in it, and a
poll whose ballots came in several languages tallied once, by option."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from tests.report.conftest import build
from workshop import sessions
from workshop.cli import app
from workshop.content import languages
from workshop.content.library import catalog

HARDEST = "four-steps-collaboration/hardest-step"
TRUST = "four-steps-collaboration/trust-check"


def run(folder: Path, *args: str) -> Result:
    return CliRunner().invoke(app, [*args, "--sessions-dir", str(folder)])


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A short-45 session in which Ana votes from an English screen, Bernd from a German one and
    Carmen from a Spanish one, each naming the options as their screen words them."""
    path = sessions.create(catalog().plan("short-45"), tmp_path, "room", "Sam", code="ABCDEF")
    s = sessions.Session.open(path)
    s.start()
    people = {lang: s.join(name) for lang, name in (("en", "Ana"), ("de", "Bernd"), ("es", "Carmen"))}
    s.goto(HARDEST)
    step = catalog().modules["four-steps-collaboration"].step("hardest-step")
    assert step is not None and step.poll is not None
    for lang, person in people.items():
        options = languages.poll_in(step.poll, lang).options
        s.cast(person, HARDEST, [options[1], options[0], options[2], options[3]])
    s.goto(TRUST)
    for value, person in zip(([5], [5], [3]), people.values(), strict=True):
        s.cast(person, TRUST, value)
    s.poll_action("close")
    s.note(None, "Ask Bernd about the early shift", action=True)
    s.end()
    return tmp_path


def test_a_spanish_report_gives_each_option_once_in_spanish(folder: Path) -> None:
    result = run(folder, "report", "room", "--lang", "es", "--format", "json")
    assert result.exit_code == 0, result.stderr
    polls = {p["id"]: p for p in json.loads(result.stdout)["polls"]}
    hardest = polls[HARDEST]
    assert hardest["question"] == "Ordena los cuatro pasos hacia la colaboración, del más difícil para ti al más fácil."
    rows = {r["label"]: r["value"] for r in hardest["results"]["rows"]}
    assert rows == {
        "Acordar metas compartidas y roles claros": 9,
        "Construir confianza con empatía y escucha": 6,
        "Aceptar una solución conjunta poco familiar": 3,
        "Soltar y confiar en la solución conjunta": 0,
    }
    assert hardest["ballots"] == 3
    trust = [r["label"] for r in polls[TRUST]["results"]["rows"]]
    assert trust[0] == "0 las esconden" and trust[5] == "5 me entero por ellas antes que nadie"
    steps = {s["id"]: s["title"] for s in json.loads(result.stdout)["steps"]}
    assert steps[HARDEST] == "¿Qué paso cuesta más?"


@pytest.mark.parametrize("fmt", ["md", "html", "csv"])
def test_every_format_writes_the_options_in_the_readers_language(folder: Path, fmt: str) -> None:
    spanish = run(folder, "report", "room", "--lang", "es", "--format", fmt).stdout
    german = run(folder, "report", "room", "--lang", "de", "--format", fmt).stdout
    english = run(folder, "report", "room", "--lang", "en", "--format", fmt).stdout
    for text, option in (
        (spanish, "Acordar metas compartidas y roles claros"),
        (german, "Gemeinsame Ziele und klare Rollen vereinbaren"),
        (english, "Agree shared goals and clear roles"),
    ):
        assert text.count(option) >= 1
    for other in ("Acordar metas compartidas", "Gemeinsame Ziele und klare"):  # no language leaks into another
        assert other not in english
    assert "Agree shared goals" not in spanish and "Agree shared goals" not in german


def test_without_lang_a_report_follows_the_environment(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LC_ALL", "de_DE.UTF-8")
    assert "Welcher Schritt fällt am schwersten?" in run(folder, "report", "room", "--format", "md").stdout
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    assert "Which step is hardest?" in run(folder, "report", "room", "--format", "md").stdout


def test_a_module_in_one_language_reports_its_texts_alike_in_any(tmp_path: Path) -> None:
    build(tmp_path, "a", coaching=3)

    def texts(*lang: str) -> list:
        data = json.loads(run(tmp_path, "report", "a", "--format", "json", *lang).stdout)
        return [(p["question"], p["options"], p["results"]["rows"]) for p in data["polls"]] + [
            s["title"] for s in data["steps"]
        ]

    assert texts("--lang", "de") == texts("--lang", "es") == texts()


def test_compare_matches_options_across_sessions_run_before_and_after_translation(folder: Path) -> None:
    """A session whose header has no German (run before the module was translated) and one whose
    has: compared in German, each option is one row, in German."""
    from dataclasses import replace

    plan = catalog().plan("short-45")
    english = replace(
        plan,
        modules=tuple(
            replace(
                m,
                variants=(),
                steps=tuple(replace(s, variants=(), poll=s.poll and replace(s.poll, variants=())) for s in m.steps),
            )
            for m in plan.modules
        ),
    )
    old = sessions.Session.open(sessions.create(english, folder, "before", "Sam", code="ABCDEF"))
    old.start()
    old.goto(HARDEST)
    step = catalog().modules["four-steps-collaboration"].step("hardest-step")
    assert step is not None and step.poll is not None
    old.cast(old.join("Dora"), HARDEST, list(step.poll.options))
    result = run(folder, "compare", "before", "room", "--format", "json", "--lang", "de")
    assert result.exit_code == 0, result.stderr
    hardest = next(p for p in json.loads(result.stdout)["polls"] if p["id"] == HARDEST)
    assert hardest["question"].startswith("Ordnen Sie die vier Schritte")
    german = languages.poll_in(step.poll, "de").options
    for table in (*hardest["sessions"], *hardest["differences"]):
        assert sorted(r["label"] for r in table["rows"]) == sorted(german)  # four rows, not eight
    change = {r["label"]: r["value"] for r in hardest["differences"][0]["rows"]}
    assert change == {german[0]: 6 - 3, german[1]: 9 - 2, german[2]: 3 - 1, german[3]: 0}


def test_actions_name_their_steps_in_the_readers_language(folder: Path) -> None:
    result = run(folder, "actions", "room", "--lang", "es")
    assert result.exit_code == 0, result.stderr
    assert "Ask Bernd about the early shift" in result.stdout and "Termómetro de confianza" in result.stdout
    refused = run(folder, "report", "room", "--lang", "no such tag")
    assert refused.exit_code == 2 and "is not one of the languages" in refused.stderr
