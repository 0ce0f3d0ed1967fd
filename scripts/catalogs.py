"""The interface's catalogs: every marked message in workshop/ into each language's .po file, and
each .po compiled to the .mo file gettext reads (workshop/locale/LANG/LC_MESSAGES/).

    python scripts/catalogs.py          # extract, update every .po (new messages empty, stale ones
                                        # dropped), compile every .mo
    python scripts/catalogs.py --check  # exit 1 and list what a catalog lacks or holds stale

The .po files are the source: translators edit them; the .mo files are committed beside them so an
installed `workshop` needs nothing to build (tests/test_i18n_catalogs.py checks they match).

What is marked: `_("…")`, `N_("…")`, `ngettext("…", "…", n)` and `pgettext("ctx", "…")` in Python;
the docstring of each command (`@app.command`), which is its help; `_("…")`, `ngettext(…)` and
`{% trans %}` in the phone page's templates. Babel reads and writes the catalogs (its plural rules
per language); extraction is ours, by Python's own parser, so a docstring or a `help=` is found too.
"""

from __future__ import annotations

import ast
import io
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "workshop"
LOCALE = PACKAGE / "locale"
TRANSLATED = ("de", "es", "fr")  # English is the source
MARKERS = {"_": (0,), "N_": (0,), "ngettext": (0, 1), "pgettext": (1,)}

Key = str | tuple[str, str]  # a message, or its singular and plural
Found = dict[tuple[str | None, Key], list[tuple[str, int]]]  # (context, message) -> where


def _text(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _is_command(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    return any(
        isinstance(d, ast.Call) and isinstance(d.func, ast.Attribute) and d.func.attr == "command"
        for d in node.decorator_list
    )


def python_messages(path: Path) -> Iterator[tuple[str | None, Key, int]]:
    """(context, message, line) of every marked message in one Python file."""
    tree = ast.parse(path.read_text("utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and _is_command(node):
            doc = ast.get_docstring(node)
            if doc:
                yield None, doc, node.lineno
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        if name not in MARKERS or not node.args:
            continue
        texts = [_text(node.args[i]) if i < len(node.args) else None for i in MARKERS[name]]
        if any(t is None for t in texts):
            continue
        if name == "ngettext":
            yield None, (texts[0], texts[1]), node.lineno  # type: ignore[arg-type]
        elif name == "pgettext":
            yield _text(node.args[0]), texts[0], node.lineno  # type: ignore[misc]
        else:
            yield None, texts[0], node.lineno  # type: ignore[misc]


def template_messages(path: Path) -> Iterator[tuple[str | None, Key, int]]:
    """(None, message, line) of every marked message in one Jinja2 template."""
    import jinja2

    env = jinja2.Environment(extensions=["jinja2.ext.i18n"])
    for line, function, message in env.extract_translations(path.read_text("utf-8")):
        if isinstance(message, tuple):  # a call with values: ("… %(n)s …", None), or ngettext's two forms
            if function == "ngettext":
                yield None, (message[0], message[1]), line
            elif isinstance(message[0], str):
                yield None, message[0], line
        elif isinstance(message, str):
            yield None, message, line


def extract() -> Found:
    """Every marked message in workshop/, with where each is."""
    found: Found = {}
    files = sorted(PACKAGE.rglob("*.py")) + sorted((PACKAGE / "web" / "templates").glob("*.html"))
    for path in files:
        reader = template_messages if path.suffix == ".html" else python_messages
        for context, message, line in reader(path):
            found.setdefault((context, message), []).append((str(path.relative_to(ROOT)), line))
    return found


def template() -> object:
    """The extracted messages as a Babel catalog (the .pot)."""
    from babel.messages.catalog import Catalog

    pot = Catalog(project="workshop", domain="workshop", fuzzy=False)
    for (context, message), where in sorted(extract().items(), key=lambda kv: kv[1][0]):
        pot.add(
            message, locations=where, context=context, flags=("python-brace-format",) if "{" in str(message) else ()
        )
    return pot


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "workshop.po"


def read(lang: str) -> object:
    from babel.messages.pofile import read_po

    path = po_path(lang)
    if not path.exists():
        from babel.messages.catalog import Catalog

        return Catalog(locale=lang, project="workshop", domain="workshop", fuzzy=False)
    with path.open("rb") as f:
        return read_po(f, locale=lang)


def compiled(catalog: object) -> bytes:
    from babel.messages.mofile import write_mo

    out = io.BytesIO()
    write_mo(out, catalog)  # type: ignore[arg-type]
    return out.getvalue()


def problems(lang: str) -> list[str]:
    """What `lang`'s catalog lacks (a marked message untranslated or absent), holds stale (a
    message no longer marked) or compiles differently from its committed .mo."""
    wanted = {(c, m) for c, m in extract()}
    catalog = read(lang)
    have = {(msg.context, msg.id): msg for msg in catalog if msg.id}  # type: ignore[attr-defined]
    found = [f"{lang}: missing: {m!r}" for c, m in sorted(wanted - have.keys(), key=str)]
    found += [f"{lang}: stale: {m!r}" for c, m in sorted(have.keys() - wanted, key=str)]
    for key in sorted(wanted & have.keys(), key=str):
        msg = have[key]
        strings = msg.string if isinstance(msg.string, tuple) else (msg.string,)
        if not all(strings) or msg.fuzzy:
            found.append(f"{lang}: untranslated: {key[1]!r}")
    mo = po_path(lang).with_suffix(".mo")
    if not mo.exists() or mo.read_bytes() != compiled(catalog):
        found.append(f"{lang}: {mo.name} does not match its .po: run scripts/catalogs.py")
    return found


def update() -> None:
    """Every .po brought up to the source's messages, and every .mo compiled from its .po."""
    from babel.messages.pofile import write_po

    pot = template()
    for lang in TRANSLATED:
        catalog = read(lang)
        created = catalog.creation_date  # type: ignore[attr-defined]
        catalog.update(pot, no_fuzzy_matching=True)  # type: ignore[attr-defined]
        # the header says who and what, never when: a catalog changes only when its messages do
        catalog.creation_date = catalog.revision_date = created  # type: ignore[attr-defined]
        catalog.project, catalog.version = "workshop", ""  # type: ignore[attr-defined]
        catalog.last_translator = catalog.language_team = "workshop's engineers"  # type: ignore[attr-defined]
        catalog.copyright_holder = "workshop's engineers"  # type: ignore[attr-defined]
        path = po_path(lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as f:
            write_po(f, catalog, width=100, ignore_obsolete=True, include_previous=False)  # type: ignore[arg-type]
        path.with_suffix(".mo").write_bytes(compiled(read(lang)))


def main(argv: list[str]) -> int:
    if "--check" in argv:
        found = [p for lang in TRANSLATED for p in problems(lang)]
        print("\n".join(found) or "every catalog is complete")
        return 1 if found else 0
    update()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
