"""Draft a module from an article: `workshop draft ARTICLE`.

Pure and deterministic (no network, no randomness, no textual): the same article always gives the
same draft, and every draft validates as a module.
"""

from __future__ import annotations

import os
from pathlib import Path

from workshop.content import document, schema
from workshop.content.problems import Invalid
from workshop.draft.article import MAX_BYTES, Article, ArticleError, read_article
from workshop.draft.points import find_points
from workshop.draft.writer import write_module
from workshop.errors import WorkshopError, os_message
from workshop.i18n import _, number

__all__ = ["Article", "DraftBug", "DraftError", "draft_bytes", "draft_file", "read_article", "write_module"]


class DraftError(WorkshopError):
    """The article cannot be drafted from; the message is one line, naming the file."""


class DraftBug(RuntimeError):
    """The drafter wrote a module that does not validate: a bug in the drafter, never the user's fault."""


def draft_bytes(raw: bytes, name: str) -> str:
    """The module TOML drafted from an article's bytes (`name` is used in messages)."""
    try:
        article = read_article(raw, name)
    except ArticleError as err:
        raise DraftError(str(err)) from None
    text = write_module(article, find_points(list(article.blocks), article.marked), source_name=name)
    try:
        schema.check_module(document.parse(text.encode("utf-8"), _("{name} (draft)").format(name=name)))
    except Invalid as err:
        raise DraftBug(_("the draft from {name} does not validate:\n{err}").format(name=name, err=err)) from err
    return text


def draft_file(path: Path) -> str:
    """Read the article at `path` and return its draft module as TOML text."""
    path = Path(path)
    name = str(path)
    try:
        if path.is_dir():
            raise DraftError(_("{name}: is a folder, not an article").format(name=name))
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_BYTES:
                raise DraftError(
                    _("{name}: too large to be an article ({size} MiB; the limit is 4 MiB)").format(
                        name=name, size=number(size / 2**20, ".1f")
                    )
                )
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise DraftError(_("{name}: no such file").format(name=name)) from None
    except OSError as err:
        raise DraftError(os_message(name, "read", err)) from None
    return draft_bytes(raw, name)
