"""After-sale service: ``crm service plan|log``, ``crm services`` and ``crm satisfaction``.

A service plan repeats every few days or months; logging a service moves its next due date. A
satisfaction level is 1-5, its English name or its Chinese name (shared with the complaints in
:mod:`crmtui.cli.aftersale`).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

import typer

from crmtui import numbers
from crmtui.cli.aftersale import Json, Limit, _day, _level, _level_label, _order, _word
from crmtui.cli.context import ByName, console, print_json, state
from crmtui.cli.render import money, safe, table
from crmtui.i18n import N_, _

service_app = typer.Typer(
    help=N_("After-sale service (售后服务): plan a recurring service, log one done."),
    no_args_is_help=True,
)
PLAN_ID = numbers.Bounded("--plan", 1, numbers.ID_MAX)
COST = numbers.Money("cost")
DUE_DAYS = 7  # `crm services --due`: overdue and due within a week


@service_app.command("plan")
def service_plan(
    ctx: typer.Context,
    customer: Annotated[str, typer.Argument(help=N_("Id or part of the name."))],
    kind: Annotated[str, typer.Option(help=N_("maintenance|inspection|training|seasonal-visit"))],
    every: Annotated[str, typer.Option(help=N_("How often: 6m (months), 90d (days)."))],
    first: Annotated[
        str | None, typer.Option("--from", help=N_("First due date (default: one interval on)."))
    ] = None,
    product: Annotated[str | None, typer.Option(help=N_("The product or model serviced."))] = None,
    note: Annotated[str | None, typer.Option(help=N_("Notes."))] = None,
    order: Annotated[
        str | None, typer.Option(help=N_("The order whose goods are serviced (id or number)."))
    ] = None,
    by_name: ByName = False,
) -> None:
    """Plan a recurring service; a reminder call comes a few days before each is due."""
    from crmtui.services.aftersale.write import plan_service

    st = state(ctx)
    target = st.customer(customer, by_name=by_name)
    first_due = _day(st, first)
    order_id = _order(st, order)
    with st.db.session() as session:
        plan = plan_service(
            session,
            now=st.now(),
            today=st.local_now().date(),
            customer_id=target["id"],
            kind=kind,
            every=every,
            first_due=first_due,
            product=product,
            note=note,
            order_id=order_id,
        )
        pid, due = plan.id, plan.next_due
    console.print(
        safe(
            _("service plan {id} for {name}: next due {day}").format(
                id=pid, name=target["name"], day=due.isoformat()
            )
        )
    )


@service_app.command("log")
def service_log(
    ctx: typer.Context,
    customer: Annotated[str, typer.Argument(help=N_("Id or part of the name."))],
    kind: Annotated[str, typer.Option(help=N_("maintenance|inspection|training|seasonal-visit"))],
    plan: Annotated[
        int | None, typer.Option(help=N_("The plan it belongs to."), parser=PLAN_ID)
    ] = (None),
    on: Annotated[str | None, typer.Option(help=N_("When it was done (default today)."))] = None,
    by: Annotated[str | None, typer.Option(help=N_("Who did it."))] = None,
    work: Annotated[str | None, typer.Option(help=N_("The work done."))] = None,
    parts: Annotated[str | None, typer.Option(help=N_("Parts used."))] = None,
    cost: Annotated[str | None, typer.Option(help=N_("What it cost, e.g. 1200."), parser=COST)] = (
        None
    ),
    currency: Annotated[
        str | None, typer.Option(help=N_("Currency (default from config)."))
    ] = None,
    satisfaction: Annotated[
        str | None, typer.Option(help=N_("The customer's satisfaction: 1-5 or its name."))
    ] = None,
    by_name: ByName = False,
) -> None:
    """Record a service done; its plan is next due one interval later."""
    from crmtui.services.aftersale.write import log_service

    st = state(ctx)
    target = st.customer(customer, by_name=by_name)
    level = _level(satisfaction)
    done_on = _day(st, on) or st.local_now().date()
    with st.db.session() as session:
        record = log_service(
            session,
            now=st.now(),
            customer_id=target["id"],
            kind=kind,
            done_on=done_on,
            plan_id=plan,
            done_by=by,
            work=work,
            parts=parts,
            cost=numbers.amount_minor(cost),
            currency=currency or st.config.currency,
            satisfaction=level,
        )
        rid, pid = record.id, record.plan_id
    text = _("service {id} logged for {name}").format(id=rid, name=target["name"])
    console.print(safe(text))
    if pid is not None:
        with st.reader() as reader:
            from crmtui.services.aftersale.read import list_plans

            due = next(p for p in list_plans(reader, customer_id=target["id"]) if p["id"] == pid)
        console.print(safe(_("plan {id} next due {day}").format(id=pid, day=due["next_due"])))


def services(
    ctx: typer.Context,
    due: Annotated[bool, typer.Option("--due", help=N_("Only those due within a week."))] = False,
    done: Annotated[
        bool, typer.Option("--done", help=N_("Services done instead of plans."))
    ] = False,
    customer: Annotated[str | None, typer.Option(help=N_("Only this customer's."))] = None,
    limit: Limit = None,
    as_json: Json = False,
) -> None:
    """Service plans, the soonest due first (or, with --done, the services done)."""
    from crmtui.cli.paging import page_size
    from crmtui.services.aftersale.read import list_plans, list_records

    st = state(ctx)
    size = page_size(limit, as_json, 200)
    with st.reader() as reader:
        cid = st.customer(customer)["id"] if customer else None
        if done:
            records = list_records(reader, customer_id=cid, limit=size)
        else:
            until = st.local_now().date() + timedelta(days=DUE_DAYS) if due else None
            plans = list_plans(reader, customer_id=cid, due_by=until, limit=size)
    if done:
        if as_json:
            print_json(records)
            return
        heads = [
            _("id"),
            _("customer"),
            _("done"),
            _("kind"),
            _("by"),
            _("cost"),
            _("satisfaction"),
        ]
        cells = [
            (
                r["id"],
                r["customer"],
                r["done_on"],
                _word(r["kind"]),
                r["done_by"] or "",
                money(r["cost"], r["currency"]),
                _level_label(r["satisfaction"]),
            )
            for r in records
        ]
        console.print(table(None, heads, cells) if records else _("no services done"))
        return
    if as_json:
        print_json(plans)
        return
    heads = [_("id"), _("customer"), _("kind"), _("every"), _("next due"), _("last done")]
    rows = [
        (p["id"], p["customer"], _word(p["kind"]), p["every"], p["next_due"], p["last_done"] or "")
        for p in plans
    ]
    console.print(table(None, heads, rows) if plans else _("no service plans"))


def satisfaction(
    ctx: typer.Context,
    customer: Annotated[str, typer.Argument(help=N_("Id or part of the name."))],
    level: Annotated[
        str, typer.Argument(help=N_("1-5, very satisfied … very dissatisfied, 满意…"))
    ],
    note: Annotated[str | None, typer.Option(help=N_("What they said."))] = None,
    source: Annotated[
        str, typer.Option(help=N_("What the rating came from: call|delivery|service"))
    ] = "call",
    by_name: ByName = False,
) -> None:
    """Record a customer's satisfaction (满意度); a drop to dissatisfied plans a call tomorrow."""
    from crmtui.services.aftersale.rules import pick
    from crmtui.services.aftersale.write import record_satisfaction

    st = state(ctx)
    value = _level(level)
    assert value is not None
    origin = pick(
        source, {"call": ("电话",), "delivery": ("交货",), "service": ("服务",)}, "source"
    )
    target = st.customer(customer, by_name=by_name)
    with st.db.session() as session:
        saved = record_satisfaction(
            session,
            now=st.now(),
            customer_id=target["id"],
            level=value,
            source=origin or "call",
            note=note,
        )
    console.print(safe(_("{name}: {level}").format(name=target["name"], level=_level_label(value))))
    if saved["follow_up"]:
        console.print(safe(_("a call back is on tomorrow's plan")))


def register(app: typer.Typer) -> None:
    app.add_typer(service_app, name="service")
    app.command("services")(services)
    app.command("satisfaction")(satisfaction)
