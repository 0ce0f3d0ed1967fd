"""Participant apps at once, in all (`serve --max`) and per client (`--per-address`), over every
way in that starts one: a tab at /terminal/ and an ssh connection take their places from one
count, so a client cannot open ten tabs and ten ssh logins besides. Which client a connection is
comes from `guard.client` or `guard.connection_client` (this machine is one, an IPv6 address
counts by its /64)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from workshop.errors import WorkshopError
from workshop.i18n import _


@dataclass(frozen=True)
class Limits:
    total: int = 100  # participant apps at once (`--max`)
    per_address: int = 10  # from one client address (`--per-address`): a room behind one NAT shares it

    def check(self) -> None:
        if self.total < 1:
            raise WorkshopError(_("--max must be at least 1, not {total}").format(total=self.total))
        if self.per_address < 1:
            raise WorkshopError(
                _("--per-address must be at least 1, not {per_address}").format(per_address=self.per_address)
            )


class Places:
    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self._apps: Counter[str] = Counter()  # running participant apps per client

    def refusal(self, client: str) -> tuple[int, str] | None:
        """Why `client` may not start another app now (an HTTP status and one line), or None."""
        if sum(self._apps.values()) >= self.limits.total:
            return 503, _("the room is full ({total} participant apps): try again later").format(
                total=self.limits.total
            )
        if self._apps[client] >= self.limits.per_address:
            return 429, _("{per_address} participant apps are already open from your address").format(
                per_address=self.limits.per_address
            )
        return None

    @contextmanager
    def taken(self, client: str) -> Iterator[None]:
        """A place for `client`'s app while it runs. Taken without an await after `refusal`: two
        connections never both get the last place."""
        self._apps[client] += 1
        try:
            yield
        finally:
            self._apps[client] -= 1
            if not self._apps[client]:
                del self._apps[client]
