"""Find content files in folders, load them, and check agendas against the modules they name.

The bundled seeds/ always take part; `--path` folders and WORKSHOP_PATH add to them.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workshop.content import document, schema
from workshop.content.model import Agenda, AgendaItem, Module, Plan
from workshop.content.problems import Invalid, Problem
from workshop.engine.text import escaped
from workshop.errors import WorkshopError
from workshop.i18n import _

DEFAULT_AGENDA = "half-day"
_SESSION_HEAD = re.compile(rb"^\s*\[session\]", re.MULTILINE)


def bundled_seeds() -> Path:
    """The seeds folder: inside an installed wheel, or at the top of a source checkout."""
    packaged = Path(__file__).resolve().parent.parent / "_seeds"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[2] / "seeds"


def search_path(extra: Iterable[Path] = ()) -> list[Path]:
    """Where modules and agendas are looked for: bundled seeds, then WORKSHOP_PATH, then `extra`."""
    folders = [bundled_seeds()]
    folders += [Path(p) for p in os.environ.get("WORKSHOP_PATH", "").split(os.pathsep) if p]
    folders += list(extra)
    return folders


def toml_files(path: Path, recursive: bool = True) -> Iterator[Path]:
    """`path` itself if it is not a folder, else every *.toml in it (or below it), in a stable order."""
    if not path.is_dir():
        yield path
        return
    for root, dirs, files in os.walk(path):
        if not recursive:
            dirs[:] = []
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.endswith(".toml"):
                yield Path(root) / name


@dataclass
class Loaded:
    """One file's outcome: what it is and the model built from it, or its problems."""

    path: Path
    display: str
    kind: str | None = None
    module: Module | None = None
    agenda: Agenda | None = None
    doc: document.Document | None = None
    problems: list[Problem] = field(default_factory=list)
    session: Any = None  # a session file's folded state, filled in by whoever validates it


def _read(path: Path, display: str) -> Loaded:
    loaded = Loaded(path, display)
    try:
        if not path.is_file():
            raise OSError  # a pipe would block, a folder or device cannot be read: `read` says which
        with path.open("rb") as handle:
            head = handle.read(4096)
        if _SESSION_HEAD.search(head):
            # a session file is checked by the journal (checksums, torn blocks), not here
            loaded.kind = "session"
            return loaded
    except OSError:
        pass  # `read` below reports why the file cannot be read
    try:
        loaded.doc = document.read(path, display)
    except Invalid as err:
        loaded.problems = err.problems
        return loaded
    loaded.kind = loaded.doc.kind
    if loaded.kind is None:
        loaded.problems = [
            Problem(display, 1, 1, _("not a module ([[steps]]), an agenda ([[modules]]) or a session ([session])"))
        ]
    elif loaded.kind == "module":
        try:
            loaded.module = schema.check_module(loaded.doc)
        except Invalid as err:
            loaded.problems = err.problems
    return loaded


@dataclass
class Library:
    """Modules and agendas by id, with where they came from and what was wrong."""

    modules: dict[str, Module] = field(default_factory=dict)
    agendas: dict[str, Agenda] = field(default_factory=dict)
    origins: dict[str, str] = field(default_factory=dict)  # "module:id" / "agenda:id" -> display path
    files: list[Loaded] = field(default_factory=list)
    skipped: list[Loaded] = field(default_factory=list)  # broken files met on the search path

    def plan(self, agenda_id: str) -> Plan:
        agenda = self.agendas[agenda_id]
        modules = tuple(self.modules[i.module].with_minutes(dict(i.minutes)) for i in agenda.items)
        return Plan(agenda, modules)

    @property
    def problems(self) -> list[Problem]:
        return [p for f in self.files for p in f.problems]


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop
        return path.absolute()


