"""What the customers area returns: list rows, resolved names, actions and the customer card.

TypedDicts, not dataclasses: every consumer indexes rows by key (``row["name"]``) and ``--json``
prints them as they are, so their keys are the JSON interface. Instants are aware UTC datetimes;
a plain date column (``expected_close``, ``credit_rated_on``) is read back as the ISO text SQLite
stores, or as a ``date`` from a server database.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TypedDict

from crmtui.services.customers.man import ManAdvice

StoredDate = date | str | None

# A write's input, field name → value, as ``clean_fields`` checks it and ``update_customer``
# takes it: the fields vary by call, so the values are the union of the columns' types.
FieldValue = str | int | float | bool | date | datetime | list[str] | None
Fields = dict[str, FieldValue]


class CustomerRow(TypedDict):
    """A customer in a list or named by a reference (``CUSTOMER_COLUMNS``)."""

    id: int
    name: str
    is_person: bool
    company_name: str | None
    stage: str
    grade: str | None
    city: str | None
    country: str | None
    phones: list[str]
    email: str | None
    last_contact_at: datetime | None
    updated_at: datetime | None
    deleted_at: datetime | None


class ListedCustomer(CustomerRow):
    """A row of ``crm customers``: with its tags."""

    tags: list[str]


class ContactRow(TypedDict):
    """A contact in ``crm contacts`` and on the card (where ``birthday`` is added)."""

    id: int
    customer_id: int
    customer: str
    name: str
    role: str | None
    decision_maker: bool
    phones: list[str]
    email: str | None
    birthday_month: int | None
    birthday_day: int | None
    birthday_year: int | None
    birthday_lunar: bool
    notes: str | None
    updated_at: datetime | None


class CardContact(ContactRow):
    birthday: str | None


class ContactRef(TypedDict):
    """A contact named by id or by part of its name."""

    id: int
    name: str


class ActionRow(TypedDict):
    """An open (planned) action in ``crm actions`` and on the desktop."""

    id: int
    customer_id: int
    customer: str
    kind: str
    due_at: datetime
    note: str | None
    contact_id: int | None
    contact: str | None
    overdue: bool


class CardActivity(TypedDict):
    """A planned or done activity on the card."""

    id: int
    kind: str
    due_at: datetime | None
    done_at: datetime | None
    outcome: str | None
    minutes: int | None
    note: str | None
    contact: str | None
    contact_id: int | None
    opportunity_id: int | None


class DealCompetitor(TypedDict):
    """A competitor on an opportunity: ``competing`` for it or it was ``lost-to`` them."""

    name: str
    role: str


class CardOpportunity(TypedDict):
    id: int
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
    competitors: list[DealCompetitor]


class CardNote(TypedDict):
    id: int
    body: str
    pinned: bool
    updated_at: datetime | None


class Card(TypedDict):
    """The customer card (客户档案): every customer column (but ``pinyin``) and what hangs off it.

    ``notes`` is the profile field; the notes list is ``note_items``.
    """

    id: int
    name: str
    is_person: bool
    company_name: str | None
    stage: str
    grade: str | None
    man_money: str
    man_authority: str
    man_need: str
    industry: str | None
    source: str | None
    motive: str | None
    address: str | None
    city: str | None
    country: str | None
    timezone: str | None
    phones: list[str]
    email: str | None
    website: str | None
    personality: str | None
    needs: str | None
    preferences: str | None
    notes: str | None
    credit_limit: int | None
    credit_days: int | None
    credit_rating: str | None
    credit_rated_on: StoredDate
    satisfaction: int | None
    birthday_month: int | None
    birthday_day: int | None
    birthday_year: int | None
    birthday_lunar: bool
    birthday_key: int | None
    sort_key: str
    created_at: datetime | None
    updated_at: datetime | None
    last_contact_at: datetime | None
    deleted_at: datetime | None
    birthday: str | None
    tags: list[str]
    contacts: list[CardContact]
    planned: list[CardActivity]
    history: list[CardActivity]
    activity_count: int
    opportunities: list[CardOpportunity]
    note_items: list[CardNote]
    days_since_contact: int | None
    next_action: CardActivity | None
    man: ManAdvice  # the MAN pattern (MAn) and the practice's advice for it
