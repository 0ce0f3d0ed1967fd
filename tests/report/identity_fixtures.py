"""Two recorded sessions for the byte-identity test (test_identity.py), and every report the code
made of them when they were recorded:

    python -m tests.report.identity_fixtures     # writes tests/report/expected/

`notes` is notes-heavy and ended; `ballots` is ballot-heavy (re-votes, a revote round, a reset,
late and invalid ballots) and still running, so it is read with a fixed clock. Both run the
default agenda (every poll kind it has), through the verbs where the facilitator acts (signed)
and straight to the journal in bulk where participants do, with hostile and right-to-left text,
action items, an inserted break, a skipped and a moved step, a forged event, a served address,
and the room's contributions (ideas merged and hidden, options frozen from them, questions with
upvotes, Q&A switched on and off, hands raised and called, reactions).

Record again only to take in a deliberate change in what a report says: the stored outputs are
the guard that speed work changes no byte (issue #18).
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from pathlib import Path

from workshop import report, sessions
from workshop.content import catalog
from workshop.engine import events as vocabulary
from workshop.engine.text import name as stored_name
from workshop.journal import codec, store
from workshop.journal.writer import locked

EXPECTED = Path(__file__).with_name("expected")
START = dt.datetime(2026, 5, 4, 8, 40, tzinfo=dt.UTC)
MIXES = ("notes", "ballots")
FORMATS = {"json": report.as_json, "md": report.as_markdown, "html": report.as_html, "csv": report.as_csv}
NAMES = [
    stored_name(n)
    for n in (
        "Ana",
        "Bo",
        "Cy",
        "<script>alert(1)</script>",
        "Zoë Ñúñez",
        "محمد",
        "שרה",
        "*bold* _it_",
        "=SUM(A1)",
        "O'Neil",
        "Li \u202eevil",
        "Dee [x](javascript:y)",
    )
]
TEXTS = [
    "More coaching time",
    "coaching.",
    "Trust the team",
    "  trust  ",
    "<img src=x onerror=alert(1)>",
    "[@click=app.quit]x[/]",
    "line one\nline two",
    "tab\there",
    'quote "this" = that',
    "back\\slash",
    "+1 from me",
    "-minus",
    "@mention",
    "'quoted",
    "نحتاج إلى مزيد من الوقت",
    "עוד זמן לאימון",
    "emoji 🎉 ok",
    "| pipe | table |",
    "# heading",
    "1. listed",
    "a = b = c",
    "\u2066isolated\u2069",
    "x" * 300,
    "Schedule adherence vs. quality?",
    "ok",
    "OK!",
    "déjà vu",
    "nul?",
]


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> dt.datetime:
        return self.now

    def at(self, seconds: float) -> dt.datetime:
        self.now = START + dt.timedelta(seconds=seconds)
        return self.now


def _ballot(poll, rng: random.Random) -> list:
    """A valid ballot for `poll` most of the time, one that breaks its rules now and then."""
    opts = list(poll.options)
    if rng.random() < 0.04:
        return rng.choice([["Nope"], [], [99], opts * 3 or ["x"] * 99])
    if poll.vote in ("scale", "consent") or poll.min is not None and not opts:
        return [rng.randint(poll.min, poll.max)]
    if poll.vote == "text":
        return [rng.choice(TEXTS)[:60]]
    if poll.vote == "rank":
        rng.shuffle(opts)
        return opts
    if poll.vote == "dots":
        cap = poll.cap or poll.budget
        value: list[str] = []
        for option in rng.sample(opts, len(opts)):
            value += [option] * min(cap, poll.budget - len(value))
        return sorted(value[: rng.randint(1, poll.budget)], key=opts.index)
    if poll.vote == "multi":
        return sorted(rng.sample(opts, rng.randint(1, poll.max or len(opts))), key=opts.index)
    return [rng.choice(opts)]


def record(folder: Path, mix: str) -> Path:
    """The session `mix` ("notes" or "ballots") as described above."""
    rng = random.Random(mix)
    clock = Clock()
    path = sessions.create(catalog().plan("half-day"), folder, mix, "Sam <facilitator>", clock=clock, code="IDENT1")
    s = sessions.Session.open(path, clock)
    people = [(f"{i:012x}", f"{NAMES[i % len(NAMES)]} {i}") for i in range(48)]
    notes_per_step, ballots_per_poll = (60, 25) if mix == "notes" else (6, 160)
    refs = itertools.count(1)  # ideas i1, i2, …, questions q1, q2, … as the room's verbs number them
    seconds = 0.0

    def bulk(events: list[tuple[str, dict]]) -> None:
        nonlocal seconds
        with s.changing() as write:
            for type_, fields in events:
                seconds += rng.choice((0.25, 1, 3.5))
                write(vocabulary.CLASSES[type_](at=clock.at(seconds), **fields))  # type: ignore[call-arg]

    bulk([("join", {"participant": t, "name": n}) for t, n in people[:40]])
    s.announce("http://192.168.1.20:8000")
    clock.at(seconds := 20 * 60 + 13)  # started a little before the agenda's 09:00
    s.start()
    note_ids: list[str] = []
    for index in range(200):
        state = s.state()
        step = state.step
        assert step is not None
        events: list[tuple[str, dict]] = []
        poll = state.poll.poll if state.poll is not None else None  # with options frozen from ideas
        if poll is not None:
            for _ in range(ballots_per_poll):
                token, name = rng.choice(people[:40])
                fields = {
                    "poll": step.qid,
                    "participant": token + "a00a" if poll.anonymous else token,
                    "value": _ballot(poll, rng),
                }
                events.append(("ballot", fields if poll.anonymous else fields | {"name": name}))
        events += _room(step, people, rng, notes_per_step // 6 + 2, refs)
        for k in range(notes_per_step):
            token, name = rng.choice(people[:40]) if k % 9 else ("facilitator", "facilitator")
            note_ids.append(f"{len(note_ids):08x}")
            events.append(
                (
                    "note",
                    {"note": note_ids[-1], "step": step.qid, "author": token, "name": name, "text": rng.choice(TEXTS)},
                )
            )
        if index == 2:  # late joiners, a note on no step, one from nobody, a repeated id
            events += [("join", {"participant": t, "name": n}) for t, n in people[40:]]
            events += [
                (
                    "note",
                    {
                        "note": "e15e0000",
                        "step": "nowhere/else",
                        "author": people[0][0],
                        "name": "Ana 0",
                        "text": "on a step no agenda has",
                    },
                ),
                (
                    "note",
                    {
                        "note": "5744a6e2",
                        "step": step.qid,
                        "author": "ffffffffffff",
                        "name": "Ana 0",
                        "text": "from nobody, under a name someone joined with",
                    },
                ),
                (
                    "note",
                    {
                        "note": "5744a6e3",
                        "step": step.qid,
                        "author": "fffffffffffe",
                        "name": "X",
                        "text": "from someone whose join was lost",
                    },
                ),
                (
                    "note",
                    {
                        "note": note_ids[0],
                        "step": step.qid,
                        "author": people[1][0],
                        "name": "Bo 1",
                        "text": "same id again",
                    },
                ),
                ("wrong-code", {"channel": "phone"}),
                ("ballot", {"poll": "nowhere/poll", "participant": people[0][0], "value": ["x"]}),
            ]
        rng.shuffle(events)
        bulk(events)
        if index == 2:  # a block written by hand, no writer's: refused by the reader, counted nowhere
            with path.open("ab") as handle:
                handle.write(
                    codec.encode(
                        {
                            "type": "react",
                            "at": clock.at(seconds),
                            "participant": people[0][0],
                            "step": step.qid,
                            "reaction": "boo",
                        }
                    )
                )
        kind = poll.kind if poll else ""
        _facilitate_room(s, step, index, rng)
        if index == 3:
            s.pause()
            clock.at(seconds := seconds + 95)
            s.resume()
        if index in (5, 9):
            s.extend(2 if index == 5 else -1)
        if index == 6:
            s.insert_break(7)
            s.skip(state.steps[-4].qid)
            s.move(state.steps[-8].qid, state.steps[-2].qid)
            with locked(path) as writer:  # a control event nobody signed: counted, never obeyed
                writer.append({"type": "goto", "at": clock.at(seconds), "step": state.steps[0].qid, "via": "goto"})
        if kind == "consent" and "objections" not in " ".join(x.qid for x in state.steps):
            s.poll_action("close")
            s.objections(3)
            bulk(
                [
                    (
                        "note",
                        {
                            "note": f"0b{i:06x}",
                            "step": s.state().step.qid,
                            "author": t,
                            "name": n,  # type: ignore[union-attr]
                            "text": rng.choice(TEXTS),
                        },
                    )
                    for i, (t, n) in enumerate(people[:12])
                ]
            )
            s.revote()
            bulk(
                [
                    ("ballot", {"poll": step.qid, "participant": t, "name": n, "value": [rng.randint(2, 5)]})
                    for t, n in people[:30]
                ]
            )
        elif kind == "single" and not any(p.resets for p in state.polls.values()):
            s.poll_action("reset")
            bulk(
                [
                    ("ballot", {"poll": step.qid, "participant": t, "name": n, "value": _ballot(poll, rng)})
                    for t, n in people[:9]
                ]
            )
        if poll is not None and poll.reveal == "manual" and rng.random() < 0.7:
            s.poll_action("reveal")
        if poll is not None and index % 3 == 0:
            s.poll_action("close")
            bulk(
                [
                    (
                        "ballot",
                        {
                            "poll": step.qid,
                            "participant": people[3][0],
                            "name": people[3][1],
                            "value": _ballot(poll, rng),
                        },
                    )
                ]
            )
        for note_id in rng.sample(note_ids[-notes_per_step:], 2):
            owner, due = rng.choice([(None, None), ("Ana 0", "2026-06-01"), ("محمد 5", None), (None, "2026-07-15")])
            s.mark_action(note_id, owner=owner, due=due)
        clock.at(seconds := seconds + step.allowed * rng.uniform(0.6, 1.4) + 1)
        try:
            s.next()
        except sessions.SessionError:  # at the last step: the ballots session is left running
            if mix == "notes":
                s.end()
            break
    return path


def _room(
    step, people: list[tuple[str, str]], rng: random.Random, count: int, refs: itertools.count
) -> list[tuple[str, dict]]:
    """The room's contributions on a step: ideas on a brainstorm, questions (on a Q&A step, or
    on any once Q&A is on: those elsewhere count for nothing), upvotes, hands and reactions."""
    out: list[tuple[str, dict]] = []
    ids = [str(next(refs)) for _ in range(count)]
    for k, ref in enumerate(ids):
        token, name = rng.choice(people[:40])
        who = {} if step.spec.anonymous and step.spec.kind == "brainstorm" else {"author": token, "name": name}
        if step.spec.kind == "brainstorm" or k % 4 == 0:
            out.append(("idea", {"idea": "i" + ref, "step": step.qid, "text": rng.choice(TEXTS)[:280]} | who))
        out.append(
            (
                "question",
                {"question": "q" + ref, "step": step.qid, "text": rng.choice(TEXTS)[:280]}
                | ({} if k % 5 == 0 else {"author": token, "name": name}),
            )
        )
        out += [
            ("upvote", {"question": "q" + rng.choice(ids), "participant": rng.choice(people)[0]})
            for _ in range(rng.randint(0, 4))
        ]
        out.append(
            (
                "react",
                {
                    "participant": rng.choice(people)[0],
                    "step": step.qid,
                    "reaction": rng.choice(["agree", "disagree", "slower", "louder"]),
                },
            )
        )
        if k % 3 == 0:
            out.append(("hand", {"participant": rng.choice(people)[0], "up": k % 6 == 0}))
    return out


def _facilitate_room(s, step, index: int, rng: random.Random) -> None:
    """The facilitator's part: merge and hide ideas, mark and hide questions, Q&A on for a while,
    call the first hand."""
    room = s.state().room
    ideas = [i for i in room.ideas_of(step.qid) if i.remaining]
    for idea in ideas[2:8]:
        s.merge(idea.id, rng.choice(ideas[:2]).id)
    if len(ideas) > 9:
        s.hide(ideas[9].id)
    for question in room.questions_of(step.qid)[:3]:
        s.answered(question.id)
    if room.questions_of(step.qid)[3:]:
        s.hide(room.questions_of(step.qid)[3].id)
    if index in (4, 12):
        s.qa(index == 4)
    if room.hands:
        s.call_next()


def now_of(path: Path) -> dt.datetime:
    """The instant a report of `path` is taken at: 77 s after its last event (a running
    session's report depends on it; an ended one's does not)."""
    return max(e["at"] for e in store.load(path).events) + dt.timedelta(seconds=77)


def state_of(path: Path):
    now = now_of(path)
    return sessions.Session.open(path, lambda: now).state()


def main() -> None:
    import tempfile

    EXPECTED.mkdir(exist_ok=True)
    for mix in MIXES:
        with tempfile.TemporaryDirectory() as tmp:
            made = record(Path(tmp), mix)
            target = EXPECTED / f"{mix}.toml"
            # without its secret: every reader checks the signatures with the header's key
            target.write_bytes(made.read_bytes())
        state = state_of(target)
        for fmt, render in FORMATS.items():
            (EXPECTED / f"{mix}.{fmt}").write_text(render(state), encoding="utf-8")
        print(f"{target}: {state.events} events, status {state.status}")


if __name__ == "__main__":
    main()
