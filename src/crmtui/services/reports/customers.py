"""The customer analysis: live customers by stage, grade, city and source; new and lost
customers month by month; customers not touched beyond their grade's cadence."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

from crmtui.clock import from_db
from crmtui.db.constants import STAGES
from crmtui.db.reader import Reader
from crmtui.i18n import N_
from crmtui.services.reports.types import Cell, Chart, Report, Section, percent
from crmtui.services.reports.window import Window

TOP = 10
BY_STAGE = N_("Customers by stage")
BY_GRADE = N_("Customers by grade")
BY_CITY = N_("Customers by city")
BY_SOURCE = N_("Customers by source")
MONTHS = N_("New and lost customers by month")
UNTOUCHED = N_("Customers not touched beyond their cadence")
NONE = N_("(none)")
OTHERS = N_("(others)")


def _counted(counts: Counter[str], total: int, *, top: int | None = None) -> list[list[Cell]]:
    ordered = sorted(counts, key=lambda k: (-counts[k], str(k)))
    shown = ordered[:top] if top else ordered
    out: list[list[Cell]] = [[k, counts[k], percent(counts[k], total)] for k in shown]
    rest = sum(counts[k] for k in ordered[len(shown) :])
    if rest:
        out.append([OTHERS, rest, percent(rest, total)])
    return out


def customers_report(reader: Reader, window: Window) -> Report:
    # one pass over the customers for all four breakdowns
    stages: Counter[str] = Counter()
    graded: Counter[str] = Counter()
    cities: Counter[str] = Counter()
    sources: Counter[str] = Counter()
    for row in reader.rows(
        "SELECT stage, grade, city, source, count(*) AS n FROM customer "
        "WHERE deleted_at IS NULL GROUP BY stage, grade, city, source"
    ):
        n = int(row["n"])
        stages[row["stage"]] += n
        graded[row["grade"] or "N"] += n
        cities[row["city"] or NONE] += n
        sources[row["source"] or NONE] += n
    total = sum(stages.values())
    by_stage: list[list[Cell]] = [[s, stages[s], percent(stages[s], total)] for s in STAGES]
    by_grade: list[list[Cell]] = [
        [g, graded.get(g, 0), percent(graded.get(g, 0), total)] for g in ("A", "B", "C", "N")
    ]
    params = window.params(reader)
    new: Counter[str] = Counter()
    # counted by UTC hour in the index, then each hour placed in its local month; customers
    # trashed since count too: they were new that month
    for row in reader.rows(
        f"SELECT {reader.dialect.aggregate.utc_hour('created_at')} AS h, count(*) AS n "
        "FROM customer "
        "WHERE created_at >= :start AND created_at < :end GROUP BY h",
        params,
    ):
        new[_local_month(row["h"], window)] += int(row["n"])
    lost: Counter[str] = Counter()
    for value in reader.column(
        "SELECT at FROM change WHERE at >= :start AND at < :end AND entity = 'customer' "
        "AND field = 'stage' AND new = 'lost'",
        params,
    ):
        at = from_db(value)
        if at is not None:
            lost[at.astimezone(window.tz).strftime("%Y-%m")] += 1
    months = _months(window)
    monthly: list[list[Cell]] = [[m, new[m], lost[m]] for m in months]
    untouched: list[list[Cell]] = []
    for grade, days in zip(("A", "B", "C"), window.cadences, strict=True):
        cutoff = reader.ts(window.now - timedelta(days=days))
        n = int(
            reader.scalar(
                "SELECT count(*) FROM customer WHERE deleted_at IS NULL AND grade = :g "
                "AND stage NOT IN ('lost', 'dormant') "
                "AND (last_contact_at IS NULL OR last_contact_at < :cutoff)",
                {"g": grade, "cutoff": cutoff},
            )
            or 0
        )
        untouched.append([grade, days, n])
    return Report(
        "customers",
        N_("Customer analysis"),
        window.first,
        window.last,
        [
            Section(
                BY_STAGE,
                [N_("stage"), N_("customers"), N_("%")],
                by_stage,
                Chart(list(STAGES), [float(r[1] or 0) for r in by_stage]),
            ),
            Section(
                BY_GRADE,
                [N_("grade"), N_("customers"), N_("%")],
                by_grade,
                Chart(["A", "B", "C", "N"], [float(r[1] or 0) for r in by_grade]),
            ),
            Section(
                BY_CITY,
                [N_("city"), N_("customers"), N_("%")],
                _counted(cities, total, top=TOP),
            ),
            Section(
                BY_SOURCE,
                [N_("source"), N_("customers"), N_("%")],
                _counted(sources, total, top=TOP),
            ),
            Section(
                MONTHS,
                [N_("month"), N_("new"), N_("lost")],
                monthly,
                Chart(months, [float(new[m]) for m in months]),
            ),
            Section(
                UNTOUCHED,
                [N_("grade"), N_("cadence (days)"), N_("customers")],
                untouched,
                note=N_("live customers, not lost or dormant, without a touch for longer"),
            ),
        ],
    )


def _local_month(hour: str, window: Window) -> str:
    """The local month of a UTC hour written ``2026-11-23 04`` (half-hour zones land right:
    their months begin on the hour in UTC as well, give or take the half hour)."""
    at = datetime.strptime(hour, "%Y-%m-%d %H").replace(tzinfo=UTC)
    return at.astimezone(window.tz).strftime("%Y-%m")


def _months(window: Window) -> list[str]:
    out = []
    year, month = window.first.year, window.first.month
    while (year, month) <= (window.last.year, window.last.month):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out
