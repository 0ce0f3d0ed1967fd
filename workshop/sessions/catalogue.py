"""The sessions of a folder, as `workshop sessions` lists them and `join` offers them, and
putting finished ones away (`workshop archive`).

A session is *live* while it can still be taken part in: started and not ended, or created
within the last hour and waiting to start. A session created and never started (every try of
the README's first command leaves one) stops being offered after an hour: its status is
"stale". Archived sessions live in `archive/` inside the folder, with their secrets.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from workshop.engine.tally import SESSION_STATUS_WORDS, said
from workshop.errors import os_message
from workshop.i18n import _
from workshop.sessions.files import (
    ARCHIVE,
    Clock,
    SessionError,
    check_name,
    kept_beside,
    session_files,
    sessions_dir,
    starts_as_a_session,
    utc_now,
)
from workshop.sessions.session import Session

STALE_AFTER = dt.timedelta(hours=1)  # a never-started session older than this is no longer offered


@dataclass(frozen=True)
class Summary:
    id: str
    title: str
    status: str  # "waiting", "running", "paused", "ended", or "stale" (never started, over an hour old)
    created: str  # ISO 8601, or "" when the header has none
    started: str
    ended: str
    participants: int
    events: int
    path: str
    archived: bool
    name: str  # what every other command takes for it: its name in the folder, else its path

    @property
    def live(self) -> bool:
        return self.status in ("waiting", "running", "paused")

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def status_of(session: Session, now: dt.datetime) -> str:
    state = session.state()
    created = session.fold.header.get("created")
    if state.status == "waiting" and isinstance(created, dt.datetime) and now - _aware(created) > STALE_AFTER:
        return "stale"
    return state.status


def summary(session: Session, now: dt.datetime, archived: bool = False) -> Summary:
    state = session.state()
    created = session.fold.header.get("created")
    return Summary(
        state.id or session.path.stem,
        state.title,
        status_of(session, now),
        _aware(created).isoformat() if isinstance(created, dt.datetime) else "",
        _iso(state.started),
        _iso(state.ended),
        len(state.participants),
        state.events,
        str(session.path),
        archived,
        taken_as(session.path, archived),
    )


def taken_as(path: Path, archived: bool = False) -> str:
    """What `report`, `control` and the rest take to open the session at `path`: its file's name
    in the folder (not its id, which a repaired copy or a copy shares), else its path (an archived
    one, or a name the folder's names do not allow)."""
    if not archived and not path.stem.endswith(".toml"):  # `x.toml` would be read as a path
        try:
            return check_name(path.stem)
        except SessionError:
            pass
    shown = str(path)  # a relative folder's `-x.toml` would be read as an option: `./-x.toml`
    return os.path.join(os.curdir, shown) if shown.startswith("-") else shown


def listing(
    folder: Path | None = None, archived: bool = False, clock: Clock = utc_now, unlisted: list[str] | None = None
) -> list[Summary]:
    """Every session of the folder that opens (most recently changed first), and with `archived`
    those in its archive too. A file that is not a session is passed over; one that has a session's
    header but does not open (cut short, changed by hand) is added to `unlisted`, with why."""
    now = clock()
    found = [summary(s, now) for s in _opened(session_files(folder), unlisted)]
    if archived:
        found += [summary(s, now, True) for s in _opened(session_files(sessions_dir(folder) / ARCHIVE), unlisted)]
    return found


def live(folder: Path | None = None, clock: Clock = utc_now) -> list[Session]:
    now = clock()
    return [s for s in _opened(session_files(folder)) if status_of(s, now) in ("waiting", "running", "paused")]


def latest_live(folder: Path | None = None, agenda: str | None = None, clock: Clock = utc_now) -> Session | None:
    """The most recently changed session of the folder that is still waiting, running or paused
    (never a stale one) and, given `agenda`, runs that agenda (or single module): what
    `workshop run` reopens instead of starting a second session beside it."""
    now = clock()
    for path in session_files(folder):
        try:
            session = Session.open(path)
        except SessionError:
            continue
        if (agenda is None or session.fold.plan.agenda.id == agenda) and status_of(session, now) in (
            "waiting",
            "running",
            "paused",
        ):
            return session
    return None


def _opened(paths: list[Path], unlisted: list[str] | None = None) -> list[Session]:
    opened = []
    for path in paths:
        try:
            opened.append(Session.open(path))
        except SessionError as err:  # not a session file, or one that cannot be read: not listed
            if unlisted is not None and starts_as_a_session(path):
                unlisted.append(str(err))
    return opened


def put_away(path: Path, clock: Clock = utc_now) -> Path:
    """Move a finished (or stale) session and its secret (and the certificate and host key
    `serve` made for it) into the folder's archive: a real folder of this account's, made if
    missing. A link, a file or someone else's folder planted at `archive` is refused, and the
    moves go through the folder itself (never a path a link could redirect between the check
    and the move)."""
    session = _finished(path, clock, _("archive it"))
    archive = path.parent / ARCHIVE
    target = archive / path.name
    try:
        with _own_folder(archive) as folder:
            for name in (path.name, *(beside.name for beside in kept_beside(path))):
                try:
                    os.stat(name, dir_fd=folder, follow_symlinks=False)
                except FileNotFoundError:
                    continue
                raise SessionError(
                    _("{archive}: an archived file of that name is already there; nothing was moved").format(
                        archive=archive / name
                    )
                )
            os.rename(session.path, path.name, dst_dir_fd=folder)  # the session first: the file is safe
            for beside in kept_beside(path):
                if beside.exists():
                    os.rename(beside, beside.name, dst_dir_fd=folder)
    except OSError as err:
        raise SessionError(os_message(path, "archive", err)) from None
    return target


@contextmanager
def _own_folder(folder: Path) -> Iterator[int]:
    """A descriptor of `folder`, made if missing, refused unless it is a folder this account owns."""
    try:
        os.mkdir(folder, 0o750)
    except FileExistsError:
        pass
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        raise SessionError(
            _("{folder}: not a folder (a link, or a file, is there): nothing was moved").format(folder=folder)
        ) from None
    try:
        if os.fstat(fd).st_uid != os.geteuid():
            raise SessionError(_("{folder}: a folder of another account's: nothing was moved").format(folder=folder))
        yield fd
    finally:
        os.close(fd)


def delete(path: Path, clock: Clock = utc_now) -> None:
    """Remove a finished (or stale) session and its secret (and certificate and host key) for good."""
    _finished(path, clock, _("delete it"))
    try:
        for beside in kept_beside(path):
            beside.unlink(missing_ok=True)
        path.unlink()
    except OSError as err:
        raise SessionError(os_message(path, "delete", err)) from None


def check_finished(path: Path, clock: Clock = utc_now) -> None:
    """Raise unless the session may be archived or deleted."""
    _finished(path, clock, _("put it away"))


def _finished(path: Path, clock: Clock, doing: str) -> Session:
    session = Session.open(path)
    status = status_of(session, clock())
    if status in ("waiting", "running", "paused"):
        raise SessionError(
            _(
                "{stem} is {status}: only an ended session (or one never started for an hour) can be put away; end "
                "it first (`workshop control {stem} end`), then {doing}"
            ).format(stem=path.stem, status=said(SESSION_STATUS_WORDS, status), doing=doing)
        )
    return session


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _iso(timestamp: float | None) -> str:
    return "" if timestamp is None else dt.datetime.fromtimestamp(timestamp, dt.UTC).isoformat()
