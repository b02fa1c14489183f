"""The ``crm`` command line: one Typer app; each group of commands lives in its own module.

Commands parse, call a service, and render. Heavy imports (SQLAlchemy, SQLModel, Textual,
pypinyin) happen inside the commands that need them, so ``crm --help`` and ``crm today`` start fast.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import TYPE_CHECKING, Annotated, Any

import typer
import typer.main
from typer.core import TyperGroup

from crmtui import __version__
from crmtui.cli import (
    activities,
    aftersale,
    announcements,
    competitors,
    contacts,
    customers,
    data,
    edits,
    events,
    expenses,
    grades,
    importing,
    merging,
    money,
    payments,
    planner,
    privacy,
    products,
    queries,
    records,
    reports,
    service,
    settings,
    setup,
    team,
    today,
)
from crmtui.cli.context import State, err_console
from crmtui.cli.lean_params import plain_text
from crmtui.errors import Ambiguous, CrmError
from crmtui.i18n import N_

if TYPE_CHECKING:
    # the Context TyperGroup.invoke is declared with: typer's own copy of click's
    from typer._click import Context as ClickContext


class CrmGroup(TyperGroup):
    """Turns user errors into one line on stderr and exit code 1, never a traceback; reads
    plain text options without loading Pydantic (``lean_params``); speaks the user's language
    in its help."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from crmtui import i18n

        if i18n.language() != i18n.ENGLISH:
            from crmtui.cli.helptext import localise

            localise(self)

    def parse_args(self, ctx: ClickContext, args: list[str]) -> list[str]:
        plain_text(self.get_params(ctx))  # with --help, which click adds here
        return super().parse_args(ctx, args)

    def resolve_command(self, ctx: ClickContext, args: list[str]) -> Any:
        found = super().resolve_command(ctx, args)
        if found[1] is not None:
            plain_text(found[1].get_params(ctx))
            # a group (crm query, crm event...) resolves its own commands: theirs too
            for command in getattr(found[1], "commands", {}).values():
                plain_text(command.get_params(ctx))
        return found

    def invoke(self, ctx: ClickContext) -> Any:
        try:
            return super().invoke(ctx)
        except CrmError as exc:
            report(exc)
            # a value refused while the arguments are read is a usage error (exit 2)
            raise typer.Exit(getattr(exc, "exit_code", 1)) from None
        except KeyboardInterrupt:
            from crmtui.i18n import _

            err_console.print(_("interrupted; nothing more was written"))
            raise typer.Exit(130) from None
        except Exception as exc:
            # a database server's refusal that no service turned into a CrmError (a dropped
            # connection, a role without grants...): one line too, never a traceback
            from crmtui.db.server_errors import server_problem

            problem = server_problem(exc)
            if problem is None:
                raise
            report(problem)
            raise typer.Exit(1) from None


# The user's language when a --json run speaks English (see main): errors are still theirs.
_error_language: str | None = None


def report(exc: CrmError) -> None:
    from crmtui import i18n
    from crmtui.cli.render import safe
    from crmtui.i18n import _

    if _error_language is not None and _error_language != i18n.language():
        i18n.set_language(_error_language)

    err_console.print(safe(_("error: {message}").format(message=exc)))
    if isinstance(exc, Ambiguous):
        for cid, label in exc.candidates:
            err_console.print(safe(f"  {cid}  {label}"))


def _version(value: bool) -> None:
    if value:
        typer.echo(f"crmtui {__version__}")
        raise typer.Exit()


def main_callback(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help=N_(
                "Database file or URL, e.g. postgresql+psycopg://alice@server/crm "
                "(default: CRM_DATABASE_URL, CRM_DB or the data folder)."
            ),
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help=N_("Show the version.")),
    ] = False,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang", help=N_("Language of the interface: en or zh (default: config, then LANG).")
        ),
    ] = None,
) -> None:
    # --lang was applied by main() before any command was built; declared here for --help.
    ctx.obj = State(db_option=db)
    ctx.call_on_close(ctx.obj.close)
    if ctx.invoked_subcommand is None:
        from crmtui.cli.context import open_tui

        open_tui(ctx.obj)


MODULES: tuple[ModuleType, ...] = (
    customers,
    contacts,
    activities,
    records,
    edits,
    merging,
    today,
    settings,
    data,
    importing,
    planner,
    privacy,
    setup,
    money,
    payments,
    products,
    aftersale,
    service,
    events,
    expenses,
    competitors,
    announcements,
    queries,
    grades,
    reports,
    team,
)


def build_app(modules: tuple[ModuleType, ...] = MODULES) -> typer.Typer:
    """The ``crm`` app with the commands of ``modules`` (all of them by default)."""
    built = typer.Typer(
        cls=CrmGroup,
        help=N_(
            "crmtui: an offline CRM for the salesperson. "
            "Run `crm` alone to open the full-screen app."
        ),
        context_settings={"help_option_names": ["-h", "--help"]},
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        invoke_without_command=True,
        no_args_is_help=False,
        add_completion=False,
    )
    built.callback()(main_callback)
    for module in modules:
        module.register(built)
    return built


