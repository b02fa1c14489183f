"""The pareto report: share of customers against share of sales, and the top customers."""

from __future__ import annotations

from crmtui.db.reader import Reader
from crmtui.i18n import N_
from crmtui.services.grading.read import suggest_grades
from crmtui.services.reports.types import Cell, Chart, Report, Section
from crmtui.services.reports.window import Window

TOP = 20
PARETO = N_("Share of customers against share of sales")
TOP_CUSTOMERS = N_("Top customers")
TOP_COLUMNS = [
    N_("rank"),
    N_("id"),
    N_("name"),
    N_("sales"),
    N_("cum. %"),
    N_("grade"),
    N_("suggested"),
]


def pareto_report(reader: Reader, window: Window) -> Report:
    graded = suggest_grades(
        reader,
        first=window.first,
        last=window.last,
        tz=window.tz,
        currency=window.currency,
        unsold=False,
    )
    table: list[list[Cell]] = [
        [r.grade, r.customers, r.customer_share, r.sales, r.sales_share] for r in graded.table
    ]
    top: list[list[Cell]] = [
        [s.rank, s.customer_id, s.name, s.sales, s.cumulative_share, s.current, s.suggested]
        for s in graded.suggestions[:TOP]
        if s.rank
    ]
    return Report(
        "pareto",
        N_("Customers by sales (80/20)"),
        window.first,
        window.last,
        [
            Section(
                PARETO,
                [N_("grade"), N_("customers"), N_("% customers"), N_("sales"), N_("% sales")],
                table,
                Chart([r.grade for r in graded.table], [r.sales_share for r in graded.table], "%"),
                note=N_("won deals closed in the period, in {currency}"),
            ),
            Section(
                TOP_CUSTOMERS,
                TOP_COLUMNS,
                top,
            ),
        ],
        currency=window.currency,
    )
