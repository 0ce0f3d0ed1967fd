"""What `workshop bench room` says of a room it ran (room.py): the figures, and whether this machine
holds that many phones, against the targets docs/architecture.md names for a room."""

from __future__ import annotations

import os
import statistics
from collections.abc import Callable

from workshop import i18n
from workshop.bench.room import Figures
from workshop.i18n import _, ngettext

TARGET = {"median": 0.3, "p95": 1.0, "memory": 300.0}  # seconds, seconds, MiB


def report(figures: Figures, echo: Callable[[str], None]) -> bool:
    """Print the figures and the verdict; whether the room was held. English says its counts as it
    always has ("1 phones"); a translation takes its language's plural forms."""
    f, n = figures, i18n.number
    refused = {s: k for s, k in f.answers.items() if s not in ("200", "303")}
    cores = ngettext("{n} cores", "{n} cores", os.cpu_count() or 1).format(n=os.cpu_count())
    echo(
        ngettext(
            "bench room: {n} phones over {seconds} s on this machine ({cores}, load {load} when it began), "
            "{wall} s in all",
            "bench room: {n} phones over {seconds} s on this machine ({cores}, load {load} "
            "when it began), {wall} s in all",
            f.phones,
        ).format(n=f.phones, seconds=n(f.seconds, "g"), cores=cores, load=n(f.load, ".1f"), wall=n(f.wall, ".0f"))
    )
    lines = [
        _("phones held: {held} of {phones} (joined, kept their live updates, every ballot counted)").format(
            held=f.held, phones=f.phones
        )
    ]
    rate = f.counted / f.voting if f.voting > 0 else 0.0
    lines.append(
        _(
            "ballots: {counted} counted of {cast} tapped, {rate} per second while the polls were open (the "
            "busiest second: {peak}); {notes}; refused or failed: {refused}"
        ).format(
            counted=f.counted,
            cast=f.cast,
            rate=n(rate, ".0f"),
            peak=f.peak,
            notes=ngettext("{n} notes", "{n} notes", f.notes).format(n=f.notes),
            refused=", ".join(f"{k} × {s}" for s, k in refused.items()) or _("none"),
        )
    )
    median, p95 = _spread(f.taps)
    lines.append(
        _("tap to the facilitator's screen: median {median} ms, p95 {p95} ms").format(
            median=n(median * 1000, ".0f"), p95=n(p95 * 1000, ".0f")
        )
    )
    memory = (
        _("not measured on this system") if f.memory is None else _("{mib} MiB at most").format(mib=n(f.memory, ".0f"))
    )
    screen = {"memory": memory, "draws": f.draws, "screen": n(f.screen_cpu, ".1f")}
    lines.append(
        _("server memory: {memory}; the facilitator's screen: {draws} redraws of the poll, CPU {screen} s").format(
            **screen
        )
        if f.server_cpu is None
        else _(
            "server memory: {memory}, CPU {cpu} s; the facilitator's screen: {draws} redraws of the poll, CPU "
            "{screen} s"
        ).format(cpu=n(f.server_cpu, ".1f"), **screen)
    )
    lines += [_("phone {phone}: {what}").format(phone=phone, what=what) for phone, what in list(f.failed.items())[:3]]
    for line in lines:
        echo(f"  {line}")
    most = {key: n(TARGET[key] * 1000, ".0f") for key in ("median", "p95")}
    misses = [
        why
        for why, missed in (
            (
                ngettext("{n} phones not held", "{n} phones not held", f.phones - f.held).format(n=f.phones - f.held),
                f.held < f.phones,
            ),
            (
                ngettext("{n} ballots not counted", "{n} ballots not counted", f.cast - f.counted).format(
                    n=f.cast - f.counted
                ),
                f.counted < f.cast,
            ),
            (
                _("median {median} ms over {most} ms").format(median=n(median * 1000, ".0f"), most=most["median"]),
                median > TARGET["median"],
            ),
            (_("p95 {p95} ms over {most} ms").format(p95=n(p95 * 1000, ".0f"), most=most["p95"]), p95 > TARGET["p95"]),
            (
                _("memory over {most} MiB").format(most=n(TARGET["memory"], ".0f")),
                f.memory is not None and f.memory > TARGET["memory"],
            ),
        )
        if missed
    ]
    if misses:
        echo(
            ngettext(
                "verdict: not enough for {n} phones on this machine: {misses}",
                "verdict: not enough for {n} phones on this machine: {misses}",
                f.phones,
            ).format(n=f.phones, misses="; ".join(misses))
        )
    else:
        echo(
            ngettext(
                "verdict: this machine holds {n} phones: every ballot counted, tap to screen under {median} ms "
                "(median) and {p95} s (p95)",
                "verdict: this machine holds {n} phones: every ballot counted, tap "
                "to screen under {median} ms (median) and {p95} s (p95)",
                f.phones,
            ).format(n=f.phones, median=most["median"], p95=n(TARGET["p95"], "g"))
        )
    return not misses


def _spread(seconds: list[float]) -> tuple[float, float]:
    if not seconds:
        return float("nan"), float("nan")
    ordered = sorted(seconds)
    return statistics.median(ordered), ordered[max(0, int(len(ordered) * 0.95) - 1)]
