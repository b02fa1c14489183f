"""Editing and deleting the records on a customer card: activities, contacts and notes.

Activities and notes have no ``deleted_at`` column, so deleting one removes the row; the delete
functions return a snapshot of what was removed, which :func:`restore_activity` and
:func:`restore_note` put back (the undo in the TUI keeps it). Contacts are soft-deleted.
Every function works inside the caller's Session, so one user action is one transaction.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, TypeGuard, TypeVar

from sqlalchemy import func
from sqlmodel import Session, col, select

from crmtui.db.constants import ACTIVITY_KINDS, OUTCOMES
from crmtui.db.tables.activities import Activity
from crmtui.db.tables.contacts import Contact
from crmtui.db.tables.customers import Customer
from crmtui.db.tables.notes import Note
from crmtui.errors import InvalidInput, NotFound
from crmtui.services.common import checks
from crmtui.services.contacts.write import get_contact, reindex_contact
from crmtui.services.customers.write import get_customer
from crmtui.services.editing.types import ActivitySnapshot, ContactSnapshot, NoteSnapshot

ACTIVITY_FIELDS = ("kind", "at", "outcome", "minutes", "note", "contact_id")
RecordT = TypeVar("RecordT", Activity, Note)


def get_activity(session: Session, activity_id: int) -> Activity:
    activity = session.get(Activity, activity_id)
    if activity is None:
        raise NotFound("no-activity-id", id=activity_id)
    get_customer(session, activity.customer_id)  # an activity of a trashed customer is hidden
    return activity


def activity_snapshot(activity: Activity) -> ActivitySnapshot:
    """Every column of an activity, enough to put it back exactly as it was."""
    return ActivitySnapshot(
        id=activity.id,
        customer_id=activity.customer_id,
        contact_id=activity.contact_id,
        opportunity_id=activity.opportunity_id,
        kind=activity.kind,
        due_at=activity.due_at,
        done_at=activity.done_at,
        outcome=activity.outcome,
        minutes=activity.minutes,
        note=activity.note,
        created_at=activity.created_at,
        updated_at=activity.updated_at,
    )


def update_activity(
    session: Session, *, now: datetime, activity_id: int, changes: dict[str, Any]
) -> ActivitySnapshot:
    """Change the given fields of an activity; returns its snapshot from before the change.

    ``at`` is the time it happened for a done activity and the time it is due for a planned one;
    ``contact_id`` ``None`` unlinks the contact.
    """
    activity = get_activity(session, activity_id)
    before = activity_snapshot(activity)
    if not changes:
        raise InvalidInput("nothing-to-change")
    customer = get_customer(session, activity.customer_id)
    for field, value in changes.items():
        if field == "kind":
            kind = checks.choice(value, ACTIVITY_KINDS, "activity kind", field="kind")
            activity.kind = kind or activity.kind
        elif field == "outcome":
            if activity.done_at is None and value:
                raise InvalidInput("activity-is-planned", field="outcome", id=activity_id)
            activity.outcome = checks.choice(value, OUTCOMES, "outcome") if value else None
        elif field == "minutes":
            if value is not None and not 0 <= int(value) <= 24 * 60:
                raise InvalidInput("minutes-range", field="minutes")
            activity.minutes = value
        elif field == "note":
            activity.note = checks.text(value, "note") or None
        elif field == "at":
            if activity.done_at is not None:
                if value > now:
                    raise InvalidInput("done-in-future", field="at")
                activity.done_at = value
            else:
                activity.due_at = value
        elif field == "contact_id":
            if value is not None and get_contact(session, value).customer_id != customer.id:
                raise InvalidInput(
                    "contact-not-of-customer", field="contact", contact=value, name=customer.name
                )
            activity.contact_id = value
        else:
            raise InvalidInput("unknown-activity-field", name=field)
    activity.updated_at = now
    session.add(activity)
    session.flush()
    refresh_last_contact(session, customer, now=now)
    return before


def delete_activity(session: Session, *, now: datetime, activity_id: int) -> ActivitySnapshot:
    """Remove an activity; returns the snapshot that :func:`restore_activity` puts back."""
    activity = get_activity(session, activity_id)
    snapshot = activity_snapshot(activity)
    customer = get_customer(session, activity.customer_id)
    session.delete(activity)
    session.flush()
    refresh_last_contact(session, customer, now=now)
    return snapshot


def restore_activity(session: Session, *, now: datetime, snapshot: ActivitySnapshot) -> Activity:
    """Put back a deleted activity, or an edited one as it was (same id when it is free)."""
    customer = get_customer(session, snapshot["customer_id"])
    activity = session.get(Activity, snapshot["id"])
    if _same_record(activity, snapshot):
        for name, value in snapshot.items():
            setattr(activity, name, value)
    else:
        # The id may have been reused since the delete; then the record comes back under a new one.
        values = dict(snapshot, id=None) if activity is not None else snapshot
        activity = Activity(**values)
    if activity.contact_id is not None:
        contact = session.get(Contact, activity.contact_id)
        if contact is None or contact.customer_id != customer.id:
            activity.contact_id = None
    session.add(activity)
    session.flush()
    refresh_last_contact(session, customer, now=now)
    return activity


def _same_record(
    row: RecordT | None, snapshot: ActivitySnapshot | NoteSnapshot
) -> TypeGuard[RecordT]:
    return (
        row is not None
        and row.customer_id == snapshot["customer_id"]
        and row.created_at == snapshot["created_at"]
    )


def refresh_last_contact(session: Session, customer: Customer, *, now: datetime) -> None:
    """Recompute the customer's last touch from its done activities (after an edit or delete)."""
    latest = session.exec(
        select(func.max(col(Activity.done_at))).where(Activity.customer_id == customer.id)
    ).one()
    customer.last_contact_at = latest
    customer.updated_at = now
    session.add(customer)
    session.flush()


