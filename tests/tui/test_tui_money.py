"""The card's Orders and Money tabs, the order form (total as you type, credit control asked
about) and the payment form, and an order's next steps from its view."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Static, TabbedContent

from crmtui.app import CrmApp
from crmtui.db.engine import open_database
from crmtui.screens.card import CardScreen
from crmtui.widgets.money_forms import OrderForm, PaymentForm
from crmtui.widgets.order_view import OrderView
from crmtui.widgets.panel_table import PanelTable
from tests.tui.tui_helpers import settle, static_text, table_text, wait_for


def _one(db: Path, sql: str, **params: Any) -> Any:
    with open_database(str(db)).reader() as reader:
        return reader.one(sql, params)


async def _card(pilot: Any, customer_id: int) -> CardScreen:
    await settle(pilot)
    pilot.app.open_card(customer_id)
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, CardScreen) and screen.card is not None
    return screen


async def test_orders_and_money_tabs_show_the_customer_s_orders_and_credit(demo_db: Path) -> None:
    row = _one(demo_db, "SELECT customer_id, number FROM sales_order ORDER BY id LIMIT 1")
    app = CrmApp()
    async with app.run_test(size=(120, 35)) as pilot:
        screen = await _card(pilot, row["customer_id"])
        await pilot.press("6")
        assert screen.query_one(TabbedContent).active == "orders"
        orders = screen.query_one("#orders-table", PanelTable)
        await wait_for(pilot, lambda: bool(table_text(orders)))
        assert any(row["number"] in line for line in table_text(orders))
        await pilot.press("7")
        money = static_text(screen.query_one("#money-text", Static))
        assert "used (outstanding)" in money and "ageing" in money


async def test_an_order_over_the_limit_asks_then_is_forced_and_recorded(empty_db: Path) -> None:
    from tests.helpers import add_customer

    database = open_database(str(empty_db))
    cid = add_customer(database, "宏达机械")
    with database.session() as session:
        from crmtui.services.money.credit import set_credit
        from crmtui.services.money.write import add_product
        from tests.helpers import now

        add_product(session, now=now(), name="数控机床", code="P-100", price=120_000_00)
        set_credit(session, customer_id=cid, now=now(), today=now().date(), credit_limit=100_00)
    database.dispose()
    app = CrmApp()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _card(pilot, cid)
        await pilot.press("O")
        form = app.screen
        assert isinstance(form, OrderForm)
        await pilot.press(*"P-100 2")
        await settle(pilot)
        assert "total 240,000 CNY" in static_text(form.query_one("#e-lines", Static))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form, "refused over the credit limit"
        assert "over the credit limit" in static_text(form.query_one("#form-error", Static))
        form.query_one("#f-force").value = True  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
    order = _one(empty_db, "SELECT status, forced, total FROM sales_order")
    assert order["status"] == "confirmed" and "over the credit limit" in order["forced"]
    assert order["total"] == 240_000_00


async def test_a_payment_and_the_order_s_next_step(demo_db: Path) -> None:
    row = _one(
        demo_db,
        "SELECT o.id, o.customer_id, o.number FROM sales_order o WHERE o.status = 'confirmed' "
        "ORDER BY o.id LIMIT 1",
    )
    app = CrmApp()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _card(pilot, row["customer_id"])
        await pilot.press("P")
        form = app.screen
        assert isinstance(form, PaymentForm)
        await pilot.press(*"1", "tab", "tab", "tab", "tab", *row["number"], "tab", "space")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen, static_text(form.query_one("#form-error", Static))
        screen.open_order(screen_order(screen, row["id"]))
        await wait_for(pilot, lambda: isinstance(app.screen, OrderView))
        await pilot.click("#step-ship")
        await settle(pilot)
    status = _one(demo_db, "SELECT status FROM sales_order WHERE id = :id", id=row["id"])
    assert status["status"] == "shipped"
    paid = _one(demo_db, "SELECT amount FROM payment_allocation WHERE order_id = :id", id=row["id"])
    assert paid["amount"] == 100


def screen_order(screen: CardScreen, order_id: int) -> Any:
    table = screen.query_one("#orders-table", PanelTable)
    return next(r["order"] for r in table.records if r["order"].id == order_id)


async def test_the_desktop_shows_overdue_money_and_orders_to_ship(demo_db: Path) -> None:
    app = CrmApp()
    async with app.run_test(size=(120, 60)) as pilot:
        await settle(pilot)
        overdue = app.screen.query_one("#overdue-money", PanelTable)
        await wait_for(pilot, lambda: bool(table_text(overdue)))
        assert "Overdue receivables" in str(overdue.border_title)
        assert "Shipping this week" in str(
            app.screen.query_one("#to-ship", PanelTable).border_title
        )


async def test_the_receivables_screen_sorts_and_opens_the_card(demo_db: Path) -> None:
    app = CrmApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        table = app.screen.query_one("#ageing", PanelTable)
        await wait_for(pilot, lambda: bool(table_text(table)))
        totals = static_text(app.screen.query_one("#ageing-totals", Static))
        assert "not yet due" in totals and "most overdue first" in totals
        await pilot.press("s")
        assert "most owed first" in static_text(app.screen.query_one("#ageing-totals", Static))
        first = table.current()
        assert first is not None
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CardScreen)
        assert app.screen.customer_id == first["customer_id"]
