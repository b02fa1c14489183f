"""Commands that destroy or replace data: ``crm purge`` deletes a customer in the trash for good,
leaving no trace in the files; ``crm restore`` asks here before it replaces a database."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from crmtui.cli.context import ByName, console, err_console, state
from crmtui.cli.render import safe
from crmtui.errors import InvalidInput
from crmtui.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from crmtui.db.location import Location


def _count(table: str, n: int) -> str:
    """``2 customers``, ``1 contact``, ``3 tag rows``."""
    nouns = {
        "customer": ngettext("{n} customer", "{n} customers", n),
        "contact": ngettext("{n} contact", "{n} contacts", n),
        "activity": ngettext("{n} activity", "{n} activities", n),
        "opportunity": ngettext("{n} opportunity", "{n} opportunities", n),
        "note": ngettext("{n} note", "{n} notes", n),
    }
    return nouns.get(table, _("{n} {table} rows")).format(n=n, table=table)


def _rows(counts: dict[str, int]) -> str:
    """``2 customers, 1 contact, 3 tag rows``; ``no data`` when empty."""
    return _(", ").join(_count(table, n) for table, n in counts.items()) or _("no data")


def confirm_replace(location: Location, source: Path, *, yes: bool) -> None:
    """Before ``crm restore``: check the backup, say what is replaced by what, and ask.

    Like ``purge``, a restore over data needs a yes: from a terminal, or ``--yes`` in a script.
    """
    from crmtui.services.maintenance.backup import check_restorable, holdings

    incoming = check_restorable(location, source)
    current = holdings(location)
    if not current:
        return
    err_console.print(
        safe(
            _(
                "restore replaces {path} ({rows}) with {source} ({incoming}); "
                "a copy of the replaced database is kept"
            ).format(
                path=location.path,
                rows=_rows(current),
                source=source,
                incoming=_rows({t: n for t, n in incoming.counts.items() if n}),
            )
        ),
        soft_wrap=True,
    )
    if yes:
        return
    if not sys.stdin.isatty():
        raise InvalidInput("restore-needs-yes")
    if not typer.confirm(_("Replace the database?"), default=False, err=True):
        err_console.print(_("nothing was changed"))
        raise typer.Exit(1)


def purge(
    ctx: typer.Context,
    customer: Annotated[
        str, typer.Argument(help=N_("A customer in the trash: id or part of the name."))
    ],
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help=N_("Do not ask for confirmation."))
    ] = False,
    by_name: ByName = False,
) -> None:
    """Delete a customer from the trash for good, with its contacts, activities, opportunities,
    notes, tags and search entries; the database file and its log keep no copy."""
    from crmtui.services.maintenance.purge import purge_customer, scrub_files
    from crmtui.textsafe import visible

    st = state(ctx)
    target = st.customer(customer, include_deleted=True, by_name=by_name)
    cid, name = int(target["id"]), str(target["name"])
    if target["deleted_at"] is None:
        raise InvalidInput("purge-not-trashed", name=name, id=cid)
    # Say exactly which record goes, even with --yes, so a script's log shows what was lost.
    text = _("will delete for good: customer {id} {name}").format(id=cid, name=name)
    err_console.print(safe(text), soft_wrap=True)
    if not yes:
        if not sys.stdin.isatty():
            raise InvalidInput("purge-needs-yes", name=name, id=cid)
        question = _("Delete {name} (#{id}) and everything about it for good?").format(
            name=visible(name), id=cid
        )
        if not typer.confirm(question, default=False, err=True):
            err_console.print(_("nothing was deleted"))
            raise typer.Exit(1)
    with st.db.session() as session:
        result = purge_customer(session, customer_id=cid)
    clean = scrub_files(st.db)
    text = _("purged customer {id}: {name}; {summary}")
    console.print(safe(text.format(id=cid, name=name, summary=result.summary())), soft_wrap=True)
    if not clean:
        err_console.print(
            _(
                "note: another crm window is still reading; the database log keeps old pages "
                "until every crm window is closed"
            ),
            soft_wrap=True,
        )


def register(app: typer.Typer) -> None:
    app.command("purge")(purge)
