"""公海: a customer its owner left untouched for pool_after_days returns to the shared pool,
where a colleague sees it and may take it; the time is the app's clock (CRM_NOW)."""

from __future__ import annotations

import psycopg

from tests.cli_runner import crm, crm_json
from tests.team.test_team_rls import as_user

LATER = "2027-03-01T10:00:00+08:00"  # 98 days after the pinned now of tests/conftest.py


def test_an_untouched_customer_returns_to_the_pool_and_a_touched_one_stays(monkeypatch, isolated):
    crm("add-customer", "上海宏达机械有限公司")
    crm("add-customer", "Acme Pumps")
    monkeypatch.setenv("CRM_NOW", "2027-01-10T10:00:00+08:00")
    crm("log", "2", "--outcome", "reached")
    monkeypatch.setenv("CRM_NOW", LATER)
    shown = crm_json("team", "pool")
    assert (shown["released"], shown["days"], shown["total"]) == (1, 90, 1)
    assert [c["id"] for c in shown["customers"]] == [1]
    assert crm_json("team", "pool")["released"] == 0  # once only
    # the protection period is a setting
    (isolated / "config.toml").write_text("pool_after_days = 30\n", encoding="utf-8")
    monkeypatch.setenv("CRM_NOW", "2027-03-15T10:00:00+08:00")
    assert "1 customer returned to the pool after 30 days" in crm("team", "pool").stdout


def test_on_a_team_database_a_colleague_sees_and_takes_a_lapsed_customer(monkeypatch, team):
    as_user(monkeypatch, team, team.alice)
    cid = crm_json("add-customer", "上海宏达机械有限公司", "--phone", "+86 21 5555 0101")["id"]
    kept = crm_json("add-customer", "北京华联商贸有限公司")["id"]
    assert "return to the pool (公海)" in crm("whoami").stdout
    monkeypatch.setenv("CRM_NOW", "2027-01-10T10:00:00+08:00")
    crm("log", str(kept), "--outcome", "reached")
    as_user(monkeypatch, team, team.bob)
    monkeypatch.setenv("CRM_NOW", "2027-02-20T10:00:00+08:00")  # 89 days: still protected
    assert crm_json("team", "pool")["released"] == 0
    assert crm_json("customers") == []
    monkeypatch.setenv("CRM_NOW", LATER)
    shown = crm_json("team", "pool")
    assert (shown["released"], [c["id"] for c in shown["customers"]]) == (1, [cid])
    assert [c["id"] for c in crm_json("customers")] == [cid]
    assert f"→ {team.bob}" in crm("assign", str(cid), team.bob).stdout
    as_user(monkeypatch, team, team.alice)
    assert [c["id"] for c in crm_json("customers")] == [kept]
    with psycopg.connect(team.dsn(team.boss)) as conn:
        log = conn.execute(
            "SELECT from_owner, to_owner, by FROM ownership_change WHERE customer_id = %s "
            "ORDER BY id",
            (cid,),
        ).fetchall()
    assert log == [(team.alice, None, team.bob), (None, team.bob, team.bob)]
