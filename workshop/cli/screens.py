"""Commands that open a screen for the room: join, kiosk, serve (the phone page and /terminal/), screen,
replay. `run`, the facilitator's, is in running.py."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from workshop.cli import LangOption, SessionArg, SessionsDir, app, fail, resolve_ref, show_screen
from workshop.i18n import N_, _


@app.command()
def join(
    session: Annotated[
        Optional[str], typer.Argument(help=N_("A session name or file (default: pick one of the live sessions)."))
    ] = None,
    name: Annotated[str, typer.Option("--name", help=N_("Your display name."))] = "",
    shared: Annotated[
        bool,
        typer.Option(
            "--shared",
            envvar="WORKSHOP_SHARED",
            help=N_("Many people use this account (the ssh recipe, serve): never come back as someone by name alone."),
        ),
    ] = False,
    plain: Annotated[
        bool,
        typer.Option("--plain", help=N_("A line-by-line transcript for screen readers: type vote 2, note ..., help.")),
    ] = False,
    sessions_dir: SessionsDir = None,
    lang: LangOption = None,
) -> None:
    """Take part: join a live session with its code, vote and add notes."""
    from workshop import sessions

    if plain:
        _join_plain(session, name, sessions_dir, shared)
        return
    if session is None:
        live = sessions.live_sessions(sessions_dir)
        if not live:
            raise fail(
                _("no live session in {sessions_dir}: name the session to join").format(
                    sessions_dir=sessions.sessions_dir(sessions_dir)
                )
            )
        from workshop.tui.participant import make_app

        show_screen(lambda: make_app(live=live, name=name, shared=shared))
        return
    path = resolve_ref(session, sessions_dir)
    from workshop.tui.participant import make_app

    show_screen(lambda: make_app(path, name=name, shared=shared))


def _join_plain(session: str | None, name: str, sessions_dir: Path | None, shared: bool = False) -> None:
    """`join --plain`: no screen, one sentence a line (workshop.plain); one live session or a name."""
    from workshop import plain, sessions

    try:
        if session is None:
            live = sessions.live_sessions(sessions_dir)
            if len(live) != 1:
                names = ", ".join(s.path.stem for s in live) or _("none is live")
                raise fail(_("name the session to join ({names})").format(names=names))
            chosen = live[0]
        else:
            chosen = sessions.Session.open(resolve_ref(session, sessions_dir))
    except sessions.SessionError as err:
        raise fail(str(err)) from None
    raise typer.Exit(plain.run(chosen, name, shared=shared))


@app.command()
def kiosk(
    session: SessionArg,
    sessions_dir: SessionsDir = None,
    lang: LangOption = None,
) -> None:
    """One shared terminal for a queue of voters; leaving needs the facilitator's code."""
    import time

    path = resolve_ref(session, sessions_dir)
    from workshop.tui.kiosk import make_app

    # Only the facilitator's code ends the kiosk: one that ends any other way (a crash, in Textual
    # or ours) starts again at once, so the next person in the queue never finds a shell. One that
    # cannot run (it ends as it starts, three times) says so in one line.
    quick = 0
    while quick < KIOSK_RESTARTS:
        started = time.monotonic()
        if show_screen(lambda: make_app(path)).released:
            return
        quick = quick + 1 if time.monotonic() - started < KIOSK_QUICK_END else 0
    raise fail(
        _("the kiosk stopped just after it started, {times} times in a row: not starting it again").format(times=quick)
    )


KIOSK_RESTARTS = 3  # ends in a row, each within KIOSK_QUICK_END seconds of its start, before giving up
KIOSK_QUICK_END = 10.0