app = build_app()


def _module_names(module: ModuleType) -> set[str]:
    """The top-level command and group names a module registers (registering is cheap)."""
    scratch = typer.Typer()
    module.register(scratch)
    names = {
        c.name or typer.main.get_command_name(c.callback.__name__)
        for c in scratch.registered_commands
        if c.callback is not None
    }
    names |= {
        g.name or (g.typer_instance.info.name if g.typer_instance else None) or ""
        for g in scratch.registered_groups
    }
    return names


def _app_for(args: list[str]) -> typer.Typer:
    """An app holding only what this invocation needs.

    Typer turns every registered command's signature into a click command on each run, which
    costs about as much for a hundred commands as ``crm today`` spends on its own work; one
    module's commands are enough when the command is named, and none to open the full-screen
    app. ``--help``, ``--version`` or a name we do not know get the whole app (and its
    "No such command" suggestions).
    """
    rest = iter(args)
    for token in rest:
        if token == "--db":
            next(rest, None)
        elif token.startswith("--db="):
            continue
        elif token.startswith("-"):
            return _full_app()
        else:
            found = [m for m in MODULES if token in _module_names(m)]
            return build_app((found[0],)) if len(found) == 1 else _full_app()
    return build_app(())


def _full_app() -> typer.Typer:
    """Every command, with its help in the current language (``app`` was built in English)."""
    from crmtui import i18n

    return app if i18n.language() == i18n.ENGLISH else build_app()


def _take_language(args: list[str]) -> tuple[str | None, list[str]]:
    """``--lang X`` / ``--lang=X`` from anywhere before ``--``, and the arguments without it."""
    rest: list[str] = []
    chosen: str | None = None
    tokens = iter(args)
    for token in tokens:
        if token == "--":
            rest.append(token)
            rest.extend(tokens)
        elif token == "--lang":
            chosen = next(tokens, "")
        elif token.startswith("--lang="):
            chosen = token.partition("=")[2]
        else:
            rest.append(token)
    return chosen, rest


def apply_language(explicit: str | None) -> None:
    """Set the language of this run: ``--lang``, then the config's ``language``, then LANG."""
    import os

    from crmtui import i18n
    from crmtui.config import ConfigError, configured_language

    if explicit is not None and i18n.normalise(explicit) is None:
        raise ConfigError("unknown-language", text=explicit, choices=tuple(i18n.LANGUAGES))
    code = i18n.choose(explicit, configured_language(), os.environ)
    if code != i18n.language():
        i18n.set_language(code)


def main() -> None:
    """Console-script entry point."""
    from crmtui.cli import context

    context.ONE_COMMAND = True
    explicit, args = _take_language(sys.argv[1:])
    try:
        apply_language(explicit)
    except CrmError as exc:
        report(exc)
        raise SystemExit(1) from None
    _json_in_english(args)
    # the app is built after the language is set: help texts are translated as commands register
    chosen = _app_for(args)
    if args in (["--help"], ["-h"]):
        chosen = _listing(chosen)
    chosen(args=args)


def _listing(app: typer.Typer) -> typer.Typer:
    """``app`` for ``crm --help``: the same tree, each command's function swapped for one
    without parameters, with the same name and docstring. The help lists the commands by name
    and first line only; reading the parameters of a hundred functions (Typer evaluates every
    annotation) would cost more than the rest of the run."""
    import copy

    def bare(function: Any) -> Any:
        if not callable(function):
            return function  # None, or Typer's placeholder for "not given"

        def listed() -> None:  # never run: the help is printed before any command is called
            raise typer.Exit(0)

        # the name and docstring only: no __wrapped__, which would lead Typer back to the
        # original's parameters
        for attribute in ("__module__", "__name__", "__qualname__", "__doc__"):
            setattr(listed, attribute, getattr(function, attribute))
        return listed

    shallow = copy.copy(app)
    shallow.registered_commands = []
    for info in app.registered_commands:
        command = copy.copy(info)
        command.callback = bare(info.callback)
        shallow.registered_commands.append(command)
    shallow.registered_groups = []
    for group in app.registered_groups:
        listed = copy.copy(group)
        listed.callback = bare(group.callback)
        if group.typer_instance is not None:
            listed.typer_instance = _listing(group.typer_instance)
            if group.typer_instance.registered_callback is not None:
                called = copy.copy(group.typer_instance.registered_callback)
                called.callback = bare(called.callback)
                listed.typer_instance.registered_callback = called
        shallow.registered_groups.append(listed)
    return shallow


def _json_in_english(args: list[str]) -> None:
    """``--json`` output is for programs: its keys and values stay English and stable in every
    language (planner reasons, goals and labels are made in the user's language, so the whole
    run switches); error lines on stderr stay in the user's language."""
    from crmtui import i18n

    options = args[: args.index("--")] if "--" in args else args
    if "--json" in options and i18n.language() != i18n.ENGLISH:
        global _error_language
        _error_language = i18n.language()
        i18n.set_language(i18n.ENGLISH)
