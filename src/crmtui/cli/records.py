"""``crm opp ...`` and ``crm note ...``: opportunities and notes."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from crmtui import numbers, words
from crmtui.cli.context import ByName, console, print_json, state
from crmtui.cli.render import money, safe, table, when
from crmtui.errors import InvalidInput
from crmtui.i18n import N_, _

opp_app = typer.Typer(help=N_("Opportunities: add, list, move, win, lose."), no_args_is_help=True)
note_app = typer.Typer(
    help=N_("Notes: add, list, pin (pinned notes show on the desktop)."), no_args_is_help=True
)


def _date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise InvalidInput("not-a-date", text=text) from exc


@opp_app.command("add")
def opp_add(
    ctx: typer.Context,
    customer: Annotated[str, typer.Argument(help=N_("Id or part of the name."))],
    title: Annotated[str, typer.Argument(help=N_("What is being sold."))],
    amount: Annotated[
        str,
        typer.Option(help=N_("Expected amount, e.g. 12000 or 12,000.50."), parser=numbers.AMOUNT),
    ] = "0",
    currency: Annotated[
        str | None, typer.Option(help=N_("Currency (default from config)."))
    ] = None,
    stage: Annotated[str, typer.Option(help=N_("lead|qualified|proposal|negotiation|won|lost"))] = (
        "lead"
    ),
    close: Annotated[str | None, typer.Option(help=N_("Expected close date YYYY-MM-DD."))] = None,
    next_step: Annotated[str | None, typer.Option(help=N_("Next step."))] = None,
    by_name: ByName = False,
) -> None:
    """Open an opportunity."""
    from crmtui.services.common.checks import amount as parse_amount
    from crmtui.services.sales.write import create_opportunity

    st = state(ctx)
    minor = parse_amount(amount)
    target = st.customer(customer, by_name=by_name)
    with st.db.session() as session:
        opp = create_opportunity(
            session,
            now=st.now(),
            customer_id=target["id"],
            title=title,
            amount=minor,
            currency=currency or st.config.currency,
            stage=stage,
            expected_close=_date(close),
            next_step=next_step,
        )
        oid = opp.id
    text = _("opportunity {id} for {name}: {title}")
    console.print(safe(text.format(id=oid, name=target["name"], title=title)))


@opp_app.command("list")
def opp_list(
    ctx: typer.Context,
    customer: Annotated[str | None, typer.Argument(help=N_("Only this customer's."))] = None,
    open_only: Annotated[bool, typer.Option("--open", help=N_("Only open ones."))] = False,
    limit: Annotated[
        int | None,
        typer.Option(help=N_("At most this many (table: 200, --json: all)."), parser=numbers.LIMIT),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help=N_("JSON output."))] = False,
    query: Annotated[
        str | None,
        typer.Option(
            "--query",
            "-q",
            help=N_("A query, e.g. 'is:open amount:>50k sort:-amount' (see README)."),
        ),
    ] = None,
    by_name: ByName = False,
) -> None:
    """List opportunities, most recently changed first."""
    from crmtui.cli.paging import page_size, print_more
    from crmtui.services.customers.read import resolve_customer
    from crmtui.services.sales.read import list_opportunities

    st = state(ctx)
    if query is not None:
        from crmtui.cli.query_lists import run_list_query

        mixed = bool(customer or open_only)
        run_list_query(st, "opportunities", query, limit=limit, as_json=as_json, mixed=mixed)
        return
    with st.reader() as reader:
        cid = resolve_customer(reader, customer, by_name=by_name)["id"] if customer else None
        rows = list_opportunities(
            reader, customer_id=cid, open_only=open_only, limit=page_size(limit, as_json, 200)
        )
    if as_json:
        print_json(rows)
        return
    console.print(
        table(
            None,
            [_("id"), _("customer"), _("title"), _("stage"), _("amount"), _("close")],
            [
                (
                    o["id"],
                    o["customer"],
                    o["title"],
                    words.label("opportunity", o["stage"]),
                    money(o["amount"], o["currency"]),
                    o["expected_close"] or "",
                )
                for o in rows
            ],
        )
        if rows
        else _("no opportunities")
    )
    print_more(rows)


def _move(
    ctx: typer.Context,
    opportunity: int,
    stage: str,
    reason: str | None = None,
    competitor: str | None = None,
    amount: str | None = None,
) -> None:
    from crmtui.services.common.checks import amount as parse_amount
    from crmtui.services.sales.write import move_opportunity

    st = state(ctx)
    minor = parse_amount(amount) if amount is not None else None
    with st.db.session() as session:
        opp = move_opportunity(
            session,
            now=st.now(),
            opportunity_id=opportunity,
            stage=stage,
            lost_reason=reason,
            competitor=competitor,
            amount=minor,
        )
        label = _("opportunity {id} ({title}) is now {stage}").format(
            id=opp.id, title=opp.title, stage=words.label("opportunity", opp.stage)
        )
    console.print(safe(label))


@opp_app.command("stage")
def opp_stage(
    ctx: typer.Context,
    opportunity: Annotated[
        int, typer.Argument(help=N_("Opportunity id."), parser=numbers.OPPORTUNITY_ID)
    ],
    stage: Annotated[str, typer.Argument(help=N_("lead|qualified|proposal|negotiation|won|lost"))],
) -> None:
    """Move an opportunity to another stage."""
    _move(ctx, opportunity, stage)


@opp_app.command("won")
def opp_won(
    ctx: typer.Context,
    opportunity: Annotated[
        int, typer.Argument(help=N_("Opportunity id."), parser=numbers.OPPORTUNITY_ID)
    ],
    amount: Annotated[
        str | None, typer.Option(help=N_("Final amount, if it changed."), parser=numbers.AMOUNT)
    ] = None,
) -> None:
    """Mark an opportunity won."""
    _move(ctx, opportunity, "won", amount=amount)


@opp_app.command("lost")
def opp_lost(
    ctx: typer.Context,
    opportunity: Annotated[
        int, typer.Argument(help=N_("Opportunity id."), parser=numbers.OPPORTUNITY_ID)
    ],
    reason: Annotated[str, typer.Option(help=N_("Why it was lost."))],
    competitor: Annotated[str | None, typer.Option(help=N_("Who won it instead."))] = None,
    to: Annotated[
        str | None,
        typer.Option(
            "--to", help=N_("The competitor it was lost to (id or name, see crm competitor).")
        ),
    ] = None,
) -> None:
    """Mark an opportunity lost, with the reason."""
    if to is None:
        _move(ctx, opportunity, "lost", reason=reason, competitor=competitor)
        return
    from crmtui.i18n import _
    from crmtui.services.competitors.write import lose_to

    st = state(ctx)
    with st.db.session() as session:
        opp = lose_to(
            session, now=st.now(), opportunity_id=opportunity, reason=reason, competitor_ref=to
        )
        label = _("opportunity {id} ({title}) is now lost, to {competitor}").format(
            id=opp.id, title=opp.title, competitor=opp.competitor
        )
    console.print(safe(label))


@note_app.command("add")
def note_add(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help=N_("The note."))],
    customer: Annotated[str | None, typer.Option(help=N_("Attach to this customer."))] = None,
    pin: Annotated[bool, typer.Option("--pin", help=N_("Pin it on the desktop."))] = False,
) -> None:
    """Add a note (pinned notes show on the today desktop)."""
    from crmtui.services.customers.read import resolve_customer
    from crmtui.services.notes.write import add_note

    st = state(ctx)
    cid = None
    if customer:
        with st.reader() as reader:
            cid = resolve_customer(reader, customer)["id"]
    with st.db.session() as session:
        note = add_note(session, now=st.now(), body=text, customer_id=cid, pinned=pin)
        nid = note.id
    text = _("note {id} added and pinned") if pin else _("note {id} added")
    console.print(text.format(id=nid))


@note_app.command("list")
def note_list(
    ctx: typer.Context,
    customer: Annotated[str | None, typer.Option(help=N_("Only this customer's."))] = None,
    pinned: Annotated[bool, typer.Option("--pinned", help=N_("Only pinned notes."))] = False,
    limit: Annotated[
        int | None,
        typer.Option(help=N_("At most this many (table: 200, --json: all)."), parser=numbers.LIMIT),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help=N_("JSON output."))] = False,
) -> None:
    """List notes, newest first."""
    from crmtui.cli.paging import page_size, print_more
    from crmtui.services.customers.read import resolve_customer
    from crmtui.services.notes.read import list_notes

    st = state(ctx)
    with st.reader() as reader:
        cid = resolve_customer(reader, customer)["id"] if customer else None
        rows = list_notes(
            reader, customer_id=cid, pinned_only=pinned, limit=page_size(limit, as_json, 200)
        )
    if as_json:
        print_json(rows)
        return
    console.print(
        table(
            None,
            [_("id"), _("pinned"), _("customer"), _("updated"), _("note")],
            [
                (
                    n["id"],
                    "📌" if n["pinned"] else "",
                    n["customer"] or "",
                    when(n["updated_at"], st.tz),
                    n["body"],
                )
                for n in rows
            ],
        )
        if rows
        else _("no notes")
    )
    print_more(rows)


@note_app.command("pin")
def note_pin(
    ctx: typer.Context,
    note: Annotated[int, typer.Argument(help=N_("Note id."), parser=numbers.NOTE_ID)],
    off: Annotated[bool, typer.Option("--off", help=N_("Unpin instead."))] = False,
) -> None:
    """Pin a note on the desktop (or unpin it with --off)."""
    from crmtui.services.notes.write import pin_note

    st = state(ctx)
    with st.db.session() as session:
        pin_note(session, note_id=note, now=st.now(), pinned=not off)
    console.print((_("note {id} unpinned") if off else _("note {id} pinned")).format(id=note))


def register(app: typer.Typer) -> None:
    app.add_typer(opp_app, name="opp")
    app.add_typer(note_app, name="note")
