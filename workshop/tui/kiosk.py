"""Kiosk mode: one shared keyboard, a queue of people. Each types their name, votes, and the
screen returns to a neutral "next person" screen with no trace of the ballot. Everyone names
themselves, on anonymous polls too (the ballot is still stored without the name): a name is how
the kiosk knows that person has voted, so a name that already voted on this poll is told so, and
(back with their PIN) may change their ballot as on every channel: the new one takes the old one's
place, so the count never shows more ballots than voters. A newcomer chooses a PIN,
and comes back at the next poll with their name and that PIN (the six-character rejoin code is
for other screens); wrong PINs count as wrong rejoin codes do, everywhere (sessions/door.py).
Escape clears the form, and what the screen says belongs to the step it was said on.

The kiosk is locked: no command palette, no header menu, and every way Textual offers to quit
(ctrl+q, ctrl+c, the quit action) asks for the facilitator's code. docs/security.md lists the
tests that prove it.
"""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding

from workshop.i18n import N_, _
from workshop.sessions import Clock, Session, utc_now
from workshop.tui.follow import SessionApp
from workshop.tui.kiosk_screens import LeaveScreen
from workshop.tui.next_person import NextPersonScreen

LOCKED = N_("Only the facilitator can leave the kiosk.")


class KioskApp(SessionApp):
    CSS_PATH = "kiosk.tcss"
    TITLE = "workshop · kiosk"
    # Locked: the palette offers Quit (and the header icon opens it), so there is none. Textual
    # binds ctrl+q to quit and ctrl+c to a "press ctrl+q to quit" hint: both are rebound here, a
    # subclass's binding replacing the App's for the same key. Escape closes a ballot, a PIN or
    # the code dialog (their own bindings); on the neutral screen it clears the form (its own).
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("ctrl+q", "leave", N_("Leave kiosk (facilitator)"), priority=True),
        Binding("ctrl+c", "locked", show=False, priority=True, system=True),
    ]
    main: NextPersonScreen

    def __init__(self, session: Session, code: str, *, watch: bool = True) -> None:
        super().__init__(session, watch=watch)
        self.session = session
        self.code = code  # the facilitator's, read once at start: see make_app
        self.released = False  # the facilitator's code let it go: any other end starts it again (cli kiosk)

    def make_main(self) -> NextPersonScreen:
        return NextPersonScreen(self.session)

    def action_leave(self) -> None:
        def done(ok: bool | None) -> None:
            if ok:
                self.released = True
                self.exit()

        if not isinstance(self.screen, LeaveScreen):
            self.push_screen(LeaveScreen(self.code), done)

    def action_locked(self) -> None:
        self.notify(_(LOCKED), markup=False, timeout=3)

    async def action_quit(self) -> None:
        """Textual's own quit, however it is reached (a palette entry, an `@click` link), asks
        for the code like ctrl+q."""
        self.action_leave()

    def action_command_palette(self) -> None:
        """No palette: its entries include Quit."""

    def action_suspend_process(self) -> None:
        """A suspended kiosk would hand its shell to the next person in the queue."""


def make_app(path: Path, *, clock: Clock = utc_now, watch: bool = True) -> KioskApp:
    session = Session.open(path, clock)
    # The code needs the session's secret: read it now, so a missing or unreadable secret is one
    # line from the CLI before the kiosk starts, not a crash when the facilitator tries to leave.
    code = session.facilitator_code()
    return KioskApp(session, code, watch=watch)
