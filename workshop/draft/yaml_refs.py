"""YAML's references in front matter, resolved as a YAML reader resolves them, line by line, before the
fields are read (draft/frontmatter.py): an anchor (`&a`) and a tag (`!!str`, `!person`) are taken off
the value they mark, an alias (`*a`) is replaced by the value its anchor marks (a scalar, a flow list,
or the indented block under it), and a merge (`<<: *a`) adds the anchored mapping's keys after the
mapping's own, which win. An alias to no anchor (or to its own, still open) leaves its field empty:
never "*a" as a name. Expansion is bounded, so aliases of aliases cannot blow up ("billion laughs"), nor
many aliases of one long scalar in a flow list; and so is how deep block anchors nest (each open one
holds every line after it), so that front matter is read in time linear in its length."""

from __future__ import annotations

import re

# indentation, "- " marks, then a key (plain or quoted) and its colon; what follows is the value
# (each part ends where the next cannot begin, so a long line without a key is read once, not again
# from every position)
_NODE = re.compile(
    r"^([ \t]*(?:-[ \t]+)*(?:(?:\"[^\"]*\"|'[^']*'|[^\s\"'#:\-](?:[^#:\n]|:(?=[^ \t\n]))*):(?:[ \t]+|$))?)(.*)$"
)
_PROPERTIES = re.compile(r"^(?:(?:&[^\s,\[\]{}]+|![^\s,\[\]{}]*)(?:[ \t]+|$))+")
_ANCHOR = re.compile(r"&([^\s,\[\]{}]+)")
_ALIAS = re.compile(r"^\*([^\s,\[\]{}]+)[ \t]*(?:#.*)?$")
MAX_OPEN = 16  # block anchors open at once, one inside the other; one deeper is an alias to nothing
_IN_FLOW = re.compile(
    r"(?<=[\[{,:])([ \t]*)(?:&[^\s,\[\]{}\"']+|![^\s,\[\]{}\"']*)[ \t]+|(?<=[\[,])([ \t]*)\*([^\s,\[\]{}]+)"
)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _key_column(prefix: str) -> int:
    """Where a line's key (or its list item's value) begins: after its indentation and "- " marks."""
    return len(prefix) - len(prefix.lstrip(" \t-"))


def resolve(text: str) -> list[str]:
    """The front matter's lines with anchors and tags taken off and aliases and merges replaced."""
    budget = [4 * len(text) + 10_000]  # characters aliases may add in all
    out: list[str] = []
    anchors: dict[str, list[str]] = {}  # name -> its block's lines, or one line (a scalar or flow)
    inline: set[str] = set()  # the anchors whose value is one line
    opened: list[tuple[str, int, int]] = []  # block anchors still open: name, its line in `out`, its column
    merges: list[tuple[int, list[str]]] = []  # merged keys, written when their mapping ends
    for line in text.split("\n"):
        if not line.strip() or line.lstrip().startswith("#"):
            out.append(line)
            continue
        indent = _indent(line)
        _close(opened, out, anchors, indent, line.lstrip().startswith("-"))
        while merges and indent < merges[-1][0]:
            out.extend(merges.pop()[1])
        m = _NODE.match(line)
        assert m is not None  # every line matches: its prefix may be empty
        prefix, value = m.group(1), m.group(2)
        column = _key_column(prefix)
        anchor = ""
        if p := _PROPERTIES.match(value):  # tags and anchors before the value: the last anchor names it
            anchor = next((a.group(1) for a in reversed(list(_ANCHOR.finditer(p.group())))), "")
            value = value[p.end() :]
        if value.startswith(("[", "{")):
            value = _IN_FLOW.sub(lambda f: _in_flow(f, anchors, inline, budget), value)
        if a := _ALIAS.match(value):
            lines = _spent(anchors.get(a.group(1), []), budget)
            if a.group(1) in inline:
                value = lines[0] if lines else ""
            elif prefix.strip() == "<<:":
                merges.append((column, [" " * column + x for x in lines]))
                continue
            else:
                out.extend(_block_alias(prefix, column, lines))
                continue
        if anchor:
            _anchored(
                anchor,
                value,
                (len(out), column if prefix.rstrip().endswith(":") else column + 1),
                anchors,
                inline,
                opened,
            )
        out.append(prefix + value)
    while merges:
        out.extend(merges.pop()[1])
    return out


def _anchored(
    anchor: str,
    value: str,
    where: tuple[int, int],
    anchors: dict[str, list[str]],
    inline: set[str],
    opened: list[tuple[str, int, int]],
) -> None:
    """An anchor on a line: its value when the line has one, else the block under it (`where`: the
    line's place in the output and the block's column), read when the block ends."""
    if value.strip():
        anchors[anchor] = [value.strip()]
        inline.add(anchor)
        return
    inline.discard(anchor)
    if len(opened) >= MAX_OPEN:
        anchors.pop(anchor, None)  # nested too deep to be a page's: its aliases give nothing
    else:
        opened.append((anchor, *where))


def _close(
    opened: list[tuple[str, int, int]], out: list[str], anchors: dict[str, list[str]], indent: int, item: bool
) -> None:
    """The block anchors a line at `indent` ends: their blocks' lines, less their indentation. Under a
    key, a list may start at the key's own column (`item`: the line is a list item)."""
    while opened and (indent < opened[-1][2] or (indent == opened[-1][2] and not item)):
        name, start, _ = opened.pop()
        block = [b for b in out[start + 1 :] if b.strip()]
        least = min((_indent(b) for b in block), default=0)
        anchors[name] = [b[least:] for b in block]


def _block_alias(prefix: str, column: int, lines: list[str]) -> list[str]:
    """An alias to a block: the block under the key, or as the list item ("- *a")."""
    if lines and not prefix.rstrip().endswith(":"):
        return [prefix + lines[0], *(" " * len(prefix) + x for x in lines[1:])]
    return [prefix.rstrip(), *(" " * (column + 2) + x for x in lines)]


def _spent(lines: list[str], budget: list[int]) -> list[str]:
    """`lines` an alias adds, taken from what the aliases may still add in all; none past it."""
    size = sum(len(x) for x in lines)
    if size > budget[0]:
        budget[0] = 0
        return []
    budget[0] -= size
    return lines


def _in_flow(found: re.Match[str], anchors: dict[str, list[str]], inline: set[str], budget: list[int]) -> str:
    """In a flow list or mapping, an anchor or a tag taken off, an alias replaced by its scalar (each
    taken from the aliases' budget)."""
    if found.group(3) is None:
        return found.group(1)
    value = "".join(_spent(anchors[found.group(3)], budget)) if found.group(3) in inline else ""
    return found.group(2) + ("" if value.startswith(("[", "{")) else value)
