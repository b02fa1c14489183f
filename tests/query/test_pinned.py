"""Saved queries pinned on the desktop, and the monthly 80/20 reminder in ``crm today``."""

from __future__ import annotations

from typing import Any

import pytest

from tests.cli_runner import crm, crm_json


def test_a_pinned_query_is_a_desktop_panel(things: dict[str, int]) -> None:
    crm("query", "save", "欠款", "is:unpaid", "--over", "orders")
    crm("query", "save", "上海", "city:上海 sort:name")
    assert crm_json("today")["pinned_queries"] == []
    assert "pinned 欠款 on the desktop" in crm("query", "pin", "欠款").stdout
    crm("query", "pin", "上海")
    panels = {p["name"]: p for p in crm_json("today")["pinned_queries"]}
    assert panels["欠款"]["total"] == 1 and panels["欠款"]["target"] == "orders"
    (row,) = panels["欠款"]["rows"]
    assert row["id"] == things["o_open"] and row["label"].endswith("· Acme Tools")
    assert [r["label"] for r in panels["上海"]["rows"]] == ["上海宏达机械有限公司", "张伟"]
    text = crm("today").stdout
    assert "欠款 (1)" in text and "上海 (2)" in text
    assert [q["pinned"] for q in crm_json("query", "list")] == [True, True]
    crm("query", "unpin", "欠款")
    assert [p["name"] for p in crm_json("today")["pinned_queries"]] == ["上海"]
    missing = crm("query", "pin", "nothing", ok=False)
    assert missing.exit_code == 1 and missing.stderr.count("\n") == 1


@pytest.fixture
def graded(db: Any) -> None:
    """One customer graded C whose sales make it A: the suggestion differs."""
    from crmtui.services.sales.write import create_opportunity
    from tests.helpers import add_customer, now

    cid = add_customer(db, "宏达", grade="C")
    with db.session() as s:
        create_opportunity(s, now=now(), customer_id=cid, title="d", amount=10_000, stage="won")


def test_the_grade_reminder_until_applied_or_dismissed(graded: None, monkeypatch: Any) -> None:
    assert crm_json("today")["grade_reminder"] == {"month": "2026-11", "changes": 1}
    assert "crm grade dismiss hides this until next month" in crm("today").stdout
    crm("grade", "dismiss")
    assert crm_json("today")["grade_reminder"] is None
    # next month it comes back while the grades still differ
    monkeypatch.setenv("CRM_NOW", "2026-12-02T10:00:00+08:00")
    assert crm_json("today")["grade_reminder"] == {"month": "2026-12", "changes": 1}
    crm("grade", "suggest", "--apply")
    assert crm_json("today")["grade_reminder"] is None


def test_the_grade_reminder_is_worked_out_once_a_day(
    graded: None, db: Any, monkeypatch: Any
) -> None:
    """The 80/20 pass is too dear for every crm today after a write: it holds until midnight."""
    from crmtui.services.sales.write import create_opportunity
    from tests.helpers import add_customer, now

    assert crm_json("today")["grade_reminder"]["changes"] == 1
    cid = add_customer(db, "远航", grade="C")
    with db.session() as s:
        create_opportunity(s, now=now(), customer_id=cid, title="d", amount=20_000, stage="won")
    assert crm_json("today")["grade_reminder"]["changes"] == 1  # the same day: as worked out
    monkeypatch.setenv("CRM_NOW", "2026-11-24T10:00:00+08:00")
    assert crm_json("today")["grade_reminder"]["changes"] == 2


async def test_the_app_desktop_shows_pinned_queries_and_enter_opens_the_card(
    things: dict[str, int],
) -> None:
    from crmtui.app import CrmApp
    from crmtui.screens.card import CardScreen
    from crmtui.widgets.panel_table import PanelTable
    from tests.tui.tui_helpers import settle, wait_for

    crm("query", "save", "欠款", "is:unpaid", "--over", "orders")
    crm("query", "pin", "欠款")
    app = CrmApp()
    async with app.run_test(size=(120, 60)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert await wait_for(pilot, lambda: "queries" in screen.parts)  # type: ignore[attr-defined]
        table = screen.query_one("#queries", PanelTable)
        assert screen.query_one("#queries-row").display
        assert "欠款 1" in str(table.border_title)
        table.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CardScreen)
