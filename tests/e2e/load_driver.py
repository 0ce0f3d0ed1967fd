"""Run N headless participant apps in this process, all at once: each joins the session and
casts one ballot on the open poll. Prints, per app, the time its ballot was on disk, then this
process's peak memory. Used by tests/e2e/test_load.py and benchmarks/run.py.

    python tests/e2e/load_driver.py SESSION_FILE CODE PREFIX COUNT START_AT
"""

from __future__ import annotations

import asyncio
import os
import resource
import sys
import time
from pathlib import Path

from textual.widgets import Input


async def participant(path: Path, code: str, name: str, keys: list[str]) -> float:
    from workshop.tui.participant import make_app

    app = make_app(path, name=name)
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.query_one("#code", Input).value = code
        await pilot.press("enter")
        await pilot.press("enter")  # the name was filled in
        for _ in range(400):
            if app.token and app.screen_stack[0].query("BallotForm"):
                break
            await pilot.pause(0.05)
        await pilot.pause()
        await pilot.press(*keys)
        for _ in range(400):
            if app.session.my_ballot(app.token, app.session.state().poll.qid) is not None:
                return time.time()
            await pilot.pause(0.05)
    raise RuntimeError(f"{name}: no ballot recorded")


async def main() -> None:
    path, code, prefix, count, start = Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5])
    os.environ.setdefault("XDG_STATE_HOME", str(path.parent / f".state-{prefix}"))
    while time.time() < start:
        await asyncio.sleep(0.01)
    choices = [["enter"], ["down", "enter"], ["down", "down", "enter"]]
    done = await asyncio.gather(*(participant(path, code, f"{prefix}-{i}", choices[i % 3]) for i in range(count)))
    for at in done:
        print(f"cast {at:.6f}")
    print(f"maxrss_kb {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}")


if __name__ == "__main__":
    asyncio.run(main())
