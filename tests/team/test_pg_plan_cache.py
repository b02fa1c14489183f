"""The kept day plan on PostgreSQL: ``crm plan`` and ``crm today`` read it back while nothing
changed, as on SQLite (a server database used to compute the plan on every run, which made
both commands several times slower than on SQLite), and never serve one user another's."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from crmtui.db.engine import open_database
from tests.cli_runner import crm, crm_json
from tests.counting import count_calls
from tests.team.conftest import Team


@pytest.fixture
def computed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times a plan was computed (not read back)."""
    from crmtui.services.planning import day_plan

    return count_calls(monkeypatch, day_plan, "planned_day")


def _fresh_plan(isolated: Path) -> Any:
    """``crm plan --json`` with no kept plans at all."""
    shutil.rmtree(isolated / "data" / "plans", ignore_errors=True)
    return crm_json("plan")


def test_the_plan_is_kept_and_a_write_ends_it(pg_url, monkeypatch, isolated, computed):
    monkeypatch.setenv("CRM_DATABASE_URL", pg_url)
    crm("demo", "--size", "200")
    first = crm_json("plan")
    assert first["calls"], "the demo data has calls to plan"
    assert crm_json("plan") == first
    today = crm_json("today")
    assert [c["customer_id"] for c in today["today_calls"]] == [
        c["customer_id"] for c in first["calls"]
    ]
    assert len(computed) == 1
    assert list((isolated / "data" / "plans").glob("server-*.db"))
    crm("log", str(first["calls"][0]["customer_id"]), "--outcome", "reached")
    after = crm_json("plan")
    assert len(computed) == 2
    assert after != first, "the call logged changes the plan, so a stale one would be caught"
    assert after == _fresh_plan(isolated)


def test_each_user_has_a_plan_of_their_own(team: Team, monkeypatch, computed):
    identities = set()
    for user in (team.alice, team.bob):
        monkeypatch.setenv("CRM_DATABASE_URL", team.url(user))
        crm("plan")
        database = open_database()
        with database.reader() as reader:
            identities.add(reader.server_identity())
        database.dispose()
    assert len(identities) == 2 and None not in identities
    assert len(computed) == 2  # bob's plan was not alice's, read back
