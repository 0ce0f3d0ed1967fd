"""What a terminal sends reaches a screen as keys, pastes and sizes it can live with, never as a
crash or a size nobody granted.

Textual's drivers decode the keyboard strictly and parse it without limits, and anything typed
can be any bytes (over `serve --ssh`, a terminal in Latin-1, a paste of binary data):

- a byte that is not UTF-8 raised in the input thread, and the app panicked with a traceback
  and exited: at the kiosk that left the keyboard at the shell without the facilitator's code.
  It is U+FFFD now, typed like any other character (a name leaves it out, a code never matches).
- a key in the kitty protocol naming a code point past U+10FFFF raised the same way. Such a key
  is ignored, as Textual ignores a sequence it knows.
- an in-band window size (`ESC [ 48 ; rows ; cols ; … t`, which the parser takes whenever it
  comes) made the app as large as it said, past the limits `serve` and ssh keep a terminal to
  (docs/architecture.md, The screens), or zero cells wide, and the next mouse event divided by
  it. The size is the terminal device's, which those limits set, or, with no device, the size
  said kept within them.

Each driver module imports `getincrementaldecoder` and `XTermParser` by name and makes them
in its input loop, so the driver an app runs on has them replaced in its module (`tolerant`)."""

from __future__ import annotations

import codecs
import functools
import os
import sys
from collections.abc import Callable, Generator, Iterable
from typing import Any

from textual import events
from textual._parser import Peek1, Read1, TokenCallback
from textual._xterm_parser import XTermParser
from textual.geometry import Size
from textual.keys import Keys

from workshop.sizes import clamp_size


def _replacing(encoding: str) -> Callable[..., codecs.IncrementalDecoder]:
    return functools.partial(codecs.getincrementaldecoder(encoding), errors="replace")


class _Parser(XTermParser):
    """Textual's parser, with no key it cannot make and no size but one a terminal is kept to."""

    def _sequence_to_key_events(self, sequence: str, alt: bool = False) -> Iterable[events.Key]:
        try:
            yield from list(super()._sequence_to_key_events(sequence, alt))
        except (ValueError, OverflowError):  # a code point no character has
            yield events.Key(Keys.Ignore, sequence)  # ends the sequence, as Textual ends one it ignores

    def parse(self, token_callback: TokenCallback) -> Generator[Read1 | Peek1, str, None]:
        def sized(token: Any) -> None:
            if isinstance(token, events.Resize):
                token = self._kept(token)
            token_callback(token)

        return super().parse(sized)

    def _kept(self, said: events.Resize) -> events.Resize:
        """An in-band size as the terminal device has it (or, with none, within the limits)."""
        try:
            width, height = os.get_terminal_size(sys.__stdin__.fileno() if sys.__stdin__ else 0)
        except (OSError, ValueError):
            width, height = clamp_size(said.size.width, said.size.height)
        pixels = said.pixel_size or Size(width, height)
        size, pixel_size = Size(width, height), Size(max(pixels.width, width), max(pixels.height, height))
        self.terminal_size, self.terminal_pixel_size = size, pixel_size  # what mouse events are scaled by
        return events.Resize(size, size, pixel_size=pixel_size)


def tolerant(driver: type[Any]) -> type[Any]:
    """`driver`, whose module now decodes input with replacement and parses it with `_Parser`
    (every driver Textual has imports both by name); a driver that does otherwise is left as is."""
    for cls in driver.__mro__:
        module = sys.modules.get(cls.__module__)
        if getattr(module, "getincrementaldecoder", None) is codecs.getincrementaldecoder:
            module.getincrementaldecoder = _replacing  # type: ignore[union-attr]
        if getattr(module, "XTermParser", None) is XTermParser:
            module.XTermParser = _Parser  # type: ignore[union-attr]
    return driver
