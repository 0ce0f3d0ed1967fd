"""Participant text is untrusted. Names, notes and answers go through vote, note and report and
come back as typed, less control characters (and, in names, invisible characters), and never as
markup or terminal escapes."""

from __future__ import annotations

import itertools
import re
import tomllib
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.cli.conftest import MODULE_ID, Workshop, write_module
from tests.support import polls_plan
from workshop import sessions
from workshop.content import library
from workshop.content.model import Plan
from workshop.engine import events
from workshop.engine.text import clean
from workshop.sessions import people


def without_controls(text: str) -> str:
    """The input less C0 and C1 control characters, newline and tab kept (written out here, not
    borrowed from the code under test)."""
    return "".join(ch for ch in text if ch in "\n\t" or not (ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F))


# Invisible in a name: zero-width characters and bidi controls (marks, embeddings, overrides,
# isolates). A name loses them, so "Ana" and "Ana\u200b" are one person; notes keep them.
INVISIBLE = (
    "\u200b\u200c\u200d\u2060\ufeff"  # zero-width
    "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)  # bidi


# Unicode's Default_Ignorable_Code_Point among letters and marks (PropList.txt's
# Other_Default_Ignorable_Code_Point and Variation_Selector): they draw as nothing
IGNORABLE_LETTERS = (
    "\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180f\u3164\uffa0"
    + "".join(map(chr, range(0xFE00, 0xFE10)))
    + "".join(map(chr, range(0xE0100, 0xE01F0)))
)


def drawn(text: str) -> bool:
    """Whether `text` has a character that draws: not a space, a format character or another
    of the code points that render as nothing (a note of only those is as empty as nothing)."""
    return any(
        not ch.isspace()
        and unicodedata.category(ch) not in ("Cc", "Cf", "Cs")
        and ch not in IGNORABLE_LETTERS
        and "FILLER" not in unicodedata.name(ch, "")
        for ch in text
    )


def as_a_name(text: str) -> str:
    """What a typed name is stored as (written out here, not borrowed from the code under test):
    compatibility-normalised (NFKC: a fullwidth "Ａ" is "A"), keeping letters, marks and digits
    (less those that draw as nothing), single spaces and - ' ’ . , & ( ), and no mark at the start
    of a word; "" when nothing with a letter or a digit is left (refused)."""
    kept = "".join(
        " "
        if ch.isspace() or unicodedata.category(ch) == "Zs"
        else ch
        if ch in "-'\u2019.,&()" or (unicodedata.category(ch)[0] in "LMN" and ch not in IGNORABLE_LETTERS)
        else ""
        for ch in unicodedata.normalize("NFKC", text)
    )
    words = [
        word.lstrip("".join(c for c in word if unicodedata.category(c)[0] == "M"))
        for word in unicodedata.normalize("NFKC", kept).split()
    ]
    name = " ".join(" ".join(words).split())
    return name if any(unicodedata.category(ch)[0] in "LN" for ch in name) else ""


MARKUP = {
    "click": "[@click=app.quit]Ana[/]",
    "bold": "[bold red]x[/]",
    "link": "[link=https://evil]y[/link]",
    "md-link": "[click me](javascript:alert(1))",
}
ESCAPES = {
    "ansi-colour": "\x1b[31mred\x1b[0m",
    "osc-title": "\x1b]0;title\x07",
    "c1-csi": "C1 \x9b2J control",
    "bell-nul-del": "a\x07b\x7fc",
}
SCRIPTS = {
    "rtl-override": "\u202eevil\u202c txt",
    "arabic": "مرحبا بالفريق",
    "hebrew": "שלום לכולם",
    "combining": "e\u0301te\u0301 and a\u0308",
    "emoji": "👍 🎉",
    "emoji-zwj": "👩🏽‍💻 👨‍👩‍👧‍👦 🏳️‍🌈",
}
HOSTILE = {**MARKUP, **ESCAPES, **SCRIPTS}
NOTES_ONLY = {"tab-newline": "tab\there\nand a new line\n\nand a paragraph", "mixed": "[b]\x1b[1mBOLD\x1b[0m[/b] ‮x"}


def assert_file_is_clean_toml(path: Path) -> dict:
    raw = path.read_bytes()
    assert b"\x1b" not in raw
    assert "\x9b".encode() not in raw and b"\x07" not in raw and b"\x7f" not in raw
    return tomllib.loads(raw.decode("utf-8"))


def unescape_md(md: str) -> str:
    return re.sub(r"\\([^\w\s])", r"\1", md).replace("  \n", "\n")


@pytest.mark.parametrize("text", list((HOSTILE | NOTES_ONLY).values()), ids=list(HOSTILE | NOTES_ONLY))
def test_a_note_comes_back_exactly_less_control_characters(ws: Workshop, text: str) -> None:
    path = ws.started_at()
    ws.ok("note", "s", text)
    data = ws.report()
    assert [n["text"] for n in data["notes"]] == [without_controls(text)]
    assert data["notes"][0]["author"] == "facilitator"
    events = assert_file_is_clean_toml(path)["events"]
    assert [e["text"] for e in events if e["type"] == "note"] == [without_controls(text)]


@pytest.mark.parametrize("name", list(HOSTILE.values()), ids=list(HOSTILE))
def test_a_voters_name_comes_back_as_a_name_keeps_it(ws: Workshop, name: str) -> None:
    """Markup, escapes and scripts in a name: its letters, digits and a little punctuation are
    kept as typed; emoji alone are no name."""
    path = ws.started_at("pick")
    if not as_a_name(name):
        ws.refused("vote", "s", "--name", name, "Coaching", says="needs a letter or a digit")
        return
    ws.ok("vote", "s", "--name", name, "Coaching")
    ws.ok("vote", "s", "--name", name, "Quality")  # the same person again
    data = ws.report()
    assert [p["name"] for p in data["participants"]] == [as_a_name(name)]
    assert ws.poll("pick")["ballots"] == 1
    events = assert_file_is_clean_toml(path)["events"]
    assert {e["name"] for e in events if e["type"] in ("join", "ballot")} == {as_a_name(name)}


# shown as nothing too: soft hyphen, grapheme joiner, invisible operators, Mongolian vowel
# separator, a variation selector, a tag, Hangul fillers (a hostile review found each of them)
LOOK_ALIKE = ["\u00ad", "\u034f", "\u2061", "\u2064", "\u180e", "\ufe0f", "\U000e0041", "\u3164", "\u115f"]


@pytest.mark.parametrize("invisible", list(INVISIBLE) + LOOK_ALIKE, ids=lambda ch: f"U+{ord(ch):04X}")
def test_names_differing_only_by_invisible_characters_are_one_person(ws: Workshop, invisible: str) -> None:
    ws.started_at("pick")
    ws.ok("vote", "s", "--name", "Ana", "Coaching")
    ws.ok("vote", "s", "--name", f"Ana{invisible}", "Quality")  # Ana again: her ballot replaced
    ws.ok("note", "s", "--name", f"{invisible}ana", "hello")
    data = ws.report()
    assert [p["name"] for p in data["participants"]] == ["Ana"]
    assert ws.rows("pick") == {"Coaching": 0, "Planning": 0, "Quality": 1}
    assert [n["author"] for n in data["notes"]] == ["Ana"]


# each a name drawn like "Ana", "HOPE", … with letters of another script (Cyrillic, Greek,
# Armenian, Cherokee) or Latin variants: on a screen, in a report, on a phone, one cannot tell
# them from the first (a capital and its small letter may look like two Latin letters: Η, η)
DRAWN_ALIKE = {
    "Ana": ["\u0410na", "An\u0430", "\u0391na", "\u0410N\u0410", "A\u03b7a", "\u0251na", "\u13aaNA"],
    "HOPE": ["\u041d\u041e\u0420\u0415", "\u0397\u039f\u03a1\u0395"],
    "Nik": ["\u039dik", "N\u0131k", "N\u0456k"],
    "Dave": ["D\u03b1\u03bde", "Da\u0475e"],
    "Lucy": ["L\u03c5cy", "L\u03bccy", "L\u057dcy"],
    "Ivan": ["\u04c0van"],
    "Bob": ["B\u0585b"],
    "Sam": ["\u054fam", "\u13daam"],
    "Paul": ["Pa\u057dl", "\u13e2aul"],
    "Greg": ["Gre\u0261"],
    "Kim": ["\u13e6im"],
}


@pytest.mark.parametrize(
    ("name", "alike"),
    [(n, a) for n, alikes in DRAWN_ALIKE.items() for a in alikes],
    ids=lambda v: v.encode("unicode_escape").decode(),
)
def test_a_name_drawn_alike_in_another_script_is_taken(ws: Workshop, name: str, alike: str) -> None:
    """Nobody can pass for a participant with look-alike letters: the name counts as taken, and
    becoming its holder needs the rejoin code, as for the same name typed plainly."""
    ws.started_at("pick")
    ws.ok("vote", "s", "--name", name, "Coaching")
    refused = ws.refused("note", "s", "--name", alike, "I am Ana", says="is taken")
    assert "rejoin code" in refused
    data = ws.report()
    assert [p["name"] for p in data["participants"]] == [name]
    assert data["notes"] == []


def test_anonymous_cannot_be_taken_with_letters_drawn_alike(ws: Workshop) -> None:
    ws.started_at("pick")
    ws.refused("vote", "s", "--name", "anonym\u03bf\u03c5s", "Coaching", says="cannot be a participant's name")


def test_a_session_holding_names_drawn_alike_from_before_lets_each_rejoin_as_themselves(tmp_path: Path) -> None:
    """A file written before look-alike names counted as one may hold "Ana" and "Аna": each
    still comes back with their own rejoin code, under exactly the name they joined with."""
    path = sessions.create(polls_plan(), tmp_path, "s")
    live = sessions.Session.open(path)
    latin = live.join("Ana")
    cyrillic = people.newcomer("\u0410na")
    with live.changing() as write:  # as the writer before the change let it through
        write(events.JoinEvent(participant=cyrillic.token, name=cyrillic.name, proof=cyrillic.proof))
    again = sessions.Session.open(path)
    assert again.rejoin("\u0410na", cyrillic.code).token == cyrillic.token
    assert again.rejoin("Ana", latin.code).token == latin.token


def test_names_of_other_scripts_that_draw_no_latin_name_still_join(ws: Workshop) -> None:
    """Only letters drawn alike are one: a Greek and a Russian name beside Latin ones join as themselves."""
    ws.started_at("pick")
    for name in ("Ana", "\u0391\u03b8\u03b7\u03bd\u03ac", "\u0410\u043d\u043d\u0430", "Anja"):
        ws.ok("vote", "s", "--name", name, "Coaching")
    assert [p["name"] for p in ws.report()["participants"]] == [
        "Ana",
        "\u0391\u03b8\u03b7\u03bd\u03ac",
        "\u0410\u043d\u043d\u0430",
        "Anja",
    ]


@pytest.mark.parametrize(
    "name", [n for n in HOSTILE.values() if as_a_name(n)], ids=[k for k, n in HOSTILE.items() if as_a_name(n)]
)
def test_a_notes_author_comes_back_as_a_name_keeps_it(ws: Workshop, name: str) -> None:
    path = ws.started_at()
    ws.ok("note", "s", "--name", name, "--action", "hello")
    note = ws.report()["notes"][0]
    assert (note["author"], note["text"], note["action"]) == (as_a_name(name), "hello", True)
    assert_file_is_clean_toml(path)


@pytest.mark.parametrize("answer", list(HOSTILE.values()), ids=list(HOSTILE))
def test_a_text_answer_comes_back_exactly_less_control_characters(ws: Workshop, answer: str) -> None:
    path = ws.started_at("word")
    ws.ok("vote", "s", "--name", "Ana", answer)
    rows = ws.poll("word")["results"]["rows"]
    assert [(r["label"], r["value"]) for r in rows] == [(without_controls(answer), 1)]
    assert_file_is_clean_toml(path)


@pytest.mark.parametrize("text", list((HOSTILE | NOTES_ONLY).values()), ids=list(HOSTILE | NOTES_ONLY))
def test_markdown_shows_hostile_text_literally(ws: Workshop, text: str) -> None:
    ws.started_at("word")
    name = " ".join(text.split())[:40] if as_a_name(" ".join(text.split())[:40]) else "Ana"
    ws.ok("note", "s", "--name", name, "--action", text)
    ws.ok("vote", "s", "--name", name, " ".join(text.split())[:60])
    md = ws.ok("report", "s", "--format", "md").stdout
    assert "\x1b" not in md and "\x9b" not in md and "\x07" not in md
    # the report's own text has no brackets: every one there came from a participant and is
    # escaped, so no Markdown viewer turns it into a link
    assert not re.search(r"(?<!\\)[\[\]]", md), md
    note_lines = md.split("## Notes", 1)[1]
    actions = md.split("## Action items", 1)[1].split("\n## ", 1)[0]
    # and unescaped, the reader sees exactly what was typed (less control characters)
    assert without_controls(text) in unescape_md(note_lines)
    assert without_controls(text) in unescape_md(actions)
    assert as_a_name(name) in unescape_md(note_lines)


def test_the_md_markup_cases_are_escaped_with_backslashes(ws: Workshop) -> None:
    ws.started_at()
    ws.ok("note", "s", MARKUP["click"])
    ws.ok("note", "s", MARKUP["md-link"])
    md = ws.ok("report", "s").stdout
    assert r"\[@click=app\.quit\]Ana\[/\]" in md
    assert r"\[click me\]\(javascript:alert\(1\)\)" in md


# ------------------------------------------------------------------------------------- limits


def test_a_note_of_2000_characters_is_kept_and_2001_refused(ws: Workshop) -> None:
    ws.started_at()
    ws.ok("note", "s", "x" * 2000)
    line = ws.refused("note", "s", "y" * 2001, says="at most 2000 characters")
    assert "2001" in line
    ws.ok("note", "s", "z" * 2000 + "\x1b")  # the limit counts what is kept
    assert [len(n["text"]) for n in ws.report()["notes"]] == [2000, 2000]


def test_a_name_of_40_characters_is_kept_and_41_refused(ws: Workshop) -> None:
    ws.started_at("pick")
    ws.ok("vote", "s", "--name", "n" * 40, "Coaching")
    ws.refused("vote", "s", "--name", "m" * 41, "Coaching", says="at most 40 characters")
    ws.refused("note", "s", "--name", "m" * 41, "hello", says="at most 40 characters")
    ws.refused("vote", "s", "--name", "é" * 41, "Coaching", says="at most 40 characters")
    assert [p["name"] for p in ws.report()["participants"]] == ["n" * 40]
    assert ws.poll("pick")["ballots"] == 1


# what draws as nothing is as empty as nothing: zero-width spaces, a joiner, a BOM, a Hangul filler
@pytest.mark.parametrize(
    "body",
    ["", " ", " \n\t ", "\x1b\x07", "\x9b\x1b", "\x00", "\u200b\u200b", " \u200d\u2060\ufeff\n\u3164 "],
    ids=repr,
)
def test_an_empty_note_is_refused(ws: Workshop, body: str) -> None:
    ws.started_at()
    ws.refused("note", "s", body, says="cannot be empty")
    assert ws.report()["notes"] == []


@pytest.mark.parametrize("name", ["", "   ", "\x1b\x07", "\t\n"], ids=repr)
def test_an_empty_name_is_refused(ws: Workshop, name: str) -> None:
    ws.started_at("pick")
    ws.refused("vote", "s", "--name", name, "Coaching", says="name cannot be empty")
    ws.refused("note", "s", "--name", name, "hello", says="name cannot be empty")
    assert ws.report()["participants"] == []


# --------------------------------------------------------------------- properties, via the API

_names = itertools.count()


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Plan:
    module = write_module(tmp_path_factory.mktemp("content"))
    return library.plan_for(library.load([module]), MODULE_ID)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("sessions")


def _started(plan: Plan, folder: Path) -> sessions.Session:
    path = sessions.create(plan, folder, f"p{next(_names)}")
    live = sessions.Session.open(path)
    live.start()
    return live


@settings(max_examples=50, deadline=None, database=None)
@given(note=st.text())
@pytest.mark.slow
def test_any_note_is_refused_or_kept_exactly_cleaned(plan: Plan, folder: Path, note: str) -> None:
    live = _started(plan, folder)
    before = live.path.read_bytes()
    try:
        live.note(None, note)
    except sessions.SessionError as err:
        kept = clean(note).strip()
        drawn = [
            ch for ch in kept if not ch.isspace() and unicodedata.category(ch) != "Cf" and ch not in IGNORABLE_LETTERS
        ]
        assert not drawn or len(kept) > 2000, (note, err)
        assert live.path.read_bytes() == before
        return
    notes = sessions.Session.open(live.path).state().notes
    assert [n.text for n in notes] == [clean(note).strip()]
    assert_file_is_clean_toml(live.path)


@settings(max_examples=50, deadline=None, database=None)
@given(name=st.text(max_size=60), note=st.text(min_size=1, max_size=30).filter(lambda t: drawn(clean(t))))
@pytest.mark.slow
def test_any_name_is_refused_or_kept_exactly_cleaned(plan: Plan, folder: Path, name: str, note: str) -> None:
    live = _started(plan, folder)
    before = live.path.read_bytes()
    try:
        live.note(name, note)
    except sessions.SessionError:
        kept = as_a_name(name)
        assert not kept or len(kept) > 40 or reads_as_reserved(kept), name
        assert live.path.read_bytes() == before
        return
    state = sessions.Session.open(live.path).state()
    assert [(n.name, n.text) for n in state.notes] == [(as_a_name(name), clean(note).strip())]
    assert [p.name for p in state.participants] == [as_a_name(name)]
    assert_file_is_clean_toml(live.path)


def reads_as_reserved(name: str) -> bool:
    """Letters only, lower case, accents off: does it hold "facilitator" or "anonymous"?"""
    letters = "".join(ch for ch in unicodedata.normalize("NFKD", name.casefold()) if ch.isalnum())
    return "facilitator" in letters.replace("1", "i") or "anonymous" in letters.replace("0", "o")


def test_nobody_can_join_as_the_facilitator_or_as_anonymous(tmp_path: Path) -> None:
    """A participant named "facilitator" would pass their notes off as the facilitator's."""
    path = sessions.create(polls_plan(), tmp_path, "s")
    live = sessions.Session.open(path)
    live.start()
    for name in ("facilitator", " Facilitator ", "ANONYMOUS"):
        with pytest.raises(sessions.SessionError, match="cannot be a participant's name"):
            live.note(name, "hello")
        with pytest.raises(sessions.SessionError, match="cannot be a participant's name"):
            live.newcomer(name)
    assert live.state().participants == () and live.state().notes == ()
