"""Events: create, move through their statuses, invite, record attendance; the follow-up rule.

The follow-up rule: once an event is held, every attendee whose customer has no open planned
touch gets a call on the working day after the event, noted "met at <event>", so it shows on
``crm plan``. It runs when attendance is recorded and again when the event is closed; a customer
who already has a follow-up is left alone, so running it twice plans nothing twice.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo

from sqlmodel import Session, select

from crmtui.db.tables.activities import Activity
from crmtui.db.tables.contacts import Contact
from crmtui.db.tables.events import Event, EventInvitee
from crmtui.errors import InvalidInput, NotFound
from crmtui.i18n import _
from crmtui.services.activities.write import plan_activity
from crmtui.services.common import checks
from crmtui.services.customers.write import create_customer, get_customer
from crmtui.services.events import rules
from crmtui.services.events.types import FollowUpMade


def create_event(
    session: Session,
    *,
    now: datetime,
    name: str,
    starts_on: date,
    ends_on: date | None = None,
    kind: str = "other",
    place: str | None = None,
    budget: int = 0,
    currency: str = "CNY",
    partners: str | None = None,
    notes: str | None = None,
) -> Event:
    """Plan an event (status ``planning``); ``budget`` in minor units."""
    ends = ends_on or starts_on
    if ends < starts_on:
        raise InvalidInput("event-ends-before-start", field="ends_on", start=starts_on, end=ends)
    if budget < 0:
        raise InvalidInput("amount-cannot-be-negative", field="budget")
    event = Event(
        name=checks.name(name),
        kind=checks.choice(kind, rules.KINDS, "kind") or "other",
        starts_on=starts_on,
        ends_on=ends,
        place=checks.text(place, "place", limit=200),
        budget=budget,
        currency=checks.currency(currency),
        partners=checks.text(partners, "partners"),
        notes=checks.text(notes, "notes"),
        status="planning",
        created_at=now,
        updated_at=now,
    )
    session.add(event)
    session.flush()
    return event


def get_event(session: Session, event_id: int) -> Event:
    event = session.get(Event, event_id)
    if event is None:
        raise NotFound("no-event-id", id=event_id)
    return event


def move_event(
    session: Session,
    *,
    now: datetime,
    event_id: int,
    status: str,
    country: str | None = None,
    zone: tzinfo | None = None,
) -> tuple[Event, list[FollowUpMade]]:
    """Move the event to ``status``; closing it plans the attendees' missing follow-ups."""
    event = get_event(session, event_id)
    new = (status or "").strip().lower()
    rules.check_move(event_id, event.status, new)
    made: list[FollowUpMade] = []
    if new == "closed":
        made = plan_follow_ups(session, now=now, event=event, country=country, zone=zone)
        event.closed_at = now
    event.status = new
    event.updated_at = now
    session.add(event)
    session.flush()
    return event, made


def invite(
    session: Session,
    *,
    now: datetime,
    event_id: int,
    customer_id: int,
    contact_id: int | None = None,
    status: str = "invited",
) -> EventInvitee:
    """Invite a customer (or one of their contacts), or change how they answered."""
    event = get_event(session, event_id)
    if not rules.can_invite(event.status):
        raise InvalidInput("event-no-invitations", id=event_id, status=event.status)
    get_customer(session, customer_id)
    if contact_id is not None:
        contact = session.get(Contact, contact_id)
        if contact is None or contact.customer_id != customer_id:
            raise InvalidInput("event-contact-not-of-customer", field="contact", id=contact_id)
    answer = checks.choice(status, rules.INVITE_STATUSES, "invitation status", field="status")
    row = _invitee(session, event_id, customer_id, contact_id)
    if row is None:
        row = EventInvitee(
            event_id=event_id,
            customer_id=customer_id,
            contact_id=contact_id,
            created_at=now,
            updated_at=now,
        )
    row.status = answer or "invited"
    row.updated_at = now
    session.add(row)
    session.flush()
    return row


