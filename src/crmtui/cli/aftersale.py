"""After the sale: ``crm complaint ...``, ``crm complaints``, ``crm service ...``,
``crm services`` and ``crm satisfaction``.

Complaints walk the practice's six steps (``crm complaint show`` prints the guidance for the
next one); a satisfaction level is 1-5, its English name or its Chinese name.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Annotated

import typer

from crmtui import numbers
from crmtui.cli.context import ByName, State, console, print_json, state
from crmtui.cli.render import money, safe, table, when
from crmtui.i18n import N_, _

if TYPE_CHECKING:
    from crmtui.services.aftersale.types import ComplaintDetail

complaint_app = typer.Typer(
    help=N_("Complaints (投诉) in six steps: add, step, close, reopen, show."), no_args_is_help=True
)
service_app = typer.Typer(
    help=N_("After-sale service (售后服务): plan a recurring service, log one done."),
    no_args_is_help=True,
)
COMPLAINT_ID = numbers.Bounded("complaint id", 1, numbers.ID_MAX)
STEP = numbers.Bounded("step", 1, 6)
PLAN_ID = numbers.Bounded("--plan", 1, numbers.ID_MAX)
COST = numbers.Money("cost")
DUE_DAYS = 7  # `crm services --due`: overdue and due within a week
Json = Annotated[bool, typer.Option("--json", help=N_("JSON output."))]
Limit = Annotated[
    int | None,
    typer.Option(help=N_("At most this many (table: 200, --json: all)."), parser=numbers.LIMIT),
]


def _day(st: State, text: str | None) -> date | None:
    """A day as typed: 2026-12-01, tomorrow, +7d, 明天..."""
    if not text:
        return None
    from crmtui.services.common.timeparse import parse_when

    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return parse_when(text, st.local_now()).date()


def _level(text: str | None) -> int | None:
    from crmtui.services.aftersale.rules import parse_level

    return parse_level(text) if text is not None else None


def _level_label(level: int | None) -> str:
    from crmtui.cli.service_view import level_label

    return level_label(level)


@complaint_app.command("add")
def complaint_add(
    ctx: typer.Context,
    customer: Annotated[str, typer.Argument(help=N_("Id or part of the name."))],
    said: Annotated[str, typer.Option(help=N_("What the customer said (step 1, 客户陈述)."))],
    contact: Annotated[str | None, typer.Option(help=N_("Who complained (a contact)."))] = None,
    category: Annotated[
        str, typer.Option(help=N_("quality|delivery|price|service|attitude|other"))
    ] = "other",
    severity: Annotated[str, typer.Option(help=N_("low|normal|high|critical"))] = "normal",
    channel: Annotated[str, typer.Option(help=N_("call|visit|email|sms|letter|online"))] = "call",
    at: Annotated[str | None, typer.Option(help=N_("When it was received (default now)."))] = None,
    by_name: ByName = False,
) -> None:
    """Record a complaint with what the customer said."""
    from crmtui.services.aftersale.write import add_complaint
    from crmtui.services.common.timeparse import parse_when

    st = state(ctx)
    target, contact_id = st.customer_and_contact(customer, contact, by_name=by_name)
    received = parse_when(at, st.local_now(), past=True) if at else None
    with st.db.session() as session:
        made = add_complaint(
            session,
            now=st.now(),
            customer_id=target["id"],
            said=said,
            contact_id=contact_id,
            channel=channel,
            category=category,
            severity=severity,
            received_at=received,
        )
        kid = made.id
    console.print(safe(_("complaint {id} for {name}: open").format(id=kid, name=target["name"])))
    console.print(safe(_("next: step 2, {guidance}").format(guidance=_guidance(2))))


def _guidance(step: int) -> str:
    from crmtui.services.aftersale.rules import guidance

    return guidance(step)


def _word(code: str) -> str:
    from crmtui.services.aftersale.rules import word

    return word(code)


@complaint_app.command("step")
def complaint_step(
    ctx: typer.Context,
    complaint: Annotated[int, typer.Argument(help=N_("Complaint id."), parser=COMPLAINT_ID)],
    step: Annotated[int, typer.Argument(help=N_("Step 1-6."), parser=STEP)],
    note: Annotated[str, typer.Option(help=N_("What was said or done in this step."))],
    by: Annotated[
        str | None, typer.Option(help=N_("Step 4: the date the solution is promised by."))
    ] = None,
) -> None:
    """Record a step of a complaint, in order (step 5 may be skipped)."""
    from crmtui.services.aftersale.write import record_step

    st = state(ctx)
    promised = _day(st, by)
    with st.db.session() as session:
        made = record_step(
            session, now=st.now(), complaint_id=complaint, step=step, note=note, by_date=promised
        )
        status = made.status
    console.print(
        safe(
            _("complaint {id}: step {step} recorded, now {status}").format(
                id=complaint, step=step, status=_word(status)
            )
        )
    )
    if step < 6:
        console.print(
            safe(
                _("next: step {step}, {guidance}").format(
                    step=step + 1, guidance=_guidance(step + 1)
                )
            )
        )


@complaint_app.command("close")
def complaint_close(
    ctx: typer.Context,
    complaint: Annotated[int, typer.Argument(help=N_("Complaint id."), parser=COMPLAINT_ID)],
    satisfaction: Annotated[
        str | None,
        typer.Option(help=N_("The customer's satisfaction: 1-5, e.g. satisfied or 满意.")),
    ] = None,
    unresolved: Annotated[
        bool, typer.Option("--unresolved", help=N_("The customer is still not satisfied."))
    ] = False,
    note: Annotated[str | None, typer.Option(help=N_("How it ended."))] = None,
) -> None:
    """Close a complaint with the customer's satisfaction."""
    from crmtui.services.aftersale.write import close_complaint

    st = state(ctx)
    level = _level(satisfaction)
    with st.db.session() as session:
        made = close_complaint(
            session,
            now=st.now(),
            complaint_id=complaint,
            satisfaction=level,
            unresolved=unresolved,
            note=note,
        )
        status = made.status
    console.print(safe(_("complaint {id} {status}").format(id=complaint, status=_word(status))))


