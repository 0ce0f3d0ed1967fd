"""The terminal sizes an app is kept to, wherever a size comes from (a browser's terminal at
`/terminal/`, an ssh client, bytes typed into the terminal itself): a huge one costs gigabytes,
a garbled one crashes it."""

from __future__ import annotations

MIN_SIZE, MAX_SIZE, DEFAULT_SIZE = (20, 10), (300, 100), (80, 24)


def clamp_size(width: object, height: object) -> tuple[int, int]:
    """A terminal size an app can live with: a huge one costs gigabytes, a garbled one crashes it."""
    return (
        _clamp(width, DEFAULT_SIZE[0], MIN_SIZE[0], MAX_SIZE[0]),
        _clamp(height, DEFAULT_SIZE[1], MIN_SIZE[1], MAX_SIZE[1]),
    )


def _clamp(value: object, default: int, low: int, high: int) -> int:
    try:
        number = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError, OverflowError):
        number = default
    return max(low, min(high, number))
