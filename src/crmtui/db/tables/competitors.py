"""Competitors (竞争对手) and the opportunities they compete for or won from us."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Column, ForeignKey, Integer
from sqlmodel import Field, SQLModel

from crmtui.db.constants import NAME_MAX, TEXT_MAX
from crmtui.db.tables.base import Timestamps


class Competitor(Timestamps, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(min_length=1, max_length=NAME_MAX, unique=True)
    products: str | None = Field(default=None, max_length=TEXT_MAX)
    price_level: str | None = None  # lower | similar | higher
    strengths: str | None = Field(default=None, max_length=TEXT_MAX)
    weaknesses: str | None = Field(default=None, max_length=TEXT_MAX)
    notes: str | None = Field(default=None, max_length=TEXT_MAX)


class OpportunityCompetitor(SQLModel, table=True):
    """A competitor on an opportunity: ``competing`` while open, ``lost-to`` when it won."""

    __tablename__ = "opportunity_competitor"
    __table_args__ = (CheckConstraint("role IN ('competing', 'lost-to')", name="role"),)
    opportunity_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("opportunity.id", ondelete="CASCADE"), primary_key=True
        )
    )
    competitor_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("competitor.id", ondelete="CASCADE"), primary_key=True, index=True
        )
    )
    role: str = "competing"
    created_at: datetime
