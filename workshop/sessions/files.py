"""Where sessions live: the folder, names, finding a session, creating one with its secret.

A session is `NAME.toml` in the sessions folder, with `.NAME.secret` beside it: the key that
turns a participant into an anonymous ballot token and derives the facilitator's kiosk code. It
is never in the session file, so a shared file cannot link anonymous ballots back to names.
Both are created so that nothing planted at their names is written through (journal.files).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import secrets
import stat
from collections.abc import Callable
from pathlib import Path

from workshop.content.frozen import freeze
from workshop.content.model import Plan
from workshop.engine import text, trust
from workshop.errors import WorkshopError, os_message
from workshop.i18n import _
from workshop.journal import files, store
from workshop.sessions import keys, signed

Clock = Callable[[], dt.datetime]
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}\Z")  # \Z: `$` would let a newline end it
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread on a projector


class SessionError(WorkshopError):
    """Something the user asked of a session that cannot be done; the message is one line."""


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def sessions_dir(option: Path | None = None) -> Path:
    if option is not None:
        return option
    return Path(os.environ.get("WORKSHOP_SESSIONS") or "sessions")


def check_name(name: str) -> str:
    """A session's name, as typed or with the `.toml` its file will have (which is dropped)."""
    name = name.removesuffix(".toml")
    if not NAME.match(name) or ".." in name:
        raise SessionError(
            _("bad session name {name}: use letters, digits, '.', '_' and '-' (no path separators or '..')").format(
                name=text.said_back(name)
            )
        )
    return name


ARCHIVE = "archive"  # the folder of a sessions folder where `workshop archive` puts ended sessions


def resolve(ref: str, folder: Path | None = None) -> Path:
    """A session named in the sessions folder, or a path to a session file."""
    as_path = Path(ref)
    if ref.endswith(".toml") or os.sep in ref or (os.altsep and os.altsep in ref):
        if not as_path.is_file():
            raise SessionError(_("{ref}: no such session file").format(ref=ref))
        return as_path
    # not translated: a file name
    path = sessions_dir(folder) / f"{check_name(ref)}.toml"
    if not path.is_file():
        missing = _("no session {ref} in {sessions_dir}/").format(
            ref=text.said_back(ref), sessions_dir=sessions_dir(folder)
        )
        if (archived := path.parent / ARCHIVE / path.name).is_file():  # named as it was: say where it went
            missing += _(": it is archived: {path}").format(path=archived)
        raise SessionError(missing)
    return path


def session_files(folder: Path | None = None) -> list[Path]:
    """The regular `*.toml` files of the folder, most recently changed first. Links, pipes and
    devices are passed over without being opened (a pipe would hang whoever reads it)."""
    found = []
    try:
        entries = list(os.scandir(sessions_dir(folder)))
    except OSError:
        return []
    for entry in entries:
        if not entry.name.endswith(".toml"):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if stat.S_ISREG(info.st_mode):
            found.append((info.st_mtime, Path(entry.path)))
    return [path for _, path in sorted(found, reverse=True)]


def secret_path(path: Path) -> Path:
    # not translated: a file name
    return path.with_name(f".{path.stem}.secret")


def certificate_path(path: Path) -> Path:
    """The self-signed certificate and its key that `serve --tls` made for this session."""
    return path.with_name(f".{path.stem}.tls.pem")  # not translated: a file name


def host_key_path(path: Path) -> Path:
    """The ssh host key that `serve --ssh` made for this session."""
    return path.with_name(f".{path.stem}.ssh-host-key")  # not translated: a file name


def kept_beside(path: Path) -> tuple[Path, ...]:
    """The files kept beside a session, each this account's own with mode 0600: its secret, and
    the certificate and the ssh host key `serve` made for it. They go where the session goes."""
    return secret_path(path), certificate_path(path), host_key_path(path)


def is_kept_beside(path: Path) -> bool:
    """Whether `path` is named as one of the files kept beside some session (`.NAME.secret` and the
    rest), by the names kept_beside gives."""
    ends = tuple(kept.name.removeprefix(".x") for kept in kept_beside(Path("x.toml")))
    return path.name.startswith(".") and path.name.endswith(ends)


_SESSION_HEADER = re.compile(rb"^\[session\]\s*$", re.MULTILINE)