@app.command()
def serve(
    session: SessionArg,
    host: Annotated[
        str, typer.Option("--host", help=N_("Address to listen on (default: this machine only; 0.0.0.0 for the room)."))
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help=N_("Port to listen on."))] = 8000,
    max_apps: Annotated[
        int, typer.Option("--max", help=N_("Terminal apps (/terminal/ and ssh) at once, in all."))
    ] = 100,
    per_address: Annotated[
        int,
        typer.Option(
            "--per-address",
            help=N_(
                "Terminal apps (/terminal/ and ssh) at once "
                "from "
                "one client address, an IPv6 one by its /64, this machine as one (raise "
                "it when the room shares one NAT or reaches serve over IPv6)."
            ),
        ),
    ] = 10,
    tls: Annotated[
        bool,
        typer.Option(
            "--tls",
            help=N_(
                "HTTPS (and wss): with --cert and --key, or a self-signed "
                "certificate kept beside the session, its fingerprint on the join "
                "bar."
            ),
        ),
    ] = False,
    cert: Annotated[
        Optional[Path],
        typer.Option(
            "--cert", help=N_("The certificate chain (PEM) for --tls: browsers check it, and answers carry HSTS.")
        ),
    ] = None,
    key: Annotated[
        Optional[Path], typer.Option("--key", help=N_("The --cert's private key (PEM, unencrypted)."))
    ] = None,
    trusted_proxy: Annotated[
        Optional[str],
        typer.Option(
            "--trusted-proxy",
            help=N_(
                "The address of a reverse "
                "proxy "
                "(Caddy, nginx) whose X-Forwarded-* or Forwarded headers "
                "count; from any other, none do."
            ),
        ),
    ] = None,
    url: Annotated[
        Optional[str],
        typer.Option(
            "--url",
            help=N_(
                "The address people open, when a proxy serves it "
                "(https://workshop.example.org): announced instead of this "
                "server's own."
            ),
        ),
    ] = None,
    ssh: Annotated[
        Optional[int],
        typer.Option(
            "--ssh",
            help=N_("Also serve the participant app over ssh on this port: ssh -p PORT join@HOST, no account needed."),
        ),
    ] = None,
    ssh_kiosk: Annotated[
        bool,
        typer.Option("--ssh-kiosk", help=N_("Offer the kiosk over ssh instead (one laptop passed around the room).")),
    ] = False,
    ssh_idle: Annotated[
        float, typer.Option("--ssh-idle", help=N_("Minutes without a key press before an ssh connection is closed."))
    ] = 120.0,
    sessions_dir: SessionsDir = None,
    lang: LangOption = None,
) -> None:
    """Serve participants' phones and browsers (a light page at /, the terminal app at /terminal/),
    and with --ssh, terminals over ssh."""
    from workshop import serving, sessions
    from workshop.places import Limits

    path = sessions.resolve(session, sessions_dir).resolve()
    options = serving.Options(
        tls=tls,
        cert=cert,
        key=key,
        trusted_proxy=trusted_proxy,
        url=url,
        ssh=ssh,
        ssh_kiosk=ssh_kiosk,
        ssh_idle=ssh_idle,
    )
    serving.run(path, host, port, Limits(max_apps, per_address), typer.echo, options)


@app.command()
def screen(
    session: SessionArg,
    light: Annotated[bool, typer.Option("--light", help=N_("The light theme (often better on a projector)."))] = False,
    headlines: Annotated[
        bool,
        typer.Option(
            "--headlines",
            help=N_("After the end, show each poll's headline result (only polls whose results the room has seen)."),
        ),
    ] = False,
    sessions_dir: SessionsDir = None,
    lang: LangOption = None,
) -> None:
    """The room display for the projector: from the start time to the thanks; timer, prompt, poll
    results once revealed. Read-only."""
    path = resolve_ref(session, sessions_dir)
    from workshop.tui.display import make_app

    show_screen(lambda: make_app(path, dark=not light, headlines=headlines))


@app.command()
def replay(
    session: Annotated[str, typer.Argument(help=N_("A session name or file (a live one replays up to now)."))],
    speed: Annotated[
        float, typer.Option("--speed", help=N_("Start at this speed: 1, 2, 5, 10 or 60 times real time."))
    ] = 1.0,
    light: Annotated[bool, typer.Option("--light", help=N_("Start in the light theme."))] = False,
    sessions_dir: SessionsDir = None,
    lang: LangOption = None,
) -> None:
    """Play a session back as the facilitator saw it. Never writes to the session file."""
    from workshop.engine.replay import SPEEDS

    if speed not in SPEEDS:
        raise fail(
            _("--speed {speed}: choose one of {speeds}").format(
                speed=f"{speed:g}", speeds=", ".join(f"{s:g}" for s in SPEEDS)
            )
        )
    path = resolve_ref(session, sessions_dir)
    from workshop.tui.replay import make_app

    show_screen(lambda: make_app(path, speed=speed, dark=not light))
