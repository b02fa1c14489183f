"""After the sale in the full-screen app: the desktop's complaint and service panels, the card's
Service tab and header warning, and the complaint forms walking the six steps."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Label, Select, Static

from crmtui.app import CrmApp
from crmtui.db.engine import open_database
from crmtui.screens.card import CardScreen
from crmtui.widgets.complaint_forms import ComplaintStepForm, NewComplaintForm
from crmtui.widgets.panel_table import PanelTable
from tests.tui.tui_helpers import settle, static_text, table_text, wait_for


def _one(db: Path, sql: str, **params: Any) -> Any:
    with open_database(str(db)).reader() as reader:
        return reader.one(sql, params)


def _critical(db: Path) -> Any:
    return _one(db, "SELECT id, customer_id FROM complaint WHERE severity = 'critical'")


async def _card(pilot: Any, customer_id: int) -> CardScreen:
    await settle(pilot)
    pilot.app.open_card(customer_id)
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, CardScreen) and screen.card is not None
    return screen


async def test_the_desktop_shows_open_complaints_and_services_due(demo_db: Path) -> None:
    app = CrmApp()
    async with app.run_test(size=(120, 60)) as pilot:
        await settle(pilot)
        complaints = app.screen.query_one("#complaints", PanelTable)
        assert await wait_for(pilot, lambda: bool(table_text(complaints)))
        rows = table_text(complaints)
        assert rows[0].startswith("critical") and rows[1].startswith("high")
        services = table_text(app.screen.query_one("#services", PanelTable))
        assert any("maintenance" in row for row in services)


async def test_the_card_warns_and_its_service_tab_walks_the_steps(demo_db: Path) -> None:
    critical = _critical(demo_db)
    app = CrmApp()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _card(pilot, critical["customer_id"])
        header = static_text(screen.query_one("#card-header", Static))
        assert "1 high or critical complaint open" in header
        await pilot.press("8")  # the Service tab comes after Orders (6) and Money (7)
        table = screen.query_one("#service-table", PanelTable)
        assert table_text(table)[0].startswith("critical")
        text = static_text(screen.query_one("#service-text", Static))
        assert "1. let the customer vent" in text and "→ 2. apologise" in text
        await pilot.press("enter")
        form = app.screen
        assert isinstance(form, ComplaintStepForm)
        assert form.query_one("#f-step", Select).value == 2
        assert "Apologise for the trouble" in str(form.query_one("#guidance", Label).render())
        await pilot.press(*"sorry, we understand", "ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        # close without a satisfaction level: refused, nothing written
        screen.action_tab("service")
        await pilot.press("enter")
        form = app.screen
        assert isinstance(form, ComplaintStepForm)
        form.query_one("#f-step", Select).value = "close"
        await pilot.pause()
        assert "satisfaction is required" in str(form.query_one("#guidance", Label).render())
        await pilot.press(*"fixed", "ctrl+s")
        await settle(pilot)
        assert app.screen is form, "not closed without the customer's satisfaction"
        form.query_one("#f-satisfaction", Select).value = 4
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert await wait_for(
            pilot,
            lambda: "complaint open" not in static_text(screen.query_one("#card-header", Static)),
        )
    row = _one(
        demo_db, "SELECT status, satisfaction FROM complaint WHERE id = :id", id=critical["id"]
    )
    assert (row["status"], row["satisfaction"]) == ("closed", 4)
    steps = _one(
        demo_db,
        "SELECT count(*) AS n FROM complaint_step WHERE complaint_id = :id",
        id=critical["id"],
    )
    assert steps["n"] == 3  # step 1, step 2, the close


async def test_k_records_a_new_complaint_with_the_first_steps_guidance(demo_db: Path) -> None:
    customer = _one(
        demo_db,
        "SELECT id FROM customer WHERE id NOT IN (SELECT customer_id FROM "
        "complaint) ORDER BY id LIMIT 1",
    )["id"]
    app = CrmApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await _card(pilot, customer)
        await pilot.press("k")
        form = app.screen
        assert isinstance(form, NewComplaintForm)
        await pilot.press(*"货不对板", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CardScreen)
    row = _one(
        demo_db, "SELECT said, status, step FROM complaint WHERE customer_id = :c", c=customer
    )
    assert (row["said"], row["status"], row["step"]) == ("货不对板", "open", 1)
