"""Reading what the TUI shows, as plain text, and waiting for the TUI to reach a state.

Tests never sleep for a fixed time: on a loaded machine any fixed pause is sometimes too short.
They wait for the condition they need instead, polling between rounds of the app's own work.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from crmtui.widgets.customer_list import CustomerList
from crmtui.widgets.panel_table import PanelTable

# Generous on purpose: a wait ends as soon as its condition holds, so a long limit costs nothing on
# a quiet machine and only keeps a busy one (two xdist workers plus colleagues' jobs) from failing.
TIMEOUT = 10.0


def table_text(table: DataTable[Any]) -> list[str]:
    """Each row of a table as one string of its cells' plain text."""
    rows = []
    for index in range(table.row_count):
        cells = table.get_row_at(index)
        rows.append(" | ".join(getattr(c, "plain", str(c)) for c in cells))
    return rows


def static_text(widget: Static) -> str:
    visual = widget.render()
    return str(getattr(visual, "plain", visual))


def list_text(listing: CustomerList) -> list[str]:
    """The lines the virtual list draws now (header first)."""
    return [listing.render_line(y).text for y in range(listing.size.height)]


async def settle(pilot: Pilot[Any], rounds: int = 3) -> None:
    """Let workers finish and their results reach the widgets."""
    for _ in range(rounds):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def wait_for(
    pilot: Pilot[Any], condition: Callable[[], Any], timeout: float = TIMEOUT
) -> bool:
    """Let the app work until ``condition()`` holds; False if it still does not after ``timeout``.

    Each round waits for the app to go idle (not for a fixed time), so a quick condition returns
    at once and a slow machine simply takes more rounds.
    """
    end = time.monotonic() + timeout
    while True:
        if condition():
            return True
        if time.monotonic() >= end:
            return bool(condition())
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def _tables_measured(pilot: Pilot[Any]) -> bool:
    """Every panel on the screen has its real rows and every table has measured them.

    A DataTable sizes itself (and so decides whether it needs a scrollbar) on its next idle
    message after rows change; a frame taken before that shows a stale scrollbar.
    """
    screen = pilot.app.screen
    if not all(panel.loaded for panel in screen.query(PanelTable)):
        return False
    tables = screen.query(DataTable)
    return not any(table._require_update_dimensions or table._updated_cells for table in tables)


async def wait_until_drawn(pilot: Pilot[Any], timeout: float = TIMEOUT) -> None:
    """Wait until the screen is filled and two frames in a row come out the same.

    For snapshots: workers done, panels loaded, tables measured, and then a stable picture, so
    that nothing still pending (a late layout, a scrollbar) changes what is captured.
    """
    end = time.monotonic() + timeout
    assert await wait_for(pilot, lambda: _tables_measured(pilot), timeout=timeout)
    before = pilot.app.export_screenshot()
    while time.monotonic() < end:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        now = pilot.app.export_screenshot()
        if now == before and _tables_measured(pilot):
            return
        before = now
    raise AssertionError("the screen kept changing")
