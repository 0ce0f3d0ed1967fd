"""The options every Textual widget takes, for the widgets here to pass on: a widget's
constructor takes its own arguments, then `**options: Unpack[WidgetOptions]`, and hands the
options to Textual with `super().__init__(**options)`."""

from __future__ import annotations

from typing import TypedDict


class WidgetOptions(TypedDict, total=False):
    """The keyword arguments of Textual's `Widget.__init__` that a screen gives a widget when it
    composes it: its name, id (for queries and the stylesheet), classes, and whether it starts
    disabled. Any left out take Textual's defaults."""

    name: str | None
    id: str | None
    classes: str | None
    disabled: bool
