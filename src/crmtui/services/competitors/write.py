"""Competitors: add and edit them, put them on opportunities, lose a deal to one."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from crmtui.db.tables.competitors import Competitor, OpportunityCompetitor
from crmtui.db.tables.sales import Opportunity
from crmtui.errors import Ambiguous, InvalidInput, NotFound
from crmtui.services.common import checks
from crmtui.services.sales.write import move_opportunity

PRICE_LEVELS = ("lower", "similar", "higher")


def add_competitor(
    session: Session,
    *,
    now: datetime,
    name: str,
    products: str | None = None,
    price_level: str | None = None,
    strengths: str | None = None,
    weaknesses: str | None = None,
    notes: str | None = None,
) -> Competitor:
    cleaned = checks.name(name)
    taken = session.exec(select(Competitor).where(Competitor.name == cleaned)).first()
    if taken is not None:
        raise InvalidInput("competitor-exists", field="name", name=cleaned, id=taken.id)
    competitor = Competitor(
        name=cleaned,
        products=checks.text(products, "products"),
        price_level=checks.choice(price_level, PRICE_LEVELS, "price level", field="price_level"),
        strengths=checks.text(strengths, "strengths"),
        weaknesses=checks.text(weaknesses, "weaknesses"),
        notes=checks.text(notes, "notes"),
        created_at=now,
        updated_at=now,
    )
    session.add(competitor)
    session.flush()
    return competitor


def find_competitor(session: Session, ref: str) -> Competitor:
    """A competitor by id (a number is always an id) or by an unambiguous part of its name."""
    text = (ref or "").strip()
    if not text:
        raise InvalidInput("competitor-ref-empty", field="competitor")
    if text.lstrip("#").isdigit():
        found = session.get(Competitor, int(text.lstrip("#")))
        if found is None:
            raise NotFound("no-competitor-id", field="competitor", id=text.lstrip("#"))
        return found
    rows = session.exec(select(Competitor).order_by(Competitor.id)).all()  # type: ignore[arg-type]
    exact = [c for c in rows if c.name.casefold() == text.casefold()]
    matches = exact or [c for c in rows if text.casefold() in c.name.casefold()]
    if not matches:
        raise NotFound("no-competitor-named", field="competitor", ref=text)
    if len(matches) > 1:
        raise Ambiguous(
            "competitor-ambiguous",
            [(c.id or 0, c.name) for c in matches],
            field="competitor",
            ref=text,
        )
    return matches[0]


def link(
    session: Session,
    *,
    now: datetime,
    opportunity_id: int,
    competitor_id: int,
    role: str = "competing",
) -> OpportunityCompetitor:
    """Put a competitor on an opportunity (or change its role there)."""
    if session.get(Opportunity, opportunity_id) is None:
        raise NotFound("no-opportunity-id", id=opportunity_id)
    row = session.get(OpportunityCompetitor, (opportunity_id, competitor_id))
    if row is None:
        row = OpportunityCompetitor(
            opportunity_id=opportunity_id, competitor_id=competitor_id, created_at=now
        )
    row.role = checks.choice(role, ("competing", "lost-to"), "role") or "competing"
    session.add(row)
    session.flush()
    return row


def lose_to(
    session: Session,
    *,
    now: datetime,
    opportunity_id: int,
    reason: str,
    competitor_ref: str,
) -> Opportunity:
    """Mark the opportunity lost with ``reason`` to the competitor named; its name is also kept
    in the opportunity's own competitor field, as ``crm opp lost --competitor`` does."""
    competitor = find_competitor(session, competitor_ref)
    opp = move_opportunity(
        session,
        now=now,
        opportunity_id=opportunity_id,
        stage="lost",
        lost_reason=reason,
        competitor=competitor.name,
    )
    assert competitor.id is not None
    link(
        session, now=now, opportunity_id=opportunity_id, competitor_id=competitor.id, role="lost-to"
    )
    return opp