def add_lead(
    session: Session,
    *,
    now: datetime,
    event_id: int,
    name: str,
    phone: str | None = None,
    region: str | None = None,
    country: str | None = None,
    zone: tzinfo | None = None,
) -> EventInvitee:
    """A new lead met at the event: a customer whose source is the event, invited and, when the
    event is under way or held, attending (with the follow-up rule applied)."""
    event = get_event(session, event_id)
    if event.status not in ("open", "held"):
        raise InvalidInput("event-no-leads", id=event_id, status=event.status)
    customer = create_customer(
        session,
        now=now,
        name=name,
        source=event.name,
        phones=[phone] if phone else [],
        region=region,
    )
    assert customer.id is not None
    row = EventInvitee(
        event_id=event_id,
        customer_id=customer.id,
        status="registered",
        attended=event.status == "held",
        lead=True,
        created_at=now,
        updated_at=now,
    )
    session.add(row)
    session.flush()
    if row.attended:
        plan_follow_ups(session, now=now, event=event, country=country, zone=zone)
    return row


def attend(
    session: Session,
    *,
    now: datetime,
    event_id: int,
    customer_id: int,
    attended: bool = True,
    country: str | None = None,
    zone: tzinfo | None = None,
) -> tuple[EventInvitee, list[FollowUpMade]]:
    """Record that an invitee came (or not); someone who came uninvited is added as registered."""
    event = get_event(session, event_id)
    if not rules.can_attend(event.status):
        raise InvalidInput("event-not-held", id=event_id, status=event.status)
    get_customer(session, customer_id)
    row = _invitee(session, event_id, customer_id, None, any_contact=True)
    if row is None:
        row = EventInvitee(
            event_id=event_id,
            customer_id=customer_id,
            status="registered",
            created_at=now,
            updated_at=now,
        )
    row.attended = attended
    row.updated_at = now
    session.add(row)
    session.flush()
    made = plan_follow_ups(session, now=now, event=event, country=country, zone=zone)
    return row, made


def plan_follow_ups(
    session: Session,
    *,
    now: datetime,
    event: Event,
    country: str | None,
    zone: tzinfo | None,
) -> list[FollowUpMade]:
    """The follow-up rule (see the module docstring); returns what it planned."""
    due = rules.follow_up_at(event.ends_on, country, now, zone or now.tzinfo or UTC)
    attendees = session.exec(
        select(EventInvitee)
        .where(EventInvitee.event_id == event.id, EventInvitee.attended == True)  # noqa: E712
        .order_by(EventInvitee.id)  # type: ignore[arg-type]
    ).all()
    made: list[FollowUpMade] = []
    seen: set[int] = set()
    for invitee in attendees:
        if invitee.customer_id in seen or _has_follow_up(session, invitee.customer_id):
            continue
        seen.add(invitee.customer_id)
        customer = get_customer(session, invitee.customer_id)
        if customer.deleted_at is not None:
            continue
        activity = plan_activity(
            session,
            now=now,
            customer_id=invitee.customer_id,
            contact_id=invitee.contact_id,
            due_at=due,
            kind="call",
            note=_("met at {event}").format(event=event.name),
        )
        assert activity.id is not None
        made.append(
            {
                "activity_id": activity.id,
                "customer_id": invitee.customer_id,
                "customer": customer.name,
                "due_at": due,
            }
        )
    return made


def _has_follow_up(session: Session, customer_id: int) -> bool:
    """An open planned touch of any kind already follows the customer up."""
    found = session.exec(
        select(Activity.id).where(
            Activity.customer_id == customer_id,
            Activity.done_at == None,  # noqa: E711
            Activity.due_at != None,  # noqa: E711
        )
    ).first()
    return found is not None


def _invitee(
    session: Session,
    event_id: int,
    customer_id: int,
    contact_id: int | None,
    *,
    any_contact: bool = False,
) -> EventInvitee | None:
    query = select(EventInvitee).where(
        EventInvitee.event_id == event_id, EventInvitee.customer_id == customer_id
    )
    if not any_contact:
        query = query.where(EventInvitee.contact_id == contact_id)
    return session.exec(query.order_by(EventInvitee.id)).first()  # type: ignore[arg-type]
