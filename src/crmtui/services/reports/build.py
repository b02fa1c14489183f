"""The reports by name, and the window they cover."""

from __future__ import annotations

from collections.abc import Callable

from crmtui.db.reader import Reader
from crmtui.services.reports.activity import activity_report
from crmtui.services.reports.customers import customers_report
from crmtui.services.reports.funnel import funnel_report
from crmtui.services.reports.lost import lost_report
from crmtui.services.reports.pareto import pareto_report
from crmtui.services.reports.types import Report
from crmtui.services.reports.window import Window

REPORTS: dict[str, Callable[[Reader, Window], Report]] = {
    "pareto": pareto_report,
    "funnel": funnel_report,
    "lost": lost_report,
    "customers": customers_report,
    "activity": activity_report,
}
# how far back a report looks when --from is not given, in days
DEFAULT_DAYS = {"pareto": 365, "funnel": 90, "lost": 90, "customers": 365, "activity": 30}


def build_report(reader: Reader, name: str, window: Window) -> Report:
    return REPORTS[name](reader, window)
