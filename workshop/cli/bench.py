"""`workshop bench room`: how many phones this machine holds, measured before the day."""


from typing import Annotated

import typer

from workshop.cli import _fail, app


@app.command()
def bench(
    what: Annotated[str, typer.Argument(help="What to measure: `room` (phones on `workshop serve`).")],
    phones: Annotated[int, typer.Option("--phones", help="Phones in the room.")] = 200,
    seconds: Annotated[float, typer.Option("--seconds", help="How long the room takes: a quarter to join, then "
                                                              "six polls and a note, each tapped over a while.")]
    = 120.0,
) -> None:
    """Run a room of simulated phones against a throwaway session on this machine, with the
    facilitator's screen, and say whether it holds them (docs/participants.md)."""
    if what != "room":
        raise _fail(f"nothing called {what!r} to measure: `workshop bench room`")
    if not 1 <= phones <= 5000:
        raise _fail(f"--phones must be from 1 to 5000, not {phones}")
    if not 5 <= seconds <= 3600:
        raise _fail(f"--seconds must be from 5 to 3600, not {seconds:g}")
    from workshop.bench import room

    figures = room.measure(phones, seconds)
    held = room.report(figures, typer.echo)
    raise typer.Exit(0 if held else 1)
