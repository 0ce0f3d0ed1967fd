"""Opening and creating files so that nothing planted at a name is written through or hangs us.

A session folder may be shared, so a link, a folder or a named pipe can sit where a session or
its secret is expected. Reads open with O_NONBLOCK (a FIFO opens at once instead of waiting for a
writer) and check that what they opened is a regular file; new files are made with
O_CREAT|O_EXCL|O_NOFOLLOW, which never follows a link and never reuses a name.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from workshop.errors import WorkshopError, os_message
from workshop.i18n import _


class JournalError(WorkshopError):
    """A session file (or its secret) that cannot be used; the message is one line."""


def kind_of(path: Path) -> str | None:
    """What is at `path`, in words, without opening or following it; None when nothing is."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return None
    except OSError as err:
        raise JournalError(os_message(path, "look at it", err)) from None  # not translated: a key of errors.DOING
    if stat.S_ISLNK(mode):
        return _("a symbolic link")
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return _("a named pipe")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a file"


def open_regular(path: Path, flags: int, doing: str, follow: bool = True) -> int:
    """A descriptor for the regular file at `path`, or one line saying why not."""
    flags |= os.O_NONBLOCK | os.O_CLOEXEC | (0 if follow else os.O_NOFOLLOW)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise JournalError(_("{path}: no such file").format(path=path)) from None
    except OSError as err:
        raise JournalError(os_message(path, doing, err)) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        kind = kind_of(path) or _("not a regular file")
        raise JournalError(
            (
                _("{path}: cannot read: it is {kind}, not a file")
                if doing == "read"
                else _("{path}: cannot write: it is {kind}, not a file")
            ).format(path=path, kind=kind)
        )
    os.set_blocking(fd, True)
    return fd


def read_regular(path: Path, offset: int = 0, follow: bool = True) -> bytes:
    """The bytes of a regular file from `offset` on."""
    fd = open_regular(path, os.O_RDONLY, "read", follow)
    try:
        with os.fdopen(fd, "rb", closefd=False) as handle:
            handle.seek(offset)
            return handle.read()
    except OSError as err:
        raise JournalError(os_message(path, "read", err)) from None
    finally:
        os.close(fd)


class NotOwned(JournalError):
    """A file that should be this account's belongs to another."""


def read_owned(path: Path) -> bytes:
    """The bytes of a regular file at `path` (never through a link) that this account owns;
    JournalError when there is none, or it is someone else's (a secret planted beside a session)."""
    fd = open_regular(path, os.O_RDONLY, "read", follow=False)
    try:
        if os.fstat(fd).st_uid != os.geteuid():
            raise NotOwned(_("{path}: belongs to another account: not used").format(path=path))
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read()
    except OSError as err:
        raise JournalError(os_message(path, "read", err)) from None
    finally:
        os.close(fd)


def create_exclusive(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write a new file at `path`, whole or not at all; refuse whatever is already there.

    The bytes go to a hidden temporary name first and are linked into place, so nobody ever
    reads half a file; link() refuses an existing name, even a dangling link."""
    if (there := kind_of(path)) is not None:
        raise JournalError(_("{path}: {there} is already there").format(path=path, there=there))
    # not translated: a file name
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666)
        try:
            if mode is not None:
                os.fchmod(fd, mode)  # exactly this, whatever the umask
            write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.link(tmp, path)
    except OSError as err:
        raise _not_created(path, err) from None
    finally:
        remove(tmp)
    fsync_dir(path.parent)


def create_secret(path: Path, data: bytes) -> None:
    """A file only its owner can read (mode 0600 from the first byte), at a name nothing holds."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    except OSError as err:
        raise _not_created(path, err) from None
    try:
        write_all(fd, data)
        os.fsync(fd)
    except OSError as err:
        remove(path)
        raise JournalError(os_message(path, "write", err)) from None
    finally:
        os.close(fd)


def _not_created(path: Path, err: OSError) -> JournalError:
    """Why a new file at `path` was not made, in one line: something is already there, or the system's reason."""
    if isinstance(err, FileExistsError):
        return JournalError(_("{path}: {value} is already there").format(path=path, value=kind_of(path) or "something"))
    return JournalError(os_message(path, "create it", err))  # not translated: a key of errors.DOING


def write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def remove(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass  # already gone, or never made


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
