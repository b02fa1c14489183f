"""What the contacts area returns: coming birthdays (of contacts and of person customers)."""

from __future__ import annotations

from datetime import date
from typing import TypedDict


class BirthdayRow(TypedDict):
    """A birthday in the coming days; ``contact_id`` is None for a person customer's own."""

    name: str
    customer: str
    customer_id: int
    contact_id: int | None
    date: date
    in_days: int
    age: int | None
    lunar: bool
