"""Marketing events (市场活动) and the people invited to them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Index
from sqlmodel import Field

from crmtui.db.constants import NAME_MAX, TEXT_MAX
from crmtui.db.tables.base import Timestamps, foreign_key


class Event(Timestamps, table=True):
    """A trade fair, seminar, demo day...; its actual cost is the sum of the expenses linked
    to it, so it is not stored here."""

    __table_args__ = (
        Index("ix_event_starts", "starts_on"),
        CheckConstraint(
            "status IN ('planning', 'open', 'held', 'closed', 'cancelled')", name="status"
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(min_length=1, max_length=NAME_MAX)
    kind: str = "other"
    starts_on: date
    ends_on: date
    place: str | None = Field(default=None, max_length=NAME_MAX)
    budget: int = Field(default=0, ge=0)  # minor units
    currency: str = "CNY"
    partners: str | None = Field(default=None, max_length=TEXT_MAX)
    notes: str | None = Field(default=None, max_length=TEXT_MAX)
    status: str = "planning"
    closed_at: datetime | None = None


class EventInvitee(Timestamps, table=True):
    """A customer (or one contact of theirs) invited to an event; ``lead`` marks a customer
    created at the event."""

    __tablename__ = "event_invitee"
    __table_args__ = (
        CheckConstraint("status IN ('invited', 'registered', 'declined')", name="status"),
    )
    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(sa_column=foreign_key("event.id"))
    customer_id: int = Field(sa_column=foreign_key("customer.id"))
    contact_id: int | None = Field(
        default=None, sa_column=foreign_key("contact.id", nullable=True, ondelete="SET NULL")
    )
    status: str = "invited"
    attended: bool = False
    lead: bool = False
