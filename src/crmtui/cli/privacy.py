"""``crm purge``: delete a customer in the trash for good, leaving no trace in the files."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from crmtui.cli.context import ByName, console, err_console, state
from crmtui.cli.render import safe
from crmtui.errors import InvalidInput


def purge(
    ctx: typer.Context,
    customer: Annotated[
        str, typer.Argument(help="A customer in the trash: id or part of the name.")
    ],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    by_name: ByName = False,
) -> None:
    """Delete a customer from the trash for good, with its contacts, activities, opportunities,
    notes, tags and search entries; the database file and its log keep no copy."""
    from crmtui.services.purge import purge_customer, scrub_files
    from crmtui.textsafe import visible

    st = state(ctx)
    target = st.customer(customer, include_deleted=True, by_name=by_name)
    cid, name = int(target["id"]), str(target["name"])
    if target["deleted_at"] is None:
        raise InvalidInput(
            f"{name} is not in the trash; move it there first (crm delete-customer {cid}), "
            "then purge it"
        )
    # Say exactly which record goes, even with --yes, so a script's log shows what was lost.
    err_console.print(safe(f"will delete for good: customer {cid} {name}"), soft_wrap=True)
    if not yes:
        if not sys.stdin.isatty():
            raise InvalidInput(
                f"purge deletes {name} (#{cid}) for good; there is no terminal to confirm on, "
                "so run it again with --yes"
            )
        question = f"Delete {visible(name)} (#{cid}) and everything about it for good?"
        if not typer.confirm(question, default=False, err=True):
            err_console.print("nothing was deleted")
            raise typer.Exit(1)
    with st.db.session() as session:
        result = purge_customer(session, customer_id=cid)
    clean = scrub_files(st.db)
    console.print(safe(f"purged customer {cid}: {name}; {result.summary()}"), soft_wrap=True)
    if not clean:
        err_console.print(
            "note: another crm window is still reading; the database log keeps old pages until "
            "every crm window is closed",
            soft_wrap=True,
        )


def register(app: typer.Typer) -> None:
    app.command("purge")(purge)
