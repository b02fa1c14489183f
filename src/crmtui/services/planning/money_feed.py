"""The care touches that come from orders and money, as reasons on the day's call plan.

- a satisfaction call 7 days after delivery;
- a payment reminder call 3 days before a due date, and a call on the first working day it is
  overdue;
- a credit review task when the rating is 6 months old;
- a thank-you letter the day after a customer's first order.

Every query is bounded by a date window on an index (or a LIMIT), so the plan's cost does not
grow with the number of orders. A touch stays on the plan for a while after its day (shown as
overdue) until a call, or a letter for the letter, is logged for that customer.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TypedDict, cast

from crmtui.clock import from_db
from crmtui.db.reader import Reader, Row, in_list
from crmtui.i18n import _
from crmtui.l10n import chinese, day_text
from crmtui.money import format_money
from crmtui.services.planning.feed import CUSTOMER_FIELDS
from crmtui.services.planning.planner import (
    PlannerSettings,
    add_months,
    credit_review_date,
    payment_overdue_date,
    payment_reminder_date,
    satisfaction_call_date,
    thank_you_date,
)
from crmtui.services.planning.types import FeedCustomer

LOOK_BACK_DAYS = 14  # how long an untouched care touch stays on the plan after its day
OVERDUE_CALL_DAYS = 7  # later than that, the order is in the receivables ageing, not the plan
CREDIT_REVIEW_LIMIT = 20
# booked and not fully paid: the rows of the partial index ix_sales_order_open
OPEN = "o.status IN ('confirmed', 'shipped', 'delivered') AND o.total > o.paid"


class MoneyTouch(TypedDict):
    """One care touch before the planner places it: its kind, customer, day and words."""

    kind: str
    customer: FeedCustomer
    when: date
    note: str
    ref: int | None


def _customer(r: Row) -> FeedCustomer:
    return cast(FeedCustomer, {k: r[k] for k in FeedCustomer.__annotations__})


def _latest_touch(reader: Reader, ids: set[int], kinds: tuple[str, ...]) -> dict[int, date]:
    """The day of each customer's latest logged touch of ``kinds``, in the salesperson's zone."""
    if not ids:
        return {}
    sql, params = in_list("c", sorted(ids))
    kinds_sql, kind_params = in_list("k", kinds)
    rows = reader.rows(
        "SELECT customer_id, max(done_at) AS last FROM activity "
        f"WHERE customer_id IN ({sql}) AND done_at IS NOT NULL AND kind IN ({kinds_sql}) "
        "GROUP BY customer_id",
        params | kind_params,
    )
    out = {}
    for r in rows:
        at = from_db(r["last"])
        if at is not None:
            out[r["customer_id"]] = at.date()
    return out


def money_touches(reader: Reader, *, settings: PlannerSettings, day: date) -> list[MoneyTouch]:
    """Every money touch due on or before ``day`` that nobody has acted on yet."""
    found = _satisfaction(reader, day) + _payments(reader, day) + _first_orders(reader, day)
    found += _credit_reviews(reader, day)
    calls = _latest_touch(
        reader, {t["customer"]["id"] for t in found if t["kind"] != "first-order"}, ("call",)
    )
    letters = _latest_touch(
        reader, {t["customer"]["id"] for t in found if t["kind"] == "first-order"}, ("letter",)
    )
    out = []
    for t in found:
        done = (letters if t["kind"] == "first-order" else calls).get(t["customer"]["id"])
        if t["kind"] == "credit-review" or done is None or done < t["when"]:
            out.append(t)
    return out


def _satisfaction(reader: Reader, day: date) -> list[MoneyTouch]:
    rows = reader.rows(
        f"SELECT o.id AS ref, o.number, o.delivered_on, {CUSTOMER_FIELDS} FROM sales_order o "
        # a delivered date is only ever set on a delivered order: no status test, so the
        # delivered-date index is the one used
        "JOIN customer c ON c.id = o.customer_id WHERE o.delivered_on >= :start "
        "AND o.delivered_on <= :end AND c.deleted_at IS NULL "
        "ORDER BY o.delivered_on, o.id LIMIT 500",
        {
            "start": (day - timedelta(days=7 + LOOK_BACK_DAYS)).isoformat(),
            "end": (day - timedelta(days=7)).isoformat(),
        },
    )
    out = []
    for r in rows:
        delivered = date.fromisoformat(str(r["delivered_on"])[:10])
        when = satisfaction_call_date(delivered, r["country"])
        if when <= day:
            note = _("{number} delivered {day}").format(number=r["number"], day=_day(delivered))
            out.append(
                MoneyTouch(
                    kind="satisfaction", customer=_customer(r), when=when, note=note, ref=None
                )
            )
    return out


def _day(day: date) -> str:
    """``Fri 20 Nov`` as these notes always said it; ``11月20日 周五`` in Chinese."""
    return day_text(day) if chinese() else f"{day:%a %d %b}"


def _payments(reader: Reader, day: date) -> list[MoneyTouch]:
    rows = reader.rows(
        f"SELECT o.id AS ref, o.number, o.due_on, o.currency, o.total - o.paid AS owed, "
        f"{CUSTOMER_FIELDS} FROM sales_order o JOIN customer c ON c.id = o.customer_id "
        f"WHERE {OPEN} AND o.due_on >= :start AND o.due_on <= :end "
        "AND c.deleted_at IS NULL ORDER BY o.due_on, o.id LIMIT 300",
        {
            "start": (day - timedelta(days=OVERDUE_CALL_DAYS + 5)).isoformat(),
            "end": (day + timedelta(days=10)).isoformat(),
        },
    )
    out = []
    for r in rows:
        due = date.fromisoformat(str(r["due_on"])[:10])
        owed = format_money(r["owed"], r["currency"])
        before = payment_reminder_date(due, r["country"])
        late = payment_overdue_date(due, r["country"])
        if before <= day < due:
            note = _("{number}: {owed} due {day}").format(
                number=r["number"], owed=owed, day=_day(due)
            )
            out.append(
                MoneyTouch(
                    kind="payment-reminder", customer=_customer(r), when=before, note=note, ref=None
                )
            )
        elif day >= late and (day - late).days <= OVERDUE_CALL_DAYS:
            note = _("{number}: {owed} was due {day}").format(
                number=r["number"], owed=owed, day=_day(due)
            )
            out.append(
                MoneyTouch(
                    kind="payment-overdue", customer=_customer(r), when=late, note=note, ref=None
                )
            )
    return out


def _first_orders(reader: Reader, day: date) -> list[MoneyTouch]:
    rows = reader.rows(
        f"SELECT o.id AS ref, o.number, o.confirmed_on, {CUSTOMER_FIELDS} FROM sales_order o "
        "JOIN customer c ON c.id = o.customer_id WHERE o.confirmed_on >= :start "
        "AND o.confirmed_on <= :end AND o.status != 'cancelled' AND c.deleted_at IS NULL "
        "AND NOT EXISTS (SELECT 1 FROM sales_order p WHERE p.customer_id = o.customer_id "
        "AND p.confirmed_on IS NOT NULL AND (p.confirmed_on < o.confirmed_on "
        "OR (p.confirmed_on = o.confirmed_on AND p.id < o.id))) LIMIT 200",
        {"start": (day - timedelta(days=7)).isoformat(), "end": day.isoformat()},
    )
    out = []
    for r in rows:
        confirmed = date.fromisoformat(str(r["confirmed_on"])[:10])
        when = thank_you_date(confirmed, r["country"])
        if when <= day:
            out.append(
                MoneyTouch(
                    kind="first-order",
                    customer=_customer(r),
                    when=when,
                    note=str(r["number"]),
                    ref=None,
                )
            )
    return out


def _credit_reviews(reader: Reader, day: date) -> list[MoneyTouch]:
    rows = reader.rows(
        f"SELECT c.credit_rated_on, c.credit_rating, {CUSTOMER_FIELDS} FROM customer c "
        "WHERE c.credit_rated_on <= :cutoff AND c.deleted_at IS NULL "
        "ORDER BY c.credit_rated_on LIMIT :limit",
        {"cutoff": add_months(day, -6).isoformat(), "limit": CREDIT_REVIEW_LIMIT},
    )
    out = []
    for r in rows:
        rated = date.fromisoformat(str(r["credit_rated_on"])[:10])
        when = credit_review_date(rated, r["country"])
        if when <= day:
            note = _("rated {rating} on {day}").format(
                rating=r["credit_rating"] or "-",
                day=f"{rated.year}年{rated.month}月{rated.day}日"
                if chinese()
                else f"{rated:%d %b %Y}",
            )
            out.append(
                MoneyTouch(
                    kind="credit-review", customer=_customer(r), when=when, note=note, ref=None
                )
            )
    return out
