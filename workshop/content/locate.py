"""Where a key sits in a TOML text, so schema problems can say `path:line:col` like a compiler.

tomllib gives values, not positions. This scanner walks the text once, following table headers,
arrays of tables and `key = value` lines (skipping strings, comments and multi-line values) and
records the line and column where each key path first appears. A path is a tuple of keys and
array indexes: ("steps", 2, "poll", "cap"). It is a best effort for well-formed TOML; a path it
cannot find falls back to its nearest recorded parent, and failing that to 1:1.
"""

from __future__ import annotations

import tomllib

Path = tuple[str | int, ...]
Position = tuple[int, int]

_BARE = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


class Locator:
    def __init__(self, text: str) -> None:
        self._positions: dict[Path, Position] = {}
        _Scanner(self._positions).scan(text)

    def find(self, path: Path) -> Position:
        """Position of `path`, or of its nearest parent the scanner saw, or 1:1."""
        for end in range(len(path), 0, -1):
            if (pos := self._positions.get(tuple(path[:end]))) is not None:
                return pos
        return (1, 1)


def _parse_keys(line: str, i: int) -> tuple[list[str], int]:
    """Read a dotted key starting at line[i]; return its parts and the index after it."""
    keys: list[str] = []
    n = len(line)
    while i < n:
        while i < n and line[i] in " \t":
            i += 1
        if i >= n:
            break
        ch = line[i]
        if ch in "\"'":
            end = i + 1
            while end < n and line[end] != ch:
                end += 2 if (ch == '"' and line[end] == "\\") else 1
            keys.append(_unescaped(line[i : end + 1]) if ch == '"' else line[i + 1 : end])
            i = end + 1
        elif ch in _BARE:
            start = i
            while i < n and line[i] in _BARE:
                i += 1
            keys.append(line[start:i])
        else:
            break
        while i < n and line[i] in " \t":
            i += 1
        if i < n and line[i] == ".":
            i += 1
            continue
        break
    return keys, i


def _unescaped(quoted: str) -> str:
    """A basic string key as TOML reads it ("de\\n" is "de" and a newline), or its raw text if broken."""
    if "\\" not in quoted:
        return quoted[1:-1]
    try:
        return next(iter(tomllib.loads(f"{quoted} = 0")))
    except (tomllib.TOMLDecodeError, StopIteration):
        return quoted[1:-1]


def _escaped(line: str, at: int) -> bool:
    """Whether line[at] follows an odd run of backslashes (so it is an escaped character)."""
    run = 0
    while at - run - 1 >= 0 and line[at - run - 1] == "\\":
        run += 1
    return run % 2 == 1


class _Scanner:
    def __init__(self, positions: dict[Path, Position]) -> None:
        self.positions = positions
        self.table: Path = ()
        self.aot_index: dict[Path, int] = {}  # array-of-tables path -> its current element
        self.open_string: str | None = None  # the delimiter of a multi-line string being read
        self.depth = 0  # brackets and braces open across lines

    def scan(self, text: str) -> None:
        # TOML lines end at \n only; str.splitlines would also split at U+0085, U+2028 …
        for lineno, line in enumerate(text.split("\n"), 1):
            if self.open_string is None and self.depth == 0:
                self._statement(line, lineno)
            else:
                self._skip_value(line, 0)

    def _remember(self, path: Path, lineno: int, col: int) -> None:
        self.positions.setdefault(path, (lineno, col))

    def _resolve(self, keys: list[str]) -> Path:
        """Follow keys from the root, stepping into the current element of arrays of tables."""
        path: Path = ()
        for key in keys:
            path = path + (key,)
            if path in self.aot_index:
                path = path + (self.aot_index[path],)
        return path

    def _statement(self, line: str, lineno: int) -> None:
        stripped = line.lstrip(" \t")
        col = len(line) - len(stripped) + 1
        if not stripped or stripped.startswith("#"):
            return
        if stripped.startswith("[["):
            keys, _ = _parse_keys(stripped, 2)
            if not keys:
                return
            parent = self._resolve(keys[:-1])
            array = parent + (keys[-1],)
            index = self.aot_index.get(array, -1) + 1
            self.aot_index[array] = index
            self._remember(array, lineno, col)
            self.table = array + (index,)
            self._remember(self.table, lineno, col)
            return
        if stripped.startswith("["):
            keys, _ = _parse_keys(stripped, 1)
            if keys:
                self.table = self._resolve(keys)
                self._remember(self.table, lineno, col)
            return
        keys, after = _parse_keys(line, col - 1)
        if not keys:
            return
        for end in range(1, len(keys) + 1):
            self._remember(self.table + tuple(keys[:end]), lineno, col)
        rest = line.find("=", after)
        if rest >= 0:
            self._skip_value(line, rest + 1)

    def _skip_value(self, line: str, i: int) -> None:
        """Walk a value's text, tracking strings and brackets that run on to later lines."""
        n = len(line)
        while i < n:
            if self.open_string is not None:
                close = line.find(self.open_string, i)
                while close > 0 and self.open_string == '"""' and _escaped(line, close):
                    close = line.find(self.open_string, close + 1)
                if close < 0:
                    return
                i = close + 3
                self.open_string = None
                continue
            ch = line[i]
            if ch == "#":
                return
            if line.startswith('"""', i) or line.startswith("'''", i):
                self.open_string = line[i : i + 3]
                i += 3
            elif ch in "\"'":
                end = i + 1
                while end < n and line[end] != ch:
                    end += 2 if (ch == '"' and line[end] == "\\") else 1
                i = end + 1
            elif ch in "[{":
                self.depth += 1
                i += 1
            elif ch in "]}":
                self.depth = max(0, self.depth - 1)
                i += 1
            else:
                i += 1
