"""The join address as a QR code: a phone's camera opens the join page with the code filled in.

One URL for every place that shows the code (the room display, the facilitator's dialog, the
HTML report): `join_url`. The address comes from the session file, which anyone who can append
to it could hand-edit (a `serve` event counts only when signed, but a file from before
signatures trusts every event), so only an address of the shape `workshop serve` writes,
http(s)://host[:port], is ever encoded; anything else (`javascript:`, quotes, a path) gets no code.

No textual here: the report draws the code too (as SVG), and the core never imports the TUI.
segno is imported on first use: its import is slow, and most commands never draw a code.
"""

from __future__ import annotations

import io
import ipaddress
import re
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

if TYPE_CHECKING:
    from segno import QRCode

# Two light modules around the code, not the standard four: at 80x24 every module costs the room
# display a cell it cannot spare (four make a 29-module code 37x19 cells instead of 33x17). Phone
# readers commonly find a code with two, though no phone was tried here; on the dark theme the
# two are the whole quiet zone, so fewer would not do. The report's SVG has white paper around it.
BORDER = 2

# What `workshop serve` announces (listen.url): a host name or IPv4 address, or an IPv6 address
# in brackets, and a port. Nothing that could leave the URL or the markup around it.
_ADDRESS = re.compile(r"https?://(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?/?")


def announceable(address: str) -> bool:
    """Whether `address` has the one shape `workshop serve` announces: http(s)://host[:port]."""
    return _ADDRESS.fullmatch(address) is not None


def join_url(address: str, code: str) -> str | None:
    """The page a phone opens to join, the code filled in; None when `address` is not one
    `workshop serve` would announce, or only this machine answers at it (a phone scanning
    `localhost` would open itself)."""
    if not announceable(address) or only_here(address):
        return None
    # not translated: an address
    return f"{address.rstrip('/')}/?code={quote(code, safe='')}"


def only_here(address: str) -> bool:
    """Whether `address` names this machine only (localhost, 127.x, ::1)."""
    host = urlsplit(address).hostname or ""  # lower case, without brackets
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _code(url: str) -> QRCode:
    import segno

    # Error correction M at least (segno raises it further while the size stays the same):
    # a projected code is read from a distance, off-angle, through glare.
    return segno.make(url, error="m", micro=False)


def modules(url: str) -> list[list[bool]]:
    """The code's modules, dark as True, row by row, with the quiet zone around them."""
    return [[bool(m) for m in row] for row in _code(url).matrix_iter(border=BORDER)]


def half_blocks(matrix: list[list[bool]]) -> list[str]:
    """Two rows of modules per line of text: ▀ dark above, ▄ dark below, █ both, space neither.
    The characters draw the dark modules, so they need a dark foreground on a light background
    (a code must be dark on light to scan, whatever the theme). An odd last row gets a light one
    below it, more quiet zone."""
    glyphs = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}
    rows = [*matrix, [False] * len(matrix[0])] if len(matrix) % 2 else matrix
    return [
        "".join(glyphs[top, bottom] for top, bottom in zip(rows[i], rows[i + 1], strict=True))
        for i in range(0, len(rows), 2)
    ]


def full_blocks(matrix: list[list[bool]]) -> list[str]:
    """One row of modules per line, each module two cells wide: twice the size of `half_blocks`,
    for a screen with the room."""
    return ["".join("██" if dark else "  " for dark in row) for row in matrix]


def svg(url: str, scale: int = 5) -> str:
    """The code as SVG markup for inside an HTML page: no XML declaration, no namespace (HTML
    knows <svg>), no title (segno escapes none): only numbers and our own colours, never the URL."""
    out = io.BytesIO()
    _code(url).save(
        out,
        kind="svg",
        xmldecl=False,
        svgns=False,
        border=BORDER,
        scale=scale,
        dark="#000",
        light="#fff",
        svgclass="qr",
        lineclass=None,
        omitsize=False,
    )
    return out.getvalue().decode("ascii").strip()
