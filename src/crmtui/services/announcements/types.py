"""What the announcements area returns."""

from __future__ import annotations

from datetime import date, datetime
from typing import TypedDict


class AnnouncementRow(TypedDict):
    id: int
    title: str
    body: str | None
    pinned: bool
    valid_until: date | None
    expired: bool
    updated_at: datetime | None
