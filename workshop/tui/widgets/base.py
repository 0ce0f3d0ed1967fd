from __future__ import annotations

from collections.abc import Hashable

from workshop.engine.state import SessionState


class ShowsState:
    """Mixin: `show(state)` redraws only when `signature(state)` differs from the last one."""

    _shown: Hashable = object()

    def signature(self, state: SessionState) -> Hashable:
        raise NotImplementedError

    def draw(self, state: SessionState) -> None:
        raise NotImplementedError

    _last: SessionState | None = None

    def show(self, state: SessionState) -> bool:
        self._last = state
        sig = self.signature(state)
        if sig == self._shown:
            return False
        self._shown = sig
        self.draw(state)
        return True

    def redraw(self) -> None:
        """Draw the last state again (after a resize, say)."""
        self._shown = object()
        if self._last is not None:
            self.show(self._last)


def clock(seconds: float) -> str:
    """mm:ss, or h:mm:ss past an hour, for a non-negative number of seconds."""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def drift_text(seconds: float) -> str:
    minutes = round(seconds / 60)
    if minutes == 0:
        return "on schedule"
    return f"+{minutes} min behind" if minutes > 0 else f"{-minutes} min ahead"
