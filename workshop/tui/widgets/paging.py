"""Pages that turn by themselves, for the room display: nobody scrolls a projector, so what is
taller than its place is shown a page at a time, each for `PAGE_SECONDS`, with "page 2 of 3"
in a line of its own. Time is the session's clock (`turn(now)`), so a test moves it by hand.

A paged widget scrolls (its overflow hidden: no scrollbar) and has a child `#page` docked at
its bottom for the page line; a page overlaps the last by one line, so nothing is lost under it.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from typing import cast

from textual.widget import Widget
from textual.widgets import Static

from workshop.i18n import _

PAGE_SECONDS = 12.0


class Paged:
    """Mixin for a scrolling widget (not a Widget itself: a second Widget base ahead of a
    VerticalScroll would put Widget's default styles ahead of the scroll container's)."""

    _since: float | None = None
    _showing: Hashable = None
    _page: tuple[int, int] = (0, 1)

    def turn(self, now: float, what: Hashable) -> None:
        """Show the page due at `now` of `what` (its first page as soon as `what` changes)."""
        widget = cast(Widget, self)
        if what != self._showing:
            self._showing, self._since = what, now
        height = widget.scrollable_content_region.height
        if height <= 1 or widget.max_scroll_y <= 0:
            self._show(widget, 0, 1, 0)
            return
        step = height - 1
        pages = math.ceil(widget.max_scroll_y / step) + 1
        page = int((now - (self._since or now)) // PAGE_SECONDS) % pages
        self._show(widget, page, pages, min(page * step, widget.max_scroll_y))

    def _show(self, widget: Widget, page: int, pages: int, y: float) -> None:
        if (page, pages) == self._page and widget.scroll_y == y:
            return
        self._page = (page, pages)
        widget.scroll_to(y=y, animate=False, immediate=True, force=True)  # overflow hidden: no scrollbar
        line = widget.query_one("#page", Static)
        line.display = pages > 1
        line.update(_("page {page} of {pages}").format(page=page + 1, pages=pages))
