"""Modules in several languages (`[variants.LANG]`, docs/format.md#languages): what `validate`
says of a variant that is malformed or incomplete, `validate --lang`, the two bundled modules
complete in German and Spanish, and the variants kept in a session header's frozen copy."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.content.samples import MODULE, run_validate, write
from workshop.content import document, frozen, languages, schema
from workshop.content import lacking as lacks
from workshop.content.library import catalog
from workshop.content.problems import Invalid

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
TRANSLATED = ["four-steps-collaboration", "three-leadership-traits"]

# The sample module (tests/content/samples.py: 'welcome', a talk step on lines 11-16, and 'vote',
# a single poll with options Coaching and Planning on lines 18-28), given in German from line 30.
GERMAN = [
    "",  # 29
    "[variants.de]",  # 30
    'title = "Vertrauen zuerst"',  # 31
    'summary = "Ein kurzes Modul."',  # 32
    "",  # 33
    "[[variants.de.steps]]",  # 34
    'id = "welcome"',  # 35
    'title = "Willkommen"',  # 36
    'prompt = "Hallo."',  # 37
    "",  # 38
    "[[variants.de.steps]]",  # 39
    'id = "vote"',  # 40
    'title = "Abstimmung"',  # 41
    'prompt = "Jetzt abstimmen."',  # 42
    "",  # 43
    "[variants.de.steps.poll]",  # 44
    'question = "Was zuerst?"',  # 45
    'options = ["Coaching", "Planung"]',  # 46
]
BILINGUAL = MODULE + "\n".join(GERMAN[1:]) + "\n"


def german(changes: dict[int, list[str]]) -> str:
    """BILINGUAL with line N (29-46) replaced by changes[N]: [] deletes it."""
    lines = MODULE.rstrip("\n").split("\n") + GERMAN
    for number in sorted(changes, reverse=True):
        lines[number - 1 : number] = changes[number]
    return "\n".join(lines) + "\n"


def problems(text: str) -> list[str]:
    try:
        schema.check_module(document.parse(text.encode(), "m.toml"))
    except Invalid as err:
        return [str(p) for p in err.problems]
    return []


def lacking(text: str, lang: str | None = None) -> list[str]:
    doc = document.parse(text.encode(), "m.toml")
    return [str(p) for p in lacks.missing(doc, schema.check_module(doc), lang)]


def test_a_module_in_two_languages_is_valid_and_its_summary_names_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "m.toml", BILINGUAL)
    code, lines = run_validate(tmp_path, monkeypatch, "m.toml")
    assert code == 0 and lines == [
        "m.toml: ok: module 'probe-trust', 2 steps, 10 min, votes: single, languages: en, de"
    ]
    code, lines = run_validate(tmp_path, monkeypatch, "--lang", "de", "m.toml")
    assert code == 0 and lines[0].endswith("languages: en, de, complete in German")


def test_validate_lang_names_a_module_not_given_in_that_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "m.toml", BILINGUAL)
    code, lines = run_validate(tmp_path, monkeypatch, "--lang", "es", "m.toml")
    assert code == 2
    assert lines == [
        "m.toml:1:1: not in Spanish: a reader of it sees the module in English (give its texts in [variants.es])"
    ]
    code, lines = run_validate(tmp_path, monkeypatch, "--lang", "not a tag", "m.toml")
    assert code != 0 and "not a language tag" in "\n".join(lines)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({42: []}, "m.toml:39:1: variants.de: step 'vote': no German prompt (the English one is on line 23)"),
        ({36: []}, "m.toml:34:1: variants.de: step 'welcome': no German title (the English one is on line 13)"),
        ({45: []}, "m.toml:44:1: variants.de: step 'vote': no German poll question (the English one is on line 26)"),
        ({46: []}, "m.toml:44:1: variants.de: step 'vote': no German poll options (the English one is on line 28)"),
        ({32: []}, "m.toml:30:1: variants.de: no German summary (the English one is on line 3)"),
        (
            {34: [], 35: [], 36: [], 37: [], 38: []},
            "m.toml:11:1: variants.de: step 'welcome' is not given in German: no title or prompt "
            "(add [[variants.de.steps]] with id = 'welcome')",
        ),
    ],
)
def test_every_missing_text_is_named_where_it_belongs(changes: dict[int, list[str]], expected: str) -> None:
    text = german(changes)
    assert problems(text) == []  # a variant that leaves a text out is well formed: it runs, in English there
    assert lacking(text) == [expected]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({36: ['titel = "Willkommen"']}, "m.toml:36:1: variants.de: unknown key 'titel' (did you mean 'title'?)"),
        (
            {41: ["minutes = 6"]},
            "m.toml:41:1: variants.de: 'minutes' is the same in every language: give it once, in the module itself",
        ),
        ({40: ['id = "vot"']}, "m.toml:40:1: variants.de: no step 'vot' in this module (did you mean 'vote'?)"),
        (
            {46: ['options = ["Coaching"]']},
            "m.toml:46:1: variants.de: step 'vote': poll: needs 2 options, one for each of the poll's own in the same "
            "order, has 1",
        ),
        (
            {46: ['options = ["Planning", "Coaching"]']},
            "m.toml:46:1: variants.de: step 'vote': poll: option 'Planning' is also option 2: in every language an "
            "option's label must name that option only",
        ),
        (
            {37: ['prompt = ""']},
            "m.toml:37:1: variants.de: step 'welcome': 'prompt' must not be empty (leave it out to say it in the "
            "first language)",
        ),
        (
            {37: ['prompt = "Hallo."', "[variants.de.steps.poll]", 'question = "Was?"']},
            "m.toml:38:1: variants.de: step 'welcome': only a poll step has a poll (this step's kind is 'talk')",
        ),
        (
            {30: ["[variants.en]"]},
            "m.toml:30:1: variants.en: 'en' is the module's own language: its texts are the module's",
        ),
        (
            {30: ['[variants."deutsch!"]']},
            "m.toml:30:1: variants: 'deutsch!' must be a language tag such as 'de', 'es' or 'pt-BR'",
        ),
    ],
)
def test_a_malformed_variant_is_refused_at_its_line(changes: dict[int, list[str]], expected: str) -> None:
    assert expected in problems(german(changes))


def test_a_language_tag_ending_in_a_newline_is_refused() -> None:
    """A tag is matched whole: "de" and a newline is no language (a trailing newline once passed)."""
    said = problems(german({30: ['[variants."de\\n"]']}))
    assert any(p.endswith("variants: 'de\\n' must be a language tag such as 'de', 'es' or 'pt-BR'") for p in said), said


def test_scale_labels_and_rounds_are_checked_against_the_step() -> None:
    text = MODULE.replace(
        'vote = "single"\noptions = ["Coaching", "Planning"]',
        'vote = "scale"\nmin = 0\nmax = 5\nlabels = { 0 = "never", 5 = "always" }',
    )
    text += (
        '\n[[variants.de.steps]]\nid = "vote"\n[variants.de.steps.poll]\nlabels = { 0 = "nie", 3 = "oft" }\n'
        '[[variants.de.steps.rounds]]\nlabel = "Allein"\n'
    )
    found = problems(text)
    assert any("label for 3 stands for no label of the poll's own (it labels 0, 5)" in p for p in found)
    assert any("this step has no rounds" in p for p in found)


@pytest.mark.parametrize("module", TRANSLATED)
@pytest.mark.parametrize("lang", ["de", "es"])
def test_the_two_translated_seeds_are_complete(
    module: str, lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, lines = run_validate(tmp_path, monkeypatch, "--lang", lang, str(SEEDS / f"{module}.toml"))
    assert code == 0, lines
    assert lines[0].endswith(f"languages: en, de, es, complete in {languages.called(lang)}")


def test_deleting_a_german_prompt_names_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The issue's own check: `validate --lang de` on a translated module whose German prompt is gone."""
    text = (SEEDS / "three-leadership-traits.toml").read_text("utf-8")
    start = text.index('[[variants.de.steps]]\nid = "invest"')
    prompt = text.index('prompt = """', start)
    end = text.index('"""\n', prompt + len('prompt = """')) + 4
    broken = text[:prompt] + text[end:]
    write(tmp_path, "traits.toml", broken)
    code, lines = run_validate(tmp_path, monkeypatch, "--lang", "de", "traits.toml")
    line = broken[:start].count("\n") + 1
    english = text[: text.index('prompt = """', text.index('id = "invest"'))].count("\n") + 1
    assert code == 2
    assert lines == [
        f"traits.toml:{line}:1: variants.de: step 'invest': no German prompt (the English one is on line {english})"
    ]
    code, lines = run_validate(tmp_path, monkeypatch, "--lang", "es", "traits.toml")
    assert code == 0, lines  # Spanish is still whole


