"""``crm order ...`` and ``crm orders``: what was ordered, shipped and delivered.

How an order and the list of orders are shown is in ``order_views.py``.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Annotated

import typer

from crmtui import numbers
from crmtui.cli.context import ByName, State, console, print_json, state
from crmtui.cli.order_views import orders, print_detail
from crmtui.cli.render import money, safe
from crmtui.i18n import N_, _
from crmtui.services.money.words import word

order_app = typer.Typer(
    help=N_("Orders: add, confirm, ship, deliver, cancel, show."), no_args_is_help=True
)
OrderRef = Annotated[str, typer.Argument(help=N_("Order id or number (SO-2026-0042)."))]
JsonFlag = Annotated[bool, typer.Option("--json", help=N_("JSON output."))]
OnDate = Annotated[
    str | None,
    typer.Option("--on", help=N_("The date (YYYY-MM-DD, today, -1d...); default today.")),
]


def day_of(st: State, text: str | None) -> date:
    """A date as typed (``2026-12-01``, ``today``, ``-2d``, ``fri``); none means today."""
    if not text:
        return st.local_now().date()
    from crmtui.services.common.timeparse import parse_when

    return parse_when(text, st.local_now()).date()


def minor(text: str | None) -> int | None:
    """An amount as typed, in minor units; ``None`` stays ``None`` (not given)."""
    from crmtui.numbers import amount_minor

    return None if text is None else amount_minor(text)


@order_app.command("add")
def order_add(
    ctx: typer.Context,
    customer: Annotated[
        str | None, typer.Argument(help=N_("Id or part of the name (optional with --from-opp)."))
    ] = None,
    line: Annotated[
        list[str] | None,
        typer.Option(
            "--line",
            help=N_(
                "'NAME[/MODEL] QTY x PRICE [-10%|-500]', or 'CODE QTY' for a product; "
                "a discount last; repeatable."
            ),
        ),
    ] = None,
    on: Annotated[str | None, typer.Option("--date", help=N_("Order date; default today."))] = None,
    ship: Annotated[str | None, typer.Option("--ship", help=N_("Planned ship date."))] = None,
    from_opp: Annotated[
        int | None,
        typer.Option(
            "--from-opp",
            help=N_("A won opportunity to turn into this order."),
            parser=numbers.OPPORTUNITY_ID,
        ),
    ] = None,
    currency: Annotated[
        str | None, typer.Option(help=N_("Currency (default from config)."))
    ] = None,
    contact: Annotated[str | None, typer.Option(help=N_("The contact who ordered."))] = None,
    note: Annotated[str | None, typer.Option(help=N_("Note (备注)."))] = None,
    confirm: Annotated[bool, typer.Option("--confirm", help=N_("Confirm it at once."))] = False,
    force: Annotated[
        bool, typer.Option("--force", help=N_("Confirm even over the credit limit (recorded)."))
    ] = False,
    as_json: JsonFlag = False,
    by_name: ByName = False,
) -> None:
    """Take an order (a draft, or confirmed at once with --confirm)."""
    from crmtui.services.money.read import order_detail
    from crmtui.services.money.rules import parse_line
    from crmtui.services.money.write import confirm_order, create_order

    st = state(ctx)
    specs = [parse_line(text) for text in line or []]
    cid, contact_id = _customer_of(st, customer, contact, from_opp, by_name)
    today = st.local_now().date()
    with st.db.session() as session:
        order = create_order(
            session,
            now=st.now(),
            today=today,
            customer_id=cid,
            lines=specs,
            ordered_on=day_of(st, on) if on else today,
            ship_planned=day_of(st, ship) if ship else None,
            currency=currency or (None if from_opp else st.config.currency),
            contact_id=contact_id,
            opportunity_id=from_opp,
            note=note,
        )
        assert order.id is not None
        oid, result = order.id, None
        if confirm or force:
            result = confirm_order(
                session,
                now=st.now(),
                today=today,
                order_id=oid,
                force=force,
                block_days=int(st.config.credit_overdue_block_days),
                default_days=int(st.config.credit_days),
                credit_currency=str(st.config.currency),
                rates=st.config.rates(),
            )
    with st.reader() as reader:
        detail = order_detail(reader, oid, today=today)
    if as_json:
        print_json(asdict(detail))
        return
    console.print(
        safe(
            _("order {number} ({status}) for {name}: {total}").format(
                number=detail.number,
                status=word(detail.status),
                name=detail.customer,
                total=money(detail.total, detail.currency),
            )
        )
    )
    if result is not None:
        _confirmed_notes(result.forced, result.stage_moved, detail.customer)


def _customer_of(
    st: State, customer: str | None, contact: str | None, from_opp: int | None, by_name: bool
) -> tuple[int, int | None]:
    from crmtui.errors import InvalidInput, NotFound

    if customer:
        target, contact_id = st.customer_and_contact(customer, contact, by_name=by_name)
        return target["id"], contact_id
    if from_opp is None:
        raise InvalidInput("order-needs-customer", field="customer")
    with st.reader() as reader:
        found = reader.one("SELECT customer_id FROM opportunity WHERE id = :id", {"id": from_opp})
    if found is None:
        raise NotFound("no-opportunity-id", id=from_opp)
    if contact:
        return st.customer_and_contact(str(found["customer_id"]), contact)[0]["id"], None
    return int(found["customer_id"]), None


def _confirmed_notes(forced: str | None, moved: tuple[str, str] | None, name: str) -> None:
    if forced:
        text = _("confirmed over credit control (recorded on the order): {why}")
        console.print(safe(text.format(why=forced)))
    if moved:
        text = _("{name} is now a customer (was {stage}): their first order")
        console.print(safe(text.format(name=name, stage=moved[0])))


def _order_id(st: State, ref: str) -> int:
    from crmtui.services.money.read import resolve_order

    with st.reader() as reader:
        return resolve_order(reader, ref)


@order_app.command("confirm")
def order_confirm(
    ctx: typer.Context,
    order: OrderRef,
    force: Annotated[
        bool, typer.Option("--force", help=N_("Confirm even over the credit limit (recorded)."))
    ] = False,
) -> None:
    """Confirm a draft order: credit control is checked here."""
    from crmtui.services.money.write import confirm_order

    st = state(ctx)
    oid = _order_id(st, order)
    with st.db.session() as session:
        result = confirm_order(
            session,
            now=st.now(),
            today=st.local_now().date(),
            order_id=oid,
            force=force,
            block_days=int(st.config.credit_overdue_block_days),
            default_days=int(st.config.credit_days),
            credit_currency=str(st.config.currency),
            rates=st.config.rates(),
        )
    console.print(safe(_("order {number} confirmed").format(number=result.number)))
    _confirmed_notes(result.forced, result.stage_moved, result.customer)


def _step(ctx: typer.Context, order: str, on: str | None, action: str) -> None:
    from crmtui.services.money import write

    st = state(ctx)
    oid = _order_id(st, order)
    step = {"ship": write.ship_order, "deliver": write.deliver_order, "cancel": write.cancel_order}[
        action
    ]
    with st.db.session() as session:
        done = step(session, now=st.now(), order_id=oid, on=day_of(st, on))
        text = _("order {number} is now {status}").format(
            number=done.number, status=word(done.status)
        )
        if done.due_on and action == "ship":
            text += _("; payment due {day}").format(day=done.due_on.isoformat())
    console.print(safe(text))


@order_app.command("ship")
def order_ship(ctx: typer.Context, order: OrderRef, on: OnDate = None) -> None:
    """Mark a confirmed order shipped (出货); the payment falls due after the credit term."""
    _step(ctx, order, on, "ship")


@order_app.command("deliver")
def order_deliver(ctx: typer.Context, order: OrderRef, on: OnDate = None) -> None:
    """Mark a shipped order delivered (a satisfaction call follows 7 days later)."""
    _step(ctx, order, on, "deliver")


@order_app.command("cancel")
def order_cancel(ctx: typer.Context, order: OrderRef, on: OnDate = None) -> None:
    """Cancel a draft or confirmed order; money paid on it stays as a credit on the customer."""
    _step(ctx, order, on, "cancel")


@order_app.command("show")
def order_show(ctx: typer.Context, order: OrderRef, as_json: JsonFlag = False) -> None:
    """One order: lines, status, what is paid and what is still owed."""
    from crmtui.services.money.read import order_detail

    st = state(ctx)
    with st.reader() as reader:
        from crmtui.services.money.read import resolve_order

        detail = order_detail(reader, resolve_order(reader, order), today=st.local_now().date())
    if as_json:
        print_json(asdict(detail))
        return
    print_detail(detail)


def register(app: typer.Typer) -> None:
    app.add_typer(order_app, name="order")
    app.command("orders")(orders)
