"""What the sales area (opportunities) and the notes lists return."""

from __future__ import annotations

from datetime import datetime
from typing import TypedDict

from crmtui.services.customers.types import StoredDate


class OpportunityRow(TypedDict):
    """An opportunity in ``crm opportunities``; amounts are integer minor units."""

    id: int
    customer_id: int
    customer: str
    title: str
    stage: str
    amount: int
    currency: str
    expected_close: StoredDate
    next_step: str | None
    lost_reason: str | None
    competitor: str | None
    closed_at: datetime | None
    updated_at: datetime | None
