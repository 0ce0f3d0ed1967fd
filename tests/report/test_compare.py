"""Comparing sessions: shared polls side by side with differences against the first; the others listed."""

from __future__ import annotations

import io
import json
from pathlib import Path

from rich.console import Console

from tests.report.conftest import HOSTILE_ANSWER, build, renamed_word_plan
from workshop.report import compare as c
from workshop.report import compare_tables as tables


def two(tmp_path: Path) -> dict:
    a = build(tmp_path, "a", coaching=3).session.state()
    b = build(tmp_path, "b", coaching=1, plan=renamed_word_plan()).session.state()
    return c.compare([a, b])


def poll(data: dict, qid: str) -> dict:
    return next(p for p in data["polls"] if p["id"] == qid)


def test_a_known_difference_is_reported(tmp_path: Path) -> None:
    data = two(tmp_path)
    pick = poll(data, "polls/pick")
    values = [{r["label"]: r["value"] for r in s["rows"]} for s in pick["sessions"]]
    assert values == [{"Coaching": 3, "Planning": 0, "Quality": 0}, {"Coaching": 1, "Planning": 2, "Quality": 0}]
    diff = pick["differences"][0]
    assert (diff["session"], diff["against"]) == ("b", "a")
    assert {r["label"]: (r["value"], r["share_points"]) for r in diff["rows"]} == {
        "Coaching": (-2, -66.7),
        "Planning": (2, 66.7),
        "Quality": (0, 0.0),
    }


def test_scale_polls_compare_their_means(tmp_path: Path) -> None:
    fist = poll(two(tmp_path), "polls/fist")
    assert [s["mean"] for s in fist["sessions"]] == [4.0, 2.0]
    assert fist["differences"][0]["mean"] == -2.0


def test_a_poll_only_one_session_has_is_listed_with_its_session(tmp_path: Path) -> None:
    data = two(tmp_path)
    assert {p["id"] for p in data["polls"]} == {"polls/pick", "polls/many", "polls/fist", "polls/dots", "polls/order"}
    assert [(p["id"], p["sessions"]) for p in data["not_shared"]] == [("polls/word", ["a"]), ("polls/word2", ["b"])]


def test_same_ids_are_told_apart(tmp_path: Path) -> None:
    a = build(tmp_path / "one", "s").session.state()
    b = build(tmp_path / "two", "s").session.state()
    assert [s["id"] for s in c.compare([a, b])["sessions"]] == ["s", "s#2"]


def test_text_answers_match_as_the_tally_groups_them(tmp_path: Path) -> None:
    a = build(tmp_path, "a").session.state()
    b = build(tmp_path, "b").session.state()
    word = poll(c.compare([a, b]), "polls/word")
    assert [(r["label"], r["value"]) for r in word["differences"][0]["rows"]] == [
        (HOSTILE_ANSWER, 0),
        ("=SUM(A1:A9)", 0),
    ]


def test_every_renderer_shows_the_difference_and_escapes_answers(tmp_path: Path) -> None:
    a = build(tmp_path, "a", coaching=3).session.state()
    b = build(tmp_path, "b", coaching=1).session.state()
    data = c.compare([a, b])
    assert json.loads(c.as_json(data)) == data
    md = tables.as_markdown(data)
    assert "| Coaching | 3 (100%) | 1 (33%) | -2 (-66.7 pts) |" in md
    assert r"\<img src=x onerror=alert\(1\)\>" in md
    page = tables.as_html(data)
    assert "&lt;img src=x onerror=alert(1)&gt;" in page and "<img" not in page and "<script" not in page
    assert "-2 (-66.7 pts)" in page
    out = io.StringIO()
    Console(file=out, width=160, color_system=None).print(tables.as_rich(data))
    shown = out.getvalue()
    assert "-2 (-66.7 pts)" in shown
    assert HOSTILE_ANSWER in shown  # Text, not markup: shown as typed


def test_rich_output_never_reads_participant_text_as_markup(tmp_path: Path) -> None:
    a = build(tmp_path, "a").session.state()
    data = c.compare([a, a])
    word = poll(data, "polls/word")
    word["sessions"][0]["rows"][0]["label"] = "[bold red]x[/] [@click=app.quit]y[/]"
    out = io.StringIO()
    Console(file=out, width=200, color_system=None).print(tables.as_rich(data))
    assert "[bold red]x[/] [@click=app.quit]y[/]" in out.getvalue()
