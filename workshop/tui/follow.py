"""The base of every app that follows a session file (`SessionApp`) and of its main screen
(`SessionScreen`). The app owns the session (or replay's recording), the theme, the steady tick
and the follow loop, where a thread notices the file grew and the UI thread folds the new bytes;
its main screen, the first on the stack, owns the views, the keys and the layout, and redraws."""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

from textual import events, on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.driver import Driver
from textual.screen import Screen
from textual.theme import ThemeProvider
from textual.widget import AwaitMount
from textual.worker import get_current_worker

from workshop import i18n
from workshop.engine.text import clean
from workshop.errors import WorkshopError
from workshop.i18n import _
from workshop.tui import bytes_in, palette
from workshop.tui.translated import Translated

POLL_SECONDS = 0.03
SMALLEST = (80, 24)  # the least window every screen is made to fit whole


class Followed(Protocol):
    """What a screen follows: a `Session`, or replay's `Recording`."""

    path: Path
    warnings: list[str]  # what opening the file found wrong with it

    def refresh(self) -> int: ...

    def new_warnings(self) -> list[str]: ...


SAID_AT_ONCE = 12  # warnings told one by one; the last counts the rest (`workshop validate` lists them all)


def warn(teller: App[None] | Screen[None], warnings: list[str], timeout: float) -> None:
    """Each of `warnings` (what is wrong with the file) as a notification, the first SAID_AT_ONCE:
    a file of thousands of damaged blocks made as many, and its screen took minutes to open."""
    told = warnings[:SAID_AT_ONCE]
    for i, warning in enumerate(told, 1):
        more = len(warnings) - len(told) if i == len(told) else 0
        said = clean(warning) + (_(" (and {problems} more)").format(problems=more) if more else "")
        teller.notify(said, markup=False, severity="warning", timeout=timeout)


class SessionScreen(Translated, Screen[None]):
    """An app's main screen: it composes the views, has the keys and follows the window's size.
    It draws in `render_state()`."""

    def render_state(self) -> object:
        raise NotImplementedError

    def on_mount(self) -> None:
        """Textual's header icon says what it opens in the reader's language (Textual sets its
        English words as the icon mounts, before its screen does)."""
        for icon in self.query("HeaderIcon"):
            icon.tooltip = _("Open the command palette")

    def tick(self) -> None:
        """The app's steady tick: the clock moves even when the file does not."""
        self.render_state()

    def journal_grew(self) -> None:
        """Others appended to the file, and it is folded in: show it."""
        self.render_state()

    def closing(self) -> bool:
        """While the app shuts down this screen's widgets go before its timers stop."""
        return not self.app.is_running or self.app._closing

    def push_screen(self, screen: Screen[Any], callback: Any = None) -> None:
        """A dialog in front of this screen; `callback` is given what it is dismissed with."""
        self.app.push_screen(screen, callback)


