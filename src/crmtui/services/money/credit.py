"""Credit control: the limit and term on the customer, what is used of it, the overdue block,
the rating and its six-monthly review.

Outstanding = confirmed-or-later order totals − allocated payments. Confirming an order that
would take it past the limit, or for a customer with money overdue more than the block days,
is refused with the amount and what to do, unless forced; the override is kept on the order.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from crmtui.errors import InvalidInput, NotFound
from crmtui.money import Money, format_money
from crmtui.services.money.read import Rows, day_of, on_account, open_orders, owed_by_currency
from crmtui.services.money.rules import RATINGS, credit_review_due_on, exposure
from crmtui.services.money.types import CreditReviewRow, CreditStatus

DEFAULT_BLOCK_DAYS = 30


def overdue_amount(
    db: Rows, customer_id: int, currency: str, before: date
) -> tuple[int, date | None]:
    """What is owed on orders due before ``before``, and the earliest such due date."""
    late = [o for o in open_orders(db, customer_id, currency) if o.due_on and o.due_on < before]
    days = [o.due_on for o in late if o.due_on is not None]
    return sum(o.outstanding for o in late), min(days, default=None)


def credit_status(
    db: Rows,
    customer_id: int,
    *,
    today: date,
    currency: str = "CNY",
    rates: Mapping[str, Decimal] | None = None,
) -> CreditStatus:
    """The customer's credit in ``currency`` (the limit's); ``used`` also counts what is owed in
    other currencies at ``rates`` (``None`` when one of them has no rate)."""
    rows = db.rows(
        "SELECT id, name, credit_limit, credit_days, credit_rating, credit_rated_on "
        "FROM customer WHERE id = :id",
        {"id": customer_id},
    )
    if not rows:
        raise NotFound("no-customer-id", id=customer_id)
    c = rows[0]
    owed = sum(o.outstanding for o in open_orders(db, customer_id, currency))
    by_currency = owed_by_currency(db, customer_id)
    used, missing = exposure(by_currency, currency, rates or {})
    others = {c: Money(v, c) for c, v in sorted(by_currency.items()) if c != currency and v}
    overdue, _ = overdue_amount(db, customer_id, currency, today)
    limit = c["credit_limit"]
    rated_on = day_of(c["credit_rated_on"])
    review_on = credit_review_due_on(rated_on)
    reviews = [
        CreditReviewRow(
            id=r["id"],
            reviewed_on=day_of(r["reviewed_on"]) or today,
            rating=r["rating"],
            credit_limit=None if r["credit_limit"] is None else Money(r["credit_limit"], currency),
            credit_days=r["credit_days"],
            note=r["note"],
        )
        for r in db.rows(
            "SELECT * FROM credit_review WHERE customer_id = :id "
            "ORDER BY reviewed_on DESC, id DESC",
            {"id": customer_id},
        )
    ]
    return CreditStatus(
        customer_id=customer_id,
        customer=c["name"],
        currency=currency,
        credit_limit=None if limit is None else Money(limit, currency),
        credit_days=c["credit_days"],
        rating=c["credit_rating"],
        rated_on=rated_on,
        review_due_on=review_on,
        review_due=review_on is not None and review_on <= today,
        outstanding=Money(owed, currency),
        available=None if limit is None or missing else Money(max(limit - used, 0), currency),
        overdue=Money(overdue, currency),
        on_account=Money(on_account(db, customer_id, currency), currency),
        reviews=reviews,
        used=None if missing else Money(used, currency),
        owed_in_other_currencies=others,
        missing_rates=list(missing),
    )


def refusals(
    db: Rows,
    *,
    customer_id: int,
    name: str,
    number: str,
    total: int,
    currency: str,
    limit: int | None,
    today: date,
    block_days: int = DEFAULT_BLOCK_DAYS,
    home: str | None = None,
    rates: Mapping[str, Decimal] | None = None,
) -> list[InvalidInput]:
    """Why confirming this order is refused (empty: it is not).

    The limit is in ``home`` (the default currency; the order's own when not given). What is
    owed in every currency counts against it, converted at ``rates``; a currency owed without
    a rate cannot be counted, so the order is refused with the rate to set."""
    from datetime import timedelta

    home = home or currency
    out: list[InvalidInput] = []
    owed = owed_by_currency(db, customer_id)
    if limit is not None:
        after = dict(owed)
        after[currency] = after.get(currency, 0) + total
        used, missing = exposure(after, home, rates or {})
        if missing:
            out.append(
                InvalidInput(
                    "order-credit-no-rate",
                    field="force",
                    number=number,
                    name=name,
                    currency=missing[0],
                    home=home,
                )
            )
        elif used > limit:
            out.append(
                InvalidInput(
                    "order-over-credit",
                    field="force",
                    number=number,
                    name=name,
                    over=format_money(used - limit, home),
                    after=format_money(used, home),
                    limit=format_money(limit, home),
                )
            )
    before = today - timedelta(days=block_days)
    # money overdue in any currency blocks: the order's own first, then the others by name
    for cur in sorted(owed, key=lambda c: (c != currency, c)):
        late, oldest = overdue_amount(db, customer_id, cur, before)
        if late:
            out.append(
                InvalidInput(
                    "order-overdue-block",
                    field="force",
                    name=name,
                    amount=format_money(late, cur),
                    days=block_days,
                    since=oldest,
                )
            )
            break
    return out


def set_credit(
    session: Any,
    *,
    customer_id: int,
    now: datetime,
    today: date,
    credit_limit: int | None = None,
    credit_days: int | None = None,
    rating: str | None = None,
    note: str | None = None,
) -> None:
    """Change the limit, term or rating; each change is kept in the credit review history, and a
    rating restarts the six-month review clock."""
    from crmtui.db.tables.customers import Customer
    from crmtui.db.tables.money import CreditReview
    from crmtui.services.common import checks

    customer = session.get(Customer, customer_id)
    if customer is None or customer.deleted_at is not None:
        raise NotFound("no-customer-id", id=customer_id)
    if rating is not None:
        rating = checks.choice(rating, RATINGS, "rating")
    if credit_limit is not None and credit_limit < 0:
        raise InvalidInput("amount-cannot-be-negative", field="limit")
    if credit_limit is None and credit_days is None and rating is None:
        return
    if credit_limit is not None:
        customer.credit_limit = credit_limit
    if credit_days is not None:
        customer.credit_days = credit_days
    if rating is not None:
        customer.credit_rating = rating
        customer.credit_rated_on = today
    customer.updated_at = now
    session.add(customer)
    session.add(
        CreditReview(
            customer_id=customer_id,
            reviewed_on=today,
            rating=customer.credit_rating,
            credit_limit=customer.credit_limit,
            credit_days=customer.credit_days,
            note=checks.text(note, "note"),
            created_at=now,
        )
    )
    session.flush()
