"""Reading products, orders and payments.

The queries run on the lean reader (``crm orders``, the TUI) and, through :class:`SessionRows`,
inside a write transaction (credit control reads what it checks in the same transaction).
What a customer owes is always computed from the allocations, never stored.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, Protocol

from crmtui.db.reader import Row
from crmtui.errors import Ambiguous, InvalidInput, NotFound
from crmtui.money import Money
from crmtui.services.money.rules import BOOKED_SQL, OpenOrder, payment_state
from crmtui.services.money.types import (
    AllocationRow,
    OrderDetail,
    OrderLineRow,
    OrderRow,
    PaymentRow,
    ProductRow,
)

# What is paid on an order: the allocations' sum, kept on the order by every write that
# allocates (write.record_payment, write.cancel_order), so reads need no aggregate.
PAID_SQL = "o.paid"
OPEN_SQL = "o.status IN ('confirmed', 'shipped', 'delivered') AND o.total > o.paid"
ORDER_COLUMNS = (
    "o.id, o.number, o.customer_id, c.name AS customer, o.status, o.ordered_on, o.ship_planned, "
    "o.shipped_on, o.delivered_on, o.due_on, o.currency, o.total, o.opportunity_id, o.forced, "
    f"{PAID_SQL} AS paid"
)


class Rows(Protocol):
    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[Row]: ...


class SessionRows:
    """The same queries inside a write session (SQLAlchemy's ``text`` with ``:name`` params)."""

    def __init__(self, session: Any) -> None:
        self._session = session

    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        from sqlalchemy import text

        return [r._mapping for r in self._session.execute(text(sql), dict(params or {}))]


def day_of(value: Any) -> date | None:
    """A stored date (text on SQLite's plain reader, a date elsewhere) as a date."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _day(value: Any) -> date:
    found = day_of(value)
    assert found is not None
    return found


def product_row(r: Row) -> ProductRow:
    return ProductRow(
        id=r["id"],
        code=r["code"],
        name=r["name"],
        model=r["model"],
        spec=r["spec"],
        unit=r["unit"],
        price=Money(r["price"], r["currency"]),
        currency=r["currency"],
        active=bool(r["active"]),
    )


def list_products(
    db: Rows, *, include_inactive: bool = False, search: str | None = None
) -> list[ProductRow]:
    where = ["1 = 1"] if include_inactive else ["active"]
    params: dict[str, Any] = {}
    if search:
        where.append(
            "(instr(lower(name), :s) > 0 OR instr(lower(coalesce(code, '')), :s) > 0 "
            "OR instr(lower(coalesce(model, '')), :s) > 0)"
        )
        params["s"] = search.strip().lower()
    rows = db.rows(
        f"SELECT * FROM product WHERE {' AND '.join(where)} ORDER BY name, model, id", params
    )
    return [product_row(r) for r in rows]


def find_product(db: Rows, name: str, model: str | None = None) -> ProductRow | None:
    """The product a line names, by code or by name (and model); ``None`` when none does.

    A name matching several products (different models) without a model is ambiguous."""
    key = name.strip().lower()
    rows = db.rows(
        "SELECT * FROM product WHERE active "
        "AND (lower(coalesce(code, '')) = :k OR lower(name) = :k)"
        " ORDER BY id",
        {"k": key},
    )
    if model:
        rows = [r for r in rows if (r["model"] or "").lower() == model.strip().lower()]
    by_code = [r for r in rows if (r["code"] or "").lower() == key]
    rows = by_code or rows
    if not rows:
        return None
    if len(rows) > 1:
        candidates = [(r["id"], f"{r['name']} {r['model'] or ''}".strip()) for r in rows]
        raise Ambiguous("product-ambiguous", candidates, field="lines", name=name)
    return product_row(rows[0])


def get_product(db: Rows, product_id: int) -> ProductRow:
    rows = db.rows("SELECT * FROM product WHERE id = :id", {"id": product_id})
    if not rows:
        raise NotFound("no-product-id", id=product_id)
    return product_row(rows[0])


def order_row(r: Row, today: date) -> OrderRow:
    total, paid = int(r["total"]), int(r["paid"])
    due = day_of(r["due_on"])
    cur = r["currency"]
    booked = r["status"] in ("confirmed", "shipped", "delivered")
    return OrderRow(
        id=r["id"],
        number=r["number"],
        customer_id=r["customer_id"],
        customer=r["customer"],
        status=r["status"],
        payment=payment_state(r["status"], total, paid, due, today),
        ordered_on=_day(r["ordered_on"]),
        ship_planned=day_of(r["ship_planned"]),
        shipped_on=day_of(r["shipped_on"]),
        delivered_on=day_of(r["delivered_on"]),
        due_on=due,
        currency=cur,
        total=Money(total, cur),
        paid=Money(paid, cur),
        outstanding=Money(max(total - paid, 0) if booked else 0, cur),
        opportunity_id=r["opportunity_id"],
        forced=r["forced"],
    )


def list_orders(
    db: Rows,
    *,
    today: date,
    customer_id: int | None = None,
    status: str | None = None,
    open_only: bool = False,
    limit: int | None = 200,
) -> list[OrderRow]:
    """Orders, newest first; ``open_only``: booked and not fully paid, or not yet delivered."""
    where = ["c.deleted_at IS NULL"]
    params: dict[str, Any] = {}
    if customer_id is not None:
        where.append("o.customer_id = :cid")
        params["cid"] = customer_id
    if status is not None:
        where.append("o.status = :status")
        params["status"] = status
    if open_only:
        where.append(
            f"(o.status IN ('draft', 'confirmed', 'shipped') OR (o.status IN {BOOKED_SQL} "
            f"AND o.total > {PAID_SQL}))"
        )
    tail = ""
    if limit is not None:
        tail = " LIMIT :limit"
        params["limit"] = limit
    rows = db.rows(
        f"SELECT {ORDER_COLUMNS} FROM sales_order o JOIN customer c ON c.id = o.customer_id "
        f"WHERE {' AND '.join(where)} ORDER BY o.ordered_on DESC, o.id DESC{tail}",
        params,
    )
    return [order_row(r, today) for r in rows]


def resolve_order(db: Rows, ref: str) -> int:
    """An order named by id (``42``) or number (``SO-2026-0042``, any case)."""
    text = (ref or "").strip().lstrip("#")
    if text.isdigit():
        rows = db.rows("SELECT id FROM sales_order WHERE id = :id", {"id": int(text)})
    else:
        rows = db.rows("SELECT id FROM sales_order WHERE upper(number) = :n", {"n": text.upper()})
    if not rows:
        raise NotFound("no-order", ref=ref)
    return int(rows[0]["id"])


def order_detail(db: Rows, order_id: int, *, today: date) -> OrderDetail:
    rows = db.rows(
        f"SELECT {ORDER_COLUMNS}, o.contact_id, p.name AS contact, o.confirmed_on, "
        "o.cancelled_on, o.credit_days, o.note FROM sales_order o "
        "JOIN customer c ON c.id = o.customer_id LEFT JOIN contact p ON p.id = o.contact_id "
        "WHERE o.id = :id",
        {"id": order_id},
    )
    if not rows:
        raise NotFound("no-order", ref=order_id)
    r = rows[0]
    base = order_row(r, today)
    cur = base.currency
    lines = [
        OrderLineRow(
            id=x["id"],
            product_id=x["product_id"],
            name=x["name"],
            model=x["model"],
            unit=x["unit"],
            unit_price=Money(x["unit_price"], cur),
            quantity=x["quantity"],
            discount=Money(x["discount"], cur),
            line_total=Money(x["line_total"], cur),
        )
        for x in db.rows(
            "SELECT * FROM order_line WHERE order_id = :id ORDER BY position, id", {"id": order_id}
        )
    ]
    allocations = [
        AllocationRow(
            payment_id=a["payment_id"],
            order_id=order_id,
            number=base.number,
            paid_on=_day(a["paid_on"]),
            amount=Money(a["amount"], cur),
            method=a["method"],
            reference=a["reference"],
        )
        for a in db.rows(
            "SELECT a.payment_id, a.amount, p.paid_on, p.method, p.reference "
            "FROM payment_allocation a JOIN payment p ON p.id = a.payment_id "
            "WHERE a.order_id = :id ORDER BY p.paid_on, p.id",
            {"id": order_id},
        )
    ]
    return OrderDetail(
        **{f: getattr(base, f) for f in OrderRow.__dataclass_fields__},
        contact_id=r["contact_id"],
        contact=r["contact"],
        confirmed_on=day_of(r["confirmed_on"]),
        cancelled_on=day_of(r["cancelled_on"]),
        credit_days=r["credit_days"],
        note=r["note"],
        lines=lines,
        allocations=allocations,
    )


def open_orders(db: Rows, customer_id: int, currency: str) -> list[OpenOrder]:
    """The customer's booked orders in ``currency`` that are not fully paid."""
    rows = db.rows(
        "SELECT o.id, o.due_on, o.ordered_on, o.total - o.paid AS owed FROM sales_order o "
        f"WHERE o.customer_id = :cid AND o.currency = :cur AND {OPEN_SQL}",
        {"cid": customer_id, "cur": currency},
    )
    return [OpenOrder(r["id"], day_of(r["due_on"]), _day(r["ordered_on"]), r["owed"]) for r in rows]


def owed_by_currency(db: Rows, customer_id: int) -> dict[str, int]:
    """What the customer owes in each currency (booked totals − allocated payments)."""
    rows = db.rows(
        "SELECT o.currency, sum(o.total - o.paid) AS owed FROM sales_order o "
        f"WHERE o.customer_id = :cid AND {OPEN_SQL} GROUP BY o.currency",
        {"cid": customer_id},
    )
    return {str(r["currency"]): int(r["owed"] or 0) for r in rows}


def owed_by(db: Rows, customer_id: int, currency: str) -> int:
    """What the customer owes in ``currency``: booked order totals − allocated payments."""
    return sum(o.outstanding for o in open_orders(db, customer_id, currency))


def on_account(db: Rows, customer_id: int, currency: str) -> int:
    """Money paid and not allocated to any order: a credit on the customer."""
    rows = db.rows(
        "SELECT coalesce(sum(p.amount), 0) - coalesce((SELECT sum(a.amount) FROM "
        "payment_allocation a JOIN payment q ON q.id = a.payment_id WHERE q.customer_id = :cid "
        "AND q.currency = :cur), 0) AS free FROM payment p "
        "WHERE p.customer_id = :cid AND p.currency = :cur",
        {"cid": customer_id, "cur": currency},
    )
    return int(rows[0]["free"] or 0)


def list_payments(
    db: Rows, *, customer_id: int | None = None, limit: int | None = 200
) -> list[PaymentRow]:
    where = ["c.deleted_at IS NULL"]
    params: dict[str, Any] = {}
    if customer_id is not None:
        where.append("p.customer_id = :cid")
        params["cid"] = customer_id
    tail = ""
    if limit is not None:
        tail = " LIMIT :limit"
        params["limit"] = limit
    rows = db.rows(
        "SELECT p.*, c.name AS customer, coalesce((SELECT sum(a.amount) FROM payment_allocation a "
        "WHERE a.payment_id = p.id), 0) AS allocated FROM payment p "
        f"JOIN customer c ON c.id = p.customer_id WHERE {' AND '.join(where)} "
        f"ORDER BY p.paid_on DESC, p.id DESC{tail}",
        params,
    )
    out = []
    for r in rows:
        cur = r["currency"]
        out.append(
            PaymentRow(
                id=r["id"],
                customer_id=r["customer_id"],
                customer=r["customer"],
                paid_on=_day(r["paid_on"]),
                amount=Money(r["amount"], cur),
                currency=cur,
                method=r["method"],
                reference=r["reference"],
                note=r["note"],
                allocated=Money(r["allocated"], cur),
                on_account=Money(r["amount"] - r["allocated"], cur),
            )
        )
    return out


def check_orders_of(db: Rows, customer_id: int, order_ids: Sequence[int]) -> None:
    """Every named order exists and belongs to the customer."""
    for oid in order_ids:
        rows = db.rows("SELECT customer_id FROM sales_order WHERE id = :id", {"id": oid})
        if not rows:
            raise NotFound("no-order", ref=oid)
        if rows[0]["customer_id"] != customer_id:
            raise InvalidInput("order-not-of-customer", field="order", id=oid)
