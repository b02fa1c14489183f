"""The today desktop: panels, opening cards, the first-run panel, logging today's first call."""

from __future__ import annotations

from pathlib import Path

import pytest

from crmtui.app import CrmApp
from crmtui.db.engine import open_database
from crmtui.screens.card import CardScreen
from crmtui.screens.today import TodayScreen
from crmtui.widgets.activity_forms import LogActivityForm
from crmtui.widgets.panel_table import PanelTable
from tests.tui.tui_helpers import settle, table_text, wait_for


async def test_desktop_shows_every_panel(demo_db: Path) -> None:
    app = CrmApp()
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TodayScreen)
        assert screen.parts == {"main", "plan", "more", "month", "queries"}
        # the demo's grades differ from the 80/20 suggestion: the monthly reminder shows
        assert screen.query_one("#grade-reminder").display
        calls = screen.query_one("#calls", PanelTable)
        assert calls.has_focus
        assert screen.planned, "today's calls come from the call planner"
        assert calls.records and all(r["goal"] for r in calls.records)
        times = [r["at"] for r in calls.records]
        assert times == sorted(times), "in planned order"
        week = screen.query_one("#week", PanelTable)
        flags = [r["action"]["overdue"] for r in week.records]
        assert flags == sorted(flags, reverse=True), "overdue actions come first"
        assert table_text(week)[0].startswith("overdue")
        for key in ("birthdays", "recent-customers", "recent-contacts", "recent-opps", "pinned"):
            assert screen.query_one(f"#{key}", PanelTable).records, key
        assert not screen.query_one("#first-run").display


async def test_enter_opens_the_card_and_escape_comes_back(demo_db: Path) -> None:
    app = CrmApp()
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        first = app.screen.query_one("#calls", PanelTable).records[0]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CardScreen)
        assert app.screen.customer_id == first["customer_id"]
        assert app.screen.card is not None
        await pilot.press("escape")
        assert isinstance(app.screen, TodayScreen)


async def test_tab_and_arrows_move_between_panels(demo_db: Path) -> None:
    app = CrmApp()
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        assert app.focused is not None and app.focused.id == "calls"
        await pilot.press("tab")
        assert app.focused.id == "week"
        await pilot.press("left")
        assert app.focused.id == "calls"
        await pilot.press("right", "right")
        assert app.focused.id == "birthdays"
        await pilot.press("up")  # at the top row the arrow leaves the panel
        assert app.focused.id == "week"


async def test_log_first_call_in_three_keys(demo_db: Path) -> None:
    """``l``, a digit for the outcome, the note, Enter: the first planned call is done."""
    app = CrmApp()
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        call = app.screen.query_one("#calls", PanelTable).records[0]
        assert "follow-up" in call["kinds"] and call["refs"]  # an overdue follow-up call
        await pilot.press("l")
        assert isinstance(app.screen, LogActivityForm)
        await pilot.press("3")  # busy
        await pilot.press(*"after 2pm")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
    with open_database(str(demo_db)).reader() as reader:
        row = reader.one(
            "SELECT done_at, outcome, note FROM activity WHERE id = :id", {"id": call["refs"][0]}
        )
    assert row is not None and row["done_at"] is not None, "the planned follow-up is completed"
    assert row["outcome"] == "busy"
    assert row["note"].endswith("after 2pm")


async def test_logging_a_plan_call_without_a_follow_up_logs_a_new_call(demo_db: Path) -> None:
    app = CrmApp()
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        calls = app.screen.query_one("#calls", PanelTable)
        index, call = next(
            (i, c) for i, c in enumerate(calls.records) if "follow-up" not in c["kinds"]
        )
        calls.move_cursor(row=index)
        await pilot.press("l", "1", "enter")
        await settle(pilot)
    with open_database(str(demo_db)).reader() as reader:
        row = reader.one(
            "SELECT kind, outcome, contact_id FROM activity WHERE customer_id = :c "
            "ORDER BY id DESC LIMIT 1",
            {"c": call["customer_id"]},
        )
    assert row is not None and (row["kind"], row["outcome"]) == ("call", "reached")
    assert row["contact_id"] == call["contact_id"]


async def test_first_run_offers_demo_data(empty_db: Path) -> None:
    app = CrmApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TodayScreen)
        assert screen.query_one("#first-run").display
        assert not screen.query_one("#desk").display
        await pilot.press("d")
        assert await wait_for(pilot, lambda: not screen.empty, timeout=10)
        await settle(pilot)
        assert screen.query_one("#desk").display
        assert screen.query_one("#recent-customers", PanelTable).records


async def test_first_run_add_customer_in_two_keys(empty_db: Path) -> None:
    app = CrmApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.press(*"王小明")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CardScreen)
        assert app.screen.card is not None and app.screen.card["name"] == "王小明"


async def test_the_write_path_warms_up_once_every_panel_is_filled(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Importing SQLModel holds the interpreter lock the panel workers need: it starts when
    the last panel arrived, not with the first."""
    warmed: list[set[str]] = []
    original = CrmApp.desktop_filled

    def recording(self: CrmApp) -> None:
        screen = self.screen
        warmed.append(set(screen.parts) if isinstance(screen, TodayScreen) else set())
        original(self)

    monkeypatch.setattr(CrmApp, "desktop_filled", recording)
    app = CrmApp()
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        assert await wait_for(pilot, lambda: bool(app.saved_queries) or bool(warmed))
        assert warmed[0] == {"main", "plan", "more", "month", "queries"}
