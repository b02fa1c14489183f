"""The 80/20 cut, pure: ranked sales in, a grade for each customer and the Pareto table out.

Customers are ranked by sales, largest first (ties by id, so the order is stable). A customer
is A while the sales of everyone ranked before them are under the first cut (80% by default),
B while under the second (95%), C after that: the customer whose sales cross 80% is still A,
so one customer with nearly all the sales is A alone. A customer with no sales in the window
is N (not C: C is a small buyer, N has bought nothing).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

GRADE_ORDER = ("A", "B", "C", "N")


@dataclass(frozen=True)
class Ranked:
    customer_id: int
    sales: int  # minor units
    rank: int  # 1 for the largest; 0 for no sales
    cumulative: int  # sales of this customer and everyone ranked before, minor units
    grade: str  # A, B, C or N


@dataclass(frozen=True)
class ParetoRow:
    grade: str
    customers: int
    customer_share: float  # percent of all customers counted
    sales: int  # minor units
    sales_share: float  # percent of all sales


def cut(sales: Sequence[tuple[int, int]], *, cut_a: int = 80, cut_b: int = 95) -> list[Ranked]:
    """Each ``(customer_id, sales)`` graded; ``cut_a`` < ``cut_b`` are whole percents."""
    total = sum(max(s, 0) for _, s in sales)
    ordered = sorted(sales, key=lambda item: (-item[1], item[0]))
    out: list[Ranked] = []
    before = 0
    rank = 0
    for customer_id, amount in ordered:
        if amount <= 0:
            out.append(Ranked(customer_id, 0, 0, before, "N"))
            continue
        rank += 1
        # integers only: "before / total < cut / 100" without rounding
        if before * 100 < cut_a * total:
            grade = "A"
        elif before * 100 < cut_b * total:
            grade = "B"
        else:
            grade = "C"
        before += amount
        out.append(Ranked(customer_id, amount, rank, before, grade))
    return out


def pareto(ranked: Sequence[Ranked], *, customers: int | None = None) -> list[ParetoRow]:
    """Share of customers against share of sales, grade by grade (A, B, C, N).

    ``customers`` is how many customers there are in all when ``ranked`` holds only those
    with sales (the rest are N); by default every customer is in ``ranked``.
    """
    buyers = [r for r in ranked if r.grade != "N"]
    everyone = len(ranked) if customers is None else customers
    total = sum(r.sales for r in ranked)
    rows = []
    for grade in GRADE_ORDER:
        members = [r for r in buyers if r.grade == grade]
        count = len(members) if grade != "N" else everyone - len(buyers)
        sales = sum(r.sales for r in members)
        rows.append(
            ParetoRow(grade, count, _percent(count, everyone), sales, _percent(sales, total))
        )
    return rows


def _percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier (the month's last day when it is shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    for d in range(day.day, 27, -1):
        try:
            return date(year, month + 1, d)
        except ValueError:
            continue
    return date(year, month + 1, min(day.day, 28))


def last_months(today: date, months: int = 12) -> tuple[date, date]:
    """The local days of the last ``months`` months up to ``today``, first and last.

    The one window of the 80/20 rule: ``crm report pareto`` and ``crm grade suggest`` both
    read it, so they rank the same sales (12 months back from 23 Nov 2026 is 24 Nov 2025
    to 23 Nov 2026: twelve whole months, not one day more).
    """
    return months_before(today, months) + timedelta(days=1), today
