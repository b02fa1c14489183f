"""The customer list's search box takes a query: a leading ':' or a known field name."""

from __future__ import annotations

from pathlib import Path

from crmtui import clock
from crmtui.app import CrmApp
from crmtui.db.engine import open_database
from crmtui.screens.customers import CustomersScreen
from crmtui.services.query.run import matching_ids
from crmtui.widgets.customer_list import CustomerList
from tests.tui.tui_helpers import settle, wait_for


def _ids(db: Path, query: str) -> set[int]:
    with open_database(str(db)).reader() as reader:
        return matching_ids(reader, query, now=clock.now(), tz=clock.user_zone())


async def test_the_search_box_runs_a_query(demo_db: Path) -> None:
    app = CrmApp()
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, CustomersScreen)
        expected = _ids(demo_db, "city:上海 grade:A,B")
        assert expected, "the demo has such customers"
        screen.query_one("#search").value = "城市：上海 等级：A,B"  # type: ignore[attr-defined]
        assert await wait_for(pilot, lambda: screen.counted)
        await settle(pilot)
        listing = screen.query_one(CustomerList)
        assert listing.total == len(expected)
        shown = {listing.row(i)["id"] for i in range(listing.total)}  # type: ignore[index]
        assert shown == expected
        # a query still being typed is not run: the status line says what it lacks
        screen.query_one("#search").value = "city:"  # type: ignore[attr-defined]
        await settle(pilot)
        status = str(screen.query_one("#status").render())
        assert "give a value after the ':'" in status
        assert listing.total == len(expected), "the last good answer stays"
