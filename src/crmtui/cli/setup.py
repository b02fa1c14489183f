"""``crm init``: create the database on purpose.

Read commands never create a database (a mistyped ``--db`` would otherwise leave folders and an
empty file behind); ``crm init``, ``crm demo`` and the commands that add data do.
"""

from __future__ import annotations

from typing import Annotated

import typer

from crmtui.cli.context import console, print_json, state
from crmtui.cli.render import safe
from crmtui.i18n import N_, _


def init(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help=N_("JSON output."))] = False,
) -> None:
    """Create an empty database (at --db, CRM_DB or the data folder); upgrade an existing one."""
    from crmtui.db.engine import open_database
    from crmtui.db.location import resolve

    st = state(ctx)
    location = resolve(st.db_option)
    existed = location.path is None or location.path.exists()
    open_database(st.db_option).dispose()  # creates, or checks and upgrades
    where = str(location.path) if location.path is not None else _("the server database")
    if as_json:
        print_json({"database": where, "created": not existed})
    elif existed:
        text = _("the database already exists: {where}").format(where=where)
        console.print(safe(text), soft_wrap=True)
    else:
        console.print(
            safe(_("created an empty database: {where}").format(where=where)), soft_wrap=True
        )


def register(app: typer.Typer) -> None:
    app.command("init")(init)
