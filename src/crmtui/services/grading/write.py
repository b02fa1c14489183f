"""Applying the 80/20 suggestion: one transaction, locked grades kept, each change recorded."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from crmtui.db.tables.customers import Customer
from crmtui.db.tables.summaries import Change
from crmtui.services.grading.read import GradeReport


def apply_grades(session: Session, *, report: GradeReport, now: datetime) -> int:
    """Writes every suggested grade that differs, except locked ones; returns how many.

    The lock is read again here, inside the write transaction: a grade locked since the
    suggestion was computed is kept too.
    """
    wanted = {s.customer_id: s for s in report.changes}
    if not wanted:
        return 0
    reason = (
        f"80/20 over {report.start.isoformat()}..{report.end.isoformat()} "
        f"({report.cut_a}/{report.cut_b}, {report.source})"
    )
    changed = 0
    ids = list(wanted)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = session.exec(
            select(Customer).where(
                col(Customer.id).in_(chunk),
                col(Customer.deleted_at).is_(None),
                col(Customer.grade_locked).is_(False),
            )
        ).all()
        for customer in rows:
            suggestion = wanted[customer.id or 0]
            new = None if suggestion.suggested == "N" else suggestion.suggested
            if customer.grade == new:
                continue
            session.add(
                Change(
                    entity="customer",
                    entity_id=customer.id or 0,
                    field="grade",
                    old=customer.grade,
                    new=new,
                    at=now,
                    reason=f"{reason}: {int(suggestion.sales) / 100:.2f} {report.currency}",
                )
            )
            customer.grade = new
            customer.updated_at = now
            session.add(customer)
            changed += 1
    return changed
