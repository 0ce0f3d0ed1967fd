"""`--output` names where a report goes; a slip of the hand (tab completion lands on the session
file, `-o sessions/s.toml`) must not turn the session into its own report: a session file, or a
session's secret, is never overwritten by a report, the minutes, an action list or a comparison."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.cli.conftest import Workshop
from workshop.cli import app

COMMANDS = [
    ("report", "s", "--format", "md"),
    ("report", "s", "--format", "json"),
    ("actions", "s", "--format", "csv"),
    ("decisions", "s", "--format", "md"),
    ("compare", "s", "t", "--format", "json"),
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: "-".join(c[::3]))
@pytest.mark.parametrize("target", ["s.toml", "t.toml", ".s.secret", "link.toml"])
def test_a_report_never_overwrites_a_session_file_or_its_secret(
    ws: Workshop, command: tuple[str, ...], target: str
) -> None:
    ws.started_at()
    ws.ok("note", "s", "kept")
    ws.new("t")
    (ws.sessions / "link.toml").symlink_to(ws.sessions / "s.toml")  # reached another way
    kept = {p.name: p.read_bytes() for p in ws.sessions.iterdir()}
    ws.refused(*command, "--output", str(ws.sessions / target), says="never overwrites")
    assert {p.name: p.read_bytes() for p in ws.sessions.iterdir()} == kept


def test_any_other_file_is_written_as_asked(ws: Workshop, tmp_path: Path) -> None:
    ws.started_at()
    (tmp_path / "old.md").write_text("an old report\n")
    ws.ok("report", "s", "--output", str(tmp_path / "old.md"))
    assert (tmp_path / "old.md").read_text().startswith("#")


def test_a_draft_never_overwrites_a_session_file(ws: Workshop, tmp_path: Path) -> None:
    ws.started_at()
    article = tmp_path / "article.txt"
    article.write_text("Trust first\n\nTeams that trust each other recover faster from a bad day.\n" * 3)
    kept = ws.file().read_bytes()
    result = CliRunner().invoke(app, ["draft", str(article), "--output", str(ws.file())])  # no --sessions-dir
    assert result.exit_code == 2 and "never overwrites" in result.stderr, result.output
    assert ws.file().read_bytes() == kept


@pytest.mark.parametrize("kept_beside", [".s.tls.pem", ".s.ssh-host-key"])
def test_a_report_never_overwrites_the_certificate_or_host_key_serve_keeps_beside_a_session(
    ws: Workshop, kept_beside: str
) -> None:
    """`serve --tls` and `serve --ssh` keep a private key beside the session (mode 0600, moved
    with it by `archive`): a report sent there would lose it, and the fingerprints the room was
    shown with it."""
    ws.started_at()
    planted = ws.sessions / kept_beside
    planted.write_bytes(b"-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n")
    planted.chmod(0o600)
    kept = {p.name: p.read_bytes() for p in ws.sessions.iterdir()}
    ws.refused("report", "s", "--output", str(planted), says="never overwrites")
    assert {p.name: p.read_bytes() for p in ws.sessions.iterdir()} == kept


@pytest.mark.parametrize("kept_beside", [".s.secret", ".s.tls.pem", ".s.ssh-host-key"])
def test_a_hard_link_elsewhere_to_a_key_kept_beside_a_session_is_not_overwritten(
    ws: Workshop, tmp_path: Path, kept_beside: str
) -> None:
    """A hard link has no name of its own to go by: `notes.md` linked to the session's secret is
    the secret. A report written there used to replace the secret's 64 characters with itself,
    and every `control` after it was refused: the session could no longer be run."""
    ws.started_at()
    if kept_beside != ".s.secret":
        planted = ws.sessions / kept_beside
        key = "OPENSSH PRIVATE KEY" if "ssh" in kept_beside else "PRIVATE KEY"
        planted.write_bytes(f"-----BEGIN {key}-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END {key}-----\n".encode())
        planted.chmod(0o600)
    elsewhere = tmp_path / "notes.md"
    elsewhere.hardlink_to(ws.sessions / kept_beside)
    kept = {p.name: p.read_bytes() for p in ws.sessions.iterdir()}
    ws.refused("report", "s", "--output", str(elsewhere), says="never overwrites")
    assert {p.name: p.read_bytes() for p in ws.sessions.iterdir()} == kept
    ws.ok("control", "s", "next")  # the facilitator still commands the session


@pytest.mark.parametrize("reached", ["itself", "symlink", "hard-link"])
def test_a_draft_never_overwrites_the_article_it_is_made_from(tmp_path: Path, reached: str) -> None:
    """`workshop draft article.md -o article.md` (or a link to it) put the draft where the article
    was: the article, the one thing the draft cannot be made again from, was gone."""
    article = tmp_path / "article.md"
    article.write_text("Trust first\n\nTeams that trust each other recover faster from a bad day.\n" * 3)
    kept = article.read_bytes()
    target = {"itself": article, "symlink": tmp_path / "module.toml", "hard-link": tmp_path / "module.toml"}[reached]
    if reached == "symlink":
        target.symlink_to(article)
    elif reached == "hard-link":
        target.hardlink_to(article)
    result = CliRunner().invoke(app, ["draft", str(article), "--output", str(target)])
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == [
        f"error: {target}: the article this draft is made from: a draft never overwrites it; choose another --output"
    ]
    assert article.read_bytes() == kept
