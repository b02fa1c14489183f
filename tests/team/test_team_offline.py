"""Working offline: a laptop's SQLite database and the team's PostgreSQL exchange JSON exports
(``crm export --format json --since DAY`` / ``crm import``) without duplicates."""

from __future__ import annotations

import json

import psycopg

from tests.cli_runner import crm, crm_json
from tests.team.conftest import Team


def _on_laptop(monkeypatch, tmp_path, user: str, name: str = "laptop.db") -> None:
    monkeypatch.delenv("CRM_DATABASE_URL", raising=False)
    monkeypatch.setenv("CRM_DB", str(tmp_path / name))
    monkeypatch.setenv("CRM_USER", user)


def _on_team(monkeypatch, team: Team, user: str) -> None:
    monkeypatch.setenv("CRM_DATABASE_URL", team.url(user))


def _names(team: Team, user: str) -> list[str]:
    with psycopg.connect(team.dsn(user)) as conn:
        return [r[0] for r in conn.execute("SELECT name FROM customer ORDER BY name")]


def test_export_since_a_day_holds_only_what_changed_with_all_its_records(monkeypatch, tmp_path):
    monkeypatch.setenv("CRM_NOW", "2026-10-01T10:00:00+08:00")
    crm("add-customer", "Old Quiet Ltd")
    crm("add-customer", "Old But Called Ltd")
    crm("add-contact", "Old But Called", "陈静")
    monkeypatch.setenv("CRM_NOW", "2026-11-20T10:00:00+08:00")
    crm("add-customer", "New Ltd", "--phone", "+86 21 5555 0199")
    crm("log", "Old But Called", "--outcome", "reached")
    out = tmp_path / "changes.json"
    crm("export", "--format", "json", "--since", "2026-11-01", "-o", str(out))
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert sorted(c["name"] for c in doc["customers"]) == ["New Ltd", "Old But Called Ltd"]
    assert [p["name"] for p in doc["contacts"]] == ["陈静"]  # unchanged, but under a chosen one
    assert len(doc["activities"]) == 1 and doc["since"].startswith("2026-10-31T16:00:00")
    assert all(len(c["uuid"]) == 36 for c in doc["customers"])
    everything = json.loads(crm("export", "--format", "json").stdout)
    assert len(everything["customers"]) == 3
    refused = crm("export", "--format", "json", "--since", "last week", ok=False)
    assert refused.exit_code == 1 and "not a date" in refused.stderr


def test_laptop_to_team_and_back_without_duplicates(monkeypatch, tmp_path, team):
    _on_laptop(monkeypatch, tmp_path, team.alice)
    crm("add-customer", "上海宏达机械有限公司", "--phone", "+86 21 5555 0101")
    crm("add-contact", "宏达", "王丽")
    crm("log", "宏达", "--outcome", "reached", "--note", "met at the fair")
    changes = tmp_path / "alice.json"
    crm("export", "--format", "json", "--since", "2026-11-01", "-o", str(changes))

    _on_team(monkeypatch, team, team.alice)
    crm("import", str(changes), "--on-duplicate", "skip")
    crm("import", str(changes), "--on-duplicate", "skip")  # twice: nothing twice
    assert _names(team, team.boss) == ["上海宏达机械有限公司"]
    card = crm_json("show", "宏达")
    assert [a["note"] for a in card["history"]] == ["met at the fair"]
    assert len(card["contacts"]) == 1
    with psycopg.connect(team.dsn(team.boss)) as conn:
        owner = conn.execute("SELECT owner FROM customer").fetchone()
    assert owner == (team.alice,)

    # Bob met the same company on the road: his copy is not added, and he learns whose it is.
    _on_laptop(monkeypatch, tmp_path, team.bob, "bob.db")
    crm("add-customer", "上海宏达机械", "--phone", "021 5555 0101")
    crm("add-customer", "杭州新客户有限公司")
    bobs = tmp_path / "bob.json"
    crm("export", "--format", "json", "-o", str(bobs))
    _on_team(monkeypatch, team, team.bob)
    report = crm_json("import", str(bobs), "--on-duplicate", "skip")
    assert [s["reason"] for s in report["skipped"]] == [f"owned by {team.alice} since 2026-11-23"]
    assert [c["name"] for c in crm_json("customers")] == ["杭州新客户有限公司"]
    assert sorted(_names(team, team.boss)) == ["上海宏达机械有限公司", "杭州新客户有限公司"]

    # Back to a laptop: the team's records come home, once.
    _on_team(monkeypatch, team, team.alice)
    home = tmp_path / "from-team.json"
    crm("export", "--format", "json", "--since", "2026-11-01", "-o", str(home))
    _on_laptop(monkeypatch, tmp_path, team.alice, "fresh.db")
    crm("import", str(home))
    crm("import", str(home), "--on-duplicate", "skip")
    assert [c["name"] for c in crm_json("customers")] == ["上海宏达机械有限公司"]
    assert len(crm_json("show", "宏达")["history"]) == 1
