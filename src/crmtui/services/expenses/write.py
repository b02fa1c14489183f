"""Expense claims: lines added to a draft, then submitted, approved or rejected, reimbursed.

One salesperson keeps their own claims; approval is a recorded step (who approved is outside
crmtui), not a workflow. Every change is refused on a claim that is no longer a draft, and the
refusal says why (submitted and waiting, or decided: approved, reimbursed, rejected with reason).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlmodel import Session, select

from crmtui.db.tables.events import Event
from crmtui.db.tables.expenses import ExpenseClaim, ExpenseLine
from crmtui.db.tables.sales import Opportunity
from crmtui.errors import InvalidInput, NotFound
from crmtui.services.common import checks
from crmtui.services.customers.write import get_customer
from crmtui.services.expenses import rules
from crmtui.services.expenses.types import LineInput


def get_claim(session: Session, claim_id: int) -> ExpenseClaim:
    claim = session.get(ExpenseClaim, claim_id)
    if claim is None:
        raise NotFound("no-claim-id", id=claim_id)
    return claim


def add_lines(
    session: Session,
    *,
    now: datetime,
    lines: Sequence[LineInput],
    claim_id: int | None = None,
    title: str | None = None,
    new_claim: bool = False,
) -> ExpenseClaim:
    """Add ``lines`` to the claim named, else to the latest draft, else to a new draft."""
    if not lines:
        raise InvalidInput("expense-no-lines")
    checked = [_checked(session, line) for line in lines]
    if claim_id is not None:
        claim = get_claim(session, claim_id)
    else:
        latest = None
        if not new_claim:
            latest = session.exec(
                select(ExpenseClaim)
                .where(ExpenseClaim.status == "draft")
                .order_by(ExpenseClaim.id.desc())  # type: ignore[union-attr]
            ).first()
        claim = latest or ExpenseClaim(status="draft", created_at=now, updated_at=now)
    assert claim.status is not None
    rules.check_editable(claim.id or 0, claim.status, claim.reject_reason)
    if title is not None:
        claim.title = checks.text(title, "title", limit=200)
    claim.updated_at = now
    session.add(claim)
    session.flush()
    assert claim.id is not None
    for line in checked:
        session.add(
            ExpenseLine(
                claim_id=claim.id,
                spent_on=line.spent_on,
                category=line.category,
                amount=line.amount,
                currency=line.currency,
                note=line.note,
                receipt=line.receipt,
                customer_id=line.customer_id,
                opportunity_id=line.opportunity_id,
                event_id=line.event_id,
                created_at=now,
                updated_at=now,
            )
        )
    session.flush()
    return claim


def _checked(session: Session, line: LineInput) -> LineInput:
    if line.amount <= 0:
        raise InvalidInput("expense-amount-not-positive", field="amount")
    customer_id = line.customer_id
    if customer_id is not None:
        get_customer(session, customer_id)
    if line.opportunity_id is not None:
        opp = session.get(Opportunity, line.opportunity_id)
        if opp is None:
            raise NotFound("no-opportunity-id", id=line.opportunity_id)
        if customer_id is not None and opp.customer_id != customer_id:
            raise InvalidInput("expense-opportunity-not-of-customer", id=line.opportunity_id)
        customer_id = opp.customer_id  # the opportunity says whose it is
    if line.event_id is not None and session.get(Event, line.event_id) is None:
        raise NotFound("no-event-id", id=line.event_id)
    return LineInput(
        spent_on=line.spent_on,
        category=rules.category(line.category),
        amount=line.amount,
        currency=checks.currency(line.currency),
        note=checks.text(line.note, "note"),
        receipt=checks.text(line.receipt, "receipt", limit=1000),
        customer_id=customer_id,
        opportunity_id=line.opportunity_id,
        event_id=line.event_id,
    )


def remove_line(session: Session, *, now: datetime, line_id: int) -> ExpenseClaim:
    line = session.get(ExpenseLine, line_id)
    if line is None:
        raise NotFound("no-expense-line-id", id=line_id)
    claim = get_claim(session, line.claim_id)
    rules.check_editable(line.claim_id, claim.status, claim.reject_reason)
    session.delete(line)
    claim.updated_at = now
    session.add(claim)
    session.flush()
    return claim


def _move(session: Session, now: datetime, claim_id: int, new: str) -> ExpenseClaim:
    claim = get_claim(session, claim_id)
    rules.check_move(claim_id, claim.status, new)
    claim.status = new
    claim.updated_at = now
    session.add(claim)
    return claim


def submit_claim(session: Session, *, now: datetime, claim_id: int) -> ExpenseClaim:
    """Hand a draft in; an empty claim is refused."""
    claim = _move(session, now, claim_id, "submitted")
    has_lines = session.exec(select(ExpenseLine.id).where(ExpenseLine.claim_id == claim_id)).first()
    if has_lines is None:
        raise InvalidInput("claim-empty", id=claim_id)
    claim.submitted_at = now
    session.flush()
    return claim


def approve_claim(session: Session, *, now: datetime, claim_id: int) -> ExpenseClaim:
    claim = _move(session, now, claim_id, "approved")
    claim.decided_at = now
    session.flush()
    return claim


def reject_claim(session: Session, *, now: datetime, claim_id: int, reason: str) -> ExpenseClaim:
    """Reject a submitted claim; the reason is required and stays with the frozen claim."""
    cleaned = checks.text(reason, "reason")
    if not cleaned:
        raise InvalidInput("claim-reject-needs-reason", field="reason")
    claim = _move(session, now, claim_id, "rejected")
    claim.reject_reason = cleaned
    claim.decided_at = now
    session.flush()
    return claim


def reimburse_claim(session: Session, *, now: datetime, claim_id: int) -> ExpenseClaim:
    claim = _move(session, now, claim_id, "reimbursed")
    claim.reimbursed_at = now
    session.flush()
    return claim
