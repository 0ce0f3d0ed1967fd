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

from workshop import i18n
from workshop.i18n import N_, _, pgettext


class Command(NamedTuple):
    """A palette entry with no key: its words (marked N_), its help line (marked N_, or ""), and
    the action it runs on the screen."""

    title: str
    help: str
    action: str


def shown_key(binding: Binding) -> str:
    """A key as the key bar, the palette and the guides write it: `+`, `PgDn`, `space`."""
    return key_name(binding.key_display or binding.key.split(",")[0])


def key_name(shown: str) -> str:
    """A key named as the reader's keyboard prints it ("Leertaste", "Bild ab", "Échap", "Pos1"): the
    words the step's "more below" line and the dialogs' prose say too. Textual writes `pgdn` and
    `esc`, we write `PgDn` and `Esc`: both are one key."""
    names = {
        "space": pgettext("a key", "space"),
        "PgDn": pgettext("a key", "PgDn"),
        "PgUp": pgettext("a key", "PgUp"),
        "Esc": pgettext("a key", "Esc"),
        "Home": pgettext("a key", "Home"),
        "End": pgettext("a key", "End"),
    }
    english = {"pgdn": "PgDn", "pgup": "PgUp", "esc": "Esc", "home": "Home", "end": "End"}.get(shown, shown)
    if i18n.language() == i18n.SOURCE:
        return shown  # English as it was, "pgdn" and "esc" and all
    return names.get(english, english)


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


# Textual's own words in the palette (its entries, the search field, the key bar's `^p`), marked
# here so the catalogs carry them; textual is pinned, and a test fails when it says one not here.
TEXTUAL_WORDS = (
    N_("Theme"),
    N_("Change the current theme"),
    N_("Quit"),
    N_("Quit the application as soon as possible"),
    N_("Keys"),
    N_("Hide the keys and widget help panel"),
    N_("Show help for the focused widget and a summary of available keys"),
    N_("Minimize"),
    N_("Minimize the widget and restore to normal size"),
    N_("Maximize"),
    N_("Maximize the focused widget"),
    N_("Screenshot"),
    N_("Save an SVG 'screenshot' of the current screen"),
    N_("palette"),
    N_("Open the command palette"),
)
SEARCH_COMMANDS = N_("Search for commands…")
SEARCH_THEMES = N_("Search for themes…")


def in_language(found: Iterable[SystemCommand]) -> Iterator[SystemCommand]:
    """Textual's own palette entries, in the reader's language."""
    for command in found:
        yield command._replace(title=_(command.title), help=_(command.help))
