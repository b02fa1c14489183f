"""The command line's help in the user's language, laid out by display width.

Help texts are marked with ``N_()`` where commands are declared (module import, before the language
is chosen) and command docstrings are msgids too (tools/catalogue.py extracts the docstrings of the
functions each ``register`` makes commands of). Once Typer has built the click commands for a run,
:func:`localise` translates them in place; English runs skip it, so their help is untouched.

Chinese characters take two terminal columns, and click wraps by characters, so help in Chinese is
wrapped here by display cells instead (Rich's ``cell_len``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import typer.core
from rich.cells import cell_len
from typer._click.core import Context
from typer._click.formatting import HelpFormatter

from crmtui.i18n import N_, translate

if TYPE_CHECKING:
    from collections.abc import Sequence

    from typer._click.core import Command

# Words typer and its click print around our help texts. Typer asks ``gettext`` for the first
# ones (see typer.core); the others are fixed English in click and are swapped in the formatter.
TYPER_WORDS = (
    N_("Arguments"),
    N_("Options"),
    N_("Commands"),
    N_("default: {default}"),
    N_("required"),
    N_("Missing command."),
    N_("No such command {name!r}."),
    N_("Aborted!"),
)
USAGE = N_("Usage: ")
HEADING = N_("{heading}:")
OPTIONS_METAVAR = N_("[OPTIONS]")
SUBCOMMAND_METAVAR = N_("COMMAND [ARGS]...")
HELP_OPTION = N_("Show this message and exit.")
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
# a space, one wide character, or a run of narrow ones (ending after a "|" of a list of choices)
_TOKEN = re.compile(rf"\s+|[{_WIDE}]|[^\s{_WIDE}|]+\|?|\|")
# a line break in a source text between two wide characters is not a space
_WIDE_BREAK = re.compile(rf"(?<=[{_WIDE}])\s*\n\s*(?=[{_WIDE}])|(?<=[，。；：、])\s+")


def wrap(text: str, width: int) -> list[str]:
    """``text`` broken into lines of at most ``width`` terminal cells.

    Latin words stay whole; a line may break between any two Chinese characters, and a Chinese
    punctuation mark stays with the character before it.
    """
    lines: list[str] = []
    line = ""
    for token in _TOKEN.findall(" ".join(_WIDE_BREAK.sub("", text).split())):
        if token.isspace():
            if line:
                line += " "
            continue
        if line and cell_len(line) + cell_len(token) > width and token not in "，。；：、）」":
            lines.append(line.rstrip())
            line = ""
        line += token
    if line.strip():
        lines.append(line.rstrip())
    return lines


class WideFormatter(HelpFormatter):
    """click's help formatter, translated and measuring text in terminal cells."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, translate(USAGE) if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        self.write(
            " " * self.current_indent + translate(HEADING).format(heading=translate(heading))
        )
        self.write("\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        paragraphs = [part for part in text.split("\n\n") if part.strip()]
        self.write(
            "\n\n".join(
                "\n".join(indent + line for line in wrap(part, self.width - self.current_indent))
                for part in paragraphs
            )
        )
        self.write("\n")

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        rows = [
            (first, translate(HELP_OPTION) if second == HELP_OPTION else second)
            for first, second in rows
        ]
        first_col = (
            min(max((cell_len(first) for first, _ in rows), default=0), col_max) + col_spacing
        )
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if cell_len(first) <= first_col - col_spacing:
                self.write(" " * (first_col - cell_len(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap(second, max(self.width - first_col - self.current_indent, 10)) or [""]
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n")


class WideContext(Context):
    formatter_class = WideFormatter


def first_sentence(text: str) -> str:
    """What the list of commands shows of a help text (click would cut it by characters)."""
    depth = 0
    for index, char in enumerate(text):
        depth += char in "（("
        depth -= char in "）)"
        if depth == 0 and char in "。；":
            return text[:index]
    return text.rstrip("。")


def localise(command: Command) -> None:
    """Translate the help of ``command`` and every command under it, in place."""
    # typer.core imports gettext's ``gettext`` as ``_`` for its few words: route it to our catalogue
    typer.core._ = translate  # type: ignore[attr-defined]
    from crmtui.cli import usage_errors

    usage_errors.install()
    _localise(command)


def _localise(command: Command) -> None:
    command.context_class = WideContext
    if command.help:
        command.help = translate(command.help)
    if command.short_help:
        command.short_help = translate(command.short_help)
    elif command.help:
        command.short_help = first_sentence(command.help)
    if command.options_metavar:
        command.options_metavar = translate(OPTIONS_METAVAR)
    if getattr(command, "subcommand_metavar", None):
        command.subcommand_metavar = translate(SUBCOMMAND_METAVAR)  # type: ignore[attr-defined]
    if command.epilog:
        command.epilog = translate(command.epilog)
    for param in command.params:
        text: Any = getattr(param, "help", None)
        if isinstance(text, str) and text:
            param.help = translate(text)  # type: ignore[attr-defined]
    for child in getattr(command, "commands", {}).values():
        _localise(child)
