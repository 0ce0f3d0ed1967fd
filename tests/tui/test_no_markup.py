"""Constant text with brackets in it renders literally on every screen: a string literal given
to a widget (Static, Label, update, notify, Option...) is read as markup unless it is a
rich Text or markup is turned off, and `[ and ]` then vanishes (as the rank hint's did).

This reads the source of workshop/tui for such calls, so a new one fails here before a user
ever sees a hint with its keys missing."""

from __future__ import annotations

import ast
from pathlib import Path

import workshop.tui

TUI = Path(workshop.tui.__file__).parent
# Calls whose first argument a widget parses as markup when it is a plain string.
MARKUP_CALLS = {"Static", "Label", "update", "notify", "Button", "Option", "Header", "Input"}


def _constant_text(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return (_constant_text(node.left) or "") + (_constant_text(node.right) or "")
    return None


def scan(source: str, where: str = "") -> list[str]:
    """Every call in `source` that gives a widget constant text with a bracket as markup."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        literal = _constant_text(node.args[0])
        plain = any(
            k.arg == "markup" and isinstance(k.value, ast.Constant) and k.value.value is False for k in node.keywords
        )
        if name in MARKUP_CALLS and literal and "[" in literal and not plain:
            found.append(f"{where}:{node.lineno}: {name}({literal!r})")
    return found


def test_no_widget_is_given_constant_text_with_brackets_as_markup() -> None:
    found = [hit for path in sorted(TUI.rglob("*.py")) for hit in scan(path.read_text("utf-8"), path.name)]
    assert found == []


def test_the_scan_finds_the_rank_hint_as_it_was() -> None:
    """The rank hint as it was is found; as Text, or with markup off, it is not."""
    assert scan('Static("[ and ] move the chosen option", classes="hint")') != []
    assert scan('Static(Text("[ and ] move"))\nStatic("[ and ]", markup=False)\nprint("[x]")') == []