def _display(path: Path) -> str:
    """How messages name `path` (relative to here when below it), with what does not print
    escaped: a file name made by hand (an escape, a bidi override) never reaches a terminal."""
    try:
        shown = str(_resolved(path).relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        shown = str(path)
    return escaped(shown)


def load(paths: Iterable[Path], search: Iterable[Path] = (), nearby: Iterable[Path] = ()) -> Library:
    """Load every file in `paths`; agendas may also name modules found in the `search` folders
    (and below them) or right in the `nearby` folders.

    Problems are kept only for files in `paths`: a broken module elsewhere on the search path
    just is not available. The search path is read only when there is an agenda to resolve.
    """
    library = Library()
    given = [_read(f, _display(f)) for p in paths for f in _expand(p, library)]
    library.files.extend(given)
    seen_paths = {_resolved(f.path) for f in given}
    extra: list[Loaded] = []
    wanted = not given or any(f.kind == "agenda" for f in given)
    folders = [(f, True) for f in search] + [(f, False) for f in nearby] if wanted else []
    for folder, recursive in folders:
        if folder.is_dir():
            for f in toml_files(folder, recursive):
                if _resolved(f) not in seen_paths:
                    seen_paths.add(_resolved(f))
                    extra.append(_read(f, _display(f)))
    for loaded in given + extra:
        if loaded.module is None:
            continue
        key = f"module:{loaded.module.id}"  # not translated: a key
        if key in library.origins:
            if loaded in given:
                assert loaded.doc is not None  # a module is only ever built from its document
                line, col = loaded.doc.locator.find(("id",))
                used_by = library.origins[key]
                loaded.problems.append(
                    Problem(
                        loaded.display,
                        line,
                        col,
                        _("module id '{id}' is already used by {used_by}").format(id=loaded.module.id, used_by=used_by),
                    )
                )
            continue
        library.origins[key] = loaded.display
        library.modules[loaded.module.id] = loaded.module
    for loaded in given + extra:
        if loaded.kind != "agenda" or loaded.doc is None:
            continue
        agenda_id = loaded.path.stem
        try:
            agenda = schema.check_agenda(loaded.doc, agenda_id, library.modules)
        except Invalid as err:
            loaded.problems = err.problems
            continue
        key = f"agenda:{agenda_id}"  # not translated: a key
        if key in library.origins and loaded in given:
            used_by = library.origins[key]
            loaded.problems = [
                Problem(
                    loaded.display,
                    1,
                    1,
                    _("agenda id '{agenda_id}' (its file name) is already used by {used_by}").format(
                        agenda_id=agenda_id, used_by=used_by
                    ),
                )
            ]
            continue
        if key not in library.origins:
            library.origins[key] = loaded.display
            library.agendas[agenda_id] = agenda
            loaded.agenda = agenda
    library.skipped = [f for f in extra if f.problems]
    return library


def _expand(path: Path, library: Library) -> list[Path]:
    if not path.exists() and not path.is_symlink():
        library.files.append(Loaded(path, str(path), problems=[Problem(str(path), 1, 1, _("no such file or folder"))]))
        return []
    files = list(toml_files(path))
    if path.is_dir() and not files:
        problem = Problem(str(path), 1, 1, _("folder holds no .toml files"))
        library.files.append(Loaded(path, str(path), problems=[problem]))
    return files


def catalog(extra: Iterable[Path] = ()) -> Library:
    """Everything on the search path, for listing and running; broken files are left out."""
    return load([], search_path(extra))


def neighbours(paths: Iterable[Path]) -> list[Path]:
    """Folders an agenda's modules may sit in: its own, and the one above an `agendas/` folder."""
    out: list[Path] = []
    for p in paths:
        base = p if p.is_dir() else p.parent
        for folder in (base, base.parent) if base.name == "agendas" else (base,):
            if folder not in out:
                out.append(folder)
    return out


class UnknownContent(WorkshopError, LookupError):
    """An agenda or module id that is not on the search path; the message is one line."""


def plan_for(lib: Library, ref: str) -> Plan:
    """The plan for an agenda id, or for a module id run on its own."""
    if ref in lib.agendas:
        return lib.plan(ref)
    if ref in lib.modules:
        module = lib.modules[ref]
        return Plan(
            Agenda(module.id, module.title, dt.time(9, 0), (AgendaItem(module.id),), module.summary, module.variants),
            (module,),
        )  # the module's title in its other languages too
    known = sorted(lib.agendas) + sorted(lib.modules)
    close = difflib.get_close_matches(ref, known, n=1)
    hint = (
        _(" (did you mean '{close}'?)").format(close=close[0])
        if close
        else _("; try one of: {known}").format(known=", ".join(known))
    )
    raise UnknownContent(_("no agenda or module {ref!r}{hint}").format(ref=ref, hint=hint))