def restore_contact(session: Session, *, now: datetime, contact_id: int) -> Contact:
    """Bring a trashed contact back (the undo of a contact delete)."""
    contact = session.get(Contact, contact_id)
    if contact is None:
        raise NotFound("no-contact-id", id=contact_id)
    customer = get_customer(session, contact.customer_id)
    contact.deleted_at = None
    contact.updated_at = now
    session.add(contact)
    session.flush()
    reindex_contact(session, contact, customer_name=customer.name)
    return contact


def contact_snapshot(contact: Contact) -> ContactSnapshot:
    """The editable fields of a contact, in the form ``update_contact`` takes back."""
    return {
        "name": contact.name,
        "role": contact.role,
        "phones": list(contact.phones or []),
        "email": contact.email,
        "timezone": contact.timezone,
        "notes": contact.notes,
        "decision_maker": contact.decision_maker,
    }


def get_note(session: Session, note_id: int) -> Note:
    note = session.get(Note, note_id)
    if note is None:
        raise NotFound("no-note-id-hint", id=note_id)
    return note


def note_snapshot(note: Note) -> NoteSnapshot:
    return NoteSnapshot(
        id=note.id,
        customer_id=note.customer_id,
        body=note.body,
        pinned=note.pinned,
        created_at=note.created_at,
        updated_at=note.updated_at,
    )


def edit_note(session: Session, *, now: datetime, note_id: int, body: str) -> NoteSnapshot:
    """Replace a note's text; returns its snapshot from before."""
    note = get_note(session, note_id)
    before = note_snapshot(note)
    text = checks.text(body, "note", field="body")
    if not text or not text.strip():
        raise InvalidInput("note-empty-hint", field="body")
    note.body = text
    note.updated_at = now
    session.add(note)
    session.flush()
    return before


def delete_note(session: Session, *, now: datetime, note_id: int) -> NoteSnapshot:
    """Remove a note; returns the snapshot that :func:`restore_note` puts back."""
    note = get_note(session, note_id)
    snapshot = note_snapshot(note)
    session.delete(note)
    session.flush()
    return snapshot


def restore_note(session: Session, *, now: datetime, snapshot: NoteSnapshot) -> Note:
    """Put back a deleted note, or an edited one as it was."""
    if snapshot["customer_id"] is not None:
        get_customer(session, snapshot["customer_id"])
    note = session.get(Note, snapshot["id"])
    if _same_record(note, snapshot):
        for name, value in snapshot.items():
            setattr(note, name, value)
    else:
        note = Note(**(dict(snapshot, id=None) if note is not None else snapshot))
    session.add(note)
    session.flush()
    return note
