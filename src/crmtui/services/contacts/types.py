"""What the contacts area returns: coming birthdays (of contacts and of person customers), and
the birthday columns a contact or person customer row is written with."""

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


class BirthdayColumns(TypedDict, total=False):
    """The birthday columns of a customer or contact row, ``birthday_key`` included; none at
    all when there is no birthday to write."""

    birthday_month: int | None
    birthday_day: int | None
    birthday_year: int | None
    birthday_lunar: bool
    birthday_key: int | None
