"""The due dates people type, with what each must read as: the table the date reader is tested
against (tests/engine/test_dates.py) and the date libraries were measured on (benchmarks/dates.py).

Today is Monday 7 December 2026. Each case: what is typed, the locale's order (`dmy`: en_GB,
de_DE, fr_FR...; `mdy`: en_US; None: C or POSIX), and the date it means, or None where it must be
refused (no date, or two readings the locale does not decide between).
"""

from __future__ import annotations

import datetime as dt

TODAY = dt.date(2026, 12, 7)
D = dt.date

CASES: list[tuple[str, str | None, dt.date | None]] = [
    # ISO and year-first: the same in every locale
    ("2026-12-15", "dmy", D(2026, 12, 15)),
    ("2026-12-15", "mdy", D(2026, 12, 15)),
    ("2026-12-15", None, D(2026, 12, 15)),
    ("2027/01/04", "mdy", D(2027, 1, 4)),
    # 15/12/2026 and 12/15/2026 under two locales: only one reading is a date, whatever the order
    ("15/12/2026", "dmy", D(2026, 12, 15)),
    ("15/12/2026", "mdy", D(2026, 12, 15)),
    ("12/15/2026", "dmy", D(2026, 12, 15)),
    ("12/15/2026", "mdy", D(2026, 12, 15)),
    ("15.12.2026", "dmy", D(2026, 12, 15)),
    ("15-12-26", "dmy", D(2026, 12, 15)),
    # both readings are dates: the locale decides, and without one it is refused
    ("05/06/2027", "dmy", D(2027, 6, 5)),
    ("05/06/2027", "mdy", D(2027, 5, 6)),
    ("05/06/2027", None, None),
    ("04/01", "dmy", D(2027, 1, 4)),  # no year: the next such day
    ("04/01", "mdy", D(2027, 4, 1)),
    ("07/07", None, D(2027, 7, 7)),  # the same either way
    # month names, and the way a reading is shown back
    ("15 Dec 2026", "mdy", D(2026, 12, 15)),
    ("Dec 15", "dmy", D(2026, 12, 15)),
    ("15th December", None, D(2026, 12, 15)),
    ("Tue 15 Dec 2026", "dmy", D(2026, 12, 15)),
    ("January 4, 2027", "mdy", D(2027, 1, 4)),
    ("1 Dec", "dmy", D(2027, 12, 1)),  # already past this year
    # words
    ("today", "dmy", D(2026, 12, 7)),
    ("tomorrow", "mdy", D(2026, 12, 8)),
    ("friday", "dmy", D(2026, 12, 11)),
    ("Fri", None, D(2026, 12, 11)),
    ("this friday", "dmy", D(2026, 12, 11)),
    ("next week", "dmy", D(2026, 12, 14)),
    ("in 2 weeks", "mdy", D(2026, 12, 21)),
    ("in a week", "dmy", D(2026, 12, 14)),
    ("in 3 days", "dmy", D(2026, 12, 10)),
    ("next monday", "dmy", D(2026, 12, 14)),
    ("next friday", "dmy", None),  # Fri 11 or Fri 18 Dec: English leaves it open
    ("monday", "dmy", None),  # today, or in a week
    # nonsense, and dates that are none
    ("2026-13-01", "dmy", None),
    ("31/02/2026", "dmy", None),
    ("30 Feb", "dmy", None),
    ("Wed 15 Dec 2026", "dmy", None),  # the 15th is a Tuesday
    ("soon", "dmy", None),
    ("", "mdy", None),
]
