"""The catalogs hold every marked message and nothing stale, each translated whole, with the same
values in it as the English, and the committed .mo files are the .po files compiled
(scripts/catalogs.py). Numbers and dates read as each language writes them, and a plural takes
its language's form."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest

from workshop import i18n

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("catalogs", ROOT / "scripts" / "catalogs.py")
assert _spec is not None and _spec.loader is not None
catalogs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(catalogs)


@pytest.mark.parametrize("lang", catalogs.TRANSLATED)
@pytest.mark.slow
def test_each_catalog_has_every_marked_message_and_no_stale_one(lang: str) -> None:
    assert catalogs.problems(lang) == []


def _fields(text: str) -> set[str]:
    """The values a message names: `{name}` (str.format) and `%(name)s` (the templates)."""
    brace = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    return brace | set(re.findall(r"%\((\w+)\)s", text))


@pytest.mark.parametrize("lang", catalogs.TRANSLATED)
def test_every_translation_names_the_same_values_as_the_english(lang: str) -> None:
    wrong = []
    for message in catalogs.read(lang):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set().union(*(_fields(i) for i in ids))
        for said in strings:
            if _fields(said) != wanted:
                wrong.append(f"{lang}: {ids[0]!r} -> {said!r}")
    assert wrong == []


@pytest.mark.slow
def test_the_scan_finds_a_message_missing_from_a_catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A catalog without one of the marked messages, or with one no longer marked, is reported."""
    po = catalogs.po_path("de").read_text("utf-8")
    cut = re.sub(r'\nmsgid "Join the workshop"\nmsgstr "[^"]*"\n', "\n", po, count=1)
    stale = cut + '\nmsgid "A message nobody marks"\nmsgstr "Eine Nachricht"\n'
    (tmp_path / "de" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "de" / "LC_MESSAGES" / "workshop.po").write_text(stale, "utf-8")
    monkeypatch.setattr(catalogs, "LOCALE", tmp_path)
    found = catalogs.problems("de")
    assert "de: missing: 'Join the workshop'" in found
    assert "de: stale: 'A message nobody marks'" in found


def test_plurals_follow_each_language_rules() -> None:
    said = {}
    for lang in i18n.LANGUAGES:
        with i18n.speaking(lang):
            said[lang] = [i18n.ngettext("{n} vote", "{n} votes", n).format(n=n) for n in (0, 1, 2)]
    assert said["en"] == ["0 votes", "1 vote", "2 votes"]
    assert said["de"] == ["0 Stimmen", "1 Stimme", "2 Stimmen"]
    assert said["es"] == ["0 votos", "1 voto", "2 votos"]
    assert said["fr"] == ["0 voix", "1 voix", "2 voix"]
    with i18n.speaking("fr"):  # French counts 0 as one: "0 réponse"
        assert i18n.ngettext("{n} answer", "{n} answers", 0).format(n=0) == "0 réponse"


def test_numbers_and_dates_read_as_each_language_writes_them() -> None:
    day = dt.date(2026, 12, 15)
    with i18n.speaking("en"):
        said = (i18n.number(1234.5, ",.1f"), i18n.number(0.45, ".0%"), i18n.day(day))
        assert said == ("1,234.5", "45%", "15 Dec 2026")
    with i18n.speaking("de"):
        assert (i18n.number(1234.5, ",.1f"), i18n.number(2.5, "g"), i18n.day(day)) == ("1.234,5", "2,5", "15.12.2026")
        assert i18n.number(0.45, ".0%") in ("45 %", "45\u00a0%")
    with i18n.speaking("fr"):
        assert i18n.number(2.5, ".1f") == "2,5"
        assert "déc." in i18n.day(day)


@pytest.mark.e2e
def test_help_is_said_in_the_language_asked_for() -> None:
    """`--lang` (or the environment) says the commands' help in that language, Typer's own words
    aside."""
    workshop = [sys.executable, "-m", "workshop"]
    german = subprocess.run(
        [*workshop, "report", "--help", "--lang", "de"], capture_output=True, text=True, cwd=ROOT, check=True
    ).stdout
    assert "Einen Bericht über eine Sitzung schreiben" in german
    assert "Die Sprache der Ausgabe" in german
    spanish = subprocess.run(
        [*workshop, "--help"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
        env={"LANG": "es_ES.UTF-8", "PATH": "/usr/bin:/bin"},
    ).stdout
    assert "Dirige desde la terminal un taller" in spanish


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("lang", "usage", "help_line"),
    [
        ("en", "Usage: python -m workshop note [OPTIONS]", "Show this message and exit."),
        ("de", "Aufruf: python -m workshop note [OPTIONEN]", "Diese Hilfe anzeigen und beenden."),
        ("es", "Uso: python -m workshop note [OPCIONES]", "Muestra esta ayuda y termina."),
        ("fr", "Utilisation : python -m workshop note [OPTIONS]", "Affiche cette aide et quitte."),
    ],
)
def test_the_usage_line_and_the_help_option_speak_the_readers_language(lang: str, usage: str, help_line: str) -> None:
    """click's own words in every `--help` ("Usage:", "[OPTIONS]", "COMMAND [ARGS]...", and the
    `--help` line "Show this message and exit.") stayed English in German, Spanish and French."""
    workshop = [sys.executable, "-m", "workshop", "--lang", lang]
    said = subprocess.run([*workshop, "note", "--help"], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    assert said.startswith(usage), said
    assert help_line in said, said
    listing = subprocess.run([*workshop, "--help"], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    assert help_line in listing, listing
    if lang != "en":
        assert "Usage:" not in said + listing and "Show this message" not in said + listing
        assert "COMMAND [ARGS]" not in listing, listing


@pytest.mark.e2e
def test_an_error_is_one_line_in_the_readers_language(tmp_path: Path) -> None:
    workshop = [sys.executable, "-m", "workshop"]
    said = subprocess.run(
        [*workshop, "report", "nowhere", "--sessions-dir", str(tmp_path), "--lang", "fr"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert said.returncode == 2
    assert said.stderr.startswith("erreur : aucune session « nowhere » dans ")
    assert said.stderr.count("\n") == 1


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.e2e
def test_the_help_never_imports_babel(lang: str) -> None:
    """Babel (about 30 ms) is imported where a number or date is said in another language, never
    for `workshop --help` (the start-up budget, benchmarks/run.py startup)."""
    code = (
        f"import sys\nsys.argv = ['workshop', '--lang', {lang!r}, '--help']\nfrom workshop.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\nprint('babel' in sys.modules)"
    )
    said = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert said.stdout.strip().splitlines()[-1] == "False"
