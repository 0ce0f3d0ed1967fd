"""The core is usable without the TUI: content, journal and engine never import textual."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "workshop"
CORE = ["content", "journal", "engine", "draft"]


def _modules_loaded_by(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint('\\n'.join(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(out.stdout.split())


@pytest.mark.parametrize("package", [p for p in CORE if (PACKAGE / p).is_dir()])
@pytest.mark.e2e
def test_core_package_imports_without_textual(package: str) -> None:
    files = (PACKAGE / package).glob("*.py")
    submodules = sorted(f"workshop.{package}.{f.stem}" for f in files if f.stem != "__init__")
    loaded = _modules_loaded_by("\n".join(f"import {name}" for name in [f"workshop.{package}", *submodules]))
    assert f"workshop.{package}" in loaded
    assert not {m for m in loaded if m == "textual" or m.startswith("textual.")}


@pytest.mark.e2e
def test_the_join_code_and_the_reports_import_without_textual_or_segno() -> None:
    """The report draws the join code too, so its module is core; segno (30 ms) loads only when
    a code is drawn."""
    loaded = _modules_loaded_by("import workshop.qr, workshop.report")
    assert "workshop.qr" in loaded and "workshop.report.html" in loaded
    assert not {m for m in loaded if m.split(".")[0] in ("textual", "segno")}


def test_content_package_exists() -> None:
    # The parametrised test above skips packages that do not exist yet; content must.
    assert (PACKAGE / "content" / "__init__.py").is_file()


@pytest.mark.parametrize(
    "argv",
    [
        ["--version"],
        ["modules"],
        ["modules", "--json"],
        ["validate", "seeds"],
        ["validate", "sessions/demo.toml"],
        ["report", "demo", "--format", "html"],
        ["report", "demo", "--format", "csv"],
        ["compare", "demo", "sessions/demo.toml", "--format", "md"],
        ["draft", "docs/authoring.md"],
    ],
)
@pytest.mark.e2e
def test_commands_without_a_screen_do_not_import_textual(argv: list[str]) -> None:
    code = (
        "from typer.testing import CliRunner\n"
        "from workshop.cli import app\n"
        f"result = CliRunner().invoke(app, {argv!r})\n"
        "assert result.exit_code == 0, result.output\n"
    )
    loaded = _modules_loaded_by(f"import os\nos.chdir({str(PACKAGE.parent)!r})\n{code}")
    assert "workshop.cli" in loaded
    assert not {"textual", "textual_serve", "aiohttp", "workshop.serve"} & loaded  # serve's web stack, too


@pytest.mark.e2e
def test_python_dash_m_runs_the_cli() -> None:
    out = subprocess.run([sys.executable, "-m", "workshop", "--version"], capture_output=True, text=True, check=True)
    from workshop import __version__

    assert out.stdout.strip() == f"workshop {__version__}"


@pytest.mark.e2e
def test_the_engine_does_no_io_and_never_imports_the_journal() -> None:
    loaded = _modules_loaded_by("import workshop.engine.state, workshop.engine.ballots, workshop.engine.tally")
    assert "workshop.engine.state" in loaded
    assert not {m for m in loaded if m.startswith("workshop.journal")}
    io_use = re.compile(r"(?<![\w.])open\(|^\s*(?:import|from)\s+(?:os|io|pathlib|sys|subprocess)\b", re.MULTILINE)
    for source in (PACKAGE / "engine").glob("*.py"):
        text = source.read_text("utf-8")
        assert not io_use.search(text), source.name
        assert "import workshop.journal" not in text and "from workshop.journal" not in text, source.name


@pytest.mark.e2e
def test_the_phone_page_never_imports_textual() -> None:
    """A room of phones costs one light process: the web package renders state with Jinja2 and
    acts through the session verbs, with no terminal app (nor textual-serve) behind it."""
    modules = sorted(f"workshop.web.{f.stem}" for f in (PACKAGE / "web").glob("*.py") if f.stem != "__init__")
    loaded = _modules_loaded_by("\n".join(f"import {name}" for name in ["workshop.web", *modules]))
    assert "workshop.web.pages" in loaded
    assert not {m for m in loaded if m.split(".")[0] in ("textual", "textual_serve")}


@pytest.mark.slow
def test_serve_imports_asyncssh_only_for_ssh() -> None:
    """asyncssh costs a third of a second to import: `serve` without `--ssh`, HTTPS and the proxy
    included, never loads it."""
    loaded = _modules_loaded_by("import workshop.serving, workshop.tls, workshop.web.proxy, workshop.cli.screens")
    assert "workshop.serving" in loaded and not {m for m in loaded if m.split(".")[0] == "asyncssh"}


SCREENS = ["tui", "web"]


@pytest.mark.parametrize("package", SCREENS)
def test_screens_and_pages_ask_the_session_never_its_fold(package: str) -> None:
    """What a screen or the phone page shows comes from the state the session gives, and what it
    does goes through the session's verbs: none reads the fold's accumulator behind them."""
    reaching = re.compile(r"\.fold\b")
    for source in (PACKAGE / package).rglob("*.py"):
        assert not reaching.search(source.read_text("utf-8")), source.relative_to(PACKAGE)


@pytest.mark.e2e
def test_the_command_line_imports_no_engine_before_a_command_runs() -> None:
    """Every command's module is imported for every command (typer reads them all), so none may
    import the engine or the content model at its top: cli/running.py came to, and `workshop
    note --help` took 20 to 35 ms more (benchmarks/run.py startup)."""
    loaded = _modules_loaded_by("import workshop.cli\n")
    assert "workshop.cli.running" in loaded
    assert not {m for m in loaded if m.startswith(("workshop.engine", "workshop.content", "msgspec"))}
