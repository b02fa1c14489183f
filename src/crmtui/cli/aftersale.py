"""After the sale: ``crm complaint ...`` and ``crm complaints`` (the service commands and
``crm satisfaction`` are in :mod:`crmtui.cli.service`).

Complaints walk the practice's six steps (``crm complaint show`` prints the guidance for the
next one); a satisfaction level is 1-5, its English name or its Chinese name.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from crmtui import numbers
from crmtui.cli.context import ByName, State, console, print_json, state
from crmtui.cli.render import safe, table, when
from crmtui.i18n import N_, _

if TYPE_CHECKING:
    from crmtui.services.aftersale.types import ComplaintDetail

complaint_app = typer.Typer(
    help=N_("Complaints (投诉) in six steps: add, step, close, reopen, show."), no_args_is_help=True
)
COMPLAINT_ID = numbers.Bounded("complaint id", 1, numbers.ID_MAX)
STEP = numbers.Bounded("step", 1, 6)
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
    order: Annotated[
        str | None, typer.Option(help=N_("The order it is about (id or number)."))
    ] = None,
    by_name: ByName = False,
) -> None:
    """Record a complaint with what the customer said."""
    from crmtui.services.aftersale.write import add_complaint
    from crmtui.services.common.timeparse import parse_when

    st = state(ctx)
    target, contact_id = st.customer_and_contact(customer, contact, by_name=by_name)
    received = parse_when(at, st.local_now(), past=True) if at else None
    order_id = _order(st, order)
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
            order_id=order_id,
        )
        kid = made.id
    console.print(safe(_("complaint {id} for {name}: open").format(id=kid, name=target["name"])))
    console.print(safe(_("next: step 2, {guidance}").format(guidance=_guidance(2))))


def _order(st: State, ref: str | None) -> int | None:
    """The order named by id or number (``SO-2026-0042``)."""
    if not ref:
        return None
    from crmtui.services.money.read import resolve_order

    with st.reader() as reader:
        return resolve_order(reader, ref)


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
    if k["order_number"]:
        console.print(safe(_("order {number}").format(number=k["order_number"])))
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


def register(app: typer.Typer) -> None:
    app.add_typer(complaint_app, name="complaint")
    app.command("complaints")(complaints)
