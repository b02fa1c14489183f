"""Reading expense claims and the expense reports through the lean reader.

Reports count the lines of every claim that was not rejected (drafts included: money spent is
spent, whether or not it has been claimed yet), grouped by month, category, customer or event,
one row per group and currency. Cost of sale: for each won opportunity, the lines linked to it,
plus the lines linked to its customer (and to no other opportunity) spent while it was open.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from crmtui.clock import from_db
from crmtui.db.reader import Reader, Row
from crmtui.errors import InvalidInput, NotFound
from crmtui.money import Money, total
from crmtui.services.common.paging import TOTAL_SQL, Page, limit_sql, page
from crmtui.services.expenses.rules import STATUSES
from crmtui.services.expenses.types import (
    ClaimCard,
    ClaimRow,
    CostOfSaleRow,
    LineRow,
    ReportRow,
)

REPORTS = ("month", "category", "customer", "event")
COUNTED = "x.status != 'rejected'"


def _day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _claim(r: Row, amounts: list[tuple[int, str]]) -> ClaimRow:
    return {
        "id": r["id"],
        "title": r["title"],
        "status": r["status"],
        "reject_reason": r["reject_reason"],
        "lines": len(amounts),
        "total": total(amounts),
        "first_day": _day(r["first_day"]),
        "submitted_at": from_db(r["submitted_at"]),
        "decided_at": from_db(r["decided_at"]),
        "reimbursed_at": from_db(r["reimbursed_at"]),
        "updated_at": from_db(r["updated_at"]),
    }


CLAIM_SQL = (
    "SELECT x.id, x.title, x.status, x.reject_reason, x.submitted_at, x.decided_at, "
    "x.reimbursed_at, x.updated_at, "
    "(SELECT min(l.spent_on) FROM expense_line l WHERE l.claim_id = x.id) AS first_day"
)


def _amounts(reader: Reader, ids: list[int]) -> dict[int, list[tuple[int, str]]]:
    out: dict[int, list[tuple[int, str]]] = {i: [] for i in ids}
    if not ids:
        return out
    from crmtui.db.reader import in_list

    sql, params = in_list("c", ids)
    for r in reader.rows(
        f"SELECT claim_id, amount, currency FROM expense_line WHERE claim_id IN ({sql})", params
    ):
        out[r["claim_id"]].append((int(r["amount"]), r["currency"]))
    return out


def list_claims(
    reader: Reader, *, status: str | None = None, limit: int | None = 200
) -> Page[ClaimRow]:
    """Claims, the latest changed first; ``status`` one of rules.STATUSES."""
    if status is not None and status not in STATUSES:
        raise InvalidInput(
            "unknown-choice", field="status", label="status", value=status, choices=STATUSES
        )
    where = "WHERE x.status = :status" if status else ""
    rows = reader.rows(
        f"{CLAIM_SQL}, {TOTAL_SQL} FROM expense_claim x {where} "
        f"ORDER BY x.updated_at DESC, x.id DESC{limit_sql(limit)}",
        {"status": status, "limit": limit},
    )
    found = total_of(rows)
    amounts = _amounts(reader, [r["id"] for r in rows])
    out: Page[ClaimRow] = page([_claim(r, amounts[r["id"]]) for r in rows])
    out.total = found
    return out


def total_of(rows: list[Row]) -> int:
    return int(rows[0]["matched_total"]) if rows else 0


def claim_card(reader: Reader, claim_id: int) -> ClaimCard:
    row = reader.one(f"{CLAIM_SQL} FROM expense_claim x WHERE x.id = :id", {"id": claim_id})
    if row is None:
        raise NotFound("no-claim-id", id=claim_id)
    items = claim_lines(reader, claim_id)
    claim = _claim(row, [(int(i["amount"]), i["currency"]) for i in items])
    return {"claim": claim, "items": items}


def claim_lines(reader: Reader, claim_id: int) -> list[LineRow]:
    rows = reader.rows(
        "SELECT l.id, l.spent_on, l.category, l.amount, l.currency, l.note, l.receipt, "
        "l.customer_id, c.name AS customer, l.opportunity_id, o.title AS opportunity, "
        "l.event_id, e.name AS event FROM expense_line l "
        "LEFT JOIN customer c ON c.id = l.customer_id "
        "LEFT JOIN opportunity o ON o.id = l.opportunity_id "
        "LEFT JOIN event e ON e.id = l.event_id WHERE l.claim_id = :id "
        "ORDER BY l.spent_on, l.id",
        {"id": claim_id},
    )
    out: list[LineRow] = []
    for r in rows:
        spent = _day(r["spent_on"])
        assert spent is not None
        out.append(
            {
                "id": r["id"],
                "spent_on": spent,
                "category": r["category"],
                "amount": Money(int(r["amount"]), r["currency"]),
                "currency": r["currency"],
                "note": r["note"],
                "receipt": r["receipt"],
                "customer_id": r["customer_id"],
                "customer": r["customer"],
                "opportunity_id": r["opportunity_id"],
                "opportunity": r["opportunity"],
                "event_id": r["event_id"],
                "event": r["event"],
            }
        )
    return out


# "{month}" is the backend's month of l.spent_on; ids are text so that "no customer" is ''
_GROUPS = {
    "month": ("{month}", "{month}", ""),
    "category": ("l.category", "l.category", ""),
    "customer": (
        "coalesce(CAST(l.customer_id AS text), '')",
        "coalesce(c.name, '')",
        "LEFT JOIN customer c ON c.id = l.customer_id",
    ),
    "event": (
        "coalesce(CAST(l.event_id AS text), '')",
        "coalesce(e.name, '')",
        "LEFT JOIN event e ON e.id = l.event_id",
    ),
}


def expense_report(
    reader: Reader, *, by: str, start: date | None = None, end: date | None = None
) -> list[ReportRow]:
    """Spending grouped ``by`` month, category, customer or event, from ``start`` to before
    ``end``; lines with no customer (or event) form one group with an empty key."""
    if by not in REPORTS:
        raise InvalidInput("unknown-choice", field="by", label="report", value=by, choices=REPORTS)
    month = reader.dialect.aggregate.month_of_date("l.spent_on")
    key, label, join = (part.format(month=month) for part in _GROUPS[by])
    where = [COUNTED]
    if start is not None:
        where.append("l.spent_on >= :start")
    if end is not None:
        where.append("l.spent_on < :end")
    rows = reader.rows(
        f"SELECT {key} AS key, {label} AS label, l.currency, count(*) AS n, "
        "sum(l.amount) AS amount FROM expense_line l "
        f"JOIN expense_claim x ON x.id = l.claim_id {join} WHERE {' AND '.join(where)} "
        f"GROUP BY {key}, {label}, l.currency ORDER BY sum(l.amount) DESC, {key}",
        {"start": start, "end": end},
    )
    if by == "month":
        rows = sorted(rows, key=lambda r: str(r["key"]))
    return [
        {
            "key": str(r["key"]),
            "label": str(r["label"]),
            "lines": int(r["n"]),
            "amount": Money(int(r["amount"]), r["currency"]),
            "currency": r["currency"],
        }
        for r in rows
    ]


def cost_of_sale(reader: Reader, *, limit: int | None = 200) -> list[CostOfSaleRow]:
    """What each won opportunity cost, in its own currency (see the module docstring)."""
    day = reader.dialect.aggregate.utc_day
    rows = reader.rows(
        "SELECT o.id, o.title, c.name AS customer, o.amount, o.currency, "
        "(SELECT coalesce(sum(l.amount), 0) FROM expense_line l "
        "JOIN expense_claim x ON x.id = l.claim_id WHERE x.status != 'rejected' "
        "AND l.currency = o.currency AND (l.opportunity_id = o.id OR (l.opportunity_id IS NULL "
        f"AND l.customer_id = o.customer_id AND l.spent_on >= {day('o.created_at')} "
        f"AND l.spent_on <= {day('o.closed_at')}))) AS cost "
        "FROM opportunity o JOIN customer c ON c.id = o.customer_id "
        "WHERE o.stage = 'won' AND c.deleted_at IS NULL "
        f"ORDER BY o.closed_at DESC, o.id DESC{limit_sql(limit)}",
        {"limit": limit},
    )
    out: list[CostOfSaleRow] = []
    for r in rows:
        won, cost = int(r["amount"]), int(r["cost"])
        share = ""
        if won:
            ratio = Decimal(cost) * 100 / Decimal(won)
            share = f"{ratio.quantize(Decimal('0.1'), ROUND_HALF_UP)}%"
        out.append(
            {
                "opportunity_id": r["id"],
                "title": r["title"],
                "customer": r["customer"],
                "won_amount": Money(won, r["currency"]),
                "cost": Money(cost, r["currency"]),
                "currency": r["currency"],
                "share": share,
            }
        )
    return out