class SessionApp(Translated, App[None]):
    """An app on one followed session file, shown by its main screen (`make_main`), the first on
    the stack; once that screen is mounted, `shown()` (by default: follow the file)."""

    main: SessionScreen
    _too_small = False  # the window is under SMALLEST, and the app said so

    def __init__(self, session: Followed | None, *, watch: bool = True, tick: float = 0.5, dark: bool = True) -> None:
        super().__init__()
        self.followed = session  # None only while a participant still picks a session
        self.watch_file = watch
        self.tick_seconds = tick
        self.theme = "textual-dark" if dark else "textual-light"
        # this screen's language (--lang, the environment, or a test's `speaking`), taken again
        # once the app runs, from the context it runs in: the follow thread says it too, and
        # render_state, for the redraws they ask for
        self.language = i18n.language()

    @on(events.Mount)
    def _collect_after_the_first_frame(self) -> None:
        """The command that opened this screen turned the garbage collector off while the process
        started (workshop/cli `main`); it comes back once the first frame is drawn, which it
        would otherwise interrupt (measured in docs/architecture.md). Where it was on (tests),
        this changes nothing."""
        self.call_after_refresh(gc.enable)

    @on(events.Resize)
    def _say_when_too_small(self, event: events.Resize) -> None:
        """Under 80x24 the screens still work, but parts of them are out of sight: say so once
        each time the window becomes too small, rather than leave anyone to wonder where it went."""
        width, height = event.size
        small = width < SMALLEST[0] or height < SMALLEST[1]
        if small and not self._too_small:
            told = _("This window is {width}×{height}: some of the screen is out of sight. Make it {least} or larger.")
            least = "{}×{}".format(*SMALLEST)
            self.notify(
                told.format(width=width, height=height, least=least), markup=False, severity="warning", timeout=8
            )
        self._too_small = small

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver for this terminal, reading a byte that is not UTF-8 as U+FFFD (tui/bytes_in.py)."""
        return bytes_in.tolerant(super().get_driver_class())

    def get_key_display(self, binding: Binding) -> str:
        """A key as the key bar and the help panel show it, named in the reader's language."""
        return palette.key_name(super().get_key_display(binding))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from palette.in_language(super().get_system_commands(screen))

    def action_command_palette(self) -> None:
        """Textual's palette, its search field in the reader's language."""
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(CommandPalette(id="--command-palette", placeholder=_(palette.SEARCH_COMMANDS)))

    def search_themes(self) -> None:
        self.push_screen(CommandPalette(providers=[ThemeProvider], placeholder=_(palette.SEARCH_THEMES)))

    def make_main(self) -> SessionScreen:
        raise NotImplementedError

    def get_default_screen(self) -> Screen[Any]:
        """The main screen is the first on the stack (the one the app's queries search): dialogs
        come and go in front of it."""
        self.main = self.make_main()
        return self.main

    @on(events.Mount)
    async def _show_main(self) -> None:
        self.language = i18n.language()  # the language the app runs in, which its timers and handlers speak
        await AwaitMount(self.main, [self.main])  # mounted, and drawn once, before anything is asked of it
        self.shown()

    def shown(self) -> None:
        """The main screen is up."""
        self.start_following()

    def render_state(self) -> object:
        """Redraw the main screen, whatever dialog is in front of it, in this app's language
        whoever asks (a caller from another context would otherwise have it speak theirs)."""
        with i18n.speaking(self.language):
            return self.main.render_state()

    def start_following(self) -> None:
        """Redraw on a steady tick (the clock moves even when the file does not) and on every
        append by another process."""
        self.set_interval(self.tick_seconds, self.tick)
        if self.watch_file:
            self.follow_journal()

    def closing(self) -> bool:
        """While an app shuts down its widgets go before its timers and workers stop."""
        return not self.is_running or self._closing

    @work(thread=True, exclusive=True, group="follow")
    def follow_journal(self) -> None:
        """Watch the file's size; when others append, have the UI thread fold the new bytes
        (the fold is only ever touched from that one thread)."""
        assert self.followed is not None
        worker = get_current_worker()
        path = self.followed.path
        last = -1
        with i18n.speaking(self.language):  # a thread starts in no context: each sync is run in this one
            while not worker.is_cancelled:
                try:
                    size = os.stat(path).st_size
                except OSError:
                    size = last
                if size != last:
                    last = size
                    self.call_from_thread(self.sync)
                time.sleep(POLL_SECONDS)

    def tick(self) -> None:
        if not self.closing():
            self.main.tick()

    def sync(self) -> None:
        if self.closing() or self.followed is None:
            return
        try:
            grew = self.followed.refresh()
        except WorkshopError as err:
            self.notify(str(err), markup=False, severity="error")
            return
        warn(self, self.followed.new_warnings(), timeout=10)  # damage or a broken chain found while following: once
        if grew:
            self.main.journal_grew()
