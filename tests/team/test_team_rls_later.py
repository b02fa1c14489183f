"""Row-level security on the money, after-sale and office tables (migration 0015): another
salesperson's orders, payments, complaints and expense claims are out of reach, through the app
and through hand-written SQL as their own role; and every one of those tables moves the change
counter on PostgreSQL."""

from __future__ import annotations

import psycopg
import pytest

from crmtui.db.dialects.changes import WATCHED_TABLES
from tests.cli_runner import crm, crm_json
from tests.team.conftest import Team
from tests.team.test_team_rls import as_user

# (table, how to pick Alice's rows in it)
ALICES_ROWS = (
    ("sales_order", "customer_id = %(cid)s"),
    ("order_line", "order_id IN (SELECT id FROM sales_order WHERE customer_id = %(cid)s)"),
    ("payment", "customer_id = %(cid)s"),
    ("payment_allocation", "amount > 0"),
    ("complaint", "customer_id = %(cid)s"),
    ("complaint_step", "complaint_id > 0"),
    ("expense_claim", "id > 0"),
    ("expense_line", "claim_id > 0"),
    ("saved_query", "id > 0"),
)
# the column an UPDATE sets to itself (tables without timestamps)
TOUCHED = {"order_line": "quantity", "payment_allocation": "amount"}


def _alice_business(monkeypatch: pytest.MonkeyPatch, team: Team) -> int:
    """Alice's customer with an order, a payment on it, a complaint, an expense, a query."""
    as_user(monkeypatch, team, team.alice)
    cid = int(crm_json("add-customer", "上海宏达机械有限公司", "--phone", "+86 21 5555 0101")["id"])
    crm("product", "add", "数控机床", "--code", "P-100", "--price", "120000")
    crm("order", "add", str(cid), "--line", "P-100 1", "--confirm")
    crm("pay", str(cid), "50000", "--ref", "BANK-1")
    crm("complaint", "add", str(cid), "--said", "机器坏了", "--severity", "critical")
    crm("complaint", "step", "1", "2", "--note", "道歉")
    crm("expense", "add", "2026-11-20", "travel", "680", "--customer", str(cid))
    crm("query", "save", "mine", "city:上海")
    return cid


def _counts(dsn: str, cid: int) -> dict[str, int]:
    with psycopg.connect(dsn) as conn:
        return {
            table: conn.execute(
                f"SELECT count(*) FROM {table} WHERE {where}",  # type: ignore[arg-type]
                {"cid": cid},
            ).fetchone()[0]  # type: ignore[index]
            for table, where in ALICES_ROWS
        }


def test_another_salespersons_orders_payments_and_complaints_are_out_of_reach(monkeypatch, team):
    cid = _alice_business(monkeypatch, team)
    owned = _counts(team.dsn(team.alice), cid)
    assert all(n >= 1 for n in owned.values()), owned
    with psycopg.connect(team.dsn(team.bob), autocommit=True) as conn:
        for table, where in ALICES_ROWS:
            args = {"cid": cid}
            seen = conn.execute(f"SELECT count(*) FROM {table} WHERE {where}", args)  # type: ignore[arg-type]
            assert seen.fetchone() == (0,), table
            column = TOUCHED.get(table, "created_at")
            changed = conn.execute(
                f"UPDATE {table} SET {column} = {column} WHERE {where}",  # type: ignore[arg-type]
                args,
            )
            assert changed.rowcount == 0, table
            gone = conn.execute(f"DELETE FROM {table} WHERE {where}", args)  # type: ignore[arg-type]
            assert gone.rowcount == 0, table
        # Nor can Bob hang a payment or a complaint of his own on Alice's customer.
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO payment (customer_id, amount, paid_on, created_at, updated_at) "
                "VALUES (%s, 100, '2026-11-23', now(), now())",
                (cid,),
            )
    # Through the app, as Bob: nothing of it is listed or shown, nothing can be changed.
    as_user(monkeypatch, team, team.bob)
    assert crm_json("orders") == []
    assert crm_json("payments") == []
    assert crm_json("complaints") == []
    assert crm_json("expense", "list") == []
    assert crm_json("query", "list") == []
    for args in (("order", "show", "1"), ("complaint", "show", "1"), ("expense", "show", "1")):
        refused = crm(*args, ok=False)
        assert refused.exit_code == 1 and "Traceback" not in refused.output, args
    assert crm("complaint", "close", "1", ok=False).exit_code == 1
    assert crm("order", "cancel", "1", ok=False).exit_code == 1
    # Alice's rows are all still there, untouched; the manager sees them too.
    assert _counts(team.dsn(team.alice), cid) == owned
    assert _counts(team.dsn(team.boss), cid) == owned


def test_bob_keeps_his_own_expense_claims_and_queries(monkeypatch, team):
    _alice_business(monkeypatch, team)
    as_user(monkeypatch, team, team.bob)
    crm("expense", "add", "2026-11-21", "meals", "120")
    crm("query", "save", "bobs", "city:北京")
    crm("query", "save", "mine", "city:广州")  # Alice has one of that name: each has their own
    assert [q["name"] for q in crm_json("query", "list")] == ["bobs", "mine"]
    assert len(crm_json("expense", "list")) == 1
    with psycopg.connect(team.dsn(team.boss)) as conn:
        owners = conn.execute("SELECT owner FROM expense_claim ORDER BY id").fetchall()
    assert owners == [(team.alice,), (team.bob,)]


def test_every_watched_table_moves_the_counter_on_postgresql(team):
    with psycopg.connect(team.server.dsn(team.database)) as conn:
        rows = conn.execute(
            "SELECT DISTINCT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname LIKE 'change_counter_%'"
        ).fetchall()
    assert {r[0] for r in rows} >= set(WATCHED_TABLES)
