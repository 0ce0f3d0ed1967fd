"""`workshop validate`: content and session files checked, one line per problem or a summary per
file (with --watch, again on every save). `draft` and `preview` are in drafts.py."""

import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from workshop.cli import PathOption, app, fail
from workshop.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from workshop.content.library import Library, Loaded
    from workshop.content.problems import Problem


@app.command()
def validate(
    paths: Annotated[list[Path], typer.Argument(help=N_("Module, agenda or session files, or folders of them."))],
    path: PathOption = None,
    watch: Annotated[
        bool, typer.Option("--watch", "-w", help=N_("Validate again on every save, until ctrl+c."))
    ] = False,
    draft: Annotated[bool, typer.Option("--draft", help=N_("Accept modules that still have '# CHECK' lines."))] = False,
    practice: Annotated[bool, typer.Option("--practice", help=N_("Also warn about facilitation norms."))] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help=N_("With --practice: exit 1 when there are warnings."))
    ] = False,
    lang: Annotated[
        Optional[str],
        typer.Option("--lang", metavar="LANG", help=N_("Also require every module to be given in LANG (de, es…).")),
    ] = None,
) -> None:
    """Check content files; print one line per problem (path:line:col: message) and exit 2, or a summary per file."""
    practice = practice or strict  # --strict alone would otherwise be silently ignored
    if lang is not None:
        from workshop.content.languages import TAG
        from workshop.engine.text import said_back

        if not TAG.match(lang):
            raise fail(_("--lang {lang} is not a language tag such as de, es or pt-BR").format(lang=said_back(lang)))
    if watch:
        missing = [str(p) for p in paths if not p.exists()]
        if missing:
            raise fail(_("nothing to watch at {missing}").format(missing=", ".join(missing)))
        _watch(paths, path, draft, practice, lang=lang)
    ok, warned = _validate(paths, path, draft, practice, lang)
    raise typer.Exit(2 if not ok else 1 if strict and warned else 0)


def _validate(
    paths: list[Path], path: list[Path] | None, draft: bool = False, practice: bool = False, lang: str | None = None
) -> tuple[bool, int]:
    """Print each file's problems (and practice warnings), or its summary; (all valid, warnings printed).
    Every module must give each text in every language it declares, and with `lang`, be given in it."""
    from workshop.content import library
    from workshop.engine.text import clean

    lib = library.load(paths, library.search_path(path or ()), library.neighbours(paths))
    ok, warned = True, 0
    for loaded in lib.files:
        doubts: list = []
        if loaded.kind == "session" and not loaded.problems:
            loaded.problems, doubts = _check_session(loaded)
        # a module is always built from its document: `doc` is there whenever `module` is
        if loaded.module is not None and loaded.doc is not None and not draft and (marker := loaded.doc.draft_marker()):
            loaded.problems = [marker]  # an unedited draft must not pass as ready to run
        loaded.problems += _languages(lib, loaded, lang)
        warnings = doubts + (_practice(lib, loaded) if practice else [])
        warned += len(warnings)
        for problem in sorted(loaded.problems + warnings):
            typer.echo(clean(str(problem)))  # messages quote what files hold
        if loaded.problems:
            ok = False
        else:
            typer.echo(
                _("{display}: ok: {summary}").format(display=loaded.display, summary=_summary(lib, loaded, lang))
            )
    return ok, warned


def _languages(lib: "Library", loaded: "Loaded", lang: str | None) -> list["Problem"]:
    """What a module lacks in the languages it declares (and in `lang`); with `lang`, each module an
    agenda runs that is not given in it, at its `module =` line."""
    from workshop.content import lacking, languages

    doc = loaded.doc
    if loaded.module is not None and doc is not None and not loaded.problems:
        absent = lacking.not_in(doc, loaded.module, lang) if lang else None
        return lacking.missing(doc, loaded.module, lang) + ([absent] if absent else [])
    if loaded.agenda is not None and doc is not None and not loaded.problems:
        out = lacking.missing_titles(doc, loaded.agenda, lang)
        if not lang:
            return out
        for index, item in enumerate(loaded.agenda.items):
            module = lib.modules[item.module]
            if not languages.speaks(module, lang):
                out.append(
                    doc.problem(
                        ("modules", index, "module"),
                        _("module {module!r} is not in {language}: its readers would see it in {first}").format(
                            module=item.module,
                            language=languages.called(lang),
                            first=languages.called(languages.first(module)),
                        ),
                    )
                )
        return out
    return []


