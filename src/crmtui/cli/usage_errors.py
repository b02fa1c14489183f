"""Command-line usage errors (a missing argument, an unknown option) in the user's language.

Typer's bundled click writes these lines as fixed English f-strings, not through gettext, so a
Chinese run would end in ``Error: Missing argument 'customer'.``. :func:`install` replaces the
two ``show`` methods that print them; the message is matched against click's few sentence shapes
and rebuilt from our catalogue. Anything unrecognised (a parser's own message, already in the
user's language) is kept as it is. English runs never call :func:`install`, so they print exactly
what click prints.
"""

from __future__ import annotations

import re
import sys
from typing import IO, Any

from typer._click import exceptions
from typer._click.utils import echo

from crmtui import i18n
from crmtui.i18n import N_, translate

# click's sentences (typer._click.exceptions and core), each with our msgid for it
SENTENCES = (
    (re.compile(r"Missing argument '(?P<name>.+)'\.$"), N_("Missing argument '{name}'.")),
    (re.compile(r"Missing option '(?P<name>.+)'\.$"), N_("Missing option '{name}'.")),
    (
        re.compile(r"No such option: (?P<name>\S+) \(Possible options: (?P<hint>.+)\)$"),
        N_("No such option: {name} (did you mean {hint}?)"),
    ),
    (re.compile(r"No such option: (?P<name>\S+)$"), N_("No such option: {name}")),
    (
        re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((?P<args>.*)\)$"),
        N_("Unexpected extra arguments: {args}"),
    ),
    (
        re.compile(r"Option '(?P<name>.+)' requires an argument\.$"),
        N_("Option '{name}' requires a value."),
    ),
    (
        re.compile(r"Invalid value for (?P<name>.+?): (?P<message>.*)$", re.S),
        N_("Invalid value for {name}: {message}"),
    ),
    (re.compile(r"Invalid value: (?P<message>.*)$", re.S), N_("Invalid value: {message}")),
)
TRY_HELP = N_("Try '{command} {option}' for help.")
ERROR = N_("error: {message}")


def message_text(message: str) -> str:
    """One of click's messages in the user's language (unknown ones unchanged)."""
    for pattern, msgid in SENTENCES:
        found = pattern.match(message)
        if found:
            return translate(msgid).format(**found.groupdict())
    return message


_CLICK_SHOW = (exceptions.UsageError.show, exceptions.ClickException.show)


def _show_usage_error(self: exceptions.UsageError, file: IO[Any] | None = None) -> None:
    if i18n.language() == i18n.ENGLISH:  # a process that switched back (tests): click's words
        _CLICK_SHOW[0](self, file)
        return
    out = file or sys.stderr
    if self.ctx is not None:
        hint = ""
        if self.ctx.command.get_help_option(self.ctx) is not None:
            hint = translate(TRY_HELP).format(
                command=self.ctx.command_path, option=self.ctx.help_option_names[0]
            )
            hint += "\n"
        echo(f"{self.ctx.get_usage()}\n{hint}", file=out, color=self.ctx.color)
    text = translate(ERROR).format(message=message_text(self.format_message()))
    echo(text, file=out, color=self.ctx.color if self.ctx else None)


def _show_error(self: exceptions.ClickException, file: IO[Any] | None = None) -> None:
    if i18n.language() == i18n.ENGLISH:
        _CLICK_SHOW[1](self, file)
        return
    text = translate(ERROR).format(message=message_text(self.format_message()))
    echo(text, file=file or sys.stderr, color=self.show_color)


def install() -> None:
    """Print click's usage errors in the current language from now on."""
    exceptions.UsageError.show = _show_usage_error  # type: ignore[method-assign]
    exceptions.ClickException.show = _show_error  # type: ignore[method-assign]
