"""The opportunity table: deals in the sales pipeline."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index
from sqlmodel import Field

from crmtui.db.constants import NAME_MAX, TEXT_MAX
from crmtui.db.tables.base import Synced, Timestamps, foreign_key


class Opportunity(Timestamps, Synced, table=True):
    __table_args__ = (
        Index("ix_opportunity_updated", "updated_at"),
        # the funnel report reads the opportunities opened in a period (migration 0010)
        Index("ix_opportunity_created", "created_at"),
    )
    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(sa_column=foreign_key("customer.id"))
    title: str = Field(min_length=1, max_length=NAME_MAX)
    stage: str = "lead"
    amount: int = Field(default=0, ge=0)  # minor units
    currency: str = "CNY"
    expected_close: date | None = None
    next_step: str | None = Field(default=None, max_length=TEXT_MAX)
    lost_reason: str | None = Field(default=None, max_length=TEXT_MAX)
    competitor: str | None = Field(default=None, max_length=NAME_MAX)
    closed_at: datetime | None = Field(default=None, index=True)
