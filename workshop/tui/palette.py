"""The command palette's entries, read from the keys themselves: each binding with a `tooltip`
is one entry (the tooltip its words, the key its help line), so a key and its palette entry are
written once. An action with no key is listed beside the bindings as a `Command`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import partial
from typing import NamedTuple

from textual.app import SystemCommand
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.widget import Widget

from workshop.i18n import _


class Command(NamedTuple):
    """A palette entry with no key: its words (marked N_), its help line (marked N_, or ""), and
    the action it runs on the screen."""

    title: str
    help: str
    action: str


def shown_key(binding: Binding) -> str:
    """A key as the key bar, the palette and the guides write it: `+`, `PgDn`, `space`."""
    return binding.key_display or binding.key.split(",")[0]


def bindings(node: DOMNode | type[DOMNode]) -> list[Binding]:
    """A screen's (or an app's, or a widget's) own bindings, in the order they are declared."""
    declared: Iterable[BindingType] = node.BINDINGS
    return [b if isinstance(b, Binding) else Binding(*b) for b in declared]


def commands(node: Widget, extra: Iterable[Command] = ()) -> Iterator[SystemCommand]:
    """The palette's entries for `node`'s bindings that have a tooltip, then `extra`'s."""
    for binding in bindings(node):
        if binding.tooltip:
            key = shown_key(binding)
            yield SystemCommand(
                _(binding.tooltip), _("key: {key}").format(key=key), partial(node.run_action, binding.action)
            )
    for title, help, action in extra:
        yield SystemCommand(_(title), _(help) if help else "", partial(node.run_action, action))
