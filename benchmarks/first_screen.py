"""The facilitator's first full screen (issue #18: at most 1.1x a minimal Textual app), part of
`python benchmarks/run.py screen`.

In a real terminal: a tmux server on a socket of its own, one window of a fixed size; each
command is started in it with `respawn-pane`, the clock taken just before, and the pane's text is
read every few milliseconds, through one control-mode client (no process per look), until its
bottom row shows the key bar: the minimal app's Footer, the facilitator's KeyBar. Both end in the
command palette's key, so the same test says both are drawn. The two commands alternate, and the
figure is the best (and the median) of several runs each.

Headless too (cheaper, no terminal): the app run with Textual's headless driver, timed from process
start until its pilot first gets control, i.e. after the first full screen is composed and laid out.
"""

from __future__ import annotations

import os
import select
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WIDTH, HEIGHT = 120, 40
KEY_BAR = "palette"  # the last key on both bottom rows: ^p palette
SETTLE = 0.5  # seconds without a change: the first screen is complete
ROUNDS = 9

MINIMAL = """
from textual.app import App
from textual.widgets import Footer, Header, Static

class Minimal(App):
    def compose(self):
        yield Header()
        yield Static("hello")
        yield Footer()

Minimal().run()
"""


class Tmux:
    """A tmux server of our own with one window of WIDTH x HEIGHT, and a control-mode client to
    ask it for the pane's text without starting a process for each look."""

    def __init__(self, env: dict[str, str]) -> None:
        self.socket = f"bench-{os.getpid()}"
        self.env = env
        self._tmux("-f", "/dev/null", "new-session", "-d", "-s", "bench", "-x", str(WIDTH), "-y", str(HEIGHT), "cat")
        self._tmux("set-option", "-g", "window-size", "manual")
        self._tmux("set-option", "-g", "default-terminal", "tmux-256color")
        self.control = subprocess.Popen(
            ["tmux", "-L", self.socket, "-C", "attach", "-t", "bench"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
        )
        assert self.control.stdout
        while not self.control.stdout.readline().startswith(b"%session-changed"):
            pass  # attached: from here on commands have a client to act for
        self._ask("refresh-client -f no-output")  # the pane's output is not copied to us as it draws

    def _tmux(self, *args: str) -> None:
        subprocess.run(["tmux", "-L", self.socket, *args], check=True, env=self.env, capture_output=True)

    def _ask(self, command: str) -> list[str]:
        """One command through the control client; the lines of its reply."""
        assert self.control.stdin and self.control.stdout
        self.control.stdin.write(command.encode() + b"\n")
        self.control.stdin.flush()
        lines: list[str] = []
        inside = False
        while True:
            line = self.control.stdout.readline().decode("utf-8", "replace").rstrip("\n")
            if line.startswith("%begin"):
                inside, lines = line.endswith(" 1"), []  # flag 1: the reply to a command of ours
            elif line.startswith(("%end", "%error")) and inside:
                return lines
            elif inside:
                lines.append(line)

    def bottom_row(self) -> str:
        rows = self._ask("capture-pane -p -t bench")
        return rows[HEIGHT - 1] if len(rows) >= HEIGHT else ""

    def first_screen(self, command: str, timeout: float = 20.0) -> tuple[float, float]:
        """Seconds from starting `command` in the pane to its key bar on the bottom row, and to
        the screen as it then stays (nothing changes for SETTLE seconds): a part may draw a
        frame or two after the key bar."""
        # a blank pane, the last app gone: a killed app leaves its screen, so the terminal is reset
        self._tmux("respawn-pane", "-k", "-t", "bench", "cat")
        self._tmux("send-keys", "-R", "-t", "bench")
        self._tmux("clear-history", "-t", "bench")
        time.sleep(0.3)  # let the last app's process die away before the clock starts
        if self.bottom_row().strip():
            raise RuntimeError(f"the pane is not blank before the run: {self.bottom_row()!r}")
        start = time.perf_counter()
        self._tmux("respawn-pane", "-k", "-t", "bench", command)
        key_bar = None
        shown: list[str] = []
        changed = start
        while (now := time.perf_counter()) - start < timeout:
            screen = self._ask("capture-pane -p -t bench")
            if screen != shown:
                shown, changed = screen, now
            if key_bar is None and len(screen) >= HEIGHT and KEY_BAR in screen[HEIGHT - 1]:
                key_bar = now - start
            if key_bar is not None and now - changed > SETTLE:
                return key_bar, changed - start
            select.select([], [], [], 0.003)
        raise TimeoutError(f"no key bar after {timeout:.0f} s: {command}")

    def close(self) -> None:
        self.control.kill()
        self.control.wait()
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], env=self.env, capture_output=True)


