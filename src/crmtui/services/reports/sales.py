"""The sales report: orders booked and cash collected by month, sales by product and by
customer, the top 10 of each, in the user's currency (other currencies are counted apart)."""

from __future__ import annotations

from collections import Counter

from crmtui.db.reader import Reader
from crmtui.i18n import N_
from crmtui.money import Money
from crmtui.services.money.rules import BOOKED_SQL as BOOKED
from crmtui.services.reports.customers import month_keys
from crmtui.services.reports.types import Cell, Chart, Report, Section, percent
from crmtui.services.reports.window import Window

TOP = 10
BY_MONTH = N_("Orders and cash by month")
BY_PRODUCT = N_("Sales by product (top 10)")
BY_CUSTOMER = N_("Sales by customer (top 10)")


def sales_report(reader: Reader, window: Window) -> Report:
    days = {
        "first": window.first.isoformat(),
        "last": window.last.isoformat(),
        "cur": window.currency,
    }
    month = reader.dialect.aggregate.month_of_date
    booked: Counter[str] = Counter()
    orders: Counter[str] = Counter()
    for row in reader.rows(
        f"SELECT {month('ordered_on')} AS m, count(*) AS n, sum(total) AS total "
        f"FROM sales_order WHERE ordered_on >= :first AND ordered_on <= :last "
        f"AND status IN {BOOKED} AND currency = :cur GROUP BY m",
        days,
    ):
        orders[row["m"]] += int(row["n"])
        booked[row["m"]] += int(row["total"] or 0)
    cash: Counter[str] = Counter()
    for row in reader.rows(
        f"SELECT {month('paid_on')} AS m, sum(amount) AS total FROM payment "
        "WHERE paid_on >= :first AND paid_on <= :last AND currency = :cur GROUP BY m",
        days,
    ):
        cash[row["m"]] += int(row["total"] or 0)
    months = month_keys(window)
    cur = window.currency
    monthly: list[list[Cell]] = [
        [m, orders[m], Money(booked[m], cur), Money(cash[m], cur)] for m in months
    ]
    total = sum(booked.values())
    products = reader.rows(
        "SELECT l.name AS name, sum(l.quantity) AS qty, sum(l.line_total) AS total "
        "FROM sales_order o JOIN order_line l ON l.order_id = o.id "
        "WHERE o.ordered_on >= :first AND o.ordered_on <= :last "
        f"AND o.status IN {BOOKED} AND o.currency = :cur "
        "GROUP BY l.name ORDER BY total DESC, l.name LIMIT 10",
        days,
    )
    by_product: list[list[Cell]] = [
        [
            r["name"],
            int(r["qty"] or 0),
            Money(int(r["total"] or 0), cur),
            percent(int(r["total"] or 0), total),
        ]
        for r in products
    ]
    buyers = reader.rows(
        "SELECT o.customer_id AS id, c.name AS name, count(*) AS n, sum(o.total) AS total "
        "FROM sales_order o JOIN customer c ON c.id = o.customer_id "
        "WHERE o.ordered_on >= :first AND o.ordered_on <= :last "
        f"AND o.status IN {BOOKED} AND o.currency = :cur "
        "GROUP BY o.customer_id, c.name ORDER BY total DESC, o.customer_id LIMIT 10",
        days,
    )
    by_customer: list[list[Cell]] = [
        [
            int(r["id"]),
            r["name"],
            int(r["n"]),
            Money(int(r["total"] or 0), cur),
            percent(int(r["total"] or 0), total),
        ]
        for r in buyers
    ]
    return Report(
        "sales",
        N_("Sales"),
        window.first,
        window.last,
        [
            Section(
                BY_MONTH,
                [N_("month"), N_("orders"), N_("booked"), N_("cash in")],
                monthly,
                Chart(months, [float(booked[m]) / 100 for m in months]),
                note=N_("orders confirmed, shipped or delivered, and payments, in {currency}"),
            ),
            Section(
                BY_PRODUCT,
                [N_("product"), N_("quantity"), N_("sales"), N_("% sales")],
                by_product,
                Chart([str(r[0]) for r in by_product], [float(r[3] or 0) for r in by_product], "%"),
            ),
            Section(
                BY_CUSTOMER,
                [N_("id"), N_("name"), N_("orders"), N_("sales"), N_("% sales")],
                by_customer,
                Chart(
                    [str(r[1]) for r in by_customer], [float(r[4] or 0) for r in by_customer], "%"
                ),
            ),
        ],
        currency=cur,
    )
