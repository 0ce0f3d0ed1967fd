"""The join page's QR code: the one URL, only for an address of the shape serve writes, and
drawings that decode back to exactly segno's modules, quiet zone included."""

from __future__ import annotations

import re

import pytest
import segno
from hypothesis import given
from hypothesis import strategies as st

from workshop import qr

URL = "http://192.168.1.5:8000/?code=K7P2QX"
HALF = {" ": (False, False), "▀": (True, False), "▄": (False, True), "█": (True, True)}


def from_half_blocks(lines: list[str]) -> list[list[bool]]:
    """The modules a half-block drawing shows, two rows a line (the last may be padding)."""
    rows: list[list[bool]] = []
    for line in lines:
        pairs = [HALF[ch] for ch in line]
        rows += [[top for top, _ in pairs], [bottom for _, bottom in pairs]]
    return rows


def from_full_blocks(lines: list[str]) -> list[list[bool]]:
    assert all(line[0::2] == line[1::2] and set(line) <= {" ", "█"} for line in lines)  # two cells a module
    return [[line[i : i + 2] == "██" for i in range(0, len(line), 2)] for line in lines]


def from_svg_path(markup: str, size: int) -> list[list[bool]]:
    """The modules the dark path draws: `M x y` / `m dx dy` move, `h n` strokes n modules along
    the row (at y + .5, so the row is y's whole part)."""
    path = re.search(r'stroke="#000" d="([^"]+)"', markup)
    assert path is not None
    rows = [[False] * size for _ in range(size)]
    x = y = 0.0
    for op, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?", path.group(1)):
        if op == "M":
            x, y = float(a), float(b)
        elif op == "m":
            x, y = x + float(a), y + float(b)
        else:
            for column in range(int(x), int(x) + int(a)):
                rows[int(y)][column] = True
            x += int(a)
    return rows


def segnos_own(url: str, border: int = qr.BORDER) -> list[list[bool]]:
    """segno's modules with the quiet zone added here, not by the code under test."""
    code = segno.make(url, error="m", micro=False)
    size = len(code.matrix)
    light = [False] * (size + 2 * border)
    body = [[False] * border + [bool(m) for m in row] + [False] * border for row in code.matrix]
    return [light[:] for _ in range(border)] + body + [light[:] for _ in range(border)]


@pytest.mark.parametrize(
    ("address", "url"),
    [
        ("http://192.168.1.5:8000", URL),
        ("http://192.168.1.5:8000/", URL),
        ("https://room.example.org", "https://room.example.org/?code=K7P2QX"),
        ("http://[fd00::5]:8000", "http://[fd00::5]:8000/?code=K7P2QX"),
    ],
)
def test_the_join_url_is_the_address_and_the_code(address: str, url: str) -> None:
    assert qr.join_url(address, "K7P2QX") == url


@pytest.mark.parametrize(
    "address",
    [
        "",
        "javascript:alert(1)",
        'http://x/"><script>alert(1)</script>',
        "http://x:8000/path",
        "http://u:p@x:8000",
        "ftp://x",
        "http://x:8000?a=b",
        "http://x:8000#frag",
        "http://x y",
        " http://x",
        "http://x\n",
        "http://localhost:8000",
        "http://app.localhost:8000",
        "http://127.0.0.1:8000",
        "http://[::1]:8000",
    ],
)
def test_no_code_for_an_address_serve_would_not_write_or_a_phone_cannot_reach(address: str) -> None:
    assert qr.join_url(address, "K7P2QX") is None


def test_the_code_in_the_url_is_quoted() -> None:
    assert qr.join_url("http://x:1", "A&b=<c>") == "http://x:1/?code=A%26b%3D%3Cc%3E"


def test_half_blocks_decode_to_segnos_modules() -> None:
    lines = qr.half_blocks(qr.modules(URL))
    size = len(segno.make(URL, error="m", micro=False).matrix) + 2 * qr.BORDER
    assert {len(line) for line in lines} == {size} and len(lines) == (size + 1) // 2
    decoded = from_half_blocks(lines)
    assert decoded[:size] == segnos_own(URL)
    assert decoded[size:] == [[False] * size] * (len(decoded) - size)  # an odd size's padding row is light


def test_full_blocks_decode_to_segnos_modules() -> None:
    assert from_full_blocks(qr.full_blocks(qr.modules(URL))) == segnos_own(URL)


@given(
    st.integers(1, 9).flatmap(
        lambda width: st.lists(st.lists(st.booleans(), min_size=width, max_size=width), min_size=1, max_size=9)
    )
)
def test_half_blocks_keep_every_module(matrix: list[list[bool]]) -> None:
    decoded = from_half_blocks(qr.half_blocks(matrix))
    assert decoded[: len(matrix)] == matrix and not any(cell for row in decoded[len(matrix) :] for cell in row)


def test_the_svg_is_markup_for_a_page_and_holds_only_numbers() -> None:
    markup = qr.svg(URL)
    assert markup.startswith("<svg ") and markup.endswith("</svg>")
    assert "<?xml" not in markup and "xmlns" not in markup and "<title" not in markup
    assert "192.168" not in markup and "K7P2QX" not in markup
    assert re.fullmatch(r'[<>/="#\w .\-():]+', markup)  # no quote or bracket from anywhere else
    size = len(segnos_own(URL))
    assert f'width="{size * 5}" height="{size * 5}"' in markup
    assert from_svg_path(markup, size) == segnos_own(URL)
