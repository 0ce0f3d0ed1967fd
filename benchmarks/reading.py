"""What the reader's check costs (issue #23): a 100,000-event session's JSON report with every
event checked against its definition, against the same report with the check turned off, in
one process, side by side; and `workshop report` as a process, now against the code before the
check (commit BEFORE, exported from git when the history is there), side by side.

    python benchmarks/run.py check
"""

from __future__ import annotations

import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BEFORE = "65f866f"  # main before the reader checked events (issue #23)


def cpu_best(rounds: int, *funcs: Callable[[], object]) -> list[float]:
    """Best CPU time of each function over `rounds`, interleaved: on a busy machine the CPU a
    piece of work takes varies less than its wall time. Child processes' CPU counts too."""
    best = [float("inf")] * len(funcs)
    for _ in range(rounds):
        for i, func in enumerate(funcs):
            start = _cpu()
            func()
            best[i] = min(best[i], _cpu() - start)
    return best


def _cpu() -> float:
    import resource

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def _timed_check(job: Callable[[], object]) -> Callable[[], float]:
    """`job`, returning the CPU time spent inside the reader's check (its byte scan and its
    shapes) while it ran: the check's own cost, measured within the very report it is part of."""
    from workshop.journal import check

    def run() -> float:
        fine, clean = check.fine, check.clean_bytes
        spent = [0.0]

        def timing(inner: Callable[..., bool]) -> Callable[..., bool]:
            def timed(*args: object, **kwargs: object) -> bool:
                start = time.process_time()
                try:
                    return inner(*args, **kwargs)
                finally:
                    spent[0] += time.process_time() - start

            return timed

        check.fine, check.clean_bytes = timing(fine), timing(clean)
        try:
            job()
        finally:
            check.fine, check.clean_bytes = fine, clean
        return spent[0]

    return run


def _unchecked(job: Callable[[], object]) -> Callable[[], object]:
    """`job` with the reader's check of every event skipped (its shapes and the bytes' escapes)."""
    from workshop.journal import check

    def run() -> object:
        fine, clean = check.fine, check.clean_bytes
        check.fine, check.clean_bytes = (lambda found, clean=False: True), (lambda chunk: True)
        try:
            return job()
        finally:
            check.fine, check.clean_bytes = fine, clean

    return run


def _before(folder: Path) -> Path | None:
    """The package as it was at BEFORE, exported from git; None without the history."""
    try:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", BEFORE, "workshop"], capture_output=True, check=True, timeout=60
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def _process(python_path: Path, session: Path) -> Callable[[], object]:
    env = {"PYTHONPATH": str(python_path), "PATH": "/usr/bin:/bin"}
    argv = [sys.executable, "-m", "workshop", "report", str(session), "--format", "json"]
    return lambda: subprocess.run(argv, env=env, capture_output=True, check=True, timeout=120)


def bench_check(big_session: Callable[..., Path]) -> None:
    from workshop import report, sessions

    with tempfile.TemporaryDirectory() as tmp:
        old = _before(Path(tmp) / "before")
        for mix in ("notes", "ballots"):
            path = big_session(Path(tmp) / f"{mix}.toml", mix=mix)
            job = lambda path=path: report.as_json(sessions.Session.open(path).state())  # noqa: E731
            checked, unchecked = cpu_best(5, job, _unchecked(job))
            inside = min(_timed_check(job)() for _ in range(5))
            print(
                f"check ({mix}-heavy, 100,000 events): report in process {checked * 1000:.0f} ms with every event "
                f"checked, {unchecked * 1000:.0f} ms without; timed inside the report, the check itself takes "
                f"{inside * 1000:.0f} ms: {inside / checked:.1%} of it (target <= 10%)"
            )
            if old is not None:
                now, before = cpu_best(3, _process(ROOT, path), _process(old, path))
                print(
                    f"  `workshop report --format json` as a process (CPU): {now * 1000:.0f} ms now, "
                    f"{before * 1000:.0f} ms at {BEFORE} (before the check): {now / before:.2f}x"
                )
