"""A room of participants: COUNT headless participant apps in one process, all open at once, each
joining the session with the code and casting one ballot on the open single-choice poll. Prints
the time each ballot was on disk, then the process's peak memory. `spawn` starts several such
processes; tests/e2e/test_load.py and benchmarks/run.py (group `room`) use it.

    python tests/e2e/load_driver.py SESSION_FILE CODE PREFIX COUNT START_AT
"""

from __future__ import annotations

import asyncio
import faulthandler
import resource
import subprocess
import sys
import time
from pathlib import Path

HANG_SECONDS = 240  # a stuck driver prints every thread's stack and exits instead of hanging CI
CHOICES = [["enter"], ["down", "enter"], ["down", "down", "enter"]]  # first, second, third option


async def participant(path: Path, code: str, name: str, keys: list[str]) -> float:
    from textual.widgets import Input

    from workshop.tui.participant import make_app

    app = make_app(path, name=name)
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.query_one("#code", Input).value = code
        await pilot.press("enter")
        await pilot.press("enter")  # the name was filled in
        for _ in range(1200):
            if app.token and app.main.query("BallotForm"):
                break
            await pilot.pause(0.05)
        await pilot.pause()
        await pilot.press(*keys)
        for _ in range(1200):
            if app.session.my_ballot(app.person, app.session.state().poll.qid) is not None:
                return time.time()
            await pilot.pause(0.05)
    raise RuntimeError(f"{name}: no ballot recorded")


async def main() -> None:
    path, code, prefix, count, start = Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5])
    faulthandler.dump_traceback_later(HANG_SECONDS, exit=True)
    while time.time() < start:
        await asyncio.sleep(0.01)
    done = await asyncio.gather(*(participant(path, code, f"{prefix}-{i}", CHOICES[i % 3]) for i in range(count)))
    for at in done:
        print(f"cast {at:.6f}")
    print(f"maxrss_kb {peak_memory_kb()}")


def peak_memory_kb() -> int:
    """This process's peak resident memory. Not getrusage's ru_maxrss: on Linux that can carry
    the parent's size over through fork and exec (a benchmark process holding big sessions)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def spawn(
    path: Path, code: str, processes: int, apps: int, env: dict[str, str], delay: float = 2.0
) -> list[subprocess.Popen]:
    """Start the room: `processes` drivers of `apps` participants each, all beginning together
    once every process has had `delay` seconds to import."""
    go = time.time() + delay
    return [
        subprocess.Popen(
            [sys.executable, __file__, str(path), code, f"p{n}", str(apps), str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for n in range(processes)
    ]


def results(procs: list[subprocess.Popen], timeout: float) -> tuple[list[float], list[int]]:
    """The time each ballot was on disk and each process's peak memory in KiB; an error names the
    process that failed and shows its stderr."""
    casts: list[float] = []
    memory: list[int] = []
    for n, proc in enumerate(procs):
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
        if proc.returncode != 0:
            raise RuntimeError(f"participant process {n} exited {proc.returncode}:\n{err[-4000:]}")
        for line in out.splitlines():
            word, value = line.split()
            if word == "cast":
                casts.append(float(value))
            else:
                memory.append(int(value))
    return casts, memory


if __name__ == "__main__":
    asyncio.run(main())
