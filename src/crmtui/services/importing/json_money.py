"""The money tables in a JSON restore (issue 12): how their rows link, and which rows a second
import of the same file finds already there (a product by its code, an order by its number, a
payment by customer, day, amount and reference) instead of adding them twice."""

from __future__ import annotations

from datetime import date
from typing import Any

# Tables whose rows mean the database is not empty (a restore then merges).
MONEY_COUNTED = ("product", "sales_order", "payment")
# A row without its parent in these columns is left out (its customer was skipped).
REQUIRED_LINKS = ("customer_id", "tag_id", "order_id", "payment_id")
MONEY_LINKS = {
    "sales_order": {
        "customer_id": "customer",
        "contact_id": "contact",
        "opportunity_id": "opportunity",
    },
    "order_line": {"order_id": "sales_order", "product_id": "product"},
    "payment": {"customer_id": "customer"},
    "payment_allocation": {"payment_id": "payment", "order_id": "sales_order"},
    "credit_review": {"customer_id": "customer"},
}


def _same_product() -> Any:
    from sqlalchemy import text

    return text(
        "SELECT id FROM product WHERE (code IS NOT NULL AND code = :code) OR (code IS NULL "
        "AND :code IS NULL AND name = :name AND coalesce(model, '') = coalesce(:model, ''))"
    )


def _same_order() -> Any:
    from sqlalchemy import text

    return text("SELECT id FROM sales_order WHERE number = :number")


def _same_payment() -> Any:
    from sqlalchemy import text

    return text(
        "SELECT id FROM payment WHERE customer_id = :customer_id AND paid_on = :paid_on "
        "AND amount = :amount AND coalesce(reference, '') = coalesce(:reference, '')"
    )


def _same_review() -> Any:
    from sqlalchemy import text

    return text(
        "SELECT id FROM credit_review WHERE customer_id = :customer_id "
        "AND reviewed_on = :reviewed_on AND coalesce(rating, '') = coalesce(:rating, '')"
    )


# Money rows that a second import of the same file must not add again, and how to find them.
SAME = {
    "product": _same_product,
    "sales_order": _same_order,
    "payment": _same_payment,
    "credit_review": _same_review,
}
SAME_KEYS = {
    "product": ("code", "name", "model"),
    "sales_order": ("number",),
    "payment": ("customer_id", "paid_on", "amount", "reference"),
    "credit_review": ("customer_id", "reviewed_on", "rating"),
}


SameKey = str | int | None  # a column value as the look-up binds it (dates as ISO text)


def same_values(name: str, row: dict[str, Any]) -> dict[str, SameKey]:
    """The query parameters that find ``row`` if it is already there (dates as stored)."""
    return {k: row[k].isoformat() if isinstance(row[k], date) else row[k] for k in SAME_KEYS[name]}
