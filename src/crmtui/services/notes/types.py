"""What the notes area returns."""

from __future__ import annotations

from datetime import datetime
from typing import TypedDict


class NoteRow(TypedDict):
    """A note in ``crm notes``; ``customer`` is None for a note of no customer."""

    id: int
    body: str
    pinned: bool
    customer_id: int | None
    customer: str | None
    updated_at: datetime | None
