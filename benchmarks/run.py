"""The project's benchmarks: one command, figures printed as ratios measured side by side.

    python benchmarks/run.py            # everything
    python benchmarks/run.py toml       # one group

Machines here are noisy, so each figure is the best of several interleaved rounds, and
comparisons are reported as ratios from the same run rather than as absolute times.
"""

from __future__ import annotations

import sys
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def best_of(rounds: int, *funcs: Callable[[], object]) -> list[float]:
    """Best wall time of each function over `rounds`, interleaved so noise hits all alike."""
    best = [float("inf")] * len(funcs)
    for _ in range(rounds):
        for i, func in enumerate(funcs):
            start = time.perf_counter()
            func()
            best[i] = min(best[i], time.perf_counter() - start)
    return best


def bench_toml() -> None:
    """Readers side by side: tomllib and rtoml on the seed modules, and on a session file also the
    journal's own reader (sealed blocks rewritten to JSON, see workshop/journal/codec.py)."""
    import tempfile

    from workshop.journal import blocks as reader
    from workshop.journal import store

    try:
        import rtoml
    except ImportError:
        print("toml: rtoml not installed (pip install -e '.[bench]'); measuring without it")
        rtoml = None
    seeds = [p.read_text("utf-8") for p in sorted((ROOT / "seeds").rglob("*.toml"))]
    std = lambda: [tomllib.loads(t) for t in seeds * 50]  # noqa: E731
    fast = (lambda: [rtoml.loads(t) for t in seeds * 50]) if rtoml else std
    t_std, t_fast = best_of(5, std, fast)
    print(
        f"toml: {len(seeds)} seed files x50: tomllib {t_std * 1000:.1f} ms, rtoml {t_fast * 1000:.1f} ms "
        f"(tomllib/rtoml {t_std / t_fast:.1f}x; content stays on tomllib for its exact syntax-error positions)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = big_session(Path(tmp) / "s.toml", 20_000)
        text = path.read_text("utf-8")
        data = path.read_bytes()
        start = data.index(store.SENTINEL) + len(store.SENTINEL)
        ours = lambda: reader.read(data, start)  # noqa: E731 - the one reader: scan, then decode
        std = lambda: tomllib.loads(text)  # noqa: E731
        fast = (lambda: rtoml.loads(text)) if rtoml else std
        t_std, t_fast, t_ours = best_of(3, std, fast, ours)
    print(
        f"toml: 20,000-event session ({len(data) / 2**20:.1f} MiB): tomllib {t_std * 1000:.0f} ms, "
        f"rtoml {t_fast * 1000:.0f} ms, journal reader (checksums + decode) {t_ours * 1000:.0f} ms: "
        f"journal/tomllib {t_ours / t_std:.2f}x, journal/rtoml {t_ours / t_fast:.2f}x"
    )


def bench_validate() -> None:
    """Validating all the bundled content: from cold, as `workshop validate seeds/` does in its own
    process, and again with no file changed, as `validate --watch` and the preview do after a save
    (each text is parsed once per process: content/document.py)."""
    from workshop.content import document, library

    seeds = ROOT / "seeds"
    run = lambda: library.load([seeds], library.search_path(), library.neighbours([seeds]))  # noqa: E731

    def cold() -> object:
        document._toml.cache_clear()
        return run()

    parse_only = lambda: [tomllib.loads(p.read_text("utf-8")) for p in seeds.rglob("*.toml")]  # noqa: E731
    t_all, t_parse, t_again = best_of(5, cold, parse_only, run)
    print(
        f"validate: seeds/ in {t_all * 1000:.1f} ms; parsing alone {t_parse * 1000:.1f} ms "
        f"(validation = {t_all / t_parse:.1f}x parsing); again with nothing changed {t_again * 1000:.1f} ms "
        f"({t_again / t_all:.2f}x)"
    )


def _run(argv: list[str]) -> Callable[[], object]:
    import subprocess

    return lambda: subprocess.run(argv, check=True, capture_output=True)


def bench_startup() -> None:
    """`workshop --help`, `--version` and every `workshop CMD --help` against a bare
    `python -c "import typer"`: screen-less commands stay light (issue #18: at most 1.2x in CPU
    time), benchmarks/startup.py."""
    from benchmarks import startup

    startup.bench()


def big_session(path: Path, count: int = 100_000, mix: str = "ballots") -> Path:
    """A session of `count` events: joins, steps moving on, ballots (re-votes) on every poll, notes.
    `mix` "ballots": 60 people, nine in ten events on a poll step a ballot (35,000 ballots, 20 MiB);
    "notes": 200 people, longer notes, half the events on a poll step a ballot (78,000 notes, 24 MiB,
    as the session of issue #18)."""
    import datetime as dt

    from workshop.content import catalog
    from workshop.content.frozen import freeze
    from workshop.content.model import Agenda, AgendaItem, Plan
    from workshop.engine.views import qualified
    from workshop.journal import codec, store

    lib = catalog()
    if "half-day" in lib.agendas:
        plan = lib.plan("half-day")
    else:  # content still being written: every module in one plan
        mods = tuple(lib.modules.values())
        plan = Plan(Agenda("all", "All modules", dt.time(9), tuple(AgendaItem(m.id) for m in mods)), mods)
    store.create(path, {"id": path.stem, "title": plan.agenda.title, "code": "BENCH1", "agenda": freeze(plan)})
    steps = plan.steps
    t0 = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
    notes = mix == "notes"
    people = [f"{i:012x}" for i in range(200 if notes else 60)]
    blocks = [codec.encode({"type": "start", "at": t0})]
    blocks += [
        codec.encode({"type": "join", "at": t0, "participant": p, "name": f"Participant {i}"})
        for i, p in enumerate(people)
    ]
    about = " about the rota, coaching time and what the floor needs next" if notes else ""
    per_step = max(1, (count - len(blocks)) // len(steps))
    n = len(blocks)
    for index, (module, step) in enumerate(steps):
        at = t0 + dt.timedelta(minutes=index * 5)
        if index:
            blocks.append(codec.encode({"type": "goto", "at": at, "step": qualified(module, step), "via": "next"}))
        for k in range(per_step if index < len(steps) - 1 else count - n):
            when = at + dt.timedelta(milliseconds=k * 10)
            who = people[k % len(people)]
            # a poll whose options come from a brainstorm's ideas has none here: its step gets notes
            if (
                step.poll is not None
                and (step.poll.options or step.poll.vote in ("scale", "text"))
                and (k % 20 < 11 if notes else k % 10)
            ):
                blocks.append(
                    codec.encode(
                        {
                            "type": "ballot",
                            "at": when,
                            "poll": qualified(module, step),
                            "participant": who,
                            "value": _some_ballot(step.poll, k),
                        }
                    )
                )
            else:
                blocks.append(
                    codec.encode(
                        {
                            "type": "note",
                            "at": when,
                            "note": f"{n:08x}",
                            "step": qualified(module, step),
                            "author": who,
                            "name": f"Participant {k % len(people)}",
                            "text": f"note number {n}{about}",
                        }
                    )
                )
            n += 1
        n = len(blocks)
        if n >= count:
            break
    with open(path, "ab") as handle:
        handle.write(b"".join(blocks[:count]))
    return path


def _some_ballot(poll, k: int) -> list:
    opts = list(poll.options)
    if poll.vote == "scale":
        return [poll.min + k % (poll.max - poll.min + 1)]
    if poll.vote == "text":
        return [["Coaching", "coaching.", "more time", "trust"][k % 4]]
    if poll.vote == "rank":
        return opts[k % len(opts) :] + opts[: k % len(opts)]
    if poll.vote == "dots":
        return [opts[k % len(opts)]] * min(poll.budget, poll.cap or poll.budget)
    if poll.vote == "multi":
        return opts[: 1 + k % (poll.max or 1)]
    return [opts[k % len(opts)]]


def bench_report() -> None:
    """`workshop report --format json` on 100,000-event sessions (both mixes of `big_session`)
    against tomllib parsing the same file, as processes and in process."""
    import tempfile

    for mix in ("ballots", "notes"):
        with tempfile.TemporaryDirectory() as tmp:
            _report(big_session(Path(tmp) / "big.toml", mix=mix), mix)


def _report(path: Path, mix: str) -> None:
    from workshop import report, sessions

    size = path.stat().st_size
    parse = lambda: tomllib.loads(path.read_text("utf-8"))  # noqa: E731
    json_report = lambda: report.as_json(sessions.Session.open(path).state())  # noqa: E731
    exe = Path(sys.executable).with_name("workshop")
    command = _run([str(exe), "report", str(path), "--format", "json"])
    tomllib_process = _run([sys.executable, "-c", f"import tomllib; tomllib.load(open({str(path)!r}, 'rb'))"])
    t_cli, t_toml_proc, t_report, t_parse = best_of(3, command, tomllib_process, json_report, parse)
    events = sessions.Session.open(path).state().events
    print(
        f"report ({mix}-heavy): {events:,} events ({size / 2**20:.1f} MiB), target <= 0.10x of tomllib "
        f"and < 0.5 s\n"
        f"  as processes: `workshop report --format json` {t_cli * 1000:.0f} ms, "
        f"`python -c 'tomllib.load(...)'` {t_toml_proc * 1000:.0f} ms: {t_cli / t_toml_proc:.2f}x\n"
        f"  in process:   Session.open + state + as_json {t_report * 1000:.0f} ms, "
        f"tomllib.loads {t_parse * 1000:.0f} ms: {t_report / t_parse:.2f}x"
    )


BURST = """
import sys, time
from pathlib import Path
from workshop import sessions
path, worker, go = Path(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
while time.time() < go:
    time.sleep(0.0005)
lat = []
for i in range(20):
    s = sessions.Session.open(path)
    t = time.perf_counter()
    s.vote_as(s.person(f"w{worker}-p{i}"), [str(1 + (worker + i) % 3)])
    lat.append(time.perf_counter() - t)
print(" ".join(f"{x:.6f}" for x in lat))
"""


def bench_burst() -> None:
    """50 processes at once, each voting for 20 participants on one poll: 1,000 ballots; with the
    code before issue 30 (benchmarks/phones.py's BEFORE, exported from git) and now, in turn."""
    import os
    import tempfile

    from benchmarks.phones import BEFORE, _before

    with tempfile.TemporaryDirectory() as tmp:
        old = _before(Path(tmp) / "before")
        if old is not None:
            _burst(Path(tmp), f"before ({BEFORE})", {**os.environ, "PYTHONPATH": str(old)})
        _burst(Path(tmp), "now", None)


def _burst(folder: Path, label: str, env: dict[str, str] | None) -> None:
    import statistics
    import subprocess

    from workshop import sessions
    from workshop.content import catalog
    from workshop.content.library import plan_for

    path = sessions.create(plan_for(catalog(), "five-service-lessons"), folder, f"burst-{len(label)}")
    s = sessions.Session.open(path)
    s.start()
    while s.state().poll is None or s.state().poll.poll.vote != "single":
        s.next()
    go = time.time() + 3.0
    # -P: each process imports the package PYTHONPATH names, not the one in the current folder
    procs = [
        subprocess.Popen(
            [sys.executable, "-P", "-c", BURST, str(path), str(w), str(go)], env=env, stdout=subprocess.PIPE, text=True
        )
        for w in range(50)
    ]
    outs = [p.communicate(timeout=600)[0] for p in procs]
    wall = time.time() - go
    lat = sorted(float(x) for out in outs for x in out.split())
    state = sessions.Session.open(path).state()
    counted = len(state.poll.ballots)
    tomllib.loads(path.read_text("utf-8"))
    p99 = lat[int(len(lat) * 0.99) - 1]
    print(
        f"burst, {label}: 50 processes x 20 ballots: {counted} counted of {len(lat)} cast, file valid TOML; "
        f"wall {wall:.1f} s; vote latency median {statistics.median(lat) * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms"
    )


def _new_session(folder: Path, name: str) -> Path:
    from workshop import sessions
    from workshop.content import catalog
    from workshop.content.library import plan_for

    return sessions.create(plan_for(catalog(), "half-day"), folder, name)


def bench_first() -> None:
    """The facilitator's first full screen against a minimal Textual app: in tmux, and headless
    (benchmarks/first_screen.py)."""
    import shutil
    import tempfile

    from benchmarks import first_screen

    exe = Path(sys.executable).with_name("workshop")
    if shutil.which("tmux"):
        first_screen.in_tmux([str(exe)] if exe.exists() else [sys.executable, "-m", "workshop"])
    else:
        print("screen: tmux is not installed: the first screen in a real terminal is not measured, only headless")
    with tempfile.TemporaryDirectory() as tmp:
        first_screen.headless(_new_session(Path(tmp), "first"))


def bench_screen() -> None:
    """The facilitator's screen: ballot-to-screen latency and redraw cost (its first full screen
    is the group `first`)."""
    import asyncio
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        asyncio.run(_latency(Path(tmp)))
        asyncio.run(_redraw(Path(tmp)))


WRITER = """
import datetime as dt, sys, time
from pathlib import Path
from workshop.journal.writer import append
path, poll, count, rate = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
start = time.time()
for i in range(count):
    while time.time() < start + i / rate:
        time.sleep(0.0005)
    append(path, {"type": "ballot", "at": dt.datetime.now(dt.UTC), "poll": poll,
                        "participant": f"p{i:05d}", "name": f"P{i}", "value": [1 + i % 4]})
    print(f"{i} {time.time():.6f}", flush=True)
"""


def _watch_ballots(panel) -> list[tuple[float, int]]:
    """Each time the facilitator's poll panel draws: when, and how many ballots it counted."""
    seen: list[tuple[float, int]] = []
    original = panel.draw

    def draw(state):
        original(state)
        seen.append((time.time(), len(state.poll.ballots) if state.poll else 0))

    panel.draw = draw
    return seen


def _latencies(seen: list[tuple[float, int]], written: list[float]) -> list[float]:
    """Seconds from each ballot's write to the first draw that counted it (the i-th written is the
    i-th counted), sorted; ballots never drawn are left out."""
    found = []
    for i, at in enumerate(sorted(written)):
        shown = next((t for t, n in seen if n >= i + 1), None)
        if shown is not None:
            found.append(max(0.0, shown - at))
    return sorted(found)


async def _latency(folder: Path) -> None:
    """Ballots from another process at 50 a second: time until the screen shows each one."""
    import statistics
    import subprocess

    from workshop import sessions
    from workshop.tui.facilitator import make_app
    from workshop.tui.widgets.poll import PollPanel

    path = _new_session(folder, "latency")
    live = sessions.Session.open(path)
    live.start()
    target = next(s for s in live.state().steps if s.spec.poll is not None and s.spec.poll.vote == "scale")
    live.goto(target.qid)
    app = make_app(path, bell=False)
    async with app.run_test(size=(120, 40)) as pilot:
        seen = _watch_ballots(app.query_one(PollPanel))
        count, rate = 250, 50.0
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), target.qid, str(count), str(rate)],
            stdout=subprocess.PIPE,
            text=True,
        )
        while writer.poll() is None:
            await pilot.pause(0.01)
        written = [float(line.split()[1]) for line in writer.stdout.read().splitlines()]  # type: ignore[union-attr]
        for _ in range(100):
            if seen and seen[-1][1] >= count:
                break
            await pilot.pause(0.02)
    latencies = _latencies(seen, written)
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    print(
        f"screen: {len(latencies)} of {count} ballots at {rate:.0f}/s reached the screen; latency median "
        f"{statistics.median(latencies) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms (target p95 <= 50 ms, issue #18)"
    )


