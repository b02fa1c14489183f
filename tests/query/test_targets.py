"""The query language over contacts, opportunities, orders and activities: each target's own
fields (Chinese aliases too), virtual terms, ``customer:``, sort, and refusal in one line."""

from __future__ import annotations

from typing import Any

import pytest

from crmtui import clock
from crmtui.errors import InvalidInput
from crmtui.services.query.run_targets import matching_ids_over
from crmtui.services.query.syntax import parse
from crmtui.services.query.targets import TARGETS, find_target
from tests.cli_runner import crm, crm_json


def ids(reader: Any, target: str, text: str) -> set[int]:
    return matching_ids_over(reader, target, text, now=clock.now(), tz=clock.user_zone())


KEYS = {
    "contacts": ("wang", "li", "bob"),
    "opportunities": ("big", "small", "won"),
    "orders": ("o_paid", "o_open", "o_draft"),
    "activities": ("called", "visit", "late"),
}


def named(reader: Any, things: dict[str, int], target: str, text: str) -> set[str]:
    by_id = {things[k]: k for k in KEYS[target]}
    return {by_id[i] for i in ids(reader, target, text)}


def test_contacts(db: Any, things: dict[str, int]) -> None:
    with db.reader() as r:
        assert named(r, things, "contacts", "is:decision-maker") == {"wang"}
        assert named(r, things, "contacts", "职务：工程师") == {"li"}
        assert named(r, things, "contacts", "customer:宏达") == {"wang", "li"}
        assert named(r, things, "contacts", "-customer:宏达") == {"bob"}
        assert named(r, things, "contacts", "email:none") == {"wang", "bob"}
        assert named(r, things, "contacts", "bob") == {"bob"}


def test_opportunities(db: Any, things: dict[str, int]) -> None:
    with db.reader() as r:
        opp = lambda q: named(r, things, "opportunities", q)  # noqa: E731
        assert opp("amount:>5k") == {"big", "won"}
        assert opp("金额：1k..10k") == {"small", "won"}
        assert opp("is:open") == {"big", "small"}
        assert opp("阶段：赢单") == {"won"}
        assert opp("is:overdue") == {"small"}  # expected 1 Nov, still open
        assert opp("expected:2026-11") == {"small"}
        assert opp("title:生产 or title:spare") == {"big", "small"}
        assert opp("customer:德润") == {"won"}


def test_orders(db: Any, things: dict[str, int]) -> None:
    with db.reader() as r:
        orders = lambda q: named(r, things, "orders", q)  # noqa: E731
        assert orders("is:unpaid") == {"o_open"}
        assert orders("status:draft") == {"o_draft"}
        assert orders("状态：已确认") == {"o_paid", "o_open"}
        assert orders("total:>=1k") == {"o_paid"}
        assert orders("ordered:today") == {"o_paid", "o_open", "o_draft"}
        assert orders("ordered:<2026-11-01") == set()
        assert orders("paid:>0") == {"o_paid"}


def test_activities(db: Any, things: dict[str, int]) -> None:
    with db.reader() as r:
        acts = lambda q: named(r, things, "activities", q)  # noqa: E731
        assert acts("is:done") == {"called"}
        assert acts("kind:拜访") == {"visit"}
        assert acts("outcome:reached") == {"called"}
        assert acts("is:open") == {"visit", "late"}
        assert acts("is:overdue") == {"late"}
        assert acts("due:<7d kind:visit") == set()  # due in two days: not within the past 7
        assert acts("customer:acme") == {"visit"}
        assert acts("customer:德润 or is:done") == {"late", "called"}


@pytest.mark.parametrize(
    ("target", "text"),
    [
        ("orders", "grade:A"),
        ("contacts", "amount:>5"),
        ("opportunities", "stage:customer"),
        ("activities", "kind:dance"),
        ("orders", "ordered:2026-13"),
        ("orders", "sort:-grade"),
    ],
)
def test_each_target_has_its_own_whitelist(target: str, text: str) -> None:
    with pytest.raises(InvalidInput):
        parse(text, now=clock.now(), tz=clock.user_zone(), target=TARGETS[target])


def test_unknown_target_is_refused() -> None:
    with pytest.raises(InvalidInput) as err:
        find_target("invoices")
    assert err.value.code == "query-bad-target"
    assert find_target("订单").name == "orders"


def test_list_commands_take_a_query(things: dict[str, int]) -> None:
    assert [r["id"] for r in crm_json("orders", "--query", "is:unpaid")] == [things["o_open"]]
    assert [r["name"] for r in crm_json("contacts", "--query", "is:decision-maker")] == ["王经理"]
    deals = crm_json("opp", "list", "--query", "is:open sort:-amount")
    assert [r["title"] for r in deals] == ["生产线改造", "Spare parts"]
    assert [r["id"] for r in crm_json("actions", "--query", "is:done")] == [things["called"]]


@pytest.mark.parametrize(
    "command", [["orders"], ["contacts"], ["opp", "list"], ["actions"]], ids=lambda c: c[0]
)
@pytest.mark.parametrize(
    "text",
    ["'; DROP TABLE sales_order; --", "x" * 10_000, "grade:A", "(", "total:1e308"],
    ids=range(5),
)
def test_hostile_queries_on_every_list_are_one_line(
    things: dict[str, int], command: list[str], text: str
) -> None:
    result = crm(*command, "--query", text, ok=False)
    assert result.exit_code in (0, 1)  # a SQL fragment is only words to search for
    if text != "'; DROP TABLE sales_order; --":
        assert result.exit_code == 1
    if result.exit_code == 1:
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: ")
    assert "Traceback" not in result.output
    assert len(crm_json("orders")) == 3


def test_saved_query_over_orders(things: dict[str, int]) -> None:
    crm("query", "save", "欠款", "is:unpaid", "--over", "orders")
    crm("query", "save", "上海", "city:上海")
    listed = {q["name"]: q for q in crm_json("query", "list")}
    assert listed["欠款"]["target"] == "orders" and listed["上海"]["target"] == "customers"
    assert [r["id"] for r in crm_json("query", "run", "欠款")] == [things["o_open"]]
    assert len(crm_json("query", "run", "上海")) == 2
    bad = crm("query", "save", "x", "grade:A", "--over", "orders", ok=False)
    assert bad.exit_code == 1 and bad.stderr.count("\n") == 1
    wrong = crm("query", "save", "y", "is:unpaid", "--over", "invoices", ok=False)
    assert wrong.exit_code == 1 and "invoices" in wrong.stderr
