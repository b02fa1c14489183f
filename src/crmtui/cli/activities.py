"""Commands about activities: log a touch, plan a follow-up, list and complete actions."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Annotated

import typer

from crmtui import l10n, numbers, words
from crmtui.cli.context import ByName, State, console, print_json, state
from crmtui.cli.render import safe, table, when
from crmtui.errors import InvalidInput
from crmtui.i18n import N_, _


def _when(st: State, text: str | None, *, past: bool = False) -> datetime | None:
    if text is None:
        return None
    from crmtui.services.common.timeparse import parse_when

    return parse_when(text, st.local_now(), past=past)


def log(
    ctx: typer.Context,
    customer: Annotated[str, typer.Argument(help=N_("Id or part of the name (pinyin too)."))],
    kind: Annotated[str, typer.Option(help=N_("call|visit|email|sms|meeting|letter"))] = "call",
    outcome: Annotated[
        str | None,
        typer.Option(
            help=N_(
                "reached|no-answer|busy|voicemail|appointment|call-back|not-interested|wrong-number"
            )
        ),
    ] = None,
    contact: Annotated[str | None, typer.Option(help=N_("The contact spoken to."))] = None,
    note: Annotated[str | None, typer.Option(help=N_("What was said."))] = None,
    at: Annotated[
        str | None, typer.Option(help=N_("When (default now), e.g. 'today 10:00'."))
    ] = None,
    minutes: Annotated[
        int | None, typer.Option(help=N_("Duration in minutes (0-1440)."), parser=numbers.MINUTES)
    ] = None,
    action: Annotated[
        int | None,
        typer.Option(
            help=N_("The open follow-up this answers (default: the call due then)."),
            parser=numbers.ACTION_ID,
        ),
    ] = None,
    by_name: ByName = False,
) -> None:
    """Log a call, visit or other touch that happened; a call closes the follow-up it answers."""
    from crmtui.services.activities.write import log_activity

    kind = words.from_input("activity", kind)  # 电话, 未接: the practice's words name the codes
    outcome = words.from_input("outcome", outcome) if outcome else outcome
    st = state(ctx)
    moment = _when(st, at, past=True)
    target, contact_id = st.customer_and_contact(customer, contact, by_name=by_name)
    local = (moment or st.now()).astimezone(st.tz)
    call_day = (
        datetime.combine(local.date(), time(0), tzinfo=st.tz),
        datetime.combine(local.date() + timedelta(days=1), time(0), tzinfo=st.tz),
    )
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
            action_id=action,
            call_day=call_day,
        )
        aid, answered = activity.id, activity.due_at is not None
    shown = words.label("activity", kind)
    what = (
        _("follow-up {id} done").format(id=aid)
        if answered
        else _("logged {kind} {id}").format(kind=shown, id=aid)
    )
    text = _("{what} with {name}").format(what=what, name=target["name"])
    if outcome:
        text = _("{text}: {outcome}").format(text=text, outcome=words.label("outcome", outcome))
    console.print(safe(text))
    if answered:
        _still_due(st, target["id"], call_day[1])
    if kind == "call" and outcome:
        _show_next_call(st, target["id"])


def _still_due(st: State, customer_id: int, day_end: datetime) -> None:
    """Name the other follow-up calls due by then: the call answered one, and which one matters."""
    with st.reader() as reader:
        rows = reader.rows(
            "SELECT id FROM activity WHERE customer_id = :c AND kind = 'call' "
            "AND done_at IS NULL AND due_at < :end ORDER BY due_at, id",
            {"c": customer_id, "end": reader.ts(day_end)},
        )
    ids = [str(r["id"]) for r in rows]
    if ids:
        console.print(
            _("still due: follow-up {ids} (crm done ID, or crm log ... --action ID)").format(
                ids=", ".join(ids)
            )
        )


def follow_up(
    ctx: typer.Context,
    customer: Annotated[str, typer.Argument(help=N_("Id or part of the name (pinyin too)."))],
    at: Annotated[
        str, typer.Option(help=N_("When: 'tomorrow 10:00', fri, +3d, 2026-12-01 09:30."))
    ],
    kind: Annotated[
        str, typer.Option(help=N_("call|visit|email|sms|meeting|letter|task"))
    ] = "call",
    note: Annotated[str | None, typer.Option(help=N_("Why / what to do."))] = None,
    contact: Annotated[str | None, typer.Option(help=N_("Who to reach."))] = None,
    by_name: ByName = False,
) -> None:
    """Plan a follow-up action."""
    from crmtui.services.activities.write import plan_activity

    kind = words.from_input("activity", kind)
    st = state(ctx)
    due = _when(st, at)
    assert due is not None
    target, contact_id = st.customer_and_contact(customer, contact, by_name=by_name)
    with st.db.session() as session:
        activity = plan_activity(
            session,
            now=st.now(),
            customer_id=target["id"],
            due_at=due,
            kind=kind,
            note=note,
            contact_id=contact_id,
            refuse_past=True,
        )
        aid = activity.id
    text = _("planned {kind} {id} with {name} for {when}")
    shown = words.label("activity", kind)
    console.print(safe(text.format(kind=shown, id=aid, name=target["name"], when=when(due, st.tz))))


def actions(
    ctx: typer.Context,
    today: Annotated[bool, typer.Option("--today", help=N_("Due today (and overdue)."))] = False,
    week: Annotated[bool, typer.Option("--week", help=N_("Due this week (default)."))] = False,
    overdue: Annotated[bool, typer.Option("--overdue", help=N_("Only overdue."))] = False,
    all_: Annotated[bool, typer.Option("--all", help=N_("Every open action."))] = False,
    customer: Annotated[str | None, typer.Option(help=N_("Only this customer's."))] = None,
    limit: Annotated[
        int | None,
        typer.Option(help=N_("At most this many (table: 200, --json: all)."), parser=numbers.LIMIT),
    ] = None,
    query: Annotated[
        str | None,
        typer.Option(
            "--query", "-q", help=N_("A query, e.g. 'is:done kind:visit done:<30d' (see README).")
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help=N_("JSON output."))] = False,
) -> None:
    """List open actions, overdue first."""
    from crmtui.cli.paging import page_size, print_more
    from crmtui.services.activities.read import list_actions
    from crmtui.services.customers.read import resolve_customer

    st = state(ctx)
    if query is not None:
        from crmtui.cli.query_lists import run_list_query

        mixed = bool(today or week or overdue or all_ or customer)
        run_list_query(st, "activities", query, limit=limit, as_json=as_json, mixed=mixed)
        return
    scopes = {"--today": today, "--week": week, "--overdue": overdue, "--all": all_}
    chosen = [flag for flag, on in scopes.items() if on]
    if len(chosen) > 1:
        raise InvalidInput("only-one-range", chosen=chosen)
    scope = "today" if today else "overdue" if overdue else "all" if all_ else "week"
    with st.reader() as reader:
        cid = resolve_customer(reader, customer)["id"] if customer else None
        rows = list_actions(
            reader,
            now=st.now(),
            tz=st.tz,
            scope=scope,
            customer_id=cid,
            limit=page_size(limit, as_json, 200),
        )
    if as_json:
        print_json(rows)
        return
    if not rows:
        console.print(_("no open actions"))
        return
    console.print(
        table(
            None,
            [_("id"), _("due"), _("kind"), _("customer"), _("contact"), _("note")],
            [
                (
                    r["id"],
                    safe(
                        ("! " if r["overdue"] else "") + when(r["due_at"], st.tz),
                        style="bold red" if r["overdue"] else "",
                    ),
                    words.label("activity", r["kind"]),
                    r["customer"],
                    r["contact"] or "",
                    r["note"] or "",
                )
                for r in rows
            ],
        )
    )
    print_more(rows)


def done(
    ctx: typer.Context,
    action: Annotated[
        int, typer.Argument(help=N_("The action's id (see crm actions)."), parser=numbers.ACTION_ID)
    ],
    outcome: Annotated[
        str | None, typer.Option(help=N_("How it went (see crm log --help)."))
    ] = None,
    note: Annotated[str | None, typer.Option(help=N_("What happened."))] = None,
    minutes: Annotated[
        int | None, typer.Option(help=N_("Duration in minutes (0-1440)."), parser=numbers.MINUTES)
    ] = None,
) -> None:
    """Mark a planned action done."""
    from crmtui.services.activities.write import complete_activity

    outcome = words.from_input("outcome", outcome) if outcome else outcome
    st = state(ctx)
    with st.db.session() as session:
        done_activity = complete_activity(
            session, now=st.now(), activity_id=action, outcome=outcome, note=note, minutes=minutes
        )
    text = _("action {id} done").format(id=action)
    if outcome:
        text = _("{text}: {outcome}").format(text=text, outcome=words.label("outcome", outcome))
    console.print(text)
    if outcome and done_activity.kind == "call":
        _show_next_call(st, done_activity.customer_id)


def _show_next_call(st: State, customer_id: int) -> None:
    """Every logged call outcome re-plans: say when the next call to this customer fits."""
    from crmtui.cli.planner import settings_of
    from crmtui.services.planning.day_plan import next_call
    from crmtui.services.planning.planner import Slot

    with st.reader() as reader:
        found = next_call(reader, settings=settings_of(st), now=st.now(), customer_id=customer_id)
    if isinstance(found, Slot):
        console.print(
            safe(
                _("next call fits {at} (their {theirs} {zone})").format(
                    at=_day_time(found.sales_start.astimezone(st.tz), st),
                    theirs=f"{found.callee_start:%H:%M}",
                    zone=found.callee_zone,
                )
            )
        )
    else:
        console.print(safe(_("no further call planned: {reason}").format(reason=found.reason)))


def _day_time(moment: datetime, st: State) -> str:
    """``Tue 01 Dec 11:15``, with the year when it is not this year."""
    this_year = st.local_now().year == moment.year
    if l10n.chinese():
        return f"{l10n.day_text(moment.date(), st.local_now().year)} {moment:%H:%M}"
    return moment.strftime("%a %d %b %H:%M" if this_year else "%a %d %b %Y %H:%M")


def register(app: typer.Typer) -> None:
    app.command("log")(log)
    app.command("follow-up")(follow_up)
    app.command("actions")(actions)
    app.command("done")(done)
