"""A `<br>` inside a heading (`<h2>Listen first<br>then coach</h2>`, on a saved page or in Markdown's
HTML) is a break within the heading, read as a space: the heading stays one heading, and the text
after the break is never a paragraph of its own nor the title cut in two."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop.content import document, schema
from workshop.draft import draft_bytes
from workshop.draft.article import read_article

BREAKS = st.sampled_from(["<br>", "<br/>", "<br />", "<BR>", "<br><br>", "<br>\n"])
WORDS = st.lists(
    st.sampled_from(["coach", "the", "queue", "first", "listen", "shift", "calls"]), min_size=1, max_size=4
)
SECTIONS = [
    ("Listen before you talk", "Sit beside the agent for three calls before saying anything about them."),
    ("Name one thing to try", "Pick one behaviour for the next call rather than a list of ten."),
    ("Follow up the same day", "Come back before the shift ends and ask how the new habit went."),
]


def _split(text: str, br: str) -> str:
    words = text.split()
    return " ".join(words[:2]) + br + " ".join(words[2:])


def _page(title: str, br: str) -> str:
    body = "".join(f"<h2>{_split(h, br)}</h2><p>{p}</p>" for h, p in SECTIONS)
    return (
        f'<!DOCTYPE html><html lang="en"><head><title>{title}</title></head><body><article>'
        f"<h1>{_split(title, br)}</h1><p>Coaching on the floor beats coaching in a meeting room.</p>{body}"
        "</article></body></html>"
    )


def _markdown(title: str, br: str) -> str:
    body = "".join(f"<h2>{_split(h, br)}</h2>\n\n{p}\n\n" for h, p in SECTIONS)
    return f"<h1>{_split(title, br)}</h1>\n\nCoaching on the floor beats coaching in a meeting room.\n\n{body}"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(BREAKS, WORDS, st.sampled_from([("coaching.html", _page), ("coaching.md", _markdown)]))
def test_a_br_in_a_heading_keeps_the_heading_whole(br: str, words: list[str], kind: tuple) -> None:
    name, write = kind
    title = " ".join(["Coaching", "agents", *words])
    article = read_article(write(title, br).encode(), name)
    assert article.title == title
    heads = [b.text for b in article.blocks if b.kind == "heading"]
    assert heads == [h for h, _ in SECTIONS]
    assert [b.text for b in article.blocks if b.kind == "para"][0].startswith("Coaching on the floor")


def test_the_draft_titles_its_steps_with_the_whole_headings() -> None:
    drafted = draft_bytes(_page("Coaching agents on the floor", "<br>").encode(), "coaching.html")
    module = schema.check_module(document.parse(drafted.encode(), "draft.toml"))
    assert module.title == "Coaching agents on the floor"
    assert [s.title for s in module.steps if s.kind == "discuss"] == [h for h, _ in SECTIONS]
