"""Announcements (公告) shown on the today desktop until they expire."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Index
from sqlmodel import Field

from crmtui.db.constants import NAME_MAX, TEXT_MAX
from crmtui.db.tables.base import Timestamps


class Announcement(Timestamps, table=True):
    __table_args__ = (Index("ix_announcement_pinned", "pinned", "updated_at"),)
    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(min_length=1, max_length=NAME_MAX)
    body: str | None = Field(default=None, max_length=TEXT_MAX)
    pinned: bool = False
    valid_until: date | None = None
