"""click's usage errors in the language spoken. The click that typer bundles writes its messages
in English, with no catalog to hook ('Missing option', 'No such option'): each kind is said
again here from what the error holds, so a German line is German throughout. A message this
does not know (a validator's own, already translated) is kept as it is."""

from __future__ import annotations

import re
from typing import Any

from workshop import i18n
from workshop.i18n import _

_REQUIRES = re.compile(r"Option '(.+)' requires (?:an argument|\d+ arguments)\.?")
_NO_VALUE = re.compile(r"Option '(.+)' does not take a value\.?")
_NOT_A = re.compile(r"(.+) is not a valid (int|integer|float)\.?")
_EXTRA = re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)")


def said(err: Any) -> str:
    """What `err` (a click UsageError) means, in the language in force, without the final stop."""
    from typer._click import exceptions as ex

    if i18n.language() == i18n.SOURCE:  # click's own English, word for word
        return err.format_message().rstrip(".")
    hint = _hint(err)
    if isinstance(err, ex.MissingParameter) and hint:
        kind = err.param_type or (err.param.param_type_name if err.param is not None else "")
        return (_("Missing argument {hint}") if kind == "argument" else _("Missing option {hint}")).format(hint=hint)
    if isinstance(err, ex.BadParameter) and hint:
        return _("Invalid value for {hint}: {why}").format(hint=hint, why=_value(err.message))
    if isinstance(err, ex.NoSuchOption) and err.message == f"No such option: {err.option_name}":
        return _("No such option: {name}").format(name=err.option_name) + (
            " " + _("(Possible options: {names})").format(names=", ".join(sorted(err.possibilities)))
            if err.possibilities
            else ""
        )
    if (found := _REQUIRES.fullmatch(err.message)) is not None:
        return _("Option {name!r} requires an argument").format(name=found[1])
    if (found := _NO_VALUE.fullmatch(err.message)) is not None:
        return _("Option {name!r} does not take a value").format(name=found[1])
    if (found := _EXTRA.fullmatch(err.message)) is not None:
        return _("Got unexpected extra argument(s) ({words})").format(words=found[1])
    return err.format_message().rstrip(".")


def _hint(err: Any) -> str:
    """The parameter an error is about, as click quotes it: "'--name'", "'TEXT'"."""
    hint = getattr(err, "param_hint", None)
    if hint is None and getattr(err, "param", None) is not None:
        hint = err.param.get_error_hint(err.ctx)
    if isinstance(hint, (list, tuple)):
        hint = " / ".join(repr(h) for h in hint)
    return hint or ""


def _value(message: str) -> str:
    """A type's refusal ("'abc' is not a valid int") in the language spoken; a validator's own as it is."""
    found = _NOT_A.fullmatch(message)
    if found is None:
        return message
    if found[2] == "float":
        return _("{value} is not a number").format(value=found[1])
    return _("{value} is not a whole number").format(value=found[1])
