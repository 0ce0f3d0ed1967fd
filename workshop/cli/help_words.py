"""The words of a command's `--help` that typer's bundled click writes itself, said in the language
in force: the usage line's "Usage:", "[OPTIONS]" and "COMMAND [ARGS]...", and the `--help`
option's own line. In English they are click's, byte for byte."""

from __future__ import annotations

from typing import Any

import typer
import typer.core

from workshop.i18n import N_, _

USAGE = N_("Usage: ")
HELP_LINE = N_("Show this message and exit.")
# what click puts in a usage line, as written there (typer bundles click: its defaults)
PIECES = {"[OPTIONS]": N_("[OPTIONS]"), "COMMAND [ARGS]...": N_("COMMAND [ARGS]...")}


class InLanguage:
    """Mixed into a typer command or group class: its usage line and help option in the reader's
    language."""

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = _(HELP_LINE)
        return option

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces: list[str] = super().collect_usage_pieces(ctx)  # type: ignore[misc]
        return [_(PIECES[piece]) if piece in PIECES else piece for piece in pieces]

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix=_(USAGE))


class Command(InLanguage, typer.core.TyperCommand):
    """Every `workshop` command's class (cli/__init__.py gives it to each as it is registered)."""


def every_command_in_language(app: typer.Typer) -> None:
    """Give each command registered on `app` the class that says its help chrome in language."""
    for info in app.registered_commands:
        if info.cls in (None, typer.core.TyperCommand):  # typer's default: none of our own
            info.cls = Command
