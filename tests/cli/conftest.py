"""Shared set-up for the CLI tests: a small module of our own (independent of the bundled seeds),
written into a tmp folder, and a helper that runs `workshop` commands against it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from workshop.cli import app

MODULE_ID = "zz-cli-probe"
TITLE = "CLI probe workshop"
STEP_IDS = ["intro", "pick", "many", "fist", "dots", "order", "word", "secret"]

# One talk step, then one poll of each vote kind, then an extra anonymous poll. Reveal policies vary.
MODULE_TOML = f'''
id = "{MODULE_ID}"
title = "{TITLE}"
summary = "A talk step and one poll of each vote kind, for the CLI tests."
minutes = 16

[source]
title = "A test article"
author = "Test Author"
publisher = "Test Press"

[[steps]]
id = "intro"
title = "Intro"
kind = "talk"
minutes = 2
prompt = "Welcome."

[[steps]]
id = "pick"
title = "Pick one"
kind = "poll"
minutes = 2
prompt = "Pick one."
[steps.poll]
question = "Which first?"
vote = "single"
options = ["Coaching", "Planning", "Quality"]

[[steps]]
id = "many"
title = "Pick some"
kind = "poll"
minutes = 2
prompt = "Pick up to two."
[steps.poll]
question = "Which matter most?"
vote = "multi"
max = 2
options = ["Coaching", "Planning", "Quality"]
reveal = "live"

[[steps]]
id = "fist"
title = "Fist of five"
kind = "poll"
minutes = 2
prompt = "Show a hand."
[steps.poll]
question = "How ready are we?"
vote = "scale"
min = 0
max = 5
labels = {{ 0 = "not at all", 5 = "fully" }}
reveal = "on-close"

[[steps]]
id = "dots"
title = "Dots"
kind = "poll"
minutes = 2
prompt = "Spread five dots."
[steps.poll]
question = "Where to invest?"
vote = "dots"
budget = 5
cap = 3
options = ["Coaching", "Planning", "Quality"]
reveal = "manual"

[[steps]]
id = "order"
title = "Rank"
kind = "poll"
minutes = 2
prompt = "Order them."
[steps.poll]
question = "Hardest first?"
vote = "rank"
options = ["Trust", "Goals", "Change", "Letting go"]
reveal = "live"

[[steps]]
id = "word"
title = "One word"
kind = "poll"
minutes = 2
prompt = "One word."
[steps.poll]
question = "One word for today?"
vote = "text"
max_length = 60

[[steps]]
id = "secret"
title = "Secret ballot"
kind = "poll"
minutes = 2
prompt = "Nobody will know."
[steps.poll]
question = "Is the rota fair?"
vote = "single"
options = ["Yes", "No", "Unsure"]
anonymous = true
reveal = "manual"
'''


def write_module(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{MODULE_ID}.toml"
    path.write_text(MODULE_TOML, encoding="utf-8")
    return path


def qid(step: str) -> str:
    return f"{MODULE_ID}/{step}"


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below `folder`, by relative path, with its bytes."""
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


class Workshop:
    """Runs `workshop` commands with --sessions-dir pointing into the test's tmp folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.content = root / "content"
        self.sessions = root / "sessions"
        write_module(self.content)

    def file(self, name: str = "s") -> Path:
        return self.sessions / f"{name}.toml"

    def run(self, *args: str) -> Result:
        return CliRunner().invoke(app, [*args, "--sessions-dir", str(self.sessions)])

    def ok(self, *args: str) -> Result:
        result = self.run(*args)
        assert result.exit_code == 0, (args, result.stdout, result.stderr, result.exception)
        return result

    def new(self, name: str = "s") -> Path:
        result = self.ok("new", MODULE_ID, "--name", name, "--path", str(self.content))
        return Path(result.stdout.strip())

    def report(self, session: str = "s") -> dict:
        return json.loads(self.ok("report", session, "--format", "json").stdout)

    def poll(self, step: str, session: str = "s") -> dict:
        return next(p for p in self.report(session)["polls"] if p["id"] == qid(step))

    def rows(self, step: str, session: str = "s") -> dict[str, float]:
        return {r["label"]: r["value"] for r in self.poll(step, session)["results"]["rows"]}

    def started_at(self, step: str = "intro", name: str = "s") -> Path:
        """A new session, started, standing on `step`."""
        path = self.new(name)
        self.ok("control", name, "start")
        if step != "intro":
            self.ok("control", name, "goto", step)
        return path

    def refused(self, *args: str, says: str = "") -> str:
        """The command fails with exit 2 and one `error: ` line on stderr, and no file in the
        sessions folder changes. Returns the error line."""
        before = snapshot(self.sessions)
        result = self.run(*args)
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            f"{args} crashed: {result.exception!r}\n{result.stderr}"
        )
        assert result.exit_code == 2, (args, result.exit_code, result.stdout, result.stderr)
        lines = result.stderr.splitlines()
        assert len(lines) == 1, (args, result.stderr)
        assert lines[0].startswith("error: "), (args, result.stderr)
        assert says in lines[0], (args, says, lines[0])
        assert result.stdout == "", (args, result.stdout)
        assert snapshot(self.sessions) == before, f"{args} changed the sessions folder"
        return lines[0]


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workshop:
    monkeypatch.delenv("WORKSHOP_PATH", raising=False)
    monkeypatch.delenv("WORKSHOP_SESSIONS", raising=False)
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)  # anything written to a default ./sessions lands inside tmp_path
    return Workshop(tmp_path)
