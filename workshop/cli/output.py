"""Writing a command's `--output` file (reports, actions, decisions, compare, draft): whole or not
at all, and never over a session or what is kept beside it."""

import errno
import os
import stat
from pathlib import Path

from workshop.cli import fail
from workshop.errors import os_message
from workshop.i18n import _


def write_output(output: Path, text: str) -> None:
    """Write `text` to the --output file a command was given, or fail with one line; never over a
    session file or the keys kept beside one: a slip of `-o` must not lose a session.

    A regular file (or none yet) is replaced whole: the text goes to a temporary file in the folder
    of the file itself (a symbolic link is followed first, so the link stays a link and its file is
    updated), is synced, takes the old file's permission bits (a new file gets the umask's, as
    `open` gives), and is renamed over it; if anything fails the temporary file goes and the earlier
    file is untouched (a killed command may leave the temporary file, never half a report).

    A pipe, a device and any path under /dev or /proc (/dev/stdout leads to whatever the shell gave
    the command) are written directly: nothing can be renamed over them. These files are written in
    place too: one with other hard links (a rename would leave them holding the old text, silently
    cut off from the one written), one another account owns (a rename would make it ours), and one
    in a folder we cannot write to (no temporary file can be made there). Such a regular file gets
    the room for the whole text first, so a full disk or a file-size limit leaves the earlier text
    whole; only a command killed in the moment of the write itself can leave a mix of the two."""
    if _holds_a_session(output):
        raise fail(
            _(
                "{path}: a session file (or its secret, certificate or ssh host key): a report never overwrites one; "
                "choose another --output"
            ).format(path=output)
        )
    data = text.encode("utf-8")
    real = Path(os.path.realpath(output))
    if _replaceable(output, real):
        try:
            mode = stat.S_IMODE(os.stat(real).st_mode)
        except FileNotFoundError:
            mode = None  # a new file: the umask's mode
        except OSError as err:
            raise fail(os_message(output, "write", err)) from None
        _replace(output, real, data, mode)
    else:
        _write_in_place(output, data)


def _replaceable(output: Path, real: Path) -> bool:
    """Whether `output` is replaced whole rather than written in place (see write_output); anything
    unclear is written in place, where the system's reason for refusing it is the old one line."""
    if os.path.abspath(output).startswith(("/dev/", "/proc/")):
        return False  # /dev/stdout and the like: the pipe or file the shell gave, through /proc
    try:
        was = os.stat(output)
    except FileNotFoundError:
        return real.parent.is_dir()  # a new file (or a link to none yet) in a folder that is there
    except OSError:
        return False
    if not stat.S_ISREG(was.st_mode) or was.st_nlink > 1 or was.st_uid != os.geteuid():
        return False
    try:
        return os.path.samestat(was, os.stat(real)) and os.access(real.parent, os.W_OK | os.X_OK)
    except OSError:
        return False


def _replace(output: Path, real: Path, data: bytes, mode: int | None) -> None:
    """`data` into a new file beside `real`, renamed over it once it is all on disk."""
    from workshop.journal.files import fsync_dir, remove, write_all

    # not translated: a file name; its start, so that a long name's stays within the file system's limit
    tmp = real.with_name(f".{real.name[:40]}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    made = False
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666)
        made = True
        try:
            if mode is not None:
                os.fchmod(fd, mode)  # the old file's, whatever the umask
            write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, real)
        made = False
    except OSError as err:
        raise fail(os_message(output, "write", err)) from None
    finally:
        if made:
            remove(tmp)
    try:
        fsync_dir(real.parent)
    except OSError:
        pass  # the file is in place; only the rename may not have reached the disk yet


def _write_in_place(output: Path, data: bytes) -> None:
    """Write `data` over `output` where it is: a regular file gets the room for all of it first
    and keeps its old text until then (a full disk or a file-size limit fails before a byte
    changes), then is written from its start and cut where the new text ends."""
    try:
        # without blocking: a pipe nobody reads is refused at once (ENXIO) instead of waiting for good
        fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_NONBLOCK | os.O_CLOEXEC, 0o666)
    except OSError as err:
        raise fail(os_message(output, "write", err)) from None
    try:
        os.set_blocking(fd, True)  # and a pipe that has a reader takes all of it
        if stat.S_ISREG(os.fstat(fd).st_mode):
            _overwrite(fd, data)
        else:
            from workshop.journal.files import write_all

            write_all(fd, data)
    except OSError as err:
        raise fail(os_message(output, "write", err)) from None
    finally:
        os.close(fd)


def _overwrite(fd: int, data: bytes) -> None:
    """`data` over the regular file `fd`, its old text whole until the room for the new is made."""
    from workshop.journal.files import write_all

    was = os.fstat(fd).st_size
    reserve = getattr(os, "posix_fallocate", None)  # not on macOS: there a full disk may cut it short
    if len(data) > was and reserve is not None:
        try:
            reserve(fd, 0, len(data))
        except OSError as err:
            if err.errno not in (errno.EOPNOTSUPP, errno.ENOSYS, errno.EINVAL):
                os.ftruncate(fd, was)  # whatever room was made goes again; the old text is untouched
                raise
    os.lseek(fd, 0, os.SEEK_SET)
    write_all(fd, data)
    os.ftruncate(fd, len(data))
    os.fsync(fd)


def same_file(output: Path, read: Path) -> bool:
    """Whether `output` is the file `read` (the same path, a link to it, or another hard link)."""
    try:
        return os.path.samefile(output, read)
    except (OSError, ValueError):
        return False  # one of them is not there (or not a path a file can have): not the same file


def _holds_a_session(output: Path) -> bool:
    """Whether `output` (or what a link there leads to) is a session file or a file kept beside
    one (its secret, the certificate and ssh host key `serve` made), by its name or, for a hard
    link that has a name of its own, by what it holds."""
    from workshop.sessions.files import holds_a_key, is_kept_beside, starts_as_a_session

    real = Path(os.path.realpath(output))
    return is_kept_beside(real) or starts_as_a_session(real) or holds_a_key(real)
