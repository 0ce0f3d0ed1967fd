"""A saved page with a control character in its text (a form feed between printed pages, a stray
vertical tab from a word processor), even right after a script or a style the extractor drops, is
read by the main-text extractor like any page, and `workshop draft` prints nothing but its own lines:
no extractor's traceback on standard error."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from workshop.cli import app
from workshop.draft.article import read_article

HEADS = ["Read the queue at nine", "Move breaks, not people", "Close the day in writing"]


def _page(control: str) -> str:
    body = "".join(
        f"<h2>{h}</h2><p>A team lead who does this every day<script>track()</script>{control} keeps the floor"
        " calm and the queue short.</p>"
        for h in HEADS
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><title>Calm Queues</title></head><body>'
        '<nav class="menu"><a href="/">Home</a><a href="/blog">Blog</a></nav>'
        f"<article><h1>Calm Queues</h1><p>Calm on the floor starts before the first call.{control}</p>{body}</article>"
        f"<footer>Copyright 2024 Floor Notes</footer><style>p {{}}</style>{control}</body></html>"
    )


@pytest.mark.parametrize("control", ["\f", "\v", "\x1b", "\x7f"], ids=["form-feed", "vtab", "escape", "delete"])
def test_a_page_with_a_control_character_is_read_quietly(
    control: str, tmp_path: Path, capfd: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    article = read_article(_page(control).encode(), "calm.html")
    assert [b.text for b in article.blocks if b.kind == "heading"] == HEADS
    target = tmp_path / "calm.html"
    target.write_text(_page(control), encoding="utf-8")
    result = CliRunner().invoke(app, ["draft", str(target), "-o", str(tmp_path / "calm.toml")])
    assert result.exit_code == 0, result.output
    captured = capfd.readouterr()
    assert "Traceback" not in captured.err + captured.out + result.output
    assert not [r.getMessage() for r in caplog.records if r.name.startswith("readability")]
