"""Notes: free text on a customer, or pinned on the desktop (公告)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from crmtui.db.tables.notes import Note
from crmtui.errors import InvalidInput, NotFound
from crmtui.services.common import checks
from crmtui.services.customers.write import get_customer


def add_note(
    session: Session,
    *,
    now: datetime,
    body: str,
    customer_id: int | None = None,
    pinned: bool = False,
) -> Note:
    if customer_id is not None:
        get_customer(session, customer_id)
    text = checks.text(body, "note", field="body")
    if not text:
        raise InvalidInput("note-empty", field="body")
    note = Note(body=text, customer_id=customer_id, pinned=pinned, created_at=now, updated_at=now)
    session.add(note)
    session.flush()
    return note


def pin_note(session: Session, *, note_id: int, now: datetime, pinned: bool = True) -> Note:
    note = session.get(Note, note_id)
    if note is None:
        raise NotFound("no-note-id", id=note_id)
    note.pinned = pinned
    note.updated_at = now
    session.add(note)
    return note
