"""SQLModel tables and the create/update models that validate user input before it is stored.

Conventions: instants are naive UTC datetimes (see ``crmtui.clock``); money is integer minor
units (cents/fen); enumerations are short lower-case strings checked by the services; every table
has ``created_at`` and ``updated_at``. Customers and contacts are soft-deleted (``deleted_at``).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Column, ForeignKey, Index, Integer, text
from sqlmodel import Field, SQLModel

from crmtui.db.constants import NAME_MAX, TEXT_MAX

# Named constraints, so SQLite batch migrations can find and recreate them.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# Index(**LIVE): dialect keyword arguments, which Index takes as **dialect_kw: Any
LIVE: dict[str, Any] = {
    "sqlite_where": text("deleted_at IS NULL"),
    "postgresql_where": text("deleted_at IS NULL"),
}


def _fk(target: str, *, nullable: bool = False, ondelete: str = "CASCADE") -> Column[int]:
    return Column(Integer, ForeignKey(target, ondelete=ondelete), nullable=nullable, index=True)


class Timestamps(SQLModel):
    created_at: datetime
    updated_at: datetime


class BirthdayFields(SQLModel):
    """Month and day are required for a birthday; the year is optional; lunar is 农历."""

    birthday_month: int | None = Field(default=None, ge=1, le=12)
    birthday_day: int | None = Field(default=None, ge=1, le=31)
    birthday_year: int | None = Field(default=None, ge=1900, le=2100)
    birthday_lunar: bool = False
    # MMDD of the solar birthday (or of the lunar month/day when lunar): indexable look-ups.
    birthday_key: int | None = Field(default=None, index=True)


class CustomerBase(BirthdayFields):
    name: str = Field(min_length=1, max_length=NAME_MAX)
    is_person: bool = False
    company_name: str | None = Field(default=None, max_length=NAME_MAX)
    stage: str = "potential"
    grade: str | None = None
    man_money: str = "unknown"
    man_authority: str = "unknown"
    man_need: str = "unknown"
    industry: str | None = Field(default=None, max_length=NAME_MAX)
    source: str | None = Field(default=None, max_length=NAME_MAX)
    motive: str | None = None
    address: str | None = Field(default=None, max_length=1000)
    city: str | None = Field(default=None, max_length=NAME_MAX)
    country: str | None = Field(default=None, max_length=2)
    timezone: str | None = Field(default=None, max_length=64)
    email: str | None = Field(default=None, max_length=320)
    website: str | None = Field(default=None, max_length=1000)
    personality: str | None = Field(default=None, max_length=TEXT_MAX)
    needs: str | None = Field(default=None, max_length=TEXT_MAX)
    preferences: str | None = Field(default=None, max_length=TEXT_MAX)
    notes: str | None = Field(default=None, max_length=TEXT_MAX)
    credit_limit: int | None = Field(default=None, ge=0)
    credit_days: int | None = Field(default=None, ge=0)
    credit_rating: str | None = Field(default=None, max_length=20)
    credit_rated_on: date | None = None
    satisfaction: int | None = Field(default=None, ge=1, le=5)


class Customer(CustomerBase, Timestamps, table=True):
    __table_args__ = (
        # Partial indexes over live rows: a trashed customer costs nothing, and SQLite cannot
        # mistake "deleted_at IS NULL" (true of almost every row) for a selective condition.
        Index("ix_customer_name_live", text("name COLLATE NOCASE"), "id", **LIVE),
        Index("ix_customer_updated_live", "updated_at", **LIVE),
        Index("ix_customer_sort_live", "sort_key", "id", **LIVE),
        Index("ix_customer_created", "created_at"),
        CheckConstraint(
            "stage IN ('potential', 'prospect', 'customer', 'dormant', 'lost')", name="stage"
        ),
        CheckConstraint("grade IS NULL OR grade IN ('A', 'B', 'C')", name="grade"),
    )
    id: int | None = Field(default=None, primary_key=True)
    phones: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # Full pinyin and initials of the name and company, for search.
    pinyin: str = Field(default="", sa_column_kwargs={"server_default": ""})
    # The name as --sort name orders it (Chinese as pinyin): services.common.names.sort_key.
    sort_key: str = Field(default="", sa_column_kwargs={"server_default": ""})
    last_contact_at: datetime | None = Field(default=None, index=True)
    deleted_at: datetime | None = None


class ContactBase(BirthdayFields):
    name: str = Field(min_length=1, max_length=NAME_MAX)
    role: str | None = Field(default=None, max_length=NAME_MAX)
    decision_maker: bool = False
    email: str | None = Field(default=None, max_length=320)
    timezone: str | None = Field(default=None, max_length=64)
    notes: str | None = Field(default=None, max_length=TEXT_MAX)


class Contact(ContactBase, Timestamps, table=True):
    __table_args__ = (Index("ix_contact_updated_live", "updated_at", **LIVE),)
    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(sa_column=_fk("customer.id"))
    phones: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    pinyin: str = Field(default="", sa_column_kwargs={"server_default": ""})
    deleted_at: datetime | None = None


class Activity(Timestamps, table=True):
    """A planned (``due_at`` set, ``done_at`` empty) or done (``done_at`` set) touch."""

    __table_args__ = (
        Index("ix_activity_open_due", "done_at", "due_at"),
        Index("ix_activity_customer_time", "customer_id", "done_at"),
        # Covers the month and week summaries: counts by kind and outcome over a time range.
        Index("ix_activity_done_kind", "done_at", "kind", "outcome"),
    )
    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(sa_column=_fk("customer.id"))
    contact_id: int | None = Field(
        default=None, sa_column=_fk("contact.id", nullable=True, ondelete="SET NULL")
    )
    opportunity_id: int | None = Field(
        default=None, sa_column=_fk("opportunity.id", nullable=True, ondelete="SET NULL")
    )
    kind: str = "call"
    due_at: datetime | None = None
    done_at: datetime | None = None
    outcome: str | None = None
    minutes: int | None = Field(default=None, ge=0)
    note: str | None = Field(default=None, max_length=TEXT_MAX)


class Opportunity(Timestamps, table=True):
    __table_args__ = (Index("ix_opportunity_updated", "updated_at"),)
    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(sa_column=_fk("customer.id"))
    title: str = Field(min_length=1, max_length=NAME_MAX)
    stage: str = "lead"
    amount: int = Field(default=0, ge=0)  # minor units
    currency: str = "CNY"
    expected_close: date | None = None
    next_step: str | None = Field(default=None, max_length=TEXT_MAX)
    lost_reason: str | None = Field(default=None, max_length=TEXT_MAX)
    competitor: str | None = Field(default=None, max_length=NAME_MAX)
    closed_at: datetime | None = Field(default=None, index=True)


class Tag(Timestamps, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100, unique=True)


class CustomerTag(SQLModel, table=True):
    customer_id: int = Field(
        sa_column=Column(Integer, ForeignKey("customer.id", ondelete="CASCADE"), primary_key=True)
    )
    tag_id: int = Field(
        sa_column=Column(Integer, ForeignKey("tag.id", ondelete="CASCADE"), primary_key=True)
    )


class Note(Timestamps, table=True):
    __table_args__ = (Index("ix_note_pinned", "pinned", "updated_at"),)
    id: int | None = Field(default=None, primary_key=True)
    customer_id: int | None = Field(default=None, sa_column=_fk("customer.id", nullable=True))
    body: str = Field(min_length=1, max_length=TEXT_MAX)
    pinned: bool = False


class TimeSlot(Timestamps, table=True):
    """A weekly window in the callee's local time: busy, preferred or do-not-call."""

    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(sa_column=_fk("customer.id"))
    contact_id: int | None = Field(default=None, sa_column=_fk("contact.id", nullable=True))
    kind: str = "busy"
    weekday: int = Field(ge=0, le=6)  # Monday is 0
    start_minute: int = Field(ge=0, le=1440)
    end_minute: int = Field(ge=0, le=1440)
    inferred: bool = False
    note: str | None = Field(default=None, max_length=1000)


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


class SearchDoc(SQLModel, table=True):
    """One row per customer or contact: the text that search looks in (kept by the services)."""

    __tablename__ = "search_doc"
    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(sa_column=_fk("customer.id"))
    contact_id: int | None = Field(default=None, sa_column=_fk("contact.id", nullable=True))
    text: str = ""


class SummaryNote(Timestamps, table=True):
    """The salesperson's own reflection on a week (``2026-W48``) or a month (``2026-11``)."""

    __tablename__ = "summary_note"
    id: int | None = Field(default=None, primary_key=True)
    period: str = Field(max_length=16, unique=True)
    body: str = Field(max_length=TEXT_MAX)
