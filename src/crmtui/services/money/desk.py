"""The desktop's money panel: overdue receivables (the count and total, and the orders most
overdue) and the confirmed orders planned to ship this week. Both read partial indexes only
(``ix_sales_order_open`` covers the totals), so ``crm today`` stays as fast as before."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TypedDict

from crmtui.db.reader import Reader
from crmtui.money import Money
from crmtui.services.money.read import OPEN_SQL, day_of

DESK_ROWS = 20


class DeskOrder(TypedDict):
    """An order on the desktop: overdue (``days`` past due) or to ship (``days`` until then)."""

    order_id: int
    number: str
    customer_id: int
    customer: str
    day: date | None
    days: int
    amount: Money
    currency: str


class MoneyDesk(TypedDict):
    overdue_count: int
    overdue_total: Money
    overdue: list[DeskOrder]
    shipping: list[DeskOrder]


def money_desk(reader: Reader, *, today: date, limit: int = DESK_ROWS) -> MoneyDesk:
    day = today.isoformat()
    totals = reader.one(
        "SELECT count(*) AS n, coalesce(sum(o.total - o.paid), 0) AS owed FROM sales_order o "
        f"WHERE {OPEN_SQL} AND o.due_on < :today",
        {"today": day},
    )
    overdue = [
        DeskOrder(
            order_id=r["id"],
            number=r["number"],
            customer_id=r["customer_id"],
            customer=r["customer"],
            day=day_of(r["due_on"]),
            days=(today - (day_of(r["due_on"]) or today)).days,
            amount=Money(r["owed"], r["currency"]),
            currency=r["currency"],
        )
        for r in reader.rows(
            "SELECT o.id, o.number, o.customer_id, c.name AS customer, o.due_on, o.currency, "
            "o.total - o.paid AS owed FROM sales_order o JOIN customer c ON c.id = o.customer_id "
            f"WHERE {OPEN_SQL} AND o.due_on < :today AND c.deleted_at IS NULL "
            "ORDER BY o.due_on, o.id LIMIT :limit",
            {"today": day, "limit": limit},
        )
    ]
    end = today + timedelta(days=6 - today.weekday())  # to Sunday
    shipping = [
        DeskOrder(
            order_id=r["id"],
            number=r["number"],
            customer_id=r["customer_id"],
            customer=r["customer"],
            day=day_of(r["ship_planned"]),
            days=((day_of(r["ship_planned"]) or today) - today).days,
            amount=Money(r["total"], r["currency"]),
            currency=r["currency"],
        )
        for r in reader.rows(
            "SELECT o.id, o.number, o.customer_id, c.name AS customer, o.ship_planned, "
            "o.currency, o.total FROM sales_order o JOIN customer c ON c.id = o.customer_id "
            "WHERE o.status = 'confirmed' AND o.ship_planned <= :end "
            "AND c.deleted_at IS NULL ORDER BY o.ship_planned, o.id LIMIT :limit",
            {"end": end.isoformat(), "limit": limit},
        )
    ]
    return {
        "overdue_count": int(totals["n"]) if totals else 0,
        "overdue_total": Money(int(totals["owed"]) if totals else 0, None),
        "overdue": overdue,
        "shipping": shipping,
    }
