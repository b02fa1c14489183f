"""Commands about contacts: add one to a customer, list and search them."""

from __future__ import annotations

from typing import Annotated

import typer

from crmtui import numbers
from crmtui.cli.context import ByName, console, print_json, state
from crmtui.cli.customers import _birthday, _typed_email
from crmtui.cli.render import phones, safe, table
from crmtui.i18n import N_, _


def add_contact(
    ctx: typer.Context,
    customer: Annotated[str, typer.Argument(help=N_("The customer (id or part of the name)."))],
    name: Annotated[str, typer.Argument(help=N_("The person's name."))],
    role: Annotated[str | None, typer.Option(help=N_("Role, e.g. 采购经理."))] = None,
    phone: Annotated[
        list[str] | None, typer.Option("--phone", help=N_("Phone (repeatable)."))
    ] = None,
    email: Annotated[str | None, typer.Option(help=N_("Email."))] = None,
    birthday: Annotated[str | None, typer.Option(help=N_("MM-DD or YYYY-MM-DD."))] = None,
    lunar: Annotated[
        bool, typer.Option("--lunar", help=N_("The birthday is lunar (农历)."))
    ] = False,
    decision_maker: Annotated[bool, typer.Option("--decision-maker", help=N_("Decides."))] = False,
    timezone: Annotated[
        str | None, typer.Option(help=N_("IANA zone if not the customer's."))
    ] = None,
    note: Annotated[str | None, typer.Option(help=N_("Notes."))] = None,
    by_name: ByName = False,
    force: Annotated[
        bool, typer.Option("--force", help=N_("Add even if the same name and phone is there."))
    ] = False,
) -> None:
    """Add a contact person to a customer."""
    from crmtui.services.contacts.write import create_contact

    email = _typed_email(email)
    st = state(ctx)
    born = _birthday(ctx, birthday, lunar)
    target = st.customer(customer, by_name=by_name)
    with st.db.session() as session:
        contact = create_contact(
            session,
            now=st.now(),
            customer_id=target["id"],
            name=name,
            role=role,
            phones=phone or [],
            email=email,
            birthday=born,
            decision_maker=decision_maker,
            timezone=timezone,
            notes=note,
            force=force,
        )
        pid = contact.id
    text = _("added contact {id}: {name} at {customer}")
    console.print(safe(text.format(id=pid, name=name, customer=target["name"])))


def list_contacts(
    ctx: typer.Context,
    customer: Annotated[str | None, typer.Argument(help=N_("Only this customer's."))] = None,
    search: Annotated[
        str | None, typer.Option("--search", "-s", help=N_("Text or pinyin."))
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option(help=N_("At most this many (table: 50, --json: all)."), parser=numbers.LIMIT),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help=N_("JSON output."))] = False,
    query: Annotated[
        str | None,
        typer.Option(
            "--query",
            "-q",
            help=N_("A query, e.g. 'is:decision-maker customer:宏达' (see README)."),
        ),
    ] = None,
    by_name: ByName = False,
) -> None:
    """List and search contacts."""
    from crmtui.cli.paging import page_size, print_more
    from crmtui.services.customers.read import list_contacts as contacts_of
    from crmtui.services.customers.read import resolve_customer

    st = state(ctx)
    if query is not None:
        from crmtui.cli.query_lists import run_list_query

        mixed = bool(customer or search)
        run_list_query(st, "contacts", query, limit=limit, as_json=as_json, mixed=mixed)
        return
    with st.reader() as reader:
        cid = resolve_customer(reader, customer, by_name=by_name)["id"] if customer else None
        rows = contacts_of(
            reader, search=search, customer_id=cid, limit=page_size(limit, as_json, 50)
        )
    if as_json:
        print_json(rows)
        return
    if not rows:
        console.print(_("no contacts found"))
        return
    console.print(
        table(
            None,
            [_("id"), _("name"), _("customer"), _("role"), _("phones"), _("email")],
            [
                (
                    r["id"],
                    r["name"] + (" ★" if r["decision_maker"] else ""),
                    r["customer"],
                    r["role"] or "",
                    phones(r["phones"]),
                    r["email"] or "",
                )
                for r in rows
            ],
        )
    )
    print_more(rows)


def register(app: typer.Typer) -> None:
    app.command("add-contact")(add_contact)
    app.command("contacts")(list_contacts)
