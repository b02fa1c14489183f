"""Commands about activities: log a touch, plan a follow-up, list and complete actions."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer

from crmtui import numbers
from crmtui.cli.context import State, console, print_json, state
from crmtui.cli.render import safe, table, when
from crmtui.errors import InvalidInput


def _when(st: State, text: str | None) -> datetime | None:
    if text is None:
        return None
    from crmtui.services.timeparse import parse_when

    return parse_when(text, st.local_now())


def log(
    ctx: typer.Context,
    customer: Annotated[str, typer.Argument(help="Id or part of the name (pinyin too).")],
    kind: Annotated[str, typer.Option(help="call|visit|email|sms|meeting|letter")] = "call",
    outcome: Annotated[
        str | None,
        typer.Option(
            help="reached|no-answer|busy|voicemail|appointment|call-back|"
            "not-interested|wrong-number"
        ),
    ] = None,
    contact: Annotated[str | None, typer.Option(help="The contact spoken to.")] = None,
    note: Annotated[str | None, typer.Option(help="What was said.")] = None,
    at: Annotated[str | None, typer.Option(help="When (default now), e.g. 'today 10:00'.")] = None,
    minutes: Annotated[
        int | None, typer.Option(help="Duration in minutes (0-1440).", parser=numbers.MINUTES)
    ] = None,
) -> None:
    """Log a call, visit or other touch that happened."""
    from crmtui.services.activities import log_activity

    st = state(ctx)
    moment = _when(st, at)
    target, contact_id = st.customer_and_contact(customer, contact)
    with st.db.session() as session:
        activity = log_activity(
            session,
            now=st.now(),
            customer_id=target["id"],
            kind=kind,
            outcome=outcome,
            at=moment,
            minutes=minutes,
            note=note,
            contact_id=contact_id,
        )
        aid = activity.id
    console.print(
        safe(f"logged {kind} {aid} with {target['name']}" + (f": {outcome}" if outcome else ""))
    )
    if kind == "call" and outcome:
        _show_next_call(st, target["id"])


def follow_up(
    ctx: typer.Context,
    customer: Annotated[str, typer.Argument(help="Id or part of the name (pinyin too).")],
    at: Annotated[str, typer.Option(help="When: 'tomorrow 10:00', fri, +3d, 2026-12-01 09:30.")],
    kind: Annotated[str, typer.Option(help="call|visit|email|sms|meeting|letter|task")] = "call",
    note: Annotated[str | None, typer.Option(help="Why / what to do.")] = None,
    contact: Annotated[str | None, typer.Option(help="Who to reach.")] = None,
) -> None:
    """Plan a follow-up action."""
    from crmtui.services.activities import plan_activity

    st = state(ctx)
    due = _when(st, at)
    assert due is not None
    target, contact_id = st.customer_and_contact(customer, contact)
    with st.db.session() as session:
        activity = plan_activity(
            session,
            now=st.now(),
            customer_id=target["id"],
            due_at=due,
            kind=kind,
            note=note,
            contact_id=contact_id,
        )
        aid = activity.id
    console.print(safe(f"planned {kind} {aid} with {target['name']} for {when(due, st.tz)}"))


def actions(
    ctx: typer.Context,
    today: Annotated[bool, typer.Option("--today", help="Due today (and overdue).")] = False,
    week: Annotated[bool, typer.Option("--week", help="Due this week (default).")] = False,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only overdue.")] = False,
    all_: Annotated[bool, typer.Option("--all", help="Every open action.")] = False,
    customer: Annotated[str | None, typer.Option(help="Only this customer's.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON output.")] = False,
) -> None:
    """List open actions, overdue first."""
    from crmtui.services.lookup import list_actions, resolve_customer

    scopes = {"--today": today, "--week": week, "--overdue": overdue, "--all": all_}
    chosen = [flag for flag, on in scopes.items() if on]
    if len(chosen) > 1:
        raise InvalidInput(
            f"give only one of --today, --week, --overdue, --all (not {' and '.join(chosen)})"
        )
    scope = "today" if today else "overdue" if overdue else "all" if all_ else "week"
    st = state(ctx)
    with st.reader() as reader:
        cid = resolve_customer(reader, customer)["id"] if customer else None
        rows = list_actions(reader, now=st.now(), tz=st.tz, scope=scope, customer_id=cid)
    if as_json:
        print_json(rows)
        return
    if not rows:
        console.print("no open actions")
        return
    console.print(
        table(
            None,
            ["id", "due", "kind", "customer", "contact", "note"],
            [
                (
                    r["id"],
                    safe(
                        ("! " if r["overdue"] else "") + when(r["due_at"], st.tz),
                        style="bold red" if r["overdue"] else "",
                    ),
                    r["kind"],
                    r["customer"],
                    r["contact"] or "",
                    r["note"] or "",
                )
                for r in rows
            ],
        )
    )


def done(
    ctx: typer.Context,
    action: Annotated[
        int, typer.Argument(help="The action's id (see crm actions).", parser=numbers.ACTION_ID)
    ],
    outcome: Annotated[str | None, typer.Option(help="How it went (see crm log --help).")] = None,
    note: Annotated[str | None, typer.Option(help="What happened.")] = None,
    minutes: Annotated[
        int | None, typer.Option(help="Duration in minutes (0-1440).", parser=numbers.MINUTES)
    ] = None,
) -> None:
    """Mark a planned action done."""
    from crmtui.services.activities import complete_activity

    st = state(ctx)
    with st.db.session() as session:
        done_activity = complete_activity(
            session, now=st.now(), activity_id=action, outcome=outcome, note=note, minutes=minutes
        )
    console.print(f"action {action} done" + (f": {outcome}" if outcome else ""))
    if outcome and done_activity.kind == "call":
        _show_next_call(st, done_activity.customer_id)


def _show_next_call(st: State, customer_id: int) -> None:
    """Every logged call outcome re-plans: say when the next call to this customer fits."""
    from crmtui.cli.planner import settings_of
    from crmtui.services.planner import Slot
    from crmtui.services.planning import next_call

    with st.reader() as reader:
        found = next_call(reader, settings=settings_of(st), now=st.now(), customer_id=customer_id)
    if isinstance(found, Slot):
        console.print(
            safe(
                f"next call fits {found.sales_start.astimezone(st.tz):%a %d %b %H:%M} "
                f"(their {found.callee_start:%H:%M} {found.callee_zone})"
            )
        )
    else:
        console.print(safe(f"no further call planned: {found.reason}"))


def register(app: typer.Typer) -> None:
    app.command("log")(log)
    app.command("follow-up")(follow_up)
    app.command("actions")(actions)
    app.command("done")(done)