async def _redraw(folder: Path) -> None:
    """Redraw cost with 2,000 notes and 200 participants: a tick, one new event, a full rebuild."""
    import datetime as dt

    from workshop import sessions
    from workshop.journal import codec
    from workshop.tui.facilitator import make_app
    from workshop.tui.widgets.base import ShowsState

    path = _new_session(folder, "redraw")
    live = sessions.Session.open(path)
    live.start()
    step = live.state().step.qid
    now = dt.datetime.now(dt.UTC)
    blocks = [
        codec.encode({"type": "join", "at": now, "participant": f"p{i:04d}", "name": f"Person {i}"}) for i in range(200)
    ]
    blocks += [
        codec.encode(
            {
                "type": "note",
                "at": now,
                "note": f"n{i:05d}",
                "step": step,
                "author": f"p{i % 200:04d}",
                "name": f"Person {i % 200}",
                "text": f"note {i} about the rota and coaching time",
            }
        )
        for i in range(2000)
    ]
    with open(path, "ab") as handle:
        handle.write(b"".join(blocks))
    app = make_app(path, bell=False, watch=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        widgets = [w for w in app.query("*") if isinstance(w, ShowsState)]

        def timed(action) -> float:
            best = float("inf")
            for _ in range(5):
                start = time.perf_counter()
                action()
                best = min(best, time.perf_counter() - start)
            return best

        def rebuild() -> None:
            for w in widgets:
                w._shown = object()
            app.render_state()

        def one_note() -> float:
            live.note("Ana", "one more note")  # the append (and its fsync) is the writer's cost
            start = time.perf_counter()
            app.session.refresh()
            app.render_state()
            return time.perf_counter() - start

        def drawn(widget_list) -> int:
            return sum(1 for w in widget_list if w.show(app.session.state()))

        t_tick = timed(app.render_state)
        t_event = min(one_note() for _ in range(5))
        for w in widgets:
            w._shown = object()
        redrawn = drawn(widgets)
        t_full = timed(rebuild)
        await pilot.pause()
    print(
        f"screen: redraw with 2,000 notes and 200 participants: idle tick {t_tick * 1000:.1f} ms, "
        f"one new note (read + fold + redraw) {t_event * 1000:.1f} ms, full rebuild of all {redrawn} widgets "
        f"{t_full * 1000:.1f} ms (event/full {t_event / t_full:.2f}x); only widgets whose part of the state "
        f"changed redraw, and the notes list shows the newest 100"
    )


def bench_replay() -> None:
    """Replay of a 100,000-event session: opening it, jumping from the first step to the last, and
    the html report, each against `workshop report --format json`'s own work on the same file."""
    import asyncio
    import tempfile

    from workshop import report, sessions

    with tempfile.TemporaryDirectory() as tmp:
        path = big_session(Path(tmp) / "big.toml")
        json_report = lambda: report.as_json(sessions.Session.open(path).state())  # noqa: E731
        html_report = lambda: report.as_html(sessions.Session.open(path).state())  # noqa: E731
        opening = lambda: sessions.Recording(path)  # noqa: E731
        t_json, t_html, t_open = best_of(3, json_report, html_report, opening)

        def jump() -> float:
            replay = sessions.Recording(path).replay
            first, last = replay.entries[0], replay.entries[-1]
            replay.state_at(first.at, first.count)
            start = time.perf_counter()
            replay.state_at(last.at, last.count)
            return time.perf_counter() - start

        t_jump = min(jump() for _ in range(3))
        t_screen = min(asyncio.run(_replay_screen(path)) for _ in range(3))
    print(
        f"replay: 100,000 events: open (read + index) {t_open * 1000:.0f} ms, jump first -> last step "
        f"{t_jump * 1000:.0f} ms (target: each under 300 ms), to the first screen {t_screen * 1000:.0f} ms; "
        f"the json report of the same "
        f"file {t_json * 1000:.0f} ms (open/json {t_open / t_json:.2f}x, jump/json {t_jump / t_json:.2f}x)\n"
        f"  html report {t_html * 1000:.0f} ms ({t_html / t_json:.2f}x the json report)"
    )


async def _replay_screen(path: Path) -> float:
    from workshop.tui.replay import make_app

    start = time.perf_counter()
    app = make_app(path, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        return time.perf_counter() - start


def bench_room() -> None:
    """50 participant apps in 5 processes vote during one poll while the facilitator's screen is
    open: ballot-to-facilitator latency and memory per participant process."""
    import asyncio
    import os
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        asyncio.run(_room(Path(tmp), os.environ | {"XDG_STATE_HOME": str(Path(tmp) / "state")}))


async def _room(folder: Path, env: dict[str, str]) -> None:
    import statistics

    from tests.e2e.load_driver import results, spawn
    from workshop import sessions
    from workshop.content import catalog
    from workshop.content.library import plan_for
    from workshop.journal import store
    from workshop.tui.facilitator import make_app
    from workshop.tui.widgets.poll import PollPanel

    processes, apps = 5, 10
    path = sessions.create(plan_for(catalog(), "five-service-lessons"), folder, "room")
    live = sessions.Session.open(path)
    live.start()
    while live.state().poll is None or live.state().poll.poll.vote != "single":
        live.next()
    app = make_app(path, bell=False)
    async with app.run_test(size=(120, 40)) as pilot:
        seen = _watch_ballots(app.query_one(PollPanel))
        room = spawn(path, live.state().code, processes, apps, env)
        while any(p.poll() is None for p in room):
            await pilot.pause(0.02)
        casts, memory = results(room, timeout=10)
        for _ in range(100):
            if seen and seen[-1][1] >= len(casts):
                break
            await pilot.pause(0.02)
    counted = len(sessions.Session.open(path).state().poll.ballots)
    # A ballot's own time stamp is taken as it is written; the i-th written is the i-th counted.
    written = sorted(e["at"].timestamp() for e in store.load(path).events if e["type"] == "ballot")
    latencies = _latencies(seen, written)
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    per_process = statistics.median(memory) / 1024
    print(
        f"room: {processes} processes x {apps} participant apps: {counted} ballots counted of {len(casts)} cast; "
        f"ballot-to-facilitator latency median {statistics.median(latencies) * 1000:.0f} ms, "
        f"p95 {p95 * 1000:.0f} ms; "
        f"memory per participant process {per_process:.0f} MiB peak ({per_process / apps:.1f} MiB per app)"
    )


def bench_phones() -> None:
    """200 phones on the light page `serve` puts at /, against what one browser participant cost
    before it (a textual-serve terminal app process): benchmarks/phones.py."""
    from benchmarks.phones import bench

    bench()


def bench_thousand() -> None:
    """1,000 phones on one `serve`, before issue 30 and now, in one run: benchmarks/phones.py."""
    from benchmarks.phones import bench_thousand as run

    run()


def bench_ssh() -> None:
    """Memory per participant over ssh (`serve --ssh`), beside a tab at /terminal/ and a phone on
    the page at /, 50 of each: benchmarks/ssh.py."""
    from benchmarks.ssh import bench

    bench()


def as_installed() -> None:
    """Time the package as an installed copy runs, from compiled bytecode: an editable install
    compiles nothing, and some machines set PYTHONDONTWRITEBYTECODE."""
    import compileall

    compileall.compile_dir(ROOT / "workshop", quiet=1)


def bench_check() -> None:
    """The reader's check of every event, on and off, and the report before it (benchmarks/reading.py)."""
    from benchmarks.reading import bench_check as run

    run(big_session)


GROUPS = {
    "toml": bench_toml,
    "validate": bench_validate,
    "startup": bench_startup,
    "report": bench_report,
    "check": bench_check,
    "burst": bench_burst,
    "first": bench_first,
    "screen": bench_screen,
    "room": bench_room,
    "replay": bench_replay,
    "phones": bench_phones,
    "thousand": bench_thousand,
    "ssh": bench_ssh,
}

if __name__ == "__main__":
    chosen = sys.argv[1:] or list(GROUPS)
    as_installed()
    for name in chosen:
        if name not in GROUPS:
            sys.exit(f"unknown benchmark {name!r}; choose from {', '.join(GROUPS)}")
        GROUPS[name]()
