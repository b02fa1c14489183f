"""The reports by name, and the window they cover."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from crmtui.db.reader import Reader
from crmtui.services.reports.activity import activity_report
from crmtui.services.reports.customers import customers_report
from crmtui.services.reports.expenses import expenses_report
from crmtui.services.reports.funnel import funnel_report
from crmtui.services.reports.lost import lost_report
from crmtui.services.reports.pareto import pareto_report
from crmtui.services.reports.sales import sales_report
from crmtui.services.reports.types import Report
from crmtui.services.reports.window import Window, last_months

REPORTS: dict[str, Callable[[Reader, Window], Report]] = {
    "pareto": pareto_report,
    "funnel": funnel_report,
    "lost": lost_report,
    "customers": customers_report,
    "activity": activity_report,
    "sales": sales_report,
    "expenses": expenses_report,
}
# how far back a report looks when --from is not given, in days
DEFAULT_DAYS = {
    "pareto": 365,
    "funnel": 90,
    "lost": 90,
    "customers": 365,
    "activity": 30,
    "sales": 365,
    "expenses": 365,
}


def default_first(name: str, last: date) -> date:
    """The first day a report covers when ``--from`` is not given: the 80/20 report reads the
    same twelve months as ``crm grade suggest``; the others look ``DEFAULT_DAYS`` back."""
    if name == "pareto":
        return last_months(last, 12)[0]
    return last - timedelta(days=DEFAULT_DAYS[name] - 1)


def build_report(reader: Reader, name: str, window: Window) -> Report:
    return REPORTS[name](reader, window)
