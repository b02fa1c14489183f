"""Opportunities (机会): create, move through the stages, win or lose with a reason."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session

from crmtui.db.constants import OPP_STAGES
from crmtui.db.tables.sales import Opportunity
from crmtui.db.tables.summaries import Change
from crmtui.errors import InvalidInput, NotFound
from crmtui.services.common import checks
from crmtui.services.customers.write import get_customer

CLOSED = ("won", "lost")


def create_opportunity(
    session: Session,
    *,
    now: datetime,
    customer_id: int,
    title: str,
    amount: int = 0,
    currency: str = "CNY",
    stage: str = "lead",
    expected_close: date | None = None,
    next_step: str | None = None,
    competitor: str | None = None,
) -> Opportunity:
    """Open an opportunity; ``amount`` is in minor units (see ``checks.amount``)."""
    get_customer(session, customer_id)
    if amount < 0:
        raise InvalidInput("amount-cannot-be-negative", field="amount")
    stage = checks.choice(stage, OPP_STAGES, "stage") or "lead"
    opp = Opportunity(
        customer_id=customer_id,
        title=checks.name(title, "title"),
        amount=amount,
        currency=checks.currency(currency),
        stage=stage,
        expected_close=expected_close,
        next_step=checks.text(next_step, "next step"),
        competitor=checks.text(competitor, "competitor", limit=200),
        closed_at=now if stage in CLOSED else None,
        created_at=now,
        updated_at=now,
    )
    session.add(opp)
    session.flush()
    return opp


def move_opportunity(
    session: Session,
    *,
    now: datetime,
    opportunity_id: int,
    stage: str,
    lost_reason: str | None = None,
    competitor: str | None = None,
    amount: int | None = None,
) -> Opportunity:
    """Change the stage; ``lost`` needs a reason, ``won``/``lost`` close the opportunity."""
    opp = session.get(Opportunity, opportunity_id)
    if opp is None:
        raise NotFound("no-opportunity-id", id=opportunity_id)
    new_stage = checks.choice(stage, OPP_STAGES, "stage") or opp.stage
    if new_stage == "lost" and not (lost_reason or "").strip():
        raise InvalidInput("lost-needs-reason", field="reason")
    if new_stage != opp.stage:
        session.add(
            Change(
                entity="opportunity",
                entity_id=opportunity_id,
                field="stage",
                old=opp.stage,
                new=new_stage,
                at=now,
            )
        )
    opp.stage = new_stage
    if lost_reason is not None:
        opp.lost_reason = checks.text(lost_reason, "reason")
    if competitor is not None:
        opp.competitor = checks.text(competitor, "competitor", limit=200)
    if amount is not None:
        if amount < 0:
            raise InvalidInput("amount-cannot-be-negative", field="amount")
        opp.amount = amount
    opp.closed_at = now if new_stage in CLOSED else None
    opp.updated_at = now
    session.add(opp)
    session.flush()
    return opp