def _quote(argv: list[str]) -> str:
    import shlex

    return " ".join(shlex.quote(a) for a in argv)


def in_tmux(workshop: list[str], rounds: int = ROUNDS) -> None:
    """`workshop run` as a newcomer types it (a new session on the default agenda) against the
    minimal app, alternating, in one tmux window."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if not k.startswith("TMUX")}
        script = Path(tmp) / "minimal.py"
        script.write_text(MINIMAL)
        # each run of `workshop run` in a folder of its own: its new session is named by the second
        commands = {
            "workshop": f'cd "$(mktemp -d -p {tmp})" && WORKSHOP_SESSIONS=. exec '
            f"{_quote([*workshop, 'run', '--no-bell'])}",
            "minimal": f"cd {tmp} && exec {_quote([sys.executable, str(script)])}",
        }
        tmux = Tmux(env)
        try:
            times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
            for _ in range(rounds):
                for name, command in commands.items():
                    times[name].append(tmux.first_screen(command))
        finally:
            tmux.close()
    print(
        f"screen: first full screen in tmux ({WIDTH}x{HEIGHT}, {rounds} runs each), `workshop run` (a new "
        f"session on the default agenda) against a minimal Textual app, target <= 1.1x:"
    )
    for index, what in enumerate(("launch to key bar", "launch to complete screen")):
        ours = [t[index] for t in times["workshop"]]
        minimal = [t[index] for t in times["minimal"]]
        mid, mid_minimal = statistics.median(ours), statistics.median(minimal)
        print(
            f"  {what}: best {min(ours) * 1000:.0f} ms against {min(minimal) * 1000:.0f} ms, "
            f"{min(ours) / min(minimal):.2f}x; median {mid * 1000:.0f} ms against "
            f"{mid_minimal * 1000:.0f} ms, {mid / mid_minimal:.2f}x"
        )


HEADLESS = """
import sys, time
t0 = float(sys.argv[1])
kind, path = sys.argv[2], sys.argv[3]

async def ready(pilot):
    await pilot.pause()
    print(time.time() - t0)
    pilot.app.exit()

if kind == "workshop":
    # The whole command as a facilitator types it, only headless and told when the screen is up;
    # textual is patched only once the command has imported it, as it would.
    sys.argv = ["workshop", "run", path, "--no-bell"]
    import workshop.cli
    import workshop.cli.running as running

    def show(build, real_show=running._show):
        from textual.app import App

        plain_run = App.run
        App.run = lambda self, **kw: plain_run(self, headless=True, size=(120, 40), auto_pilot=ready)
        real_show(build)

    running._show = show
    workshop.cli.main()
else:
    from textual.app import App
    from textual.widgets import Footer, Header, Static

    class Minimal(App):
        def compose(self):
            yield Header()
            yield Static("hello")
            yield Footer()

    Minimal().run(headless=True, size=(120, 40), auto_pilot=ready)
"""


def headless(path: Path, rounds: int = ROUNDS) -> None:
    """`workshop run SESSION` (reopening one) against the minimal app, headless."""

    def first(kind: str) -> float:
        out = subprocess.run(
            [sys.executable, "-c", HEADLESS, repr(time.time()), kind, str(path)],
            capture_output=True,
            text=True,
            check=True,
        )
        return float(out.stdout.strip().splitlines()[-1])

    ours, minimal = [], []
    for _ in range(rounds):
        ours.append(first("workshop"))
        minimal.append(first("minimal"))
    print(
        f"screen: first full screen headless (`workshop run SESSION`): {min(ours) * 1000:.0f} ms, minimal "
        f"Textual app {min(minimal) * 1000:.0f} ms, ratio {min(ours) / min(minimal):.2f}x"
    )