def test_an_agenda_with_lang_names_each_module_not_in_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, lines = run_validate(tmp_path, monkeypatch, "--lang", "de", str(SEEDS / "agendas"))
    assert code == 2
    named = sorted(re.findall(r"module '([a-z-]+)' is not in German", "\n".join(lines)))
    assert named == ["audacious-operations", "back-on-the-floor", "five-service-lessons", "work-at-home-heroes"]
    assert any(line.endswith("short-45', 1 modules, 45 min, every module in German") for line in lines)


def test_the_bundled_translations_keep_every_option_and_key_of_the_english() -> None:
    """Same ids, same number of options in the same places, the facilitator's keys in the notes."""
    for module_id in TRANSLATED:
        module = catalog().modules[module_id]
        for lang in ("de", "es"):
            shown = languages.module_in(module, lang)
            for own, said in zip(module.steps, shown.steps, strict=True):
                assert said.title != own.title and said.prompt != own.prompt, (module_id, lang, own.id)
                assert re.findall(r"\*\*[a-zA-Z]\*\*", said.notes) == re.findall(r"\*\*[a-zA-Z]\*\*", own.notes)
                if own.poll is not None:
                    assert said.poll is not None and said.poll.question != own.poll.question
                    assert len(said.poll.options) == len(own.poll.options)
                    assert [v for v, _ in said.poll.labels] == [v for v, _ in own.poll.labels]


