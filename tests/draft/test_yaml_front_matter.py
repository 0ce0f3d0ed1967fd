"""Front matter written with YAML's other features, as site generators' templates and note apps write
it: anchors and aliases (`&who` / `*who`), merge keys (`<<: *base`), tags (`!!str`), quoted keys,
nulls, escapes in double quotes, and a title folded over several lines. The fields the drafter uses
(title, author, publisher, language) read as a YAML reader gives them; an alias to nothing leaves its
field empty, and "*a" or "&a" is never shown as a name. Written for these tests."""

from __future__ import annotations

import time

import pytest

from workshop.draft import draft_bytes
from workshop.draft.article import read_article
from workshop.draft.frontmatter import yaml_fields

BODY = (
    "\nCoaching sticks when it is short and regular.\n\n## Coach weekly\n\nTen minutes a week beats an hour a quarter."
    "\n\n## Ask first\n\nLet the agent say what went well before you say anything.\n"
)

CASES = {
    "scalar-alias": ("defaults: &who Jo Example\ntitle: Coaching That Sticks\nauthor: *who\n", "Jo Example", ""),
    "anchor-on-author": ("title: Coaching That Sticks\nauthor: &a Jo Example\npublisher: *a\n", "Jo Example", ""),
    "mapping-alias": (
        "people:\n  jo: &jo\n    name: Jo Example\n    url: https://example.org/jo\n"
        "title: Coaching That Sticks\nauthor: *jo\n",
        "Jo Example",
        "",
    ),
    "list-alias": (
        "team: &team\n  - Jo Example\n  - Sam Other\ntitle: Coaching That Sticks\nauthors: *team\n",
        "Jo Example, Sam Other",
        "",
    ),
    "item-alias": (
        "lead: &lead Jo Example\ntitle: Coaching That Sticks\nauthors:\n  - *lead\n  - Sam Other\n",
        "Jo Example, Sam Other",
        "",
    ),
    "flow-alias": ("lead: &lead Jo Example\ntitle: Coaching That Sticks\nauthors: [*lead, Sam Other]\n", "", ""),
    "merge": (
        "base: &base\n  name: Contact Centre Weekly\n  url: https://example.org\n"
        "title: Coaching That Sticks\nauthor: Jo Example\npublisher:\n  <<: *base\n  url: https://example.org/x\n",
        "Jo Example",
        "Contact Centre Weekly",
    ),
    "merge-overridden": (
        "base: &base\n  name: Old Name\ntitle: Coaching That Sticks\nauthor: Jo Example\n"
        "publisher:\n  <<: *base\n  name: Contact Centre Weekly\n",
        "Jo Example",
        "Contact Centre Weekly",
    ),
    "tags": (
        "title: !!str Coaching That Sticks\nauthor: !person Jo Example\nsite: !!str Service Notes\n",
        "Jo Example",
        "Service Notes",
    ),
    "tag-and-anchor": (
        "title: Coaching That Sticks\nauthor: !!str &a Jo Example\nsite: &s !!str Service Notes\n",
        "Jo Example",
        "Service Notes",
    ),
    "unknown-alias": ("title: Coaching That Sticks\nauthor: *nobody\npublisher: *nothing\n", "", ""),
    "self-alias": ("title: Coaching That Sticks\nauthor: &me\n  name: *me\n", "", ""),
    "nulls": ("title: Coaching That Sticks\nauthor: ~\npublisher: null\n", "", ""),
    "quoted-keys": ("\"title\": Coaching That Sticks\n'author': Jo Example\n", "Jo Example", ""),
    "folded-title": ('title: Coaching That\n  Sticks\nauthor: "Jo\n  Example"\n', "Jo Example", ""),
    "escapes": ('title: "Coaching That Sticks"\nauthor: "Jo\\tEx\\u0061mple\\e"\n', "Jo Example", ""),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_front_matter_reads_as_a_yaml_reader_gives_it(name: str) -> None:
    front, author, publisher = CASES[name]
    text = f"---\n{front}---\n{BODY}"
    article = read_article(text.encode(), f"{name}.md")
    assert article.title == "Coaching That Sticks", name
    if name == "flow-alias":
        author = "Jo Example, Sam Other"
    assert article.author == author, name
    assert article.publisher == publisher, name
    drafted = draft_bytes(text.encode(), f"{name}.md")
    assert "*" not in article.author + article.publisher and "&" not in article.author + article.publisher
    assert "*nobody" not in drafted and "*me" not in drafted and "!!str" not in drafted and "\x1b" not in drafted


def test_a_quoted_star_is_a_name_s_text_as_yaml_reads_it() -> None:
    assert yaml_fields("author: '*a'\n")["author"] == "*a"


@pytest.mark.load
def test_aliases_of_aliases_are_bounded() -> None:
    """A "billion laughs" of nested aliases is expanded no further than a bound, in time."""
    lines = ["a0: &a0\n  - lol\n  - lol\n"]
    lines += [f"a{i}: &a{i}\n" + "".join(f"  - *a{i - 1}\n" for _ in range(9)) for i in range(1, 12)]
    start = time.monotonic()
    fields = yaml_fields("".join(lines) + "title: Still Read\nauthor: *a11\n")
    assert fields["title"] == "Still Read"
    assert time.monotonic() - start < 5


@pytest.mark.load
@pytest.mark.parametrize(
    "line",
    [
        "a" + " " * 200_000 + "b",
        "author: " + "!a " * 200_000 + "Jo",
        "a" + " :" * 200_000,
        "authors: [" + ", " * 200_000,
    ],
    ids=["spaces", "tags", "colons", "flow"],
)
def test_a_long_front_matter_line_is_read_in_time(line: str) -> None:
    start = time.monotonic()
    yaml_fields(f"title: Still Read\n{line}\n")
    assert time.monotonic() - start < 5  # a line with no key was read again from every position


def test_a_flow_list_of_aliases_to_one_long_scalar_is_bounded() -> None:
    """Each alias in a flow list ('[*a, *a, …]') adds its scalar: 10,000 of them to a 10,000-character
    title made a 100-million-character field (half a gigabyte for a 50 kB article); they are taken
    from the same bound as every other alias."""
    text = "title: &a " + "x" * 10_000 + "\ntags: [" + ", ".join(["*a"] * 10_000) + "]\nauthor: Jo\n"
    fields = yaml_fields(text)
    assert fields["author"] == "Jo"
    assert len(fields["tags"]) <= 5 * len(text) + 10_000


@pytest.mark.load
def test_block_anchors_nested_deep_are_read_in_time() -> None:
    """Each open block anchor holds every line after it: 2,000 nested ones (2 MB, under the 4 MiB an
    article may have) were copied into one another, cubic in their depth (20 s and more)."""
    nested = "\n".join(" " * i + f"k{i}: &a{i}" for i in range(2_000))
    start = time.monotonic()
    fields = yaml_fields(f"{nested}\n{' ' * 2_000}v: x\ntitle: Still Read\n")
    assert fields["title"] == "Still Read"
    assert time.monotonic() - start < 5
