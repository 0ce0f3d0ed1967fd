"""A quoted key with an escape in it ("de\\n", "\\u00e9") is found at its own line: the locator reads
the key as TOML does, so a problem about it (a variant's tag that is no language) points there."""

from __future__ import annotations

from pathlib import Path

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.content.samples import MODULE
from workshop.cli import app
from workshop.content.locate import Locator


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=8))
def test_a_quoted_key_with_any_character_is_found_on_its_line(key: str) -> None:
    body = tomli_w.dumps({"variants": {key: {"title": "T"}}})  # tomli_w escapes what it must
    text = 'id = "x"\n\n' + body
    line = text.split("\n").index(next(x for x in text.split("\n") if x.startswith("[variants.")))
    assert Locator(text).find(("variants", key, "title"))[0] == line + 2


def test_a_variant_tag_ending_in_a_newline_is_reported_at_its_table(tmp_path: Path) -> None:
    text = MODULE + '\n[variants."de\\n"]\ntitle = "Probe"\n'
    target = tmp_path / "m.toml"
    target.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(target)])
    line = text.split("\n").index('[variants."de\\n"]') + 1
    assert result.exit_code == 2 and f"m.toml:{line}:1: variants: " in result.output, result.output
