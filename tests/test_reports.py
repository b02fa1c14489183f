"""Each report's figures against a small dataset counted by hand, in every format; the HTML
is one file with no network reference."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import text

from crmtui.services.customers.write import update_customer
from crmtui.services.sales.write import create_opportunity, move_opportunity
from tests.cli_runner import crm
from tests.helpers import add_customer, now

pytestmark = pytest.mark.both_backends


def report(name: str, *args: str) -> dict[str, Any]:
    data = json.loads(crm("report", name, "--format", "json", *args).stdout)
    return {s["title"]: s["rows"] for s in data["sections"]}


@pytest.fixture
def shop(db: Any) -> dict[str, int]:
    t = now()
    ids = {
        "c1": add_customer(
            db,
            "宏达",
            grade="A",
            stage="customer",
            city="上海",
            source="展会",
            timezone="America/New_York",
        ),
        "c2": add_customer(db, "德润", grade="B", stage="prospect", city="北京", source="展会"),
        "c3": add_customer(db, "Acme", stage="potential", city="上海", source="web"),
        "c4": add_customer(db, "Gone", stage="customer"),
    }
    days = timedelta(days=1)
    with db.session() as s:
        update_customer(s, customer_id=ids["c4"], now=t, changes={"stage": "lost"})

        def opp(customer: str, amount: int) -> int:
            o = create_opportunity(
                s, now=t - 10 * days, customer_id=ids[customer], title="deal", amount=amount * 100
            )
            assert o.id is not None
            return o.id

        def move(oid: int, stage: str, ago: int, **kw: Any) -> None:
            move_opportunity(s, now=t - ago * days, opportunity_id=oid, stage=stage, **kw)

        o1, o2, o3, o4 = opp("c1", 1000), opp("c2", 500), opp("c3", 200), opp("c1", 300)
        move(o1, "qualified", 5)
        move(o1, "proposal", 3)
        move(o1, "won", 1)
        move(o2, "qualified", 4)
        move(o2, "lost", 2, lost_reason="价格太高", competitor="华强")
        move(o4, "lost", 1, lost_reason="budget cut")
        assert o3
        at = [
            (ids["c1"], "call", datetime(2026, 11, 20, 14, 0), "reached"),  # 09:00 Fri New York
            (ids["c1"], "call", datetime(2026, 11, 20, 15, 0), "no-answer"),  # 10:00 Fri NY
            (ids["c2"], "call", datetime(2026, 11, 21, 2, 0), "reached"),  # 10:00 Sat Shanghai
            (ids["c2"], "visit", datetime(2026, 11, 18, 6, 0), "reached"),  # Wed 14:00
        ]
        for cid, kind, done, outcome in at:
            s.execute(
                text(
                    "INSERT INTO activity (customer_id, kind, done_at, outcome, created_at, "
                    "updated_at) VALUES (:c, :k, :d, :o, :d, :d)"
                ),
                {"c": cid, "k": kind, "d": done.strftime("%Y-%m-%d %H:%M:%S.%f"), "o": outcome},
            )
    return ids


def test_funnel(shop: dict[str, int]) -> None:
    got = report("funnel")
    assert got["Opportunities by stage"] == [
        ["lead", 1, "200.00"],
        ["qualified", 0, "0.00"],
        ["proposal", 0, "0.00"],
        ["negotiation", 0, "0.00"],
        ["won", 1, "1000.00"],
        ["lost", 2, "800.00"],
    ]
    assert got["Conversion between stages"] == [
        ["lead → qualified", 4, 2, 50.0],
        ["qualified → proposal", 2, 1, 50.0],
        ["proposal → negotiation", 1, 1, 100.0],
        ["negotiation → won", 1, 1, 100.0],
    ]
    # lead: 5 (o1), 6 (o2), 9 (o4) days; qualified: 2 and 2; proposal: 2
    assert got["Average days in stage"] == [
        ["lead", 3, 6.7],
        ["qualified", 2, 2.0],
        ["proposal", 1, 2.0],
        ["negotiation", 0, None],
    ]
    assert got["Won and lost"] == [[1, "1000.00", 2, "800.00", 33.3]]


def test_lost(shop: dict[str, int]) -> None:
    got = report("lost")
    assert got["Lost deals by reason"] == [
        ["budget cut", 1, 50.0, "300.00"],
        ["价格太高", 1, 50.0, "500.00"],
    ]
    assert got["Lost deals by competitor"] == [
        ["(no competitor named)", 1, 50.0, "300.00"],
        ["华强", 1, 50.0, "500.00"],
    ]
    assert got["Lost deals by the stage they were lost at"] == [
        ["lead", 1, 50.0],
        ["qualified", 1, 50.0],
        ["proposal", 0, 0.0],
        ["negotiation", 0, 0.0],
    ]


def test_customers(shop: dict[str, int]) -> None:
    got = report("customers")
    assert got["Customers by stage"] == [
        ["potential", 1, 25.0],
        ["prospect", 1, 25.0],
        ["customer", 1, 25.0],
        ["dormant", 0, 0.0],
        ["lost", 1, 25.0],
    ]
    assert got["Customers by grade"] == [
        ["A", 1, 25.0],
        ["B", 1, 25.0],
        ["C", 0, 0.0],
        ["N", 2, 50.0],
    ]
    assert got["Customers by city"] == [["上海", 2, 50.0], ["(none)", 1, 25.0], ["北京", 1, 25.0]]
    assert got["Customers by source"] == [["展会", 2, 50.0], ["(none)", 1, 25.0], ["web", 1, 25.0]]
    assert got["New and lost customers by month"][-1] == ["2026-11", 4, 1]
    assert got["Customers not touched beyond their cadence"] == [
        ["A", 14, 1],
        ["B", 30, 1],
        ["C", 90, 0],
    ]


def test_activity(shop: dict[str, int]) -> None:
    got = report("activity", "--from", "2026-11-17", "--to", "2026-11-23")
    assert got["Calls per day"] == [
        ["2026-11-17", 0, 0],
        ["2026-11-18", 0, 0],
        ["2026-11-19", 0, 0],
        ["2026-11-20", 2, 1],  # 22:00 and 23:00 in Shanghai
        ["2026-11-21", 1, 1],
        ["2026-11-22", 0, 0],
        ["2026-11-23", 0, 0],
    ]
    assert got["Reach rate by hour (their local time)"] == [
        ["09:00", 1, 1, 100.0],
        ["10:00", 2, 1, 50.0],
    ]
    by_day = {r[0]: r[1:] for r in got["Reach rate by weekday (their local time)"]}
    assert by_day["Fri"] == [2, 1, 50.0] and by_day["Sat"] == [1, 1, 100.0]
    assert by_day["Mon"] == [0, 0, 0.0]
    assert got["Visits and meetings by week"] == [["2026-11-16", 1]]
    assert got["Done activities by kind"] == [["call", 3], ["visit", 1]]


def test_pareto(shop: dict[str, int]) -> None:
    got = report("pareto")
    assert got["Share of customers against share of sales"][0] == ["A", 1, 25.0, "1000.00", 100.0]
    assert got["Share of customers against share of sales"][3] == ["N", 3, 75.0, "0.00", 0.0]
    assert got["Top customers"] == [[1, shop["c1"], "宏达", "1000.00", 100.0, "A", "A"]]


@pytest.mark.parametrize("name", ["pareto", "funnel", "lost", "customers", "activity"])
def test_html_is_one_file_without_network_references(shop: dict[str, int], name: str) -> None:
    page = crm("report", name, "--format", "html").stdout
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"https?:|//[a-z]|\bsrc=|\bhref=|<link|<script|@import|url\(", page, re.I)
    assert "<svg" in page and "<table>" in page


def test_markdown_and_csv(shop: dict[str, int], tmp_path: Any) -> None:
    md = crm("report", "lost").stdout
    assert "| 价格太高 | 1 | 50.0 | 500 |" in md
    out = tmp_path / "lost.csv"
    crm("report", "lost", "--format", "csv", "-o", str(out))
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[:3] == [
        "Lost deals by reason",
        "reason,deals,% of lost,amount",
        "budget cut,1,50.0,300",
    ]


def test_user_text_is_escaped_in_html(db: Any) -> None:
    cid = add_customer(db, "<script>x</script>", city="<b>")
    assert cid
    page = crm("report", "customers", "--format", "html").stdout
    assert "<b>" not in page and "&lt;b&gt;" in page


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("report", "nope"), "unknown report 'nope'"),
        (("report", "lost", "--format", "pdf"), "unknown format"),
        (("report", "lost", "--from", "yesterday"), "--from: not a date"),
        (("report", "lost", "--from", "2026-12-01", "--to", "2026-11-01"), "is after --to"),
    ],
)
def test_bad_report_options_are_one_line(db: Any, args: tuple[str, ...], says: str) -> None:
    result = crm(*args, ok=False)
    assert result.exit_code == 1
    assert says in result.stderr and result.stderr.count("\n") == 1


def test_expenses_by_month_category_and_customer(db: Any) -> None:
    """Counted by hand: 宏达 680 travel + 450 hotel (Nov), 德润 300 gifts (Oct), 120 meals for
    no customer (Nov); a rejected 999 claim and a USD line are not added in."""
    add_customer(db, "宏达")
    add_customer(db, "德润")
    crm("expense", "add", "2026-11-20", "travel", "680", "--customer", "宏达")
    crm("expense", "add", "2026-11-21", "hotel", "450", "--customer", "宏达")
    crm("expense", "add", "2026-10-10", "gifts", "300", "--customer", "德润")
    crm("expense", "add", "2026-11-22", "meals", "120")
    crm("expense", "add", "2026-11-22", "meals", "50", "--currency", "USD", "--new")
    crm("expense", "add", "2026-11-22", "gifts", "999", "--new")
    for step in ("submit", "reject"):
        crm("expense", step, "3", *(["--reason", "超标"] if step == "reject" else []))
    got = report("expenses")
    months = {r[0]: r[1:] for r in got["Expenses by month"]}
    assert months["2026-11"] == [3, "1250.00"] and months["2026-10"] == [1, "300.00"]
    assert months["2026-09"] == [0, "0.00"]
    assert got["Expenses by category"] == [
        ["travel", 1, "680.00", 43.9],  # of 1550
        ["hotel", 1, "450.00", 29.0],
        ["gifts", 1, "300.00", 19.4],
        ["meals", 1, "120.00", 7.7],
    ]
    assert got["Expenses by customer (top 10)"] == [
        [1, "宏达", 2, "1130.00", 72.9],
        [2, "德润", 1, "300.00", 19.4],
        [None, "—", 1, "120.00", 7.7],
    ]
    for fmt in ("md", "csv", "html"):
        out = crm("report", "expenses", "--format", fmt).stdout
        assert "宏达" in out and "72.9" in out and "Expenses by category" in out
