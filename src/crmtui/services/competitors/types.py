"""What the competitors area returns."""

from __future__ import annotations

from typing import TypedDict

from crmtui.money import Money


class CompetitorRow(TypedDict):
    id: int
    name: str
    products: str | None
    price_level: str | None
    strengths: str | None
    weaknesses: str | None
    notes: str | None
    competing: int
    lost_to: int


class CompetitorDeal(TypedDict):
    """An opportunity a competitor is on: competing for it, or it won it (lost-to)."""

    opportunity_id: int
    title: str
    competitor: str
    customer: str
    stage: str
    amount: Money
    currency: str
    role: str
    lost_reason: str | None


class CompetitorCard(TypedDict):
    competitor: CompetitorRow
    deals: list[CompetitorDeal]


class LostReasonRow(TypedDict):
    """Lost deals grouped by who won them and why."""

    competitor: str
    reason: str
    deals: int
    amount: Money
    currency: str
