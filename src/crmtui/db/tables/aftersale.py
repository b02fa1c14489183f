"""After-sale tables: complaints and their step entries, service plans and records, satisfaction
ratings and referrals.

A complaint's ``status`` and ``step`` are derived from its entries by
``services/aftersale/rules.py`` and stored only so lists and the desktop can filter by them;
the entries are the record (a reopen adds an entry, nothing is overwritten).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, ForeignKey, Index, Integer
from sqlmodel import Field

from crmtui.db.constants import NAME_MAX, TEXT_MAX
from crmtui.db.tables.base import Timestamps, foreign_key


class Complaint(Timestamps, table=True):
    """A complaint (投诉); ``said`` is what the customer said (step 1, 客户陈述)."""

    __tablename__ = "complaint"
    __table_args__ = (
        Index("ix_complaint_open", "closed_at", "severity"),
        Index("ix_complaint_received", "received_at"),
    )
    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(sa_column=foreign_key("customer.id"))
    contact_id: int | None = Field(
        default=None, sa_column=foreign_key("contact.id", nullable=True, ondelete="SET NULL")
    )
    received_at: datetime
    channel: str = Field(default="call", max_length=20)
    category: str = Field(default="other", max_length=20)
    severity: str = Field(default="normal", max_length=20)
    said: str = Field(max_length=TEXT_MAX)
    promised_by: date | None = None
    status: str = Field(default="open", max_length=20)
    step: int = 1
    satisfaction: int | None = None
    closed_at: datetime | None = None


class ComplaintStep(Timestamps, table=True):
    """One dated entry of a complaint: a step (1-6) with its text, a close or a reopen."""

    __tablename__ = "complaint_step"
    id: int | None = Field(default=None, primary_key=True)
    complaint_id: int = Field(sa_column=foreign_key("complaint.id"))
    kind: str = Field(default="step", max_length=10)  # step | close | reopen
    step: int | None = None
    at: datetime
    note: str | None = Field(default=None, max_length=TEXT_MAX)
    by_date: date | None = None
    satisfaction: int | None = None


class ServicePlan(Timestamps, table=True):
    """A recurring after-sale service for a customer (售后服务): every N days or months."""

    __tablename__ = "service_plan"
    __table_args__ = (Index("ix_service_plan_due", "active", "next_due"),)
    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(sa_column=foreign_key("customer.id"))
    kind: str = Field(max_length=20)
    every: int = Field(ge=1)
    unit: str = Field(max_length=1)  # d | m
    next_due: date
    active: bool = True
    product: str | None = Field(default=None, max_length=NAME_MAX)
    note: str | None = Field(default=None, max_length=TEXT_MAX)


class ServiceRecord(Timestamps, table=True):
    """A service done: when, what, by whom, the parts and cost, and how the customer felt."""

    __tablename__ = "service_record"
    __table_args__ = (Index("ix_service_record_done", "done_on"),)
    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(sa_column=foreign_key("customer.id"))
    plan_id: int | None = Field(
        default=None, sa_column=foreign_key("service_plan.id", nullable=True, ondelete="SET NULL")
    )
    done_on: date
    kind: str = Field(max_length=20)
    done_by: str | None = Field(default=None, max_length=NAME_MAX)
    work: str | None = Field(default=None, max_length=TEXT_MAX)
    parts: str | None = Field(default=None, max_length=TEXT_MAX)
    cost: int = Field(default=0, ge=0)  # minor units
    currency: str = "CNY"
    satisfaction: int | None = None


class Satisfaction(Timestamps, table=True):
    """A satisfaction rating (满意度, 1 very dissatisfied … 5 very satisfied); the latest is the
    customer's current level, ``previous`` the level before it (to tell a drop)."""

    __tablename__ = "satisfaction"
    __table_args__ = (Index("ix_satisfaction_at", "at"),)
    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(sa_column=foreign_key("customer.id"))
    level: int = Field(ge=1, le=5)
    previous: int | None = None
    source: str = Field(default="call", max_length=20)  # call | delivery | service | complaint
    ref_id: int | None = None
    note: str | None = Field(default=None, max_length=TEXT_MAX)
    at: datetime


class Referral(Timestamps, table=True):
    """Who referred a customer (口碑): one referrer per customer."""

    __tablename__ = "referral"
    customer_id: int = Field(
        sa_column=Column(Integer, ForeignKey("customer.id", ondelete="CASCADE"), primary_key=True)
    )
    referrer_id: int = Field(sa_column=foreign_key("customer.id"))
