"""The note table: free notes, pinned ones shown on the desktop."""

from __future__ import annotations

from sqlalchemy import Index
from sqlmodel import Field

from crmtui.db.constants import TEXT_MAX
from crmtui.db.tables.base import Synced, Timestamps, foreign_key


class Note(Timestamps, Synced, table=True):
    __table_args__ = (Index("ix_note_pinned", "pinned", "updated_at"),)
    id: int | None = Field(default=None, primary_key=True)
    customer_id: int | None = Field(
        default=None, sa_column=foreign_key("customer.id", nullable=True)
    )
    body: str = Field(min_length=1, max_length=TEXT_MAX)
    pinned: bool = False
