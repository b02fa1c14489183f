"""The ``crm`` command line: one Typer app; each group of commands lives in its own module.

Commands parse, call a service, and render. Heavy imports (SQLAlchemy, SQLModel, Textual,
pypinyin) happen inside the commands that need them, so ``crm --help`` and ``crm today`` start fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from crmtui import __version__
from crmtui.cli import (
    activities,
    customers,
    data,
    edits,
    merging,
    planner,
    privacy,
    records,
    settings,
    setup,
    today,
)
from crmtui.cli.context import State, err_console
from crmtui.errors import Ambiguous, CrmError

if TYPE_CHECKING:
    # the Context TyperGroup.invoke is declared with: typer's own copy of click's
    from typer._click import Context as ClickContext


class CrmGroup(TyperGroup):
    """Turns user errors into one line on stderr and exit code 1, never a traceback."""

    def invoke(self, ctx: ClickContext) -> Any:
        try:
            return super().invoke(ctx)
        except CrmError as exc:
            report(exc)
            # a value refused while the arguments are read is a usage error (exit 2)
            raise typer.Exit(getattr(exc, "exit_code", 1)) from None
        except KeyboardInterrupt:
            err_console.print("interrupted; nothing more was written")
            raise typer.Exit(130) from None


def report(exc: CrmError) -> None:
    from crmtui.cli.render import safe

    err_console.print(safe(f"error: {exc}"))
    if isinstance(exc, Ambiguous):
        for cid, label in exc.candidates:
            err_console.print(safe(f"  {cid}  {label}"))


app = typer.Typer(
    cls=CrmGroup,
    help="crmtui: an offline CRM for the salesperson. Run `crm` alone to open the full-screen app.",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    invoke_without_command=True,
    no_args_is_help=False,
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"crmtui {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    ctx: typer.Context,
    db: Annotated[
        str | None, typer.Option("--db", help="Database file (default: CRM_DB or the data folder).")
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    ctx.obj = State(db_option=db)
    if ctx.invoked_subcommand is None:
        from crmtui.cli.context import open_tui

        open_tui(ctx.obj)


for module in (
    customers,
    activities,
    records,
    edits,
    merging,
    today,
    settings,
    data,
    planner,
    privacy,
    setup,
):
    module.register(app)


def main() -> None:
    """Console-script entry point."""
    app()
