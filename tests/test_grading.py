"""ABC grading by 80/20: figures against a hand-computed dataset, locked grades never change,
every applied change is in the grade history with its reason."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest

from crmtui.services.grading.rules import ParetoRow, cut, pareto
from crmtui.services.sales.write import create_opportunity
from tests.cli_runner import crm, crm_json
from tests.helpers import add_customer, now

pytestmark = pytest.mark.both_backends

# Sales in yuan; total 1000. Ranked: c1 (before it 0%) A, c2 (50%) A, c3 (80%: not under 80) B,
# c4 (90%) B, c5 (96%) C, c6 no sales N.
SALES = {"c1": 500, "c2": 300, "c3": 100, "c4": 60, "c5": 40, "c6": 0}
EXPECTED = {"c1": "A", "c2": "A", "c3": "B", "c4": "B", "c5": "C", "c6": "N"}


def test_the_cut_by_hand() -> None:
    ids = {name: i for i, name in enumerate(SALES, start=1)}
    ranked = cut([(ids[n], s * 100) for n, s in SALES.items()])
    assert {r.customer_id: r.grade for r in ranked} == {ids[n]: g for n, g in EXPECTED.items()}
    assert [r.rank for r in ranked] == [1, 2, 3, 4, 5, 0]
    assert pareto(ranked) == [
        ParetoRow("A", 2, 33.3, 80_000, 80.0),
        ParetoRow("B", 2, 33.3, 16_000, 16.0),
        ParetoRow("C", 1, 16.7, 4_000, 4.0),
        ParetoRow("N", 1, 16.7, 0, 0.0),
    ]


def test_other_cuts_and_ties() -> None:
    ranked = cut([(1, 100), (2, 100), (3, 100), (4, 100)], cut_a=50, cut_b=75)
    # before each: 0%, 25%, 50%, 75%
    assert [r.grade for r in ranked] == ["A", "A", "B", "C"]
    assert cut([(7, 10)]) == cut([(7, 10)], cut_a=1, cut_b=2)  # one buyer is always A
    assert [r.grade for r in cut([(1, 0), (2, 0)])] == ["N", "N"]


@pytest.fixture
def sold(db: Any) -> dict[str, int]:
    ids = {}
    for name, yuan in SALES.items():
        ids[name] = add_customer(db, name, grade="C")
        if yuan:
            with db.session() as session:
                create_opportunity(
                    session,
                    now=now() - timedelta(days=30),
                    customer_id=ids[name],
                    title="deal",
                    amount=yuan * 100,
                    stage="won",
                )
    with db.session() as session:
        # outside the 12-month window, and in another currency: neither counts
        create_opportunity(
            session,
            now=now() - timedelta(days=400),
            customer_id=ids["c6"],
            title="old",
            amount=10**9,
            stage="won",
        )
        create_opportunity(
            session,
            now=now() - timedelta(days=3),
            customer_id=ids["c5"],
            title="usd",
            amount=10**9,
            currency="USD",
            stage="won",
        )
    return ids


def test_suggest_shows_the_table_and_the_suggestions(sold: dict[str, int]) -> None:
    out = crm_json("grade", "suggest")
    assert out["total"] == "1000.00" and out["currency"] == "CNY"
    assert out["other_currency_deals"] == 1
    assert [(r["grade"], r["customers"], r["sales"]) for r in out["table"]] == [
        ("A", 2, "800.00"),
        ("B", 2, "160.00"),
        ("C", 1, "40.00"),
        ("N", 1, "0.00"),
    ]
    by_id = {s["customer_id"]: s for s in out["suggestions"]}
    assert {n: by_id[i]["suggested"] for n, i in sold.items()} == EXPECTED
    assert out["changes"] == 5  # all but c5 (C already)
    table = crm("grade", "suggest").stdout
    assert "80.0%" in table and "33.3%" in table


def test_apply_keeps_locked_grades_and_records_history(db: Any, sold: dict[str, int]) -> None:
    crm("edit-customer", str(sold["c1"]), "--grade", "B", "--lock")
    crm("edit-customer", str(sold["c6"]), "--lock")
    out = crm_json("grade", "suggest", "--apply")
    assert out["applied"] == 3  # c2 A, c3 B, c4 B; c1 and c6 locked; c5 already C
    grades = {r["id"]: r["grade"] for r in crm_json("customers")}
    assert grades[sold["c1"]] == "B", "a locked grade is never changed"
    assert grades[sold["c6"]] == "C", "a locked grade is never changed"
    assert grades[sold["c2"]] == "A" and grades[sold["c3"]] == "B"
    assert grades[sold["c5"]] == "C"
    with db.reader() as reader:
        history = reader.rows(
            "SELECT entity_id, old, new, reason FROM change WHERE field = 'grade' "
            "AND reason IS NOT NULL ORDER BY entity_id"
        )
    assert [(r["entity_id"], r["old"], r["new"]) for r in history] == [
        (sold["c2"], "C", "A"),
        (sold["c3"], "C", "B"),
        (sold["c4"], "C", "B"),
    ]
    assert all(r["reason"].startswith("80/20 over ") for r in history)
    # applying again changes nothing
    assert crm_json("grade", "suggest", "--apply")["applied"] == 0
    crm("edit-customer", str(sold["c1"]), "--unlock")
    crm("grade", "suggest", "--apply")
    assert {r["id"]: r["grade"] for r in crm_json("customers")}[sold["c1"]] == "A"


@pytest.mark.parametrize("cut_text", ["95,80", "80", "0,50", "80,101", "a,b"])
def test_bad_cuts_are_one_line(sold: dict[str, int], cut_text: str) -> None:
    result = crm("grade", "suggest", "--cut", cut_text, ok=False)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: --cut takes two percents")


def test_pareto_and_suggest_read_the_same_twelve_months(db: Any) -> None:
    """Both read ``last_months``: a deal closed on the day twelve months back is in neither,
    one closed the day after is in both (they used to differ by that one day)."""
    from datetime import datetime, time

    from crmtui import clock
    from crmtui.services.reports.window import last_months

    tz = clock.user_zone()
    today = now().astimezone(tz).date()
    first, last = last_months(today, 12)
    assert (first.isoformat(), last.isoformat()) == ("2025-11-24", "2026-11-23")
    edge = {"edge": first - timedelta(days=1), "inside": first}
    for name, day in edge.items():
        cid = add_customer(db, name)
        with db.session() as session:
            create_opportunity(
                session,
                now=datetime.combine(day, time(12), tzinfo=tz),
                customer_id=cid,
                title="deal",
                amount=100 * 100,
                stage="won",
            )
    suggested = crm_json("grade", "suggest")
    pareto = json.loads(crm("report", "pareto", "--format", "json").stdout)
    assert (suggested["start"], suggested["end"]) == (pareto["start"], pareto["end"])
    assert suggested["start"] == "2025-11-24"
    assert suggested["total"] == "100.00"
    top = {s["title"]: s["rows"] for s in pareto["sections"]}["Top customers"]
    assert [row[2] for row in top] == ["inside"]