def _practice(lib: "Library", loaded: "Loaded") -> list["Problem"]:
    """Practice warnings for a module (as written, even when invalid) or a valid agenda (as run)."""
    from workshop.content import practice

    if loaded.doc is not None and loaded.kind == "module":
        return practice.check_module(loaded.doc)
    if loaded.agenda is not None and loaded.doc is not None and not loaded.problems:
        return practice.check_agenda(loaded.doc, lib.plan(loaded.agenda.id), lib.modules)
    return []


def _watch(
    paths: list[Path],
    path: list[Path] | None,
    draft: bool = False,
    practice: bool = False,
    every: float = 0.3,
    lang: str | None = None,
) -> None:
    """Validate, then again whenever a file under `paths` is saved (what it holds changes).
    Polling the files is enough for a person saving by hand, and needs no dependency."""
    import time

    from workshop.content import document, library

    watched = list(dict.fromkeys([*paths, *library.neighbours(paths)]))  # and the modules an agenda uses

    def seen() -> tuple[tuple[Path, ...], tuple[bytes | None, ...]]:
        files = tuple(file for root in watched for file in (library.toml_files(root) if root.is_dir() else [root]))
        return files, document.saved_as(files)

    last = None
    try:
        while True:
            now = seen()
            if now != last:
                last = now
                typer.echo(f"--- {time.strftime('%H:%M:%S')} ---")
                _validate(paths, path, draft, practice, lang)
                sys.stdout.flush()
            time.sleep(every)
    except KeyboardInterrupt:
        raise typer.Exit(0) from None


def _summary(lib: "Library", loaded: "Loaded", lang: str | None = None) -> str:
    from workshop.content import languages

    if loaded.module is not None:
        m = loaded.module
        said = _("module '{id}', {steps} steps, {minutes} min, votes: {value}").format(
            id=m.id, steps=len(m.steps), minutes=m.minutes, value=", ".join(m.vote_kinds) or "none"
        )
        if m.variants:
            said += _(", languages: {languages}").format(languages=", ".join(languages.languages(m)))
        return said + (_(", complete in {language}").format(language=languages.called(lang)) if lang else "")
    if loaded.agenda is not None:
        plan = lib.plan(loaded.agenda.id)
        said = _("agenda '{id}', {modules} modules, {minutes} min").format(
            id=plan.agenda.id, modules=len(plan.modules), minutes=plan.minutes
        )
        return said + (_(", every module in {language}").format(language=languages.called(lang)) if lang else "")
    return _("session '{id}', {events} events, {status}").format(
        id=loaded.session.id, events=loaded.session.events, status=loaded.session.status
    )


def _check_session(loaded: "Loaded") -> tuple[list["Problem"], list["Problem"]]:
    """A session file is valid when the journal reads it, the engine can fold it, and the chain
    of the facilitator's signed events is whole; (problems, warnings)."""
    from workshop import sessions
    from workshop.content.problems import Problem
    from workshop.journal import store

    try:
        opened = sessions.Session.open(loaded.path)
    except sessions.SessionError as err:  # "PATH: why" or "PATH:LINE:COL: why": the place once, as ours
        placed = re.match(re.escape(str(loaded.path)) + r"(?::(\d+):(\d+))?: (.*)", str(err), re.DOTALL)
        if placed is None:
            return [Problem(loaded.display, 1, 1, str(err))], []
        return [Problem(loaded.display, int(placed[1] or 1), int(placed[2] or 1), placed[3])], []
    loaded.session = opened.state()
    found = [Problem(loaded.display, line, col, message) for line, col, message in opened.damage]
    if loaded.session.breaks:
        at = store.positions(loaded.path)
        for n, what in loaded.session.breaks:
            line, col = at[n] if n < len(at) else (1, 1)
            found.append(Problem(loaded.display, line, col, _("event {n}: {what}").format(n=n + 1, what=what)))
    if opened.doubts.cut_short:
        found.append(Problem(loaded.display, 1, 1, opened.doubts.cut_short))
    if forged := loaded.session.forged:
        kinds = ", ".join(sorted({kind for kind, _ in forged}))
        found.append(
            Problem(
                loaded.display,
                1,
                1,
                ngettext(
                    "{n} facilitator event(s) without a valid signature, not obeyed ({kinds}): written by "
                    "hand, copied, or "
                    "the header was rewritten since",
                    "{n} facilitator event(s) without a valid signature, not obeyed "
                    "({kinds}): written by hand, copied, or the header was rewritten since",
                    len(forged),
                ).format(n=len(forged), kinds=kinds),
            )
        )
    said = opened.doubts.unauthenticated
    return found, [Problem(loaded.display, 1, 1, _("warning: {said}").format(said=said))] if said else []
