"""Announcements: add one, pin or unpin it, withdraw it."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session

from crmtui.db.tables.announcements import Announcement
from crmtui.errors import InvalidInput, NotFound
from crmtui.services.common import checks


def announce(
    session: Session,
    *,
    now: datetime,
    title: str,
    body: str | None = None,
    pinned: bool = False,
    valid_until: date | None = None,
    today: date | None = None,
) -> Announcement:
    """Add an announcement; a ``valid_until`` already past is refused (it would never show)."""
    if valid_until is not None and today is not None and valid_until < today:
        raise InvalidInput("announcement-already-expired", field="valid_until", day=valid_until)
    row = Announcement(
        title=checks.name(title, "title"),
        body=checks.text(body, "body"),
        pinned=pinned,
        valid_until=valid_until,
        created_at=now,
        updated_at=now,
    )
    session.add(row)
    session.flush()
    return row


def pin_announcement(
    session: Session, *, now: datetime, announcement_id: int, pinned: bool = True
) -> Announcement:
    row = session.get(Announcement, announcement_id)
    if row is None:
        raise NotFound("no-announcement-id", id=announcement_id)
    row.pinned = pinned
    row.updated_at = now
    session.add(row)
    session.flush()
    return row


def withdraw(session: Session, *, announcement_id: int) -> None:
    row = session.get(Announcement, announcement_id)
    if row is None:
        raise NotFound("no-announcement-id", id=announcement_id)
    session.delete(row)
    session.flush()
