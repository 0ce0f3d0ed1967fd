"""The join address as a QR code on screen, with the address and the code in words under it.

The code is drawn in explicit black on white, never the theme's colours: a QR code must be dark
on light to scan, and the dark theme would turn it inside out. Literal text, never markup: the
address comes from the session file."""

from __future__ import annotations

from collections.abc import Hashable

from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from workshop import qr
from workshop.engine.views import SessionState
from workshop.i18n import _
from workshop.tui.styled import styled
from workshop.tui.widgets.base import ShowsState

INK = Style(color="#000000", bgcolor="#ffffff")


def qr_text(matrix: list[list[bool]], *, big: bool = False) -> Text:
    """The code: half blocks (a module is half a cell tall), or `big`, two cells a module."""
    rows = qr.full_blocks(matrix) if big else qr.half_blocks(matrix)
    return Text("\n".join(rows), style=INK, no_wrap=True, end="")


def code_size(matrix: list[list[bool]], *, big: bool = False) -> tuple[int, int]:
    """Columns and lines `qr_text` takes."""
    return (2 * len(matrix), len(matrix)) if big else (len(matrix), (len(matrix) + 1) // 2)


def words(address: str, code: str, certificate: str = "") -> Text:
    out = styled(
        _("Scan to join, or open\n{address}\nand type the code {code}"),
        base="dim",
        address=Text(address, style="bold"),
        code=Text(code, style="bold reverse"),
    )
    if certificate:  # self-signed: the browser warns, and this says which certificate is the right one
        out.append(_("\ncertificate SHA-256 {fingerprint}").format(fingerprint=certificate), style="dim")
    return out


class JoinCode(ShowsState, Static):
    """The room's code, whenever the session has an address a phone can reach. The room decides
    whether there is space for it, and for it `big` (`size_needed`)."""

    # not translated: a stylesheet
    DEFAULT_CSS = "JoinCode { width: auto; height: auto; padding: 0 2; }"
    PADDING = 4  # the columns of `padding` above

    big = False
    _matrix: list[list[bool]] | None = None
    _words = Text()

    def signature(self, state: SessionState) -> Hashable:
        return state.address, state.code, state.ways.certificate, self.big

    def draw(self, state: SessionState) -> None:
        url = qr.join_url(state.address, state.code)
        self._matrix = qr.modules(url) if url else None
        self._words = words(state.address, state.code, state.ways.certificate_short)
        if self._matrix is None:
            self.update("")
            return
        self.update(Text("\n").join([qr_text(self._matrix, big=self.big), self._words]))
        self.styles.max_width = code_size(self._matrix, big=self.big)[0] + self.PADDING  # the words wrap under it

    def size_needed(self, *, big: bool) -> tuple[int, int] | None:
        """Columns and lines the code and its words take, or None when there is no code."""
        if self._matrix is None:
            return None
        width, height = code_size(self._matrix, big=big)
        return width + self.PADDING, height + len(self._words.wrap(self.app.console, width))
