"""Tables behind the summaries: stage/grade change history and the salesperson's notes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from crmtui.db.constants import TEXT_MAX
from crmtui.db.tables.base import Timestamps


class Change(SQLModel, table=True):
    """History of stage and grade changes, for summaries ("customers whose stage changed")."""

    __table_args__ = (Index("ix_change_at", "at"),)
    id: int | None = Field(default=None, primary_key=True)
    entity: str  # customer | opportunity
    entity_id: int = Field(index=True)
    field: str
    old: str | None = None
    new: str | None = None
    at: datetime
    # Why it changed when not by hand: the 80/20 suggestion records its window and sales.
    reason: str | None = Field(default=None, max_length=1000)


class SummaryNote(Timestamps, table=True):
    """The salesperson's own reflection on a week (``2026-W48``) or a month (``2026-11``)."""

    __tablename__ = "summary_note"
    id: int | None = Field(default=None, primary_key=True)
    period: str = Field(max_length=16, unique=True)
    body: str = Field(max_length=TEXT_MAX)
