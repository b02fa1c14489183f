"""The activity table: calls, visits and other touches, planned or done."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field

from crmtui.db.constants import TEXT_MAX
from crmtui.db.tables.base import Synced, Timestamps, foreign_key


class Activity(Timestamps, Synced, table=True):
    """A planned (``due_at`` set, ``done_at`` empty) or done (``done_at`` set) touch."""

    __table_args__ = (
        Index("ix_activity_open_due", "done_at", "due_at"),
        Index("ix_activity_customer_time", "customer_id", "done_at"),
        # Covers the month and week summaries: counts by kind and outcome over a time range;
        # and the activity report, which also needs whose call it was (migration 0010).
        Index("ix_activity_done_kind", "done_at", "kind", "outcome", "customer_id", "contact_id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(sa_column=foreign_key("customer.id"))
    contact_id: int | None = Field(
        default=None, sa_column=foreign_key("contact.id", nullable=True, ondelete="SET NULL")
    )
    opportunity_id: int | None = Field(
        default=None, sa_column=foreign_key("opportunity.id", nullable=True, ondelete="SET NULL")
    )
    kind: str = "call"
    due_at: datetime | None = None
    done_at: datetime | None = None
    outcome: str | None = None
    minutes: int | None = Field(default=None, ge=0)
    note: str | None = Field(default=None, max_length=TEXT_MAX)
