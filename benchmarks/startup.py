"""Start-up of the commands that open no screen (issue #18: at most 1.2x `import typer` in CPU
time), part of `python benchmarks/run.py startup`: `workshop --help` and `--version` in wall and
CPU time, then `workshop CMD --help` for every command, one line each, in CPU time (user +
system: what the process itself costs, less shaken than wall time by a busy machine).

Every figure is the best of several rounds, the commands and a bare `python -c "import typer"`
interleaved so noise hits them alike; the ratio is against the best `import typer` of the run.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

TARGET = 1.2


def cpu_and_wall(argv: list[str]) -> tuple[float, float]:
    """One run of `argv`: its CPU time (user + system) and wall time, in seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, wall


def best(rounds: int, commands: list[list[str]]) -> list[tuple[float, float]]:
    """Best CPU and best wall time of each command over `rounds`, interleaved."""
    found = [(float("inf"), float("inf"))] * len(commands)
    for _ in range(rounds):
        for i, argv in enumerate(commands):
            cpu, wall = cpu_and_wall(argv)
            found[i] = (min(found[i][0], cpu), min(found[i][1], wall))
    return found


def command_names() -> list[tuple[str, bool]]:
    """Every command of `workshop`, in the order `--help` lists them, and whether it opens a screen."""
    from workshop.cli import app
    from workshop.cli.argv import SCREENS

    names = [
        c.name or (c.callback.__name__ if c.callback else "").lower().replace("_", "-") for c in app.registered_commands
    ]
    return [(name, name in SCREENS) for name in names]


def bench(rounds: int = 7) -> None:
    exe = Path(sys.executable).with_name("workshop")
    base = [str(exe)] if exe.exists() else [sys.executable, "-m", "workshop"]
    typer_only = [sys.executable, "-c", "import typer"]
    names = command_names()
    argvs = [["--help"], ["--version"]] + [[name, "--help"] for name, _ in names]
    figures = best(rounds, [typer_only] + [base + args for args in argvs])
    (c_typer, t_typer), ours = figures[0], figures[1:]
    for args, (cpu, wall) in zip(argvs[:2], ours[:2], strict=True):
        print(
            f"startup: workshop {' '.join(args)} {wall * 1000:.0f} ms, python -c 'import typer' "
            f"{t_typer * 1000:.0f} ms, ratio {wall / t_typer:.2f}x; CPU {cpu * 1000:.0f} ms against "
            f"{c_typer * 1000:.0f} ms, {cpu / c_typer:.2f}x (target <= {TARGET}x)"
        )
    print(
        f"startup: `workshop CMD --help`, CPU against `import typer` ({c_typer * 1000:.0f} ms); "
        f"target <= {TARGET}x for the screen-less ones:"
    )
    over = []
    for (name, screen), (cpu, _) in zip(names, ours[2:], strict=True):
        ratio = cpu / c_typer
        if ratio > TARGET and not screen:
            over.append(name)
        print(
            f"  {name:<9} {cpu * 1000:4.0f} ms {ratio:.2f}x{'  (opens a screen)' if screen else ''}"
            f"{'  OVER' if ratio > TARGET and not screen else ''}"
        )
    print(f"startup: screen-less commands over {TARGET}x: {', '.join(over) or 'none'}")
