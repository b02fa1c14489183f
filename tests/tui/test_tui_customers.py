"""The customer list: paged loading, search as you type (pinyin too), filters, opening cards."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Select

from crmtui.app import CrmApp
from crmtui.db.engine import open_database
from crmtui.screens.card import CardScreen
from crmtui.screens.customers import CustomersScreen
from crmtui.services.customers.read import count_customers, list_customers
from crmtui.widgets.customer_list import PAGE, CustomerList
from tests.tui.tui_helpers import list_text, settle, wait_for


def _expected(db: Path, **params: object) -> tuple[int, list[int]]:
    with open_database(str(db)).reader() as reader:
        counted = {k: v for k, v in params.items() if k != "sort"}
        total = count_customers(reader, **counted)  # type: ignore[arg-type]
        ids = [r["id"] for r in list_customers(reader, limit=PAGE, **params)]  # type: ignore[arg-type]
    return total, ids


async def _open_list(pilot) -> CustomersScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("slash")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, CustomersScreen)
    await _counted(pilot, screen)
    return screen


async def _counted(pilot, screen: CustomersScreen) -> None:  # type: ignore[no-untyped-def]
    """Wait for the rows and then the count (which waits for typing to pause)."""
    await settle(pilot)
    assert await wait_for(pilot, lambda: screen.counted)
    await settle(pilot)


async def test_list_loads_one_page_and_more_on_demand(demo_db: Path) -> None:
    app = CrmApp()
    async with app.run_test(size=(120, 35)) as pilot:
        screen = await _open_list(pilot)
        listing = screen.query_one(CustomerList)
        assert listing.total == 200
        assert listing.loaded_rows == PAGE, "only the first page is fetched"
        assert "1 of 200 customers" in str(screen.query_one("#status").render())
        header, first = list_text(listing)[:2]
        assert "Name" in header and "Stage" in header
        total, ids = _expected(demo_db, sort="name")
        assert listing.row(0)["id"] == ids[0]
        await pilot.press("down")  # moves the list while the search box keeps focus
        assert listing.cursor == 1 and screen.query_one("#search").has_focus
        listing.focus()
        await pilot.press("end")
        await settle(pilot)
        assert listing.cursor == 199
        assert listing.row(199) is not None and listing.loaded_rows == 200


async def test_search_by_pinyin_as_you_type(demo_db: Path) -> None:
    total, ids = _expected(demo_db, search="zhang")
    assert 0 < total < 200
    app = CrmApp()
    async with app.run_test(size=(120, 35)) as pilot:
        screen = await _open_list(pilot)
        listing = screen.query_one(CustomerList)
        await pilot.press(*"zhang")
        await _counted(pilot, screen)
        assert listing.total == total
        assert [listing.row(i)["id"] for i in range(min(total, PAGE))] == ids
        assert all(
            "张" in listing.row(i)["name"] or "章" in listing.row(i)["name"] for i in range(total)
        )
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CardScreen)
        assert app.screen.customer_id == ids[0]


async def test_search_with_chinese_and_no_match(demo_db: Path) -> None:
    app = CrmApp()
    async with app.run_test(size=(120, 35)) as pilot:
        screen = await _open_list(pilot)
        listing = screen.query_one(CustomerList)
        await pilot.press(*"qqqqzz")
        await _counted(pilot, screen)
        assert listing.total == 0
        assert "no customers match" in str(screen.query_one("#status").render())
        await pilot.press("enter")  # nothing to open: nothing happens
        assert app.screen is screen
        await pilot.press("ctrl+r")
        await _counted(pilot, screen)
        assert listing.total == 200


async def test_filters_and_sort(demo_db: Path) -> None:
    app = CrmApp()
    async with app.run_test(size=(120, 35)) as pilot:
        screen = await _open_list(pilot)
        listing = screen.query_one(CustomerList)
        screen.query_one("#stage", Select).value = "customer"
        screen.query_one("#grade", Select).value = "A"
        await _counted(pilot, screen)
        total, ids = _expected(demo_db, stage="customer", grade="A")
        assert listing.total == total and listing.row(0)["id"] == ids[0]
        tags = screen.query_one("#tag", Select)
        assert tags._options, "tag options come from the database"
        screen.query_one("#stage", Select).clear()
        screen.query_one("#grade", Select).clear()
        screen.query_one("#sort", Select).value = "last-contact"
        await _counted(pilot, screen)
        total, ids = _expected(demo_db, sort="last-contact")
        assert listing.total == total and listing.row(0)["id"] == ids[0]


async def test_escape_goes_back_to_the_desktop_and_keeps_the_search(demo_db: Path) -> None:
    app = CrmApp()
    async with app.run_test(size=(120, 35)) as pilot:
        screen = await _open_list(pilot)
        await pilot.press(*"zh")
        await pilot.press("escape")
        assert app.current_mode == "today"
        await pilot.press("slash")
        assert await wait_for(pilot, lambda: app.screen is screen)
        assert screen.params()["search"] == "zh"


async def test_a_short_search_reads_a_screenful_then_the_rest_when_scrolled(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 1-3 letter search matches most of the base: its first query reads only the rows the
    list shows at once; the rest of the page comes when the cursor goes past them, the same
    rows in the same order as the whole page of the ordinary query."""
    from crmtui.services.customers import short_search

    monkeypatch.setattr(short_search, "DENSE", 0)  # the demo is small: walk whatever the term
    total, ids = _expected(demo_db, search="a")
    assert total > 40
    app = CrmApp()
    async with app.run_test(size=(120, 35)) as pilot:
        screen = await _open_list(pilot)
        listing = screen.query_one(CustomerList)
        await pilot.press("a")
        await settle(pilot)
        shown = listing.loaded_rows
        assert listing.size.height < shown < PAGE, "a screenful, not a page"
        assert [listing.row(i)["id"] for i in range(shown)] == ids[:shown]
        await _counted(pilot, screen)
        assert listing.total == total
        # once typing paused (the count came), the rest of the page is read before it is shown
        await settle(pilot)
        assert listing.loaded_rows == min(total, PAGE)
        assert [listing.row(i)["id"] for i in range(min(total, PAGE))] == ids
        # typed again, and still typing (no count yet): a screenful again, and going past it
        # brings the rest of the page
        from crmtui.screens import customers

        monkeypatch.setattr(customers, "COUNT_DELAY", 60)
        await pilot.press("backspace", "a")
        assert await wait_for(pilot, lambda: listing.loaded_rows == shown)
        listing.focus()
        for _ in range(shown + 5):
            await pilot.press("down")
        await settle(pilot)
        assert listing.loaded_rows == min(total, PAGE) and not screen.counted
        assert [listing.row(i)["id"] for i in range(min(total, PAGE))] == ids


