"""The 80/20 suggestion from the database: each live customer's sales over the window.

Sales are the orders booked in the window (confirmed, shipped or delivered) once there are any
orders at all, else the won opportunities closed in the window; in the one currency of the
user's config: amounts in other currencies are counted apart and said, never added up with a
made-up rate.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, tzinfo

from crmtui.db.reader import Reader, Row, in_list
from crmtui.errors import InvalidInput
from crmtui.i18n import N_
from crmtui.money import Money
from crmtui.services.grading.rules import ParetoRow, cut, pareto
from crmtui.services.money.rules import BOOKED_SQL as BOOKED


@dataclass(frozen=True)
class Suggestion:
    customer_id: int
    name: str | None  # None for a customer without sales (see ``names_of``)
    sales: Money
    rank: int
    cumulative_share: float  # percent of all sales, this customer and those before
    current: str  # A, B, C or N (no grade)
    suggested: str
    locked: bool

    @property
    def differs(self) -> bool:
        return self.current != self.suggested


@dataclass(frozen=True)
class GradeReport:
    start: date
    end: date  # the last day counted
    cut_a: int
    cut_b: int
    currency: str
    source: str  # "won opportunities" (or "orders")
    total: Money
    other_currency_deals: int  # won deals (or orders) in other currencies, not counted
    # every customer with sales, ranked, then every graded customer without (suggested N);
    # a customer with neither sales nor a grade is N already and not listed
    suggestions: list[Suggestion]
    table: list[ParetoRow]

    @property
    def changes(self) -> list[Suggestion]:
        """Suggestions that differ from the current grade and are not locked."""
        return [s for s in self.suggestions if s.differs and not s.locked]


def parse_cuts(text: str) -> tuple[int, int]:
    """``80,95`` → (80, 95): two whole percents, the first below the second."""
    parts = [p.strip().rstrip("%") for p in text.replace("，", ",").split(",")]
    try:
        a, b = (int(p) for p in parts)
    except ValueError:
        raise InvalidInput("bad-cut", field="cut", text=text) from None
    if not 0 < a < b <= 100:
        raise InvalidInput("bad-cut", field="cut", text=text)
    return a, b


def suggest_grades(
    reader: Reader,
    *,
    first: date,
    last: date,
    tz: tzinfo,
    currency: str,
    cut_a: int = 80,
    cut_b: int = 95,
    unsold: bool = True,
) -> GradeReport:
    """Every live customer's suggested grade for sales on the local days ``first`` to ``last``;
    without ``unsold``, graded customers without sales are counted but not listed."""
    if reader.one(f"SELECT 1 FROM sales_order WHERE status IN {BOOKED} LIMIT 1"):
        source = N_("orders")
        # an order counts on the local day it was ordered
        window: dict[str, object] = {
            "start": first.isoformat(),
            "end": last.isoformat(),
            "cur": currency,
        }
        sales_sql = (
            "SELECT customer_id, sum(total) AS total FROM sales_order "
            "WHERE ordered_on >= :start AND ordered_on <= :end "
            f"AND status IN {BOOKED} AND currency = :cur GROUP BY customer_id"
        )
        other_sql = (
            "SELECT count(*) FROM sales_order WHERE ordered_on >= :start AND ordered_on <= :end "
            f"AND status IN {BOOKED} AND currency <> :cur"
        )
    else:
        source = N_("won opportunities")
        start = datetime.combine(first, time(0), tzinfo=tz)
        end = datetime.combine(last + timedelta(days=1), time(0), tzinfo=tz)
        window = {"start": reader.ts(start), "end": reader.ts(end), "cur": currency}
        sales_sql = (
            "SELECT customer_id, sum(amount) AS total FROM opportunity "
            "WHERE closed_at >= :start AND closed_at < :end AND stage = 'won' "
            "AND currency = :cur GROUP BY customer_id"
        )
        other_sql = (
            "SELECT count(*) FROM opportunity WHERE closed_at >= :start AND closed_at < :end "
            "AND stage = 'won' AND currency <> :cur"
        )
    sales = {int(r["customer_id"]): int(r["total"]) for r in reader.rows(sales_sql, window)}
    other = int(reader.scalar(other_sql, window) or 0)
    customers = int(reader.scalar("SELECT count(*) FROM customer WHERE deleted_at IS NULL") or 0)
    buyers = _rows_by_id(reader, list(sales))
    ranked = cut([(cid, sales[cid]) for cid in buyers], cut_a=cut_a, cut_b=cut_b)
    total = sum(r.sales for r in ranked)
    suggestions = [
        Suggestion(
            customer_id=r.customer_id,
            name=str(buyers[r.customer_id]["name"]),
            sales=Money(r.sales, currency),
            rank=r.rank,
            cumulative_share=round(100 * r.cumulative / total, 1) if total else 0.0,
            current=buyers[r.customer_id]["grade"] or "N",
            suggested=r.grade,
            locked=bool(buyers[r.customer_id]["grade_locked"]),
        )
        for r in ranked
    ]
    # Graded customers who bought nothing become N; their rows come from the grade index
    # alone (names are not read: ``names_of`` gives those that are shown).
    graded = (
        reader.rows(
            "SELECT id, grade, grade_locked FROM customer WHERE deleted_at IS NULL "
            "AND grade IS NOT NULL ORDER BY grade, id"
        )
        if unsold
        else []
    )
    for row in graded:
        if int(row["id"]) not in buyers:
            suggestions.append(
                Suggestion(
                    customer_id=int(row["id"]),
                    name=None,
                    sales=Money(0, currency),
                    rank=0,
                    cumulative_share=100.0 if total else 0.0,
                    current=str(row["grade"]),
                    suggested="N",
                    locked=bool(row["grade_locked"]),
                )
            )
    return GradeReport(
        start=first,
        end=last,
        cut_a=cut_a,
        cut_b=cut_b,
        currency=currency,
        source=source,
        total=Money(total, currency),
        other_currency_deals=other,
        suggestions=suggestions,
        table=[
            replace(r, sales=Money(r.sales, currency)) for r in pareto(ranked, customers=customers)
        ],
    )


def _rows_by_id(reader: Reader, ids: list[int]) -> dict[int, Row]:
    """Live customers' id, name, grade and lock, by id (in chunks of bound parameters)."""
    out: dict[int, Row] = {}
    for start in range(0, len(ids), 500):
        marks, params = in_list("i", ids[start : start + 500])
        for row in reader.rows(
            "SELECT id, name, grade, grade_locked FROM customer "
            f"WHERE id IN ({marks}) AND deleted_at IS NULL",
            params,
        ):
            out[int(row["id"])] = row
    return out


def names_of(reader: Reader, ids: list[int]) -> dict[int, str]:
    """Customer names by id, for the suggestions that are shown."""
    return {cid: str(row["name"]) for cid, row in _rows_by_id(reader, ids).items()}
