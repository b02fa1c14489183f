"""Team mode on PostgreSQL: owners, row-level security in the database, no 撞单, assignment."""

from __future__ import annotations

import psycopg
import pytest

from tests.cli_runner import crm, crm_json
from tests.team.conftest import Team


def as_user(monkeypatch: pytest.MonkeyPatch, team: Team, user: str) -> None:
    monkeypatch.setenv("CRM_DATABASE_URL", team.url(user))


def _alice_customer(monkeypatch: pytest.MonkeyPatch, team: Team) -> int:
    as_user(monkeypatch, team, team.alice)
    cid = crm_json(
        "add-customer",
        "上海宏达机械有限公司",
        "--phone",
        "+86 21 5555 0101",
        "--email",
        "buyer@hongda.example",
    )["id"]
    crm("add-contact", str(cid), "王丽", "--phone", "+86 139 0000 0001")
    crm("log", str(cid), "--outcome", "reached", "--note", "price list sent")
    crm("opp", "add", str(cid), "Pumps", "--amount", "50000")
    return int(cid)


def test_whoami_names_the_role_and_says_manager_or_not(monkeypatch, team):
    as_user(monkeypatch, team, team.alice)
    assert crm_json("whoami") == {
        "user": team.alice,
        "manager": False,
        "admin": False,
        "backend": "postgresql",
        "team": True,
    }
    assert "salesperson" in crm("whoami").stdout
    as_user(monkeypatch, team, team.boss)
    assert crm_json("whoami")["manager"] is True
    monkeypatch.setenv("CRM_DATABASE_URL", team.admin_url)
    assert "administrator" in crm("whoami").stdout


def test_another_salesperson_cannot_read_or_change_it_even_with_raw_sql(monkeypatch, team):
    cid = _alice_customer(monkeypatch, team)
    with psycopg.connect(team.dsn(team.bob), autocommit=True) as conn:
        for table, column in (
            ("customer", "id"),
            ("contact", "customer_id"),
            ("activity", "customer_id"),
            ("opportunity", "customer_id"),
            ("search_doc", "customer_id"),
        ):
            seen = conn.execute(f"SELECT count(*) FROM {table} WHERE {column} = %s", (cid,))
            assert seen.fetchone() == (0,), table
            assert (
                conn.execute(
                    f"UPDATE {table} SET {column} = {column} WHERE {column} = %s", (cid,)
                ).rowcount
                == 0
            ), table
            assert conn.execute(f"DELETE FROM {table} WHERE {column} = %s", (cid,)).rowcount == 0, (
                table
            )
        # Nor can B give himself the customer or insert under it.
        assert (
            conn.execute("UPDATE customer SET owner = current_user WHERE id = %s", (cid,)).rowcount
            == 0
        )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO note (customer_id, body, pinned, created_at, updated_at) "
                "VALUES (%s, 'x', false, now(), now())",
                (cid,),
            )
    # ...and the app, connected as B, sees nothing of it.
    as_user(monkeypatch, team, team.bob)
    assert crm_json("customers") == []
    refused = crm("show", str(cid), ok=False)
    assert refused.exit_code == 1 and "Traceback" not in refused.output
    assert crm_json("customers", "--search", "hongda") == []
    # The owner and the manager still see everything, untouched.
    for user in (team.alice, team.boss):
        with psycopg.connect(team.dsn(user)) as conn:
            assert conn.execute(
                "SELECT count(*) FROM activity WHERE customer_id = %s", (cid,)
            ).fetchone() == (1,)
            assert conn.execute("SELECT name FROM customer WHERE id = %s", (cid,)).fetchone() == (
                "上海宏达机械有限公司",
            )


def test_a_duplicate_of_another_owners_customer_is_refused_with_the_owner_only(monkeypatch, team):
    _alice_customer(monkeypatch, team)
    as_user(monkeypatch, team, team.bob)
    attempts = [
        ("上海宏达机械 有限公司",),  # a close company name
        ("Hongda", "--phone", "021-5555-0101"),  # the same phone, written another way
        ("Hongda Machinery", "--email", "BUYER@hongda.example"),
    ]
    for args in attempts:
        refused = crm("add-customer", *args, ok=False)
        assert refused.exit_code == 1
        assert refused.stderr.strip() == (
            f"error: owned by {team.alice} since 2026-11-23 — ask them or your manager"
        )
    assert crm_json("customers") == []  # nothing written
    # The same 统一社会信用代码 is refused too; a different customer is not.
    as_user(monkeypatch, team, team.alice)
    crm("add-customer", "Acme Pumps", "--credit-code", "91310000MA1FL0000X")
    as_user(monkeypatch, team, team.bob)
    refused = crm("add-customer", "Acme", "--credit-code", "91310000ma1fl0000x", ok=False)
    assert "owned by" in refused.stderr
    crm("add-customer", "北京华联商贸有限公司", "--phone", "+86 10 6666 0101")
    assert [c["name"] for c in crm_json("customers")] == ["北京华联商贸有限公司"]


def test_assign_moves_the_customer_with_its_history_and_is_logged(monkeypatch, team):
    cid = _alice_customer(monkeypatch, team)
    # A salesperson cannot take another's customer by assigning it.
    as_user(monkeypatch, team, team.bob)
    assert crm("assign", str(cid), team.bob, ok=False).exit_code == 1
    as_user(monkeypatch, team, team.boss)
    out = crm("assign", str(cid), team.bob).stdout
    assert f"{team.alice} → {team.bob}" in out
    refused = crm("assign", str(cid), "nobody_here", ok=False)
    assert "not a user" in refused.stderr
    as_user(monkeypatch, team, team.bob)
    card = crm_json("show", str(cid))
    assert [a["outcome"] for a in card["history"]] == ["reached"]
    assert len(card["contacts"]) == 1
    as_user(monkeypatch, team, team.alice)
    assert crm_json("customers") == []
    with psycopg.connect(team.dsn(team.boss)) as conn:
        log = conn.execute(
            "SELECT from_owner, to_owner, by FROM ownership_change WHERE customer_id = %s",
            (cid,),
        ).fetchall()
    assert log == [(team.alice, team.bob, team.boss)]


def test_records_carry_uuid_and_who_changed_them_last(monkeypatch, team):
    cid = _alice_customer(monkeypatch, team)
    as_user(monkeypatch, team, team.boss)
    crm("edit-customer", str(cid), "--city", "上海")
    with psycopg.connect(team.dsn(team.boss)) as conn:
        row = conn.execute(
            "SELECT uuid, updated_by, owner FROM customer WHERE id = %s", (cid,)
        ).fetchone()
        contact = conn.execute(
            "SELECT uuid, updated_by FROM contact WHERE customer_id = %s", (cid,)
        ).fetchone()
    assert row is not None and len(row[0]) == 36 and row[1:] == (team.boss, team.alice)
    assert contact is not None and len(contact[0]) == 36 and contact[1] == team.alice
