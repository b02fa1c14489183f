"""How orders are shown: ``crm orders`` (the list, fitted to a narrow terminal) and the detail
``crm order show`` prints. The ``crm order`` commands themselves are in ``money.py``."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import typer

from crmtui import numbers
from crmtui.cli.context import AsJson, ByName, console, print_json, state
from crmtui.cli.render import money, safe, table
from crmtui.i18n import N_, _
from crmtui.services.money.words import word

if TYPE_CHECKING:
    from crmtui.services.money.types import OrderDetail


def print_detail(d: OrderDetail) -> None:
    """``crm order show``: the order's facts, lines, payments and what is still owed."""
    cur = d.currency
    console.print(safe(f"{d.number}  {d.customer}  {word(d.status)} / {word(d.payment)}"))
    facts = [
        (_("ordered"), d.ordered_on),
        (_("ship planned"), d.ship_planned),
        (_("shipped"), d.shipped_on),
        (_("delivered"), d.delivered_on),
        (_("due"), d.due_on),
        (_("credit days"), d.credit_days),
        (_("contact"), d.contact),
        (_("note"), d.note),
        (_("forced"), d.forced),
    ]
    for label, value in facts:
        if value is not None:
            console.print(safe(f"  {label}: {value}"))
    # the discount column only when a line has one: most orders have none
    off = any(x.discount for x in d.lines)
    console.print(
        table(
            None,
            [
                _("product"),
                _("model"),
                _("qty"),
                _("unit"),
                _("price"),
                *([_("discount")] if off else []),
                _("total"),
            ],
            [
                (
                    x.name,
                    x.model or "",
                    x.quantity,
                    x.unit or "",
                    money(x.unit_price, cur),
                    *([money(x.discount, cur) if x.discount else ""] if off else []),
                    money(x.line_total, cur),
                )
                for x in d.lines
            ],
        )
    )
    for a in d.allocations:
        text = _("  paid {amount} on {day} ({method})")
        line = text.format(amount=money(a.amount, cur), day=a.paid_on, method=word(a.method))
        console.print(safe(line))
    text = _("  total {total}, paid {paid}, outstanding {owed}")
    console.print(
        safe(
            text.format(
                total=money(d.total, cur), paid=money(d.paid, cur), owed=money(d.outstanding, cur)
            )
        )
    )


def orders(
    ctx: typer.Context,
    customer: Annotated[str | None, typer.Option(help=N_("Only this customer's."))] = None,
    status: Annotated[
        str | None, typer.Option(help=N_("draft|confirmed|shipped|delivered|cancelled"))
    ] = None,
    open_only: Annotated[
        bool, typer.Option("--open", help=N_("Not yet delivered, or not fully paid."))
    ] = False,
    limit: Annotated[
        int | None, typer.Option(help=N_("At most this many (default 200)."), parser=numbers.LIMIT)
    ] = None,
    as_json: AsJson = False,
    query: Annotated[
        str | None,
        typer.Option(
            "--query", "-q", help=N_("A query, e.g. 'is:unpaid ordered:>30d' (see README).")
        ),
    ] = None,
    by_name: ByName = False,
) -> None:
    """List orders, newest first."""
    from crmtui.services.common.checks import choice
    from crmtui.services.money.read import list_orders
    from crmtui.services.money.rules import STATUSES

    if query is not None:
        from crmtui.cli.query_lists import run_list_query

        mixed = bool(customer or status or open_only)
        run_list_query(state(ctx), "orders", query, limit=limit, as_json=as_json, mixed=mixed)
        return
    st = state(ctx)
    status = choice(status, STATUSES, "status")
    cid = st.customer(customer, by_name=by_name)["id"] if customer else None
    with st.reader() as reader:
        rows = list_orders(
            reader,
            today=st.local_now().date(),
            customer_id=cid,
            status=status,
            open_only=open_only,
            limit=limit or 200,
        )
    if as_json:
        print_json([asdict(r) for r in rows])
        return
    if not rows:
        console.print(safe(_("no orders")))
        return
    _print_orders(rows, st.local_now().date())


def _print_orders(rows: list[Any], today: date) -> None:
    """The orders table; on a narrow terminal one line per order (see render.fitted)."""
    from crmtui.cli.render import FIXED, NUMBER, TEXT, fits, fitted, short_day
    from crmtui.money import grouped

    headers = [
        _("number"),
        _("customer"),
        _("ordered"),
        _("status"),
        _("payment"),
        _("total"),
        _("owed"),
        _("due"),
        "",
    ]
    cells = [_order_cells(o) for o in rows]
    if fits(headers, cells, console.width):
        console.print(table(None, headers, cells))
        return
    # narrow: this year's dates without the year, one currency said once above the table,
    currencies = {o.currency for o in rows}
    single = len(currencies) == 1
    kinds = [FIXED, TEXT, FIXED, FIXED, FIXED, NUMBER, NUMBER, FIXED, FIXED]
    # and amounts without zero cents (also in Chinese), as in the en tables
    short = [
        (
            *cell[:2],
            short_day(o.ordered_on, today),
            *cell[3:5],
            grouped(o.total),
            grouped(o.outstanding),
            short_day(o.due_on, today),
            *(() if single else cell[8:]),
        )
        for o, cell in zip(rows, cells, strict=True)
    ]
    columns = list(zip(headers, kinds, strict=True))[: 8 if single else 9]
    title = _("amounts in {currency}").format(currency=rows[0].currency) if single else None
    console.print(fitted(title, columns, short, width=console.width))


def _order_cells(o: Any) -> tuple[Any, ...]:
    return (
        o.number,
        o.customer,
        o.ordered_on,
        word(o.status),
        word(o.payment),
        money(o.total),
        money(o.outstanding),
        o.due_on or "",
        o.currency,
    )
