"""The timeslot table: weekly busy, preferred and do-not-call windows for the planner."""

from __future__ import annotations

from sqlmodel import Field

from crmtui.db.tables.base import Timestamps, foreign_key


class TimeSlot(Timestamps, table=True):
    """A weekly window in the callee's local time: busy, preferred or do-not-call."""

    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(sa_column=foreign_key("customer.id"))
    contact_id: int | None = Field(default=None, sa_column=foreign_key("contact.id", nullable=True))
    kind: str = "busy"
    weekday: int = Field(ge=0, le=6)  # Monday is 0
    start_minute: int = Field(ge=0, le=1440)
    end_minute: int = Field(ge=0, le=1440)
    inferred: bool = False
    note: str | None = Field(default=None, max_length=1000)
