"""A hostile review of the one way in (issue 24): a guess that is answered but never counted."""

from __future__ import annotations

import os

import pytest

from tests.cli.test_way_in import at_once, shared, workshop, wrong_rejoins  # noqa: F401 - `shared` is a fixture


@pytest.mark.parametrize("client", ["x" * 81, "\x01"], ids=["long", "control"])
@pytest.mark.slow
def test_a_client_name_the_file_cannot_hold_still_meets_the_name_s_limit(shared, client: str) -> None:  # noqa: F811
    """docs/security.md: someone with a shell "can name any client [WORKSHOP_CLIENT] ... and still
    meets each name's own limit". A client the event's definition refuses (over 80 characters, or
    a control) makes the `wrong-rejoin` write fail *after* the code was tried: every guess is
    answered ("not written: ..."), none is counted, and neither Ana's limit nor the client's holds."""
    path, env = shared
    workshop("vote", str(path), "--name", "Ana", "1", env=env)
    env = {**env, "WORKSHOP_CLIENT": client}
    results, _ = at_once(
        [(["vote", str(path), "--name", "Ana", "--rejoin", f"ZZZZZ{n}", "2"], "") for n in range(6)], env
    )
    answered = [out for _, out in results if "too many wrong codes" not in out]
    assert len(answered) == len(wrong_rejoins(path)) >= 1, [out for _, out in results]
    assert all("not the rejoin code of “Ana”" in out for out in answered), answered
    assert os.environ.get("WORKSHOP_CLIENT") != client  # the test's own environment is untouched
