"""``crm event ...``: marketing events (市场活动), their invitees, attendance and report."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from crmtui import numbers
from crmtui.cli.context import AsJson, ByName, Limit200, console, print_json, state
from crmtui.cli.dates import day, required_day
from crmtui.cli.render import money, safe, table
from crmtui.i18n import N_, _, translate
from crmtui.services.events.rules import status_word

if TYPE_CHECKING:
    from crmtui.cli.context import State
    from crmtui.services.events.types import EventCard, FollowUpMade

event_app = typer.Typer(
    help=N_("Marketing events: add, list, show, invite, attend, close."), no_args_is_help=True
)
EventId = Annotated[int, typer.Argument(help=N_("Event id."), parser=numbers.EVENT_ID)]
Status = Annotated[str | None, typer.Option(help=N_("planning|open|held|closed|cancelled"))]


@event_app.command("add")
def event_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help=N_("What the event is called."))],
    start: Annotated[str, typer.Argument(help=N_("First day, YYYY-MM-DD."))],
    end: Annotated[str | None, typer.Option(help=N_("Last day (default: the first)."))] = None,
    kind: Annotated[
        str, typer.Option(help=N_("trade-fair|seminar|demo-day|dinner|webinar|other"))
    ] = "other",
    place: Annotated[str | None, typer.Option(help=N_("Where it is held."))] = None,
    budget: Annotated[
        str, typer.Option(help=N_("Budget, e.g. 50000."), parser=numbers.Money("budget"))
    ] = "0",
    currency: Annotated[
        str | None, typer.Option(help=N_("Currency (default from config)."))
    ] = None,
    partners: Annotated[str | None, typer.Option(help=N_("Partners running it with you."))] = None,
    notes: Annotated[str | None, typer.Option(help=N_("Notes."))] = None,
) -> None:
    """Plan an event (it starts in status planning)."""
    from crmtui.services.events.write import create_event

    st = state(ctx)
    starts = required_day(start)
    ends = day(end)
    with st.db.session() as session:
        event = create_event(
            session,
            now=st.now(),
            name=name,
            starts_on=starts,
            ends_on=ends,
            kind=kind,
            place=place,
            budget=numbers.amount_minor(budget, "budget"),
            currency=currency or st.config.currency,
            partners=partners,
            notes=notes,
        )
        eid, label = event.id, event.name
    console.print(safe(_("event {id} added: {name}").format(id=eid, name=label)))


@event_app.command("list")
def event_list(
    ctx: typer.Context, status: Status = None, limit: Limit200 = None, as_json: AsJson = False
) -> None:
    """List events, the latest first."""
    from crmtui.cli.paging import list_rows
    from crmtui.services.events.read import list_events

    list_rows(
        ctx,
        lambda reader, n: list_events(reader, status=status, limit=n),
        limit=limit,
        as_json=as_json,
        empty=_("no events"),
        headers=[_("id"), _("day"), _("name"), _("kind"), _("status"), _("came"), _("cost")],
        cells=lambda e: (
            e["id"],
            e["starts_on"].isoformat(),
            e["name"],
            translate(e["kind"]),
            status_word(e["status"]),
            f"{e['attended']}/{e['invited']}",
            money(e["cost"], e["currency"]),
        ),
    )


@event_app.command("show")
def event_show(ctx: typer.Context, event: EventId, as_json: AsJson = False) -> None:
    """One event: its details, who was invited and came, and its report."""
    from crmtui.services.events.read import event_card

    st = state(ctx)
    with st.reader() as reader:
        card = event_card(reader, event)
    if as_json:
        print_json(card)
        return
    _print_card(card)


def _print_card(card: EventCard) -> None:
    e, r = card["event"], card["report"]
    cur = e["currency"]
    console.print(safe(f"#{e['id']} {e['name']}  [{translate(e['status'])}]", style="bold"))
    span = e["starts_on"].isoformat()
    if e["ends_on"] != e["starts_on"]:
        span += f" – {e['ends_on'].isoformat()}"
    console.print(safe(f"{translate(e['kind'])}  {span}  {e['place'] or ''}"))
    if e["partners"]:
        console.print(safe(_("partners: {names}").format(names=e["partners"])))
    console.print(
        safe(
            _("budget {budget}, spent {cost}").format(
                budget=money(e["budget"], cur), cost=money(e["cost"], cur)
            )
        )
    )
    people = card["invitees"]
    if people:
        console.print(
            table(
                None,
                [_("customer"), _("contact"), _("answer"), _("came"), _("lead")],
                [
                    (
                        p["customer"],
                        p["contact"] or "",
                        translate(p["status"]),
                        "✓" if p["attended"] else "",
                        "✓" if p["lead"] else "",
                    )
                    for p in people
                ],
            )
        )
    figures = _(
        "invited {invited}, registered {registered}, declined {declined}, came {attended}, "
        "leads {leads}, opportunities {opportunities}, won {won} ({won_amount})"
    ).format(**{**r, "won_amount": money(r["won_amount"], cur)})
    console.print(safe(figures))
    per = _("cost per attendee {a}, per lead {b}").format(
        a=money(r["cost_per_attendee"], cur) or "–", b=money(r["cost_per_lead"], cur) or "–"
    )
    console.print(safe(per))


@event_app.command("move")
def event_move(
    ctx: typer.Context,
    event: EventId,
    status: Annotated[str, typer.Argument(help=N_("open|held|closed|cancelled"))],
) -> None:
    """Move an event on: planning → open → held → closed, or cancelled before it is held."""
    _move(state(ctx), event, status)


@event_app.command("close")
def event_close(ctx: typer.Context, event: EventId) -> None:
    """Close a held event; attendees without a follow-up get one the next working day."""
    _move(state(ctx), event, "closed")


def _move(st: State, event: int, status: str) -> None:
    from crmtui.services.events.write import move_event

    with st.db.session() as session:
        row, made = move_event(
            session,
            now=st.now(),
            event_id=event,
            status=status,
            country=st.config.country,
            zone=st.tz,
        )
        label = _("event {id} ({name}) is now {status}").format(
            id=row.id, name=row.name, status=translate(row.status)
        )
    console.print(safe(label))
    _print_follow_ups(made, st)


def _print_follow_ups(made: list[FollowUpMade], st: State) -> None:
    for m in made:
        at = m["due_at"].astimezone(st.tz).strftime("%a %Y-%m-%d %H:%M")
        line = _("follow-up call planned for {name} on {at}")
        console.print(safe(line.format(name=m["customer"], at=at)))


@event_app.command("invite")
def event_invite(
    ctx: typer.Context,
    event: EventId,
    customer: Annotated[
        str | None, typer.Argument(help=N_("Customer id or part of the name."))
    ] = None,
    contact: Annotated[str | None, typer.Option(help=N_("The contact of theirs invited."))] = None,
    status: Annotated[str, typer.Option(help=N_("invited|registered|declined"))] = "invited",
    new: Annotated[
        str | None, typer.Option("--new", help=N_("A new lead met at the event: their name."))
    ] = None,
    phone: Annotated[str | None, typer.Option(help=N_("The new lead's phone."))] = None,
    by_name: ByName = False,
) -> None:
    """Invite a customer (or record their answer), or add a new lead met at the event."""
    from crmtui.errors import InvalidInput
    from crmtui.services.events.write import add_lead, invite

    st = state(ctx)
    if (customer is None) == (new is None):
        raise InvalidInput("event-invite-who")
    if new is not None:
        with st.db.session() as session:
            row = add_lead(
                session,
                now=st.now(),
                event_id=event,
                name=new,
                phone=phone,
                region=st.config.country,
                country=st.config.country,
                zone=st.tz,
            )
            cid = row.customer_id
        console.print(
            safe(
                _("new lead {id} ({name}) met at event {event}").format(
                    id=cid, name=new, event=event
                )
            )
        )
        return
    assert customer is not None
    target, contact_id = st.customer_and_contact(customer, contact, by_name=by_name)
    with st.db.session() as session:
        row = invite(
            session,
            now=st.now(),
            event_id=event,
            customer_id=target["id"],
            contact_id=contact_id,
            status=status,
        )
        answer = row.status
    console.print(
        safe(
            _("{name} on event {event}: {status}").format(
                name=target["name"], event=event, status=translate(answer)
            )
        )
    )


@event_app.command("attend")
def event_attend(
    ctx: typer.Context,
    event: EventId,
    customer: Annotated[str, typer.Argument(help=N_("Customer id or part of the name."))],
    no: Annotated[bool, typer.Option("--no", help=N_("They did not come after all."))] = False,
    by_name: ByName = False,
) -> None:
    """Record who came to a held event; they get a follow-up call unless they have one."""
    from crmtui.services.events.write import attend

    st = state(ctx)
    target = st.customer(customer, by_name=by_name)
    with st.db.session() as session:
        _row, made = attend(
            session,
            now=st.now(),
            event_id=event,
            customer_id=target["id"],
            attended=not no,
            country=st.config.country,
            zone=st.tz,
        )
    said = _("{name} did not come") if no else _("{name} came")
    console.print(safe(said.format(name=target["name"])))
    _print_follow_ups(made, st)


def register(app: typer.Typer) -> None:
    app.add_typer(event_app, name="event")
