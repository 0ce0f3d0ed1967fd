"""Every word `workshop` says to a person is marked for translation (issue #27): a string literal
in workshop/ that reads as words, or that is given to a widget, `echo`, an error or a template,
must go through `_()`, `ngettext()`, `N_()` or `pgettext()`, whole: never an f-string of words
around values, never words added to a translation.

The scan reads every Python file and template of the package, so a new literal in any branch fails
here before a German reader meets an English sentence. What is not for readers says why on its own
line (`# not translated: …`) or, for a whole file, in FILES below."""

from __future__ import annotations

import ast
import re
import tokenize
from pathlib import Path

import pytest

import workshop

PACKAGE = Path(workshop.__file__).parent
MARKERS = {"_", "N_", "ngettext", "pgettext"}
# words: two runs of letters with a space between ("no such file", "Vote now")
WORDS = re.compile(r"[^\W\d_]{2,}[,.:;!?'’…)-]*\s+[(\"'“‘]?[^\W\d_]{2,}")
# calls whose text argument a reader sees, whatever it is (a single word too: "Join")
SINKS = {
    "Static",
    "Label",
    "Button",
    "notify",
    "echo",
    "secho",
    "Option",
    "Binding",
    "Header",
    "WorkshopError",
    "_fail",
    "fail",
    "Markdown",
    "Text",
    "Input",
    "Checkbox",
    "RadioButton",
    "Switch",
    "Tab",
    "TabPane",
    "Collapsible",
    "print",
}
SHOWN_KEYWORDS = {"title", "placeholder", "tooltip", "help", "description", "label", "sub_title", "message"}
SHOWN_ATTRIBUTES = SHOWN_KEYWORDS | {"border_title", "border_subtitle"}  # widget.border_title = "Notes"
# keyword arguments that are never read as words
HIDDEN_KEYWORDS = {
    "classes",
    "id",
    "name",
    "key",
    "variant",
    "group",
    "css",
    "action",
    "kind",
    "type",
    "sep",
    "end",
    "encoding",
    "errors",
    "mode",
    "method",
    "content_type",
    "path",
    "prefix",
    "suffix",
    "show",
    "check_markup",
    "metavar",
    "rich_help_panel",
    "expand",
    "justify",
    "style",
    "border_title_align",
    "overflow",
}
# the second argument of these is a rich style
STYLED = {"_say", "append", "stylize"}
# calls whose string arguments are for the program, a log or a developer
HIDDEN_CALLS = {
    "compile",
    "match",
    "search",
    "sub",
    "fullmatch",
    "findall",
    "split",
    "finditer",
    "startswith",
    "endswith",
    "get",
    "pop",
    "setdefault",
    "getattr",
    "hasattr",
    "setattr",
    "query_one",
    "query",
    "query_exactly_one",
    "add_class",
    "remove_class",
    "has_class",
    "set_class",
    "toggle_class",
    "debug",
    "info",
    "warning",
    "exception",
    "log",
    "getLogger",
    "AssertionError",
    "AttributeError",
    "TypeError",
    "RuntimeError",
    "NotImplementedError",
    "KeyError",
    "ValueError",
    "replace",
    "strip",
    "rstrip",
    "lstrip",
    "index",
    "find",
    "count",
    "Path",
    "open",
    "join_path",
    "environ",
    "getenv",
    "encode",
    "decode",
    "bind",
    "run_action",
    "post_message",
    "call_later",
    "set_interval",
    "Column",
    "add_column",
    "cast",
    "TypeVar",
    "NewType",
    "namedtuple",
    "field",
    "add_route",
    "add_get",
    "add_post",
    "route",
    "get_template",
    "Option",
    "Argument",
    "plural",
    "changed",
}
# whole files with no words for readers, and why
FILES = {
    "i18n.py": "the language machinery itself",
    "draft/phrases.py": "the drafter's words for the room, in the article's own language (four of them)",
    "draft/writer.py": "the draft module's own text and its CHECK comments: the author's file, content beside "
    "the article's language, which module language variants translate, not the interface",
    "draft/polls.py": "the draft's polls and their CHECK comments, in the module file like writer.py's",
    "draft/toml_text.py": "the draft's TOML text and its step CHECK comments, in the module file like writer.py's",
    "draft/points.py": "the draft's CHECK reasons, written into the module file by writer.py",
    "draft/byline.py": "patterns that read bylines in four languages",
    "draft/dates.py": "patterns that read dates and reading times in four languages",
    "engine/date_words.py": "the words a due date is typed in, four languages' each, read as typed and given "
    "as examples in the reader's own",
    "draft/keywords.py": "stop words in four languages, never shown as they are",
}


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


