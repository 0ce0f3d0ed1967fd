"""One error type for the whole package, and one way to word a failed file operation.

Every error a user can cause is a `WorkshopError` (or a subclass named after the part that
raises it) carrying one line for the user. The command line catches it in one place and prints
it as `error: …` with exit status 2; the screens show the same line as a notice. Anything else
that escapes is a bug and keeps its traceback.
"""

from __future__ import annotations

import errno
from pathlib import Path


class WorkshopError(Exception):
    """Something the user asked for cannot be done; `str(err)` is one line for them."""


def os_message(path: Path | str, doing: str, err: OSError) -> str:
    """`path: cannot read: permission denied`: an OSError as one line, in the user's terms."""
    reason = _REASONS.get(err.errno or 0) or (err.strerror or str(err)).lower()
    return f"{path}: cannot {doing}: {reason}"


_REASONS = {
    errno.ENOENT: "no such file or folder",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EISDIR: "it is a folder",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the file system is read-only",
    errno.ELOOP: "it is a symbolic link (or a loop of them)",
    errno.EEXIST: "something with that name is already there",
    errno.ENXIO: "it is a pipe or device with nothing at the other end",
}
