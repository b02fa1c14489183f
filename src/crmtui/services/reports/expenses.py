"""The expense report (费用分析): what was spent by month, by category and by customer.

Lines of claims that were not rejected, spent in the period, in the user's currency (lines in
other currencies are counted apart in the note, never added up with a made-up rate). It reads
the office module's own grouping (``services.expenses.read.expense_report``).
"""

from __future__ import annotations

from datetime import timedelta

from crmtui.db.reader import Reader
from crmtui.i18n import N_
from crmtui.money import Money
from crmtui.services.expenses.read import expense_report
from crmtui.services.expenses.types import ReportRow
from crmtui.services.reports.customers import month_keys
from crmtui.services.reports.types import Cell, Chart, Report, Section, percent
from crmtui.services.reports.window import Window

BY_MONTH = N_("Expenses by month")
BY_CATEGORY = N_("Expenses by category")
BY_CUSTOMER = N_("Expenses by customer (top 10)")
TOP = 10


def expenses_report(reader: Reader, window: Window) -> Report:
    cur = window.currency
    end = window.last + timedelta(days=1)

    def grouped(by: str) -> tuple[list[ReportRow], int]:
        rows = expense_report(reader, by=by, start=window.first, end=end)
        mine = [r for r in rows if r["currency"] == cur]
        return mine, sum(r["lines"] for r in rows if r["currency"] != cur)

    months, other = grouped("month")
    spent = {r["key"]: r for r in months}
    total = sum(int(r["amount"]) for r in months)
    keys = month_keys(window)
    monthly: list[list[Cell]] = [
        [
            m,
            spent[m]["lines"] if m in spent else 0,
            Money(int(spent[m]["amount"]) if m in spent else 0, cur),
        ]
        for m in keys
    ]
    categories, _ = grouped("category")
    by_category: list[list[Cell]] = [
        [r["key"], r["lines"], r["amount"], percent(int(r["amount"]), total)] for r in categories
    ]
    customers, _ = grouped("customer")
    # the lines for no customer are one row without an id, in their place by amount
    by_customer: list[list[Cell]] = [
        [
            int(r["key"]) if r["key"] else None,
            r["label"] or "—",
            r["lines"],
            r["amount"],
            percent(int(r["amount"]), total),
        ]
        for r in customers[:TOP]
    ]
    return Report(
        "expenses",
        N_("Expenses"),
        window.first,
        window.last,
        [
            Section(
                BY_MONTH,
                [N_("month"), N_("lines"), N_("spent")],
                monthly,
                Chart(keys, [float(int(row[2] or 0)) / 100 for row in monthly]),
                note=N_("claims not rejected, in {currency}")
                if not other
                else N_("claims not rejected, in {currency}; lines in other currencies apart"),
            ),
            Section(
                BY_CATEGORY,
                [N_("category"), N_("lines"), N_("spent"), N_("% spent")],
                by_category,
                Chart(
                    [str(r[0]) for r in by_category], [float(r[3] or 0) for r in by_category], "%"
                ),
            ),
            Section(
                BY_CUSTOMER,
                [N_("id"), N_("name"), N_("lines"), N_("spent"), N_("% spent")],
                by_customer,
                Chart(
                    [str(r[1]) for r in by_customer], [float(r[4] or 0) for r in by_customer], "%"
                ),
                note=N_("— : lines for no customer"),
            ),
        ],
        currency=cur,
    )
