"""`workshop bench room`: how many phones this machine holds, measured before the day."""

from typing import Annotated

import typer

from workshop.cli import LangOption, app, fail
from workshop.i18n import N_, _


@app.command()
def bench(
    what: Annotated[str, typer.Argument(help=N_("What to measure: `room` (phones on `workshop serve`)."))],
    phones: Annotated[int, typer.Option("--phones", help=N_("Phones in the room."))] = 200,
    seconds: Annotated[
        float,
        typer.Option(
            "--seconds",
            help=N_("How long the room takes: a quarter to join, then six polls and a note, each tapped over a while."),
        ),
    ] = 120.0,
    lang: LangOption = None,
) -> None:
    """Run a room of simulated phones against a throwaway session on this machine, with the
    facilitator's screen, and say whether it holds them (docs/participants.md)."""
    from workshop import i18n
    from workshop.engine.text import said_back

    if what != "room":
        raise fail(_("nothing called {what} to measure: `workshop bench room`").format(what=said_back(what)))
    if not 1 <= phones <= 5000:
        raise fail(_("--phones must be from 1 to 5000, not {phones}").format(phones=phones))
    if not 5 <= seconds <= 3600:
        raise fail(_("--seconds must be from 5 to 3600, not {seconds}").format(seconds=i18n.number(seconds, "g")))
    from workshop.bench import room, verdict

    figures = room.measure(phones, seconds, lang=i18n.language())
    held = verdict.report(figures, typer.echo)
    raise typer.Exit(0 if held else 1)
