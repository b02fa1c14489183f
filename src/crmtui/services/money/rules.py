"""The pure rules of the money area: no database, no clock.

- a line total is quantity × unit price − discount, never below zero;
- an order moves ``draft → confirmed → shipped → delivered``, or to ``cancelled`` from draft or
  confirmed;
- the due date is the ship date plus the credit term;
- payment state (unpaid, partial, paid, overdue) comes from the allocations and the due date,
  apart from the order's status;
- ageing buckets by days past due (not yet due, 1–30, 31–60, 61–90, over 90 by default);
- a payment without named orders settles the open orders oldest due first;
- the credit rating is due again six months after the last one;
- credit exposure adds what is owed in every currency, converted into the limit's currency at
  the configured rates (rounded up); a currency without a rate cannot be counted.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from crmtui.errors import InvalidInput
from crmtui.money import grouped
from crmtui.numbers import amount_minor, percent, rising_days, whole

STATUSES = ("draft", "confirmed", "shipped", "delivered", "cancelled")
BOOKED = ("confirmed", "shipped", "delivered")  # what the customer owes for
BOOKED_SQL = "('confirmed', 'shipped', 'delivered')"
METHODS = ("transfer", "cash", "acceptance", "other")
RATINGS = ("A", "B", "C", "D")
QUANTITY_MAX = 10_000_000
# From each status, the statuses an order may move to next.
NEXT: dict[str, tuple[str, ...]] = {
    "draft": ("confirmed", "cancelled"),
    "confirmed": ("shipped", "cancelled"),
    "shipped": ("delivered",),
    "delivered": (),
    "cancelled": (),
}
DEFAULT_BUCKETS = (30, 60, 90)
CREDIT_REVIEW_MONTHS = 6  # as the planner's credit-review touch (planner/touches.py)


def line_total(quantity: int, unit_price: int, discount: int = 0) -> int:
    """Quantity × unit price − discount (minor units); a discount over the line is refused."""
    gross = quantity * unit_price
    if discount > gross:
        raise InvalidInput(
            "line-discount-too-large",
            field="lines",
            discount=grouped(discount),
            gross=grouped(gross),
        )
    return gross - discount


def can_move(status: str, to: str) -> bool:
    return to in NEXT.get(status, ())


def due_date(shipped_on: date | None, credit_days: int | None) -> date | None:
    """Ship date plus the credit term; none before the order ships."""
    if shipped_on is None:
        return None
    return shipped_on + timedelta(days=credit_days or 0)


def payment_state(status: str, total: int, paid: int, due_on: date | None, today: date) -> str:
    """``paid``, ``partial``, ``unpaid`` or ``overdue``; ``-`` for a draft or cancelled order."""
    if status not in BOOKED:
        return "-"
    if paid >= total:
        return "paid"
    if due_on is not None and due_on < today:
        return "overdue"
    return "partial" if paid > 0 else "unpaid"


def days_past_due(due_on: date | None, today: date) -> int:
    """0 when not yet due (or not shipped), else the days since the due date."""
    if due_on is None or due_on >= today:
        return 0
    return (today - due_on).days


def bucket_labels(bounds: Sequence[int] = DEFAULT_BUCKETS) -> tuple[str, ...]:
    """``current``, ``1-30``, ``31-60``, ``61-90``, ``90+`` for the default bounds."""
    labels = ["current"]
    low = 1
    for high in bounds:
        labels.append(f"{low}-{high}")
        low = high + 1
    labels.append(f"{bounds[-1]}+" if bounds else "1+")
    return tuple(labels)


def bucket_index(days: int, bounds: Sequence[int] = DEFAULT_BUCKETS) -> int:
    """Which bucket ``days`` past due falls in (0 = not yet due)."""
    if days <= 0:
        return 0
    for i, high in enumerate(bounds):
        if days <= high:
            return i + 1
    return len(bounds) + 1


def parse_buckets(text: str) -> tuple[int, ...]:
    """Bucket bounds as configured: rising whole days, ``30,60,90``."""
    return rising_days(text)


def credit_review_due_on(rated_on: date | None) -> date | None:
    """The day the rating is due again: six months after it was given."""
    if rated_on is None:
        return None
    # the planner has the same arithmetic; the planning area reads this one, not the reverse
    index = rated_on.month - 1 + CREDIT_REVIEW_MONTHS
    year, month = rated_on.year + index // 12, index % 12 + 1
    return date(year, month, min(rated_on.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class LineSpec:
    """A ``--line`` as typed: a product name or code (and model), quantity, optional price,
    and an optional discount: an amount off the line, or a percentage of it."""

    name: str
    model: str | None
    quantity: int
    price: int | None
    discount: int | None = None  # minor units off the line
    percent: Decimal | None = None  # or this share of quantity × price

    def discount_on(self, gross: int) -> int:
        """The discount in minor units on a line worth ``gross`` before it."""
        if self.percent is not None:
            # half a cent and more rounds up, as a discount is worked out by hand
            share = Decimal(gross) * self.percent / 100
            return int(share.quantize(Decimal(1), rounding=ROUND_HALF_UP))
        return self.discount or 0


# NAME[/MODEL] QTY [x PRICE] [-DISCOUNT]: the discount last, after a space and a minus sign
_LINE = re.compile(
    r"^(?P<what>.+?)\s+(?P<qty>[^\sx×*]+)(?:\s*[x×*]\s*(?P<price>\S+))?"
    r"(?:\s+-(?P<off>\S+))?$"
)


def parse_line(text: str) -> LineSpec:
    """``NAME[/MODEL] QTY [x PRICE] [-10%|-500]``: ``数控机床/CK6140 2 x 120,000 -5%``,
    ``P-100 5`` or ``Spare parts 3 x 1,200.50 -200`` (200 off the line)."""
    raw = unicodedata.normalize("NFKC", text or "").strip()
    m = _LINE.match(raw)
    if not m:
        raise InvalidInput("order-line-shape", field="lines", text=text)
    what = m.group("what").strip()
    qty_text = m.group("qty")
    if qty_text.startswith("-"):
        raise InvalidInput("order-line-quantity", field="lines", text=text, quantity=qty_text)
    try:
        quantity = whole(qty_text, "quantity", 1, QUANTITY_MAX)
    except InvalidInput:
        raise InvalidInput(
            "order-line-quantity", field="lines", text=text, quantity=qty_text
        ) from None
    price = amount_minor(m.group("price"), "amount") if m.group("price") else None
    name, _, model = what.partition("/")
    if not name.strip():
        raise InvalidInput("order-line-shape", field="lines", text=text)
    off = m.group("off")
    discount, share = None, None
    if off is not None and off.endswith("%"):
        share = percent(off, "discount")
    elif off is not None:
        discount = amount_minor(off, "discount")
        if discount <= 0:
            raise InvalidInput("order-line-shape", field="lines", text=text)
    return LineSpec(name.strip(), model.strip() or None, quantity, price, discount, share)


@dataclass(frozen=True)
class OpenOrder:
    """What the allocation rule needs of an order: its id, due date and what is still owed."""

    id: int
    due_on: date | None
    ordered_on: date
    outstanding: int


def allocate(amount: int, orders: Sequence[OpenOrder]) -> tuple[list[tuple[int, int]], int]:
    """Split ``amount`` over ``orders`` in the order given; returns ``(order_id, amount)``
    pairs and what is left over (a credit on the customer)."""
    left = amount
    out: list[tuple[int, int]] = []
    for order in orders:
        if left <= 0:
            break
        take = min(left, order.outstanding)
        if take > 0:
            out.append((order.id, take))
            left -= take
    return out, left


def oldest_due_first(orders: Sequence[OpenOrder]) -> list[OpenOrder]:
    """The order in which a payment settles open orders: earliest due date first (unshipped
    orders, with no due date yet, last), then order date and id."""
    return sorted(orders, key=lambda o: (o.due_on or date.max, o.ordered_on, o.id))


def credit_excess(outstanding: int, order_total: int, limit: int | None) -> int:
    """How far confirming an order would take the outstanding past the credit limit (0: not)."""
    if limit is None:
        return 0
    return max(0, outstanding + order_total - limit)


def converted(minor: int, rate: Decimal) -> int:
    """``minor`` units of a currency in the credit currency at ``rate``, rounded up: credit
    control counts what is owed at least at its full value."""
    return int((Decimal(minor) * rate).to_integral_value(rounding=ROUND_CEILING))


def exposure(
    owed: Mapping[str, int], home: str, rates: Mapping[str, Decimal]
) -> tuple[int, tuple[str, ...]]:
    """What is owed in every currency, in ``home`` (the currency of the credit limit), and the
    currencies owed without a rate to convert them (then the sum leaves them out)."""
    total, missing = 0, []
    for cur, minor in sorted(owed.items()):
        if not minor:
            continue
        if cur == home:
            total += minor
        elif cur in rates:
            total += converted(minor, rates[cur])
        else:
            missing.append(cur)
    return total, tuple(missing)


def order_number(year: int, sequence: int) -> str:
    """``SO-2026-0042``: readable, sortable within a year."""
    return f"SO-{year}-{sequence:04d}"
