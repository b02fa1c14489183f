"""Product news (the practice: keep a list of customers and their products; when the use or the
price of a product changes, tell them): who bought a product or model, and a planned call or
letter to each of them in one transaction."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, TypedDict

from crmtui.db.reader import Reader
from crmtui.errors import InvalidInput, NotFound

if TYPE_CHECKING:
    from sqlmodel import Session

# Orders that were sold: not drafts, not cancelled.
SOLD = "o.status IN ('confirmed', 'shipped', 'delivered')"


class Buyer(TypedDict):
    """A customer who bought the product: how often, how many, what, and when last."""

    customer_id: int
    customer: str
    orders: int
    quantity: int
    models: list[str]
    last_ordered: date


class NewsPlanned(TypedDict):
    """What ``crm product buyers --plan`` did: the actions planned and who already had one."""

    planned: list[int]
    already: list[int]


def product_buyers(reader: Reader, ref: str) -> list[Buyer]:
    """The customers who bought ``ref``: a product id, or a product's code, name or model as
    the order lines recorded it (any case). The latest buyer first."""
    text = ref.strip()
    if text.isdigit():
        if reader.one("SELECT 1 FROM product WHERE id = :id", {"id": int(text)}) is None:
            raise NotFound("no-product-id", id=int(text))
        match = "l.product_id = :id"
        params: dict[str, int | str] = {"id": int(text)}
    else:
        match = (
            "(lower(l.name) = :k OR lower(coalesce(l.model, '')) = :k OR l.product_id IN "
            "(SELECT id FROM product WHERE lower(coalesce(code, '')) = :k))"
        )
        params = {"k": text.lower()}
    rows = reader.rows(
        "SELECT c.id AS customer_id, c.name AS customer, count(DISTINCT o.id) AS orders, "
        "sum(l.quantity) AS quantity, max(o.ordered_on) AS last_ordered, "
        f"{reader.dialect.aggregate.joined('coalesce(l.model, l.name)')} AS models "
        "FROM order_line l "
        "JOIN sales_order o ON o.id = l.order_id JOIN customer c ON c.id = o.customer_id "
        f"WHERE {match} AND {SOLD} AND c.deleted_at IS NULL "
        "GROUP BY c.id, c.name ORDER BY max(o.ordered_on) DESC, c.id",
        params,
    )
    return [
        Buyer(
            customer_id=r["customer_id"],
            customer=r["customer"],
            orders=int(r["orders"]),
            quantity=int(r["quantity"] or 0),
            models=sorted(set((r["models"] or "").split(","))),
            last_ordered=date.fromisoformat(str(r["last_ordered"])),
        )
        for r in rows
    ]


def plan_news(
    session: Session,
    *,
    now: datetime,
    customer_ids: list[int],
    kind: str,
    note: str | None,
    due_at: datetime,
) -> NewsPlanned:
    """A planned call or letter with ``note`` to each customer, in one transaction; a customer
    who already has the same open action is left alone (running it twice plans nothing new)."""
    from sqlmodel import col, select

    from crmtui.db.tables.activities import Activity
    from crmtui.services.activities.write import plan_activity

    if kind not in ("call", "letter"):
        raise InvalidInput(
            "unknown-choice", field="plan", label="--plan", value=kind, choices=("call", "letter")
        )
    text = (note or "").strip()
    if not text:
        raise InvalidInput("buyers-plan-needs-note", field="note")
    planned, already = [], []
    for cid in customer_ids:
        existing = session.exec(
            select(Activity.id).where(
                Activity.customer_id == cid,
                Activity.kind == kind,
                Activity.note == text,
                col(Activity.done_at).is_(None),
            )
        ).first()
        if existing is not None:
            already.append(cid)
            continue
        made = plan_activity(session, now=now, customer_id=cid, due_at=due_at, kind=kind, note=text)
        assert made.id is not None
        planned.append(made.id)
    return NewsPlanned(planned=planned, already=already)
