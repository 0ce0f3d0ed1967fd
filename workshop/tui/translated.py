"""Key bindings described in the reader's language: each class's BINDINGS carry their
descriptions and tooltips marked (N_) in English, as Textual reads them when the class is made; every screen,
dialog and form that has bindings takes this base first, and its own copy of them is described in
the language of whoever it is made for (the footer and the key bar show those)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from workshop.i18n import _


class Translated:
    """Put first among a DOM node's bases: its bindings, once made, say their descriptions and
    tooltips in the language in force."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bindings = self._bindings.key_to_bindings  # type: ignore[attr-defined]  # Textual's, one copy per node
        for key, found in bindings.items():
            bindings[key] = [
                replace(
                    b, description=_(b.description) if b.description else "", tooltip=_(b.tooltip) if b.tooltip else ""
                )
                for b in found
            ]
