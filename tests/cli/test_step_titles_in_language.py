"""What a command says back of a step speaks the reader's language: a German facilitator adding a
note to the collaboration module's second step was told "Notiz … zu „A recent compromise“
hinzugefügt", the English title inside a German line, though the module gives the step in German
(and "skipped", "first" and "(anonymous)" stayed English whatever the language)."""

from __future__ import annotations

from tests.cli.conftest import Workshop

STEP = "four-steps-collaboration/compromise-story"


def _on_the_story(ws: Workshop) -> None:
    ws.ok("new", "short-45", "--name", "s")
    ws.ok("control", "s", "start")
    ws.ok("control", "s", "goto", STEP)


def test_a_note_and_a_skip_name_the_step_in_german(ws: Workshop) -> None:
    _on_the_story(ws)
    said = ws.ok("--lang", "de", "note", "s", "Mehr Coaching").stdout
    assert "zu „Ein Kompromiss aus letzter Zeit“ hinzugefügt" in said, said
    said = ws.ok("--lang", "de", "control", "s", "skip", "four-steps-collaboration/rework").stdout
    assert said.strip().endswith(": übersprungen"), said
    assert "skipped" not in said, said


def test_in_english_the_lines_read_as_before(ws: Workshop) -> None:
    _on_the_story(ws)
    said = ws.ok("note", "s", "More coaching").stdout
    assert "added to “A recent compromise”" in said, said
    said = ws.ok("control", "s", "move", "four-steps-collaboration/rework", "--after", "start").stdout
    assert said.strip().endswith(": now first"), said
    said = ws.ok("control", "s", "skip", "four-steps-collaboration/rework").stdout
    assert said.strip().endswith(": skipped"), said
    assert "already skipped" in ws.run("control", "s", "skip", "four-steps-collaboration/rework").stderr


def test_hiding_answering_and_qa_speak_german_whole(tmp_path) -> None:
    """German read "i1 hidden", "q1 answered" and "Q&A on: …" with an English word, and "is
    already hidden" was put together from pieces no translator saw whole."""
    from tests import by_name
    from tests.cli.test_plain_room import ana_on_ideas
    from workshop import i18n
    from workshop.sessions import SessionError

    s, _ana = ana_on_ideas(tmp_path)
    by_name.idea(s, "Bo", "More coaching")
    with i18n.speaking("de"):
        assert s.hide("i1") == "i1 ausgeblendet"
        try:
            s.hide("i1")
        except SessionError as err:
            assert str(err) == "i1 ist schon ausgeblendet"
        else:
            raise AssertionError("hid it twice")
        assert s.qa(True) == "Fragen an: in jedem Schritt möglich"
        try:  # it read "Fragen sind schon an", half a sentence
            s.qa(True)
        except SessionError as err:
            assert str(err) == "Fragen sind schon eingeschaltet"
        else:
            raise AssertionError("opened Q&A twice")
        by_name.ask(s, "Bo", "Wer entscheidet?")
        assert s.answered("q1") == "q1 beantwortet"
    assert s.hide("i1", on=False) == "i1 shown again"


def test_withdrawing_and_restoring_a_note_speak_spanish_whole(ws: Workshop) -> None:
    """Spanish read "nota withdrawn: …" and "nota back: …": the state was an English word."""
    _on_the_story(ws)
    note = ws.ok("note", "s", "Más coaching").stdout.split()[1]
    said = ws.ok("--lang", "es", "edit", "s", note, "--withdraw").stdout
    assert said.strip() == "nota retirada: «Más coaching»", said
    said = ws.ok("--lang", "es", "edit", "s", note, "--restore").stdout
    assert said.strip() == "nota recuperada: «Más coaching»", said


def test_reopening_a_session_says_its_state_in_german(ws: Workshop, monkeypatch) -> None:
    """`workshop run --last` in German said "(running, bei 'Ein Kompromiss …'": the session's
    state was the file's own English word inside a German line."""
    from workshop.cli import running

    _on_the_story(ws)
    monkeypatch.setattr(running, "show_screen", lambda make: None)  # the screen is not what is tested
    said = ws.ok("--lang", "de", "run", "--last").stderr
    assert "(läuft, bei „Ein Kompromiss aus letzter Zeit“" in said, said
    assert "running" not in said, said
