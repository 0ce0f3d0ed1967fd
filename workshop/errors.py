"""One error type for the whole package, and one way to word a failed file operation.

Every error a user can cause is a `WorkshopError` (or a subclass named after the part that
raises it) carrying one line for the user. The command line catches it in one place and prints
it as `error: …` with exit status 2; the screens show the same line as a notice. Anything else
that escapes is a bug and keeps its traceback.
"""

from __future__ import annotations

import errno
from pathlib import Path

from workshop.i18n import N_, _


class WorkshopError(Exception):
    """Something the user asked for cannot be done; `str(err)` is one line for them."""


def os_message(path: Path | str, doing: str, err: OSError) -> str:
    """`path: cannot read: permission denied`: an OSError as one line, in the user's terms;
    `doing` is one of DOING's verbs, each a whole sentence in the catalogs."""
    reason = _(_REASONS.get(err.errno or 0) or "") or (err.strerror or str(err)).lower()
    return _(DOING[doing]).format(path=path, reason=reason)


DOING = {
    "read": N_("{path}: cannot read: {reason}"),
    "write": N_("{path}: cannot write: {reason}"),
    "create it": N_("{path}: cannot create it: {reason}"),
    "create the folder": N_("{path}: cannot create the folder: {reason}"),
    "look at it": N_("{path}: cannot look at it: {reason}"),
    "archive": N_("{path}: cannot archive: {reason}"),
    "delete": N_("{path}: cannot delete: {reason}"),
}


_REASONS = {
    errno.ENOENT: N_("no such file or folder"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("permission denied"),
    errno.EISDIR: N_("it is a folder"),
    errno.ENOTDIR: N_("a part of the path is not a folder"),
    errno.ENOSPC: N_("the disk is full"),
    errno.EDQUOT: N_("the disk quota is used up"),
    errno.EROFS: N_("the file system is read-only"),
    errno.ELOOP: N_("it is a symbolic link (or a loop of them)"),
    errno.EEXIST: N_("something with that name is already there"),
    errno.ENXIO: N_("it is a pipe or device with nothing at the other end"),
    errno.ENAMETOOLONG: N_("the name is too long"),
}


def short_path(path: Path | str, most: int = 80) -> str:
    """`path` as an error line shows it: whole, or its start and end when longer than `most`
    (a paste gone wrong must not fill the screen)."""
    text = str(path)
    return text if len(text) <= most else f"{text[: most // 2]}…{text[-most // 2 + 1 :]}"
