"""A translated sentence as rich Text, with the values in it styled on their own: the sentence is
whole in the catalog ("Your rejoin code is {code}. Keep it: …"), so each language puts the values
where its grammar wants them, and nothing is assembled from fragments."""

from __future__ import annotations

import re

from rich.text import Text

_PLACE = re.compile(r"(\{\w+\})")


def styled(template: str, style: str = "", *, base: str = "", **parts: Text | str) -> Text:
    """`template`'s words in `style`, each `{name}` replaced by `parts[name]` (a Text keeps its own
    style; a string takes `style` too); `base` is the whole line's, under all of them."""
    out = Text(style=base)
    for piece in _PLACE.split(template):
        name = piece[1:-1] if _PLACE.fullmatch(piece) else None
        value = parts.get(name) if name is not None else None
        if isinstance(value, Text):
            out.append(value)
        elif value is not None:
            out.append(value, style=style or None)
        elif piece:
            out.append(piece, style=style or None)
    return out