async def test_the_built_screens_are_kept_out_of_full_garbage_collections(demo_db: Path) -> None:
    """A full collection over the running app took 0.1-0.3 s, felt as a keystroke that did not
    appear: once the desktop and the customer list are built, their objects are frozen."""
    import gc

    gc.unfreeze()
    app = CrmApp()
    async with app.run_test(size=(120, 35)) as pilot:
        await _open_list(pilot)
        assert gc.get_freeze_count() > 10_000
    gc.unfreeze()


@pytest.mark.parametrize("size", [(80, 24), (120, 35)])
async def test_columns_keep_their_widths_whether_the_list_scrolls_or_not(
    demo_db: Path, size: tuple[int, int]
) -> None:
    app = CrmApp()
    async with app.run_test(size=size) as pilot:
        screen = await _open_list(pilot)
        listing = screen.query_one(CustomerList)
        assert listing.total == 200  # more rows than the screen: a scrollbar
        header = list_text(listing)[0]
        widths = [width for _, width in listing._columns()]
        await pilot.press(*":id:<3")
        await _counted(pilot, screen)
        assert listing.total == 2  # two rows: nothing to scroll
        assert list_text(listing)[0] == header
        assert [width for _, width in listing._columns()] == widths
        await pilot.press(*["backspace"] * len(":id:<3"))
        await _counted(pilot, screen)
        assert listing.total == 200
        assert list_text(listing)[0] == header
        assert [width for _, width in listing._columns()] == widths
