"""``crm query save|list|run|delete`` and ``crm customers --query``: the query language.

A query is checked before anything runs or is saved: a bad term is one line naming it and what
is allowed, exit 1 (see README, "Queries").
"""

from __future__ import annotations

import csv
import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from crmtui import numbers
from crmtui.cli.context import console, print_json, state
from crmtui.cli.render import phones, safe, table, when
from crmtui.i18n import N_, _, translate

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from crmtui.services.common.paging import Page
    from crmtui.services.customers.types import ListedCustomer

# table headers of a saved query's columns
HEADERS = {
    "id": N_("id"),
    "name": N_("name"),
    "stage": N_("stage"),
    "grade": N_("grade"),
    "city": N_("city"),
    "country": N_("country"),
    "phones": N_("phones"),
    "email": N_("email"),
    "company_name": N_("company"),
    "last_contact_at": N_("last contact"),
    "updated_at": N_("updated"),
    "tags": N_("tags"),
}
query_app = typer.Typer(
    help=N_("Saved queries (自定义查询): save, list, run, delete."), no_args_is_help=True
)


@query_app.command("save")
def save(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help=N_("A name for the query, e.g. 上海A类."))],
    query: Annotated[str, typer.Argument(help=N_("The query, e.g. 'city:上海 grade:A'."))],
    columns: Annotated[
        str | None, typer.Option(help=N_("Columns of its table, e.g. id,name,city,tags."))
    ] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help=N_("Change the query of that name."))
    ] = False,
    over: Annotated[
        str | None,
        typer.Option(
            help=N_(
                "What it runs over: customers (default), contacts, opportunities, orders, "
                "activities."
            )
        ),
    ] = None,
) -> None:
    """Save a query under a name."""
    from crmtui.services.query.saved import save_query

    st = state(ctx)
    with st.db.session() as session:
        saved = save_query(
            session,
            now=st.now(),
            tz=st.tz,
            name=name,
            query=query,
            columns=columns,
            replace=replace,
            over=over,
        )
    console.print(safe(_("saved query {name}: {query}").format(name=saved.name, query=saved.query)))


@query_app.command("list")
def list_saved(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help=N_("JSON output."))] = False,
) -> None:
    """List the saved queries."""
    from dataclasses import asdict

    from crmtui.services.query.saved_read import list_queries

    st = state(ctx)
    with st.reader() as reader:
        found = list_queries(reader)
    if as_json:
        print_json([asdict(s) for s in found])
        return
    if not found:
        console.print(safe(_('no saved queries; save one with crm query save NAME "QUERY"')))
        return
    rows = [
        (s.name, s.target, s.query, ",".join(s.columns), "📌" if s.pinned else "") for s in found
    ]
    headers = [_("name"), _("over"), _("query"), _("columns"), _("pinned")]
    console.print(table(None, headers, rows))


@query_app.command("run")
def run(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help=N_("The saved query's name."))],
    limit: Annotated[
        int | None,
        typer.Option(
            help=N_("At most this many (table: 50, --json/--csv: all)."), parser=numbers.LIMIT
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help=N_("JSON output."))] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help=N_("CSV output (its columns)."))] = False,
) -> None:
    """Run a saved query."""
    from crmtui.cli.paging import page_size, print_more
    from crmtui.cli.query_lists import fetch, show
    from crmtui.services.query.saved_read import find_query

    st = state(ctx)
    with st.reader() as reader:
        saved = find_query(reader, name)
    whole = as_json or as_csv
    rows = fetch(st, saved.target, saved.query, limit=page_size(limit, whole, 50), count=not whole)
    if saved.target != "customers":
        show(saved.target, rows, saved.columns, st.tz, as_json=as_json, as_csv=as_csv)
        return
    if as_json:
        print_json(rows)
        return
    if as_csv:
        _csv(rows, saved.columns, st.tz)
        return
    if not rows:
        console.print(_("no customers found"))
        return
    headers = [translate(HEADERS.get(c, c)) for c in saved.columns]
    cells = [[_cell(r, c, st.tz) for c in saved.columns] for r in rows]
    console.print(table(None, headers, cells))
    print_more(rows)


@query_app.command("delete")
def delete(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help=N_("The saved query's name."))],
) -> None:
    """Delete a saved query."""
    from crmtui.services.query.saved import delete_query

    st = state(ctx)
    with st.db.session() as session:
        gone = delete_query(session, name=name)
    console.print(safe(_("deleted saved query {name}").format(name=gone)))


@query_app.command("pin")
def pin(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help=N_("The saved query's name."))],
) -> None:
    """Pin a saved query as a panel of the desktop (crm today and the app)."""
    _pin(ctx, name, pinned=True)


@query_app.command("unpin")
def unpin(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help=N_("The saved query's name."))],
) -> None:
    """Take a saved query's panel off the desktop."""
    _pin(ctx, name, pinned=False)


def _pin(ctx: typer.Context, name: str, *, pinned: bool) -> None:
    from crmtui.services.query.pinned import set_pinned

    st = state(ctx)
    with st.db.session() as session:
        stored = set_pinned(session, name=name, pinned=pinned)
    said = _("pinned {name} on the desktop") if pinned else _("unpinned {name}")
    console.print(safe(said.format(name=stored)))


def _cell(row: ListedCustomer, column: str, tz: ZoneInfo) -> str:
    value: Any = row.get(column)
    if column in ("phones", "tags"):
        return phones(value)
    if column in ("last_contact_at", "updated_at"):
        return when(value, tz, with_weekday=False)
    return "" if value is None else str(value)


def _csv(rows: Page[ListedCustomer], columns: tuple[str, ...], tz: ZoneInfo) -> None:
    from crmtui.services.formats.safety import neutralise

    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(columns)
    for row in rows:
        # a customer called "=HYPERLINK(...)" must not become a formula in a spreadsheet
        out.writerow([neutralise(_cell(row, c, tz)) for c in columns])


def register(app: typer.Typer) -> None:
    app.add_typer(query_app, name="query")
