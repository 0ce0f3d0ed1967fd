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


def _event_blocks(count: int) -> str:
    blocks = []
    for i in range(count):
        blocks.append(
            f'[[events]]\nseq = {i}\nat = 2026-11-23T09:{(i // 60) % 60:02d}:{i % 60:02d}Z\n'
            f'type = "ballot"\npoll = "trust-today"\nparticipant = "p{i % 40}"\nvalue = {i % 6}\n\n'
        )
    return '[session]\nid = "bench"\ntitle = "Benchmark"\n\n' + "".join(blocks)


def bench_toml() -> None:
    """tomllib (stdlib) against rtoml (Rust) on the seed modules and on a session-sized file."""
    try:
        import rtoml
    except ImportError:
        print("toml: rtoml not installed (pip install -e '.[bench]'); measuring tomllib alone")
        rtoml = None
    seeds = [p.read_text("utf-8") for p in sorted((ROOT / "seeds").rglob("*.toml"))]
    big = _event_blocks(20_000)
    print(f"toml: {len(seeds)} seed files ({sum(map(len, seeds)) / 1024:.0f} KiB), "
          f"session of 20,000 events ({len(big) / 2**20:.1f} MiB)")
    for label, texts, rounds in (("seeds x50", seeds * 50, 5), ("20k-event session", [big], 3)):
        std = lambda: [tomllib.loads(t) for t in texts]  # noqa: E731
        if rtoml is None:
            (t_std,) = best_of(rounds, std)
            print(f"  {label:<18} tomllib {t_std * 1000:8.1f} ms")
            continue
        fast = lambda: [rtoml.loads(t) for t in texts]  # noqa: E731
        t_std, t_fast = best_of(rounds, std, fast)
        print(f"  {label:<18} tomllib {t_std * 1000:8.1f} ms   rtoml {t_fast * 1000:8.1f} ms   "
              f"tomllib/rtoml = {t_std / t_fast:4.1f}x")


def bench_validate() -> None:
    """Validating all the bundled content, as `workshop validate seeds/` does."""
    from workshop.content import library

    seeds = ROOT / "seeds"
    run = lambda: library.load([seeds], library.search_path(), library.neighbours([seeds]))  # noqa: E731
    parse_only = lambda: [tomllib.loads(p.read_text("utf-8")) for p in seeds.rglob("*.toml")]  # noqa: E731
    t_all, t_parse = best_of(5, run, parse_only)
    print(f"validate: seeds/ in {t_all * 1000:.1f} ms; parsing alone {t_parse * 1000:.1f} ms "
          f"(validation = {t_all / t_parse:.1f}x parsing)")


GROUPS = {"toml": bench_toml, "validate": bench_validate}

if __name__ == "__main__":
    chosen = sys.argv[1:] or list(GROUPS)
    for name in chosen:
        if name not in GROUPS:
            sys.exit(f"unknown benchmark {name!r}; choose from {', '.join(GROUPS)}")
        GROUPS[name]()