def starts_as_a_session(path: Path) -> bool:
    """Whether the plain file at `path` has a `[session]` header line in its first 64 KiB."""
    return _SESSION_HEADER.search(_start(path)) is not None


# a session's secret (secrets.token_hex(32)), a PEM private key (`serve`'s certificate, its ssh host key)
_KEY = re.compile(rb"\A[0-9a-f]{64}\s*\Z|-----BEGIN [A-Z ]*PRIVATE KEY-----")


def holds_a_key(path: Path) -> bool:
    """Whether the plain file at `path` holds what a file kept beside a session does (a secret, a
    private key): a hard link to one has a name of its own."""
    return _KEY.search(_start(path)) is not None


def _start(path: Path) -> bytes:
    """The first 64 KiB of the plain file at `path` (nothing for anything else): read without
    blocking, and only a plain file, so a pipe planted there holds nobody up."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return b""
    try:
        return os.read(fd, 65536) if stat.S_ISREG(os.fstat(fd).st_mode) else b""
    except OSError:
        return b""
    finally:
        os.close(fd)


def read_secret(path: Path) -> bytes:
    """The secret beside a session: only a file this account owns counts (a readable secret
    planted by someone else would let them sign as the facilitator)."""
    try:
        return files.read_owned(secret_path(path))
    except files.JournalError:
        raise SessionError(
            _(
                "{path}: the session's secret file is missing, unreadable or not this account's ({name}, beside the "
                "session)"
            ).format(path=path, name=secret_path(path).name)
        ) from None


def secret_state(path: Path) -> str:
    """Whose the secret beside a session is, from here: "mine" (this account owns it and can
    read it), "theirs" (readable, but another account's: planted), or "none" (missing, or not
    readable: this is not the facilitator's account)."""
    try:
        files.read_owned(secret_path(path))
    except files.NotOwned:
        return "theirs"
    except files.JournalError:
        return "none"
    return "mine"


def create(
    plan: Plan,
    folder: Path | None = None,
    name: str | None = None,
    facilitator: str = "",
    clock: Clock = utc_now,
    code: str | None = None,
    follows: str | None = None,
) -> Path:
    """Start a new session file for `plan`; its name defaults to the agenda and the time; a
    follow-up names the session it `follows` (sessions/followup.py). A failure leaves nothing
    behind."""
    created = clock()
    name = check_name(name if name is not None else f"{plan.agenda.id}-{created:%Y%m%d-%H%M%S}")
    folder = sessions_dir(folder)
    # not translated: a file name
    path = folder / f"{name}.toml"
    secret = secrets.token_hex(32).encode()
    header = {
        "format": trust.FORMAT,  # 1: signed events are chained (engine/trust.py)
        "id": name,
        "title": plan.agenda.title,
        "created": created,
        "facilitator": text.name(facilitator) if facilitator else "",
        "code": code or "".join(secrets.choice(CODE_ALPHABET) for _ in range(6)),
        "facilitator_key": keys.public_hex(secret),  # checks the facilitator's signed events
        "agenda": freeze(plan),
        **({"follows": follows} if follows else {}),
    }
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise SessionError(os_message(folder, "create the folder", err)) from None  # not translated: a DOING key
    try:
        if (there := files.kind_of(path)) is not None:  # before the secret, which is then surely ours
            raise SessionError(
                _("{path}: a session with this name already exists").format(path=path)
                if there == "a file"
                else _("{path}: {there} is already there; nothing was written").format(path=path, there=there)
            )
        files.create_secret(secret_path(path), secret)
        try:
            store.create(path, header)
        except files.JournalError:
            files.remove(secret_path(path))
            raise
        written = store.load(path).header  # as every reader will read it back
        signed.created(written, trust.header_digest(written))
    except files.JournalError as err:
        raise SessionError(str(err)) from None
    return path


def repair_copy(path: Path) -> tuple[Path, int, list[str]]:
    """Write `NAME-repaired.toml` beside a session: every event it holds, nothing damaged.
    Never touches the original."""
    for n in range(1, 100):
        # not translated: a file name
        target = path.with_name(f"{path.stem}-repaired{'' if n == 1 else f'-{n}'}.toml")
        if files.kind_of(target) is None:
            break
    try:
        kept, left_out = store.repair(path, target)
    except files.JournalError as err:
        raise SessionError(str(err)) from None
    return target, kept, left_out
