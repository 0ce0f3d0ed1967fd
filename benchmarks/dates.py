"""Which reader of typed due dates `workshop` uses, measured.

    python benchmarks/dates.py        # in a venv with dateparser and/or python-dateutil too

Each reader gets the 40 typed dates of tests/engine/date_cases.py (ISO, 15/12/2026 and
12/15/2026 under a day-first and a month-first locale, a pair both orders read, words, nonsense)
with today and the locale's order, and is counted right when it reads the date the case means, or
refuses (returns nothing, raises) where the case must be refused. Then what its import adds to a
fresh interpreter that has imported typer, as every `workshop` command has (best of 7), and the
first and the typical read.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.engine.date_cases import CASES, TODAY
from workshop.engine import dates

Reader = Callable[[str, str | None], "dt.date | None"]


def ours(typed: str, order: str | None) -> dt.date | None:
    try:
        return dates.read(typed, TODAY, order)
    except dates.DateError:
        return None


def with_dateparser() -> Reader:
    import dateparser

    def read(typed: str, order: str | None) -> dt.date | None:
        settings = {"RELATIVE_BASE": dt.datetime.combine(TODAY, dt.time(12)), "PREFER_DATES_FROM": "future"}
        if order:
            settings["DATE_ORDER"] = order.upper()
        found = dateparser.parse(typed, languages=["en"], settings=settings)
        return None if found is None else found.date()

    return read


def with_dateutil() -> Reader:
    from dateutil import parser

    def read(typed: str, order: str | None) -> dt.date | None:
        try:
            return parser.parse(typed, dayfirst=order == "dmy", default=dt.datetime.combine(TODAY, dt.time())).date()
        except (ValueError, OverflowError):
            return None

    return read


def import_ms(module: str) -> float:
    """What importing `module` adds to an interpreter that has imported typer, as every command
    has: the self time (`-X importtime`) of each module it brings that typer did not, best of 7
    (a loaded machine makes the wall-clock difference of two starts mostly noise)."""

    def modules(code: str) -> dict[str, int]:
        err = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True, check=True
        ).stderr
        found = {}
        for line in err.splitlines():
            if line.startswith("import time:") and "|" in line and "self" not in line:
                own, _, name = line[len("import time:") :].split("|")
                found[name.strip()] = int(own)
        return found

    typer_only = set(modules("import typer"))
    return (
        min(
            sum(us for name, us in modules(f"import typer, {module}").items() if name not in typer_only)
            for _ in range(7)
        )
        / 1000
    )


def measure(name: str, module: str | None, make: Callable[[], Reader]) -> None:
    try:
        read = make()
    except ImportError:
        print(f"{name}: not installed")
        return
    start = time.perf_counter()
    read("15/12/2026", "dmy")
    first = (time.perf_counter() - start) * 1000
    right, wrong = 0, []
    start = time.perf_counter()
    for typed, order, means in CASES:
        got = read(typed, order)
        if got == means:
            right += 1
        else:
            wrong.append(f"{typed!r} ({order}): {got} for {means or 'a refusal'}")
    each = (time.perf_counter() - start) * 1000 / len(CASES)
    imported = f"import {import_ms(module):.0f} ms, " if module else ""
    print(f"{name}: {right}/{len(CASES)} right; {imported}first read {first:.1f} ms, then {each:.2f} ms each")
    for line in wrong:
        print(f"    {line}")


if __name__ == "__main__":
    measure("ours (workshop.engine.dates)", "workshop.engine.dates", lambda: ours)
    measure("dateparser", "dateparser", with_dateparser)
    measure("python-dateutil", "dateutil.parser", with_dateutil)
