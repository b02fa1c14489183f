"""Saved queries and reports in the full-screen app: the palette lists them, a saved query fills
the customer list's search box, the reports screen shows the tables with plotext charts."""

from __future__ import annotations

from pathlib import Path

from textual_plotext import PlotextPlot

from crmtui.app import CrmApp
from crmtui.screens.customers import CustomersScreen
from crmtui.screens.reports import ReportScreen
from crmtui.widgets.customer_list import CustomerList
from tests.cli_runner import crm, crm_json
from tests.tui.tui_helpers import settle, wait_for


async def test_saved_queries_and_reports_in_the_palette(demo_db: Path) -> None:
    crm("query", "save", "上海A", "city:上海 grade:A")
    app = CrmApp()
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        assert await wait_for(pilot, lambda: app.saved_queries == [("上海A", "city:上海 grade:A")])
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Saved query: 上海A" in titles
        assert "Report: funnel" in titles
        app.action_saved_query("city:上海 grade:A")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CustomersScreen)
        assert screen.query_one("#search").value == ":city:上海 grade:A"  # type: ignore[attr-defined]
        assert await wait_for(pilot, lambda: screen.counted)
        listing = screen.query_one(CustomerList)
        rows = [listing.row(i) for i in range(listing.total)]
        assert rows and all(r["city"] == "上海" and r["grade"] == "A" for r in rows if r)


async def test_the_reports_screen_draws_tables_and_charts(demo_db: Path) -> None:
    app = CrmApp()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        app.action_report("funnel")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReportScreen)
        assert await wait_for(pilot, lambda: screen.shown is not None)
        await settle(pilot)
        assert screen.shown is not None and screen.shown.name == "funnel"
        assert len(screen.query(PlotextPlot)) == 2  # by stage, conversion
        await pilot.press("3")
        assert await wait_for(
            pilot, lambda: screen.shown is not None and screen.shown.name == "lost"
        )
        await pilot.press("7")
        assert await wait_for(
            pilot, lambda: screen.shown is not None and screen.shown.name == "expenses"
        )
        await settle(pilot)
        assert len(screen.query(PlotextPlot)) == 3  # by month, category, customer
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ReportScreen)


async def test_saved_queries_dropdown_and_pinning_from_the_palette(demo_db: Path) -> None:
    from textual.widgets import Select

    crm("query", "save", "上海A", "city:上海 grade:A")
    crm("query", "save", "欠款", "is:unpaid", "--over", "orders")
    app = CrmApp()
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        assert await wait_for(pilot, lambda: app.saved_pins == [("上海A", False), ("欠款", False)])
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Pin on the desktop: 欠款" in titles
        assert "Saved query: 欠款" not in titles  # an order query has no customer list to fill
        app.action_pin_query("欠款", True)
        assert crm_json("query", "list")[1]["pinned"] is True
        app.action_go("customers")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CustomersScreen)
        saved = screen.query_one("#saved", Select)
        saved.value = "city:上海 grade:A"
        await settle(pilot)
        assert screen.query_one("#search").value == ":city:上海 grade:A"  # type: ignore[attr-defined]
        assert await wait_for(pilot, lambda: screen.counted)
        listing = screen.query_one(CustomerList)
        rows = [listing.row(i) for i in range(listing.total)]
        assert rows and all(r["city"] == "上海" and r["grade"] == "A" for r in rows if r)
