"""The 80/20 suggestion from the database: each live customer's sales over the window.

Sales are won opportunities closed in the window (orders, once they exist, take their place),
in the one currency of the user's config: amounts in other currencies are counted apart and
said, never added up with a made-up rate.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from crmtui.db.reader import Reader
from crmtui.errors import InvalidInput
from crmtui.i18n import N_
from crmtui.money import Money
from crmtui.services.grading.rules import ParetoRow, cut, pareto


@dataclass(frozen=True)
class Suggestion:
    customer_id: int
    name: str
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
    other_currency_deals: int
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
    start: datetime,
    end: datetime,
    currency: str,
    cut_a: int = 80,
    cut_b: int = 95,
) -> GradeReport:
    """Every live customer's suggested grade for sales from ``start`` to before ``end``."""
    window = {"start": reader.ts(start), "end": reader.ts(end), "cur": currency}
    sales = {
        int(r["customer_id"]): int(r["total"])
        for r in reader.rows(
            "SELECT customer_id, sum(amount) AS total FROM opportunity "
            "WHERE closed_at >= :start AND closed_at < :end AND stage = 'won' "
            "AND currency = :cur GROUP BY customer_id",
            window,
        )
    }
    other = int(
        reader.scalar(
            "SELECT count(*) FROM opportunity WHERE closed_at >= :start AND closed_at < :end "
            "AND stage = 'won' AND currency <> :cur",
            window,
        )
        or 0
    )
    people = reader.rows(
        "SELECT id, name, grade, grade_locked FROM customer WHERE deleted_at IS NULL"
    )
    by_id = {int(r["id"]): r for r in people}
    ranked = cut([(cid, sales.get(cid, 0)) for cid in by_id], cut_a=cut_a, cut_b=cut_b)
    total = sum(r.sales for r in ranked)
    suggestions = [
        Suggestion(
            customer_id=r.customer_id,
            name=str(by_id[r.customer_id]["name"]),
            sales=Money(r.sales, currency),
            rank=r.rank,
            cumulative_share=round(100 * r.cumulative / total, 1) if total else 0.0,
            current=by_id[r.customer_id]["grade"] or "N",
            suggested=r.grade,
            locked=bool(by_id[r.customer_id]["grade_locked"]),
        )
        for r in ranked
    ]
    return GradeReport(
        start=start.date(),
        end=end.date(),
        cut_a=cut_a,
        cut_b=cut_b,
        currency=currency,
        source=N_("won opportunities"),
        total=Money(total, currency),
        other_currency_deals=other,
        suggestions=suggestions,
        table=[replace(r, sales=Money(r.sales, currency)) for r in pareto(ranked)],
    )