STYLE = re.compile(
    r"^(?:(?:not )?(?:bold|dim|italic|underline|reverse|strike|blink)|on|[a-z]+|#[0-9a-f]{6})"
    r"(?: (?:(?:not )?(?:bold|dim|italic|underline|reverse|strike|blink)|on|[a-z_]+|#[0-9a-f]{6}))*$"
)
RICH_WORDS = {"bold", "dim", "italic", "underline", "reverse", "strike", "blink"}


def _looks_like_style(node: ast.IfExp) -> bool:
    """`"bold reverse yellow" if x else "bold reverse green"`: rich styles, not words."""
    sides = [s.value for s in (node.body, node.orelse) if isinstance(s, ast.Constant) and isinstance(s.value, str)]
    return bool(sides) and all(STYLE.match(s) and RICH_WORDS & set(s.split()) for s in sides if s)


def _name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _exempt_lines(source: str) -> set[int]:
    """Lines a `# not translated: …` comment covers: its own and the statement's lines below it."""
    lines = set()
    for token in tokenize.generate_tokens(iter(source.splitlines(keepends=True)).__next__):
        if token.type == tokenize.COMMENT and token.string.startswith("# not translated:"):
            lines.add(token.start[0])
    return lines


def _parents(tree: ast.AST) -> dict[int, ast.AST]:
    return {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _covered(node: ast.AST, parents: dict[int, ast.AST], exempt: set[int]) -> bool:
    """Whether a `# not translated:` comment sits on a line of the statement holding `node`."""
    while not isinstance(node, ast.stmt) and id(node) in parents:
        node = parents[id(node)]
    first, last = node.lineno, getattr(node, "end_lineno", node.lineno) or node.lineno
    return any(first - 1 <= line <= last for line in exempt)


def _context(node: ast.AST, parents: dict[int, ast.AST]) -> str:
    """Why a literal at `node` is not for readers ("" when nothing says it is not)."""
    child, parent = node, parents.get(id(node))
    while parent is not None:
        if isinstance(parent, ast.IfExp) and child is not parent.test and _looks_like_style(parent):
            return "a style"
        if isinstance(parent, ast.Compare | ast.Subscript | ast.match_case | ast.MatchValue):
            return "compared or looked up"
        if (
            isinstance(parent, ast.arg)
            or child is getattr(parent, "returns", None)
            or isinstance(parent, ast.AnnAssign)
            and child is parent.annotation
        ):
            return "an annotation"
        if isinstance(parent, ast.keyword):
            if parent.arg in HIDDEN_KEYWORDS:
                return f"{parent.arg}="
            if parent.arg in SHOWN_KEYWORDS:
                return ""
        if isinstance(parent, ast.Call):
            if _name(parent) in MARKERS:
                return "marked"
            if _name(parent) in HIDDEN_CALLS and child is not parent.func:
                return f"{_name(parent)}()"
            if _name(parent) in STYLED and len(parent.args) > 1 and child is parent.args[1]:
                return "a style"
            if _name(parent) in SINKS:
                return ""
        if isinstance(parent, ast.Dict) and any(k is child for k in parent.keys):
            return "a key"
        if isinstance(parent, ast.stmt):
            return ""
        child, parent = parent, parents.get(id(parent))
    return ""


def _in_sink(node: ast.AST, parents: dict[int, ast.AST]) -> bool:
    """Whether `node` is the text a sink shows: its first argument (a binding's third), or a
    keyword a reader sees."""
    child, parent = node, parents.get(id(node))
    while isinstance(parent, ast.JoinedStr | ast.BinOp | ast.FormattedValue | ast.IfExp):
        child, parent = parent, parents.get(id(parent))
    if isinstance(parent, ast.keyword):
        return parent.arg in SHOWN_KEYWORDS
    if not isinstance(parent, ast.Call) or _name(parent) not in SINKS:
        return False
    at = 2 if _name(parent) == "Binding" else 0
    return len(parent.args) > at and parent.args[at] is child


def _marked(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and _name(node) in MARKERS


def _words(text: str) -> str:
    """`text` less its markup (an HTML tag, an entity), which is never translated."""
    return re.sub(r"<[^>]*>|&\w+;", " ", text)


def hits(source: str) -> list[tuple[ast.AST, str]]:
    """Every literal in `source` a reader would see untranslated, and every translation that is
    assembled from fragments: the node and what is wrong with it."""
    tree = ast.parse(source)
    docs, parents, exempt = _docstrings(tree), _parents(tree), _exempt_lines(source)
    found: list[tuple[ast.AST, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            words = _words("".join(v.value for v in node.values if isinstance(v, ast.Constant)))
            if (
                (WORDS.search(words) or re.search(r"[^\W\d_]{3}", words))
                and not _context(node, parents)
                and not _covered(node, parents, exempt)
            ):
                found.append((node, f"words around values (an f-string): {words[:60]!r}"))
            if (
                any(isinstance(v, ast.FormattedValue) and _marked(v.value) for v in node.values)
                and words.strip()
                and not _covered(node, parents, exempt)
            ):
                found.append((node, f"a translation inside an f-string of words: {words[:60]!r}"))
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            if any(
                _marked(one) and (_marked(other) or isinstance(other, ast.Constant) and isinstance(other.value, str))
                for one, other in ((node.left, node.right), (node.right, node.left))
            ) and not _covered(node, parents, exempt):
                found.append((node, "a translation added to words"))
        elif (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
            and re.search(r"[^\W\d_]{2}", node.value.value)
            and any(isinstance(t, ast.Attribute) and t.attr in SHOWN_ATTRIBUTES for t in node.targets)
            and not _covered(node, parents, exempt)
        ):
            found.append((node, f"not marked: {node.value.value[:60]!r}"))  # widget.border_title = "Notes"
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
            parent = parents.get(id(node))
            if isinstance(parent, ast.JoinedStr):
                continue  # the f-string is judged whole
            text = _words(node.value)
            shown = _in_sink(node, parents) and re.search(r"[^\W\d_]{2}", text)
            if (WORDS.search(text) or shown) and not _context(node, parents) and not _covered(node, parents, exempt):
                found.append((node, f"not marked: {text[:60]!r}"))
    return found


def scan(source: str, where: str = "") -> list[str]:
    """`hits` as lines: `where:line: what`."""
    return [f"{where}:{node.lineno}: {what}" for node, what in hits(source)]  # type: ignore[attr-defined]


TEXT_IN_TEMPLATE = re.compile(r">\s*([^<>{}]*?[^\W\d_]{2,}[^<>{}]*?)\s*<")
ATTRIBUTE = re.compile(r'\b(?:placeholder|title|aria-label|alt)="([^"{}]*[^\W\d_]{2,}[^"{}]*)"')


def scan_template(source: str, where: str = "") -> list[str]:
    """Words written into a template outside `{{ _(…) }}` and `{% trans %}`."""
    stripped = re.sub(r"{%\s*trans\b.*?{%\s*endtrans\s*%}", "", source, flags=re.DOTALL)
    stripped = re.sub(r"<(script|style)\b.*?</\1>|{#.*?#}|{{.*?}}|{%.*?%}", "", stripped, flags=re.DOTALL)
    found = []
    for pattern in (TEXT_IN_TEMPLATE, ATTRIBUTE):
        for match in pattern.finditer(stripped):
            text = re.sub(r"{{.*?}}|{%.*?%}|&\w+;", "", match.group(1)).strip()
            if re.search(r"[^\W\d_]{2}", text):
                line = stripped[: match.start()].count("\n") + 1
                found.append(f"{where}:~{line}: not marked: {text[:60]!r}")
    return found


JS_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"|\'((?:[^\'\\\n]|\\.)*)\'|`((?:[^`\\]|\\.)*)`')


def scan_script(source: str, where: str = "") -> list[str]:
    """Words in the page's script: it shows only what the page gives it, translated (data-*)."""
    found = []
    for number, line in enumerate(source.splitlines(), 1):
        if "// not translated:" in line:
            continue
        code = line.split("//", 1)[0]  # a comment is for whoever reads the script
        for match in JS_STRING.finditer(code):
            text = next(g for g in match.groups() if g is not None)
            if WORDS.search(text):
                found.append(f"{where}:{number}: not marked: {text[:60]!r}")
    return found


@pytest.mark.slow
def test_every_word_in_the_package_is_marked_for_translation() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative not in FILES:
            found += scan(path.read_text("utf-8"), relative)
    for path in sorted(PACKAGE.rglob("templates/*.html")):
        found += scan_template(path.read_text("utf-8"), path.relative_to(PACKAGE).as_posix())
    for path in sorted(PACKAGE.rglob("static/*.js")):
        found += scan_script(path.read_text("utf-8"), path.relative_to(PACKAGE).as_posix())
    assert found == [], f"{len(found)} strings not marked:\n" + "\n".join(found)


@pytest.mark.parametrize(
    "source",
    [
        'Static("Waiting for the facilitator")',
        'raise WorkshopError(f"{path}: no such session")',
        'Button("Join", id="join")',
        'typer.echo("Session ended.")',
        'def f():\n    return "the poll is closed"',
        'notify(_("Saved") + " " + name)',
        "label = f\"{_('Votes')}: {n}\"",
        'typer.Option("--lang", help="The language of the report.")',
        'self.border_title = "Notes"',
    ],
)
def test_the_scan_finds_unmarked_words(source: str) -> None:
    assert scan(source) != []


@pytest.mark.parametrize(
    "source",
    [
        'Static(_("Waiting for the facilitator"))',
        'raise WorkshopError(_("{path}: no such session").format(path=path))',
        'Button(_("Join"), id="join")',
        'text = ngettext("{n} vote", "{n} votes", n).format(n=n)',
        'Static("", classes="hint dim")',
        'if kind == "next week": pass',
        'HINT = N_("Press n to start")',
        'log.debug("reading the file")',
        '# not translated: a TOML comment in the file\nLINE = "# written by workshop"',
        'typer.Option("--lang", help=N_("The language of the report."))',
    ],
)
def test_the_scan_passes_marked_or_hidden_text(source: str) -> None:
    assert scan(source) == []


def test_the_script_scan_finds_words_the_page_did_not_give() -> None:
    assert scan_script('said.textContent = "At most " + most + ": untick one first.";') != []
    assert scan_script('said.textContent = said.dataset.said.replace("{max}", most);  // "At most 2: untick"') == []


def test_the_template_scan_finds_words_outside_trans() -> None:
    assert scan_template("<p>Your name</p>") != []
    assert scan_template('<input placeholder="Your name">') != []
    assert scan_template("<p>{{ _('Your name') }}</p><p>{% trans %}Join{% endtrans %}</p>") == []
