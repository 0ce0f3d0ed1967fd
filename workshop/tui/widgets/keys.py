"""Every key of the screen at the bottom, wrapped onto as many lines as the width needs.

Textual's Footer gives each key a widget of its own and scrolls sideways when they do not fit:
at 80 columns half the facilitator's keys were out of sight, and restyling those widgets as they
mounted cost more than the rest of the first screen (docs/architecture.md). This is one widget that
draws the same keys as text, so at 80x24 every key is on screen, and a click on one presses it."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple, Unpack

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget

from workshop.tui.widgets.options import WidgetOptions


class Key(NamedTuple):
    key: str  # what a click presses
    label: Text


class KeyBar(Widget):
    COMPONENT_CLASSES = {"keybar--key", "keybar--description"}
    # not translated: a stylesheet
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: auto;
        background: $footer-background;
        color: $footer-foreground;
        .keybar--key { color: $footer-key-foreground; background: $footer-key-background; text-style: bold; }
        .keybar--description { color: $footer-description-foreground; }
    }
    """

    _keys: list[Key] | None = None
    _laid_out: tuple[int, list[list[tuple[int, Key]]]] | None = None  # width, lines of (column, key)

    def __init__(self, *, label: Callable[[str, str], str] | None = None, **options: Unpack[WidgetOptions]) -> None:
        """`label(action, description)`: a key's label as things stand ("Resume" while paused),
        from the screen that has the keys; without it, each binding's description."""
        super().__init__(**options)
        self.label = label or (lambda action, description: description)

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def _bindings_changed(self, screen: Screen) -> None:
        self._keys = self._laid_out = None
        self.refresh(layout=True)  # a key's availability changed: draw again, maybe taller

    def _collect(self) -> list[Key]:
        """One entry per action, the command palette's last; dim when the action is unavailable."""
        key_style = self.get_component_rich_style("keybar--key", partial=True)
        description_style = self.get_component_rich_style("keybar--description", partial=True)
        active = self.screen.active_bindings
        palette = self.app.COMMAND_PALETTE_BINDING
        shown = [entry for key, entry in active.items() if entry[1].show and key != palette]
        # Textual lists priority bindings first; they are no more important, so they go last
        shown.sort(key=lambda entry: entry[1].priority)
        if self.app.ENABLE_COMMAND_PALETTE and palette in active:
            shown.append(active[palette])
        keys: dict[str, Key] = {}
        for _node, binding, enabled, _tooltip in shown:
            if binding.action in keys:
                continue  # the same action under a second key: the first one is shown
            label = Text(f" {self.app.get_key_display(binding)} ", style=key_style)
            label.append(
                self.label(binding.action, binding.description),  # translated: Translated
                style=description_style,
            )
            label.append(" ")
            if not enabled:
                label.stylize("dim")
            keys[binding.action] = Key(binding.key.split(",")[0], label)
        return list(keys.values())

    def _layout(self, width: int) -> list[list[tuple[int, Key]]]:
        if self._laid_out is None or self._laid_out[0] != width:
            if self._keys is None:
                self._keys = self._collect()
            lines: list[list[tuple[int, Key]]] = [[]]
            column = 0
            for key in self._keys:
                size = cell_len(key.label.plain)
                if lines[-1] and column + size > width:
                    lines.append([])
                    column = 0
                lines[-1].append((column, key))
                column += size
            self._laid_out = (width, lines)
        return self._laid_out[1]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._layout(width))

    def render(self) -> Text:
        lines = self._layout(self.content_region.width or self.size.width)
        return Text("\n").join(Text().join(key.label for _, key in line) for line in lines)

    def on_click(self, event: events.Click) -> None:
        lines = self._layout(self.content_region.width or self.size.width)
        if not 0 <= event.y < len(lines):
            return
        for column, key in lines[event.y]:
            if column <= event.x < column + cell_len(key.label.plain):
                self.app.simulate_key(key.key)
                return