@complaint_app.command("reopen")
def complaint_reopen(
    ctx: typer.Context,
    complaint: Annotated[int, typer.Argument(help=N_("Complaint id."), parser=COMPLAINT_ID)],
    note: Annotated[str | None, typer.Option(help=N_("What the customer said this time."))] = None,
) -> None:
    """Open a closed complaint again; its history stays."""
    from crmtui.services.aftersale.write import reopen_complaint

    st = state(ctx)
    with st.db.session() as session:
        reopen_complaint(session, now=st.now(), complaint_id=complaint, note=note)
    console.print(safe(_("complaint {id} reopened").format(id=complaint)))


@complaint_app.command("show")
def complaint_show(
    ctx: typer.Context,
    complaint: Annotated[int, typer.Argument(help=N_("Complaint id."), parser=COMPLAINT_ID)],
    as_json: Json = False,
) -> None:
    """A complaint with its dated steps and what to do next."""
    from crmtui.services.aftersale.read import complaint_detail

    st = state(ctx)
    with st.reader() as reader:
        detail = complaint_detail(reader, complaint)
    if as_json:
        print_json(detail)
        return
    print_complaint(st, detail)


def print_complaint(st: State, k: ComplaintDetail) -> None:
    from crmtui.services.aftersale.rules import step_name

    console.print(
        safe(
            _("complaint {id} · {customer} · {severity} · {category} · {status}").format(
                id=k["id"],
                customer=k["customer"],
                severity=_word(k["severity"]),
                category=_word(k["category"]),
                status=_word(k["status"]),
            ),
            style="bold",
        )
    )
    if k["promised_by"]:
        console.print(safe(_("solution promised by {day}").format(day=k["promised_by"])))
    for e in k["entries"]:
        if e["kind"] == "step" and e["step"] is not None:
            what = step_name(e["step"])
        else:
            what = _word(e["kind"])
        extra = f" ({_level_label(e['satisfaction'])})" if e["satisfaction"] else ""
        console.print(safe(f"  {when(e['at'], st.tz)}  {what}{extra}: {e['note'] or ''}"))
    for step in (s for s in k["next_steps"] if s > k["step"]):
        console.print(
            safe(_("  next: step {step}, {guidance}").format(step=step, guidance=_guidance(step))),
            style="dim",
        )


def complaints(
    ctx: typer.Context,
    open_only: Annotated[bool, typer.Option("--open", help=N_("Only open ones."))] = False,
    customer: Annotated[str | None, typer.Option(help=N_("Only this customer's."))] = None,
    limit: Limit = None,
    as_json: Json = False,
) -> None:
    """Complaints: open ones first, the most severe first."""
    from crmtui.cli.paging import page_size
    from crmtui.services.aftersale.read import list_complaints

    st = state(ctx)
    with st.reader() as reader:
        cid = st.customer(customer)["id"] if customer else None
        rows = list_complaints(
            reader, customer_id=cid, open_only=open_only, limit=page_size(limit, as_json, 200)
        )
    if as_json:
        print_json(rows)
        return
    headers = [_("id"), _("customer"), _("severity"), _("status"), _("received"), _("said")]
    cells = [
        (
            k["id"],
            k["customer"],
            _word(k["severity"]),
            _word(k["status"]),
            when(k["received_at"], st.tz, with_weekday=False)[:10],
            k["said"],
        )
        for k in rows
    ]
    console.print(table(None, headers, cells) if rows else _("no complaints"))


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
    by_name: ByName = False,
) -> None:
    """Plan a recurring service; a reminder call comes a few days before each is due."""
    from crmtui.services.aftersale.write import plan_service

    st = state(ctx)
    target = st.customer(customer, by_name=by_name)
    first_due = _day(st, first)
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
    app.add_typer(complaint_app, name="complaint")
    app.command("complaints")(complaints)
    app.add_typer(service_app, name="service")
    app.command("services")(services)
    app.command("satisfaction")(satisfaction)