# ---------------------------------------------------------------------------------------- frozen


def test_a_session_header_keeps_the_variants_and_checks_them() -> None:
    lib = catalog()
    plan = lib.plan("short-45")
    data = frozen.freeze(plan)
    assert frozen.problems(data) == []
    assert frozen.thaw(data).modules == plan.modules  # every language comes back
    variant = data["modules"][0]["variants"]["de"]
    poll = next(s for s in variant["steps"] if s["id"] == "hardest-step")["poll"]
    poll["options"] = poll["options"][:2]  # a hand-edited header
    assert any("needs 4 options" in p for p in frozen.problems(data))


def test_a_module_made_in_code_freezes_what_still_fits() -> None:
    """A poll given fewer options on the day (a follow-up's revote on the top ones) keeps its
    question in every language and drops option labels that no longer match."""
    from dataclasses import replace

    plan = catalog().plan("short-45")
    module = plan.modules[0]
    steps = tuple(
        replace(s, poll=replace(s.poll, options=s.poll.options[:2])) if s.id == "hardest-step" else s
        for s in module.steps
    )
    plan = replace(plan, modules=(replace(module, steps=steps),))
    data = frozen.freeze(plan)
    assert frozen.problems(data) == []
    thawed = frozen.thaw(data).modules[0].step("hardest-step")
    assert thawed is not None and thawed.poll is not None
    german_poll = languages.poll_in(thawed.poll, "de")
    assert german_poll.question.startswith("Ordnen Sie") and german_poll.options == thawed.poll.options


# ------------------------------------------------------------------------------------- properties

TEXTS = [31, 32, 36, 37, 41, 42, 45, 46]  # each German text of BILINGUAL, by line


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sets(st.sampled_from(TEXTS)))
def test_each_text_left_out_is_reported_once(removed: set[int]) -> None:
    """Whatever German texts are left out, the module still runs (in English where they are
    missing), and validate reports exactly one problem for each, inside the file."""
    text = german({n: [] for n in removed})
    assert problems(text) == []
    found = lacking(text)
    assert len(found) == len(removed), found
    last = text.count("\n")
    assert all(1 <= int(p.split(":")[1]) <= last for p in found)
    assert all(re.search(r"no German|not given in German", p) for p in found)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            [
                "[variants.de]\n",
                "[[variants.de.steps]]\n",
                "[variants.de.steps.poll]\n",
                "[[variants.de.steps.rounds]]\n",
                "[variants]\n",
                'id = "vote"\n',
                'id = "welcome"\n',
                "id = 3\n",
                'title = "T"\n',
                'prompt = ""\n',
                'options = ["A", "B"]\n',
                'options = "A"\n',
                'labels = { 1 = "x" }\n',
                'question = "Q"\n',
                'label = "L"\n',
                "notes = 1\n",
                'steps = "x"\n',
                "[variants.es]\n",
                '"de" = 1\n',
                "minutes = 3\n",
            ]
        ),
        max_size=12,
    ).map("".join)
)
def test_any_variant_tables_give_problems_or_a_module_never_a_crash(tail: str) -> None:
    text = MODULE + "\n" + tail
    try:
        doc = document.parse(text.encode(), "m.toml")
        module = schema.check_module(doc)
    except Invalid as err:
        assert all(1 <= p.line <= text.count("\n") + 1 and p.message.isprintable() for p in err.problems)
        return
    for lang, _ in module.variants:
        assert languages.module_in(module, lang).steps  # every language it declares can be shown
    assert all(p.message.isprintable() for p in lacks.missing(doc, module))


def test_an_agenda_gives_its_title_in_other_languages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.content.samples import AGENDA

    write(tmp_path, "probe.toml", BILINGUAL)
    summed = AGENDA.replace('title = "A morning"', 'title = "A morning"\nsummary = "Two steps."')
    write(tmp_path, "agendas/day.toml", summed + '\n[variants.de]\ntitle = "Ein Vormittag"\n')
    code, lines = run_validate(tmp_path, monkeypatch, "agendas/day.toml")
    assert code == 2 and lines == ["agendas/day.toml:9:1: variants.de: no German summary for the agenda"]
    code, lines = run_validate(tmp_path, monkeypatch, "--lang", "es", "agendas/day.toml")
    assert code == 2 and lines[:2] == [
        "agendas/day.toml:1:1: variants.es: no Spanish title for the agenda",
        "agendas/day.toml:2:1: variants.es: no Spanish summary for the agenda",
    ]
    assert "module 'probe-trust' is not in Spanish" in lines[2]
    data = frozen.freeze(catalog().plan("short-45"))
    assert data["variants"]["es"]["title"] == "De ceder a colaborar: una sesión de 45 minutos"
    assert frozen.thaw(data).agenda.variants == catalog().plan("short-45").agenda.variants
    data["variants"]["es"]["title"] = 45  # a hand-edited header
    assert frozen.problems(data) == ["agenda: its titles in other languages are not text"]
