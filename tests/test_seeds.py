"""The bundled content: valid, one module per article, every vote kind, and no copied text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from workshop.cli import app
from workshop.content import catalog
from workshop.content.library import DEFAULT_AGENDA
from workshop.content.model import VOTE_KINDS

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT.parent / "shared" / "seeds"  # beside the checkout, in development and in CI
ARTICLE_FILES = [
    "000_bc041a64a00e4380.txt",
    "001_b0eb7777b7eb671a.txt",
    "002_cfbd24f69a5c25ae.txt",
    "003_743e1b3814e2bfc9.txt",
    "004_168ad136b7df0d0c.txt",
]
needs_articles = pytest.mark.skipif(not ARTICLES.is_dir(), reason="the articles live in ../shared/seeds, absent here")


def test_validate_seeds_exits_zero(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, ["validate", "seeds"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == len(list((ROOT / "seeds").rglob("*.toml"))) == 9
    assert all(": ok: " in line for line in lines)


def test_every_article_has_a_module_that_cites_it() -> None:
    lib = catalog()
    cited = {m.source.seed: m for m in lib.modules.values()}
    for name in ARTICLE_FILES:
        module = cited.get(name)
        assert module is not None, f"no module cites {name}"
        assert module.source.title and module.source.author and module.source.publisher


@needs_articles
def test_each_module_names_its_article_by_its_real_title() -> None:
    for module in catalog().modules.values():
        article = (ARTICLES / module.source.seed).read_text("utf-8")
        assert module.source.title.replace("’", "'") in article.replace("’", "'")


def test_the_five_modules_together_use_every_vote_kind() -> None:
    modules = catalog().plan(DEFAULT_AGENDA).modules
    assert len(modules) == 5
    used = {kind for m in modules for kind in m.vote_kinds}
    assert used == {*VOTE_KINDS, "consent"}  # consent: each closing commitment


def test_agendas_default_half_day_and_short_45() -> None:
    lib = catalog()
    half_day = lib.plan(DEFAULT_AGENDA)
    assert {m.id for m in half_day.modules} == set(lib.modules) - {"back-on-the-floor"}  # the follow-up's own
    assert 180 <= half_day.minutes <= 240
    assert lib.plan("short-45").minutes == 45


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9%]+", text.lower().replace("’", "'").replace("'", ""))


@needs_articles
def test_modules_paraphrase_and_never_copy_a_sentence() -> None:
    """No run of eight words from an article appears in any bundled file."""
    window = 8
    text = " ".join(p.read_text("utf-8") for p in (ROOT / "seeds").rglob("*.toml")).replace("’", "'")
    for module in catalog().modules.values():  # a citation names the article: that is allowed
        text = text.replace(module.source.title.replace("’", "'"), " ")
    bundled = " ".join(_words(text))
    for name in ARTICLE_FILES:
        words = _words((ARTICLES / name).read_text("utf-8"))
        copied = [
            " ".join(words[i : i + window])
            for i in range(len(words) - window + 1)
            if f" {' '.join(words[i : i + window])} " in f" {bundled} "
        ]
        assert not copied, f"{name}: copied text in seeds/: {copied[:3]}"


def test_the_half_day_ends_with_its_commitment_as_a_decision_and_the_follow_up_agenda_is_30_minutes(
    tmp_path: Path,
) -> None:
    """The half-day's last consent poll becomes a decision with the commitments marked on its step,
    and the bundled `follow-up` agenda reviews them: with the commitment asked again, 30 minutes."""
    import json

    def ok(*args: str) -> str:
        done = CliRunner().invoke(app, [*args, "--sessions-dir", str(tmp_path)])
        assert done.exit_code == 0, (args, done.output)
        return done.stdout

    ok("new", "half-day", "--name", "day")
    ok("control", "day", "start")
    ok("control", "day", "goto", "four-steps-collaboration/commitment")
    ok("note", "day", "--owner", "Ana", "Replay the WFM clash with Bo as a collaboration")
    ok("vote", "day", "--name", "Ana", "4")
    ok("vote", "day", "--name", "Bo", "3")
    assert ok("decide", "day", "--from", "commitment").startswith("decision d1 recorded: “Within a month, each of us")
    ok("control", "day", "end")
    (decision,) = json.loads(ok("decisions", "day", "--format", "json"))["decisions"]
    question = catalog().plan(DEFAULT_AGENDA).modules[-1].step("commitment").poll.question
    assert decision["text"] == (
        "Within a month, each of us handles one of these conversations as a collaboration "
        "and tells one colleague how it went."
    )  # the proposal, without its question
    (evidence,) = decision["evidence"]
    assert f"“{question}”" in evidence and evidence.endswith("Consent ✓ 2 of 2 at 3 or more")
    assert [a["text"] for a in decision["actions"]] == ["Replay the WFM clash with Bo as a collaboration"]
    ok("followup", "day", "--agenda", "follow-up", "--repeat", "commitment", "--name", "later")
    steps = json.loads(ok("report", "later", "--format", "json"))["steps"]
    assert [s["id"] for s in steps] == [
        "action-review/review",
        "back-on-the-floor/what-changed",
        "back-on-the-floor/what-helped",
        "four-steps-collaboration/commitment",
        "next-actions/new-actions",
    ]
    assert sum(s["planned_seconds"] for s in steps) == 30 * 60
