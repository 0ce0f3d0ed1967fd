"""What a terminal sends that is not UTF-8 reaches every screen as U+FFFD, never a crash.

Textual's drivers decode the keyboard strictly (each driver module calls its own imported
`getincrementaldecoder("utf-8")()`), so one byte that is not UTF-8 (0xFF sent over `serve --ssh`,
a terminal left in Latin-1, a paste of binary data) raised in the input thread: the app panicked
with a traceback and exited. At the kiosk that left the keyboard at the shell without the
facilitator's code; over ssh it ended the connection's app. The driver an app runs on is given a
decoder that replaces such bytes instead; the replacement character is typed like any other
(a name leaves it out, a code never matches with it)."""

from __future__ import annotations

import codecs
import functools
import sys
from collections.abc import Callable
from typing import Any


def _replacing(encoding: str) -> Callable[..., codecs.IncrementalDecoder]:
    return functools.partial(codecs.getincrementaldecoder(encoding), errors="replace")


def tolerant(driver: type[Any]) -> type[Any]:
    """`driver`, whose module now decodes input with replacement (every driver Textual has
    imports `getincrementaldecoder` by name); a driver that decodes otherwise is left as it is."""
    for cls in driver.__mro__:
        module = sys.modules.get(cls.__module__)
        if getattr(module, "getincrementaldecoder", None) is codecs.getincrementaldecoder:
            module.getincrementaldecoder = _replacing  # type: ignore[union-attr]
    return driver
