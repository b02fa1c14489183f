"""Reading what the TUI shows, as plain text, for assertions."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from crmtui.widgets.customer_list import CustomerList


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


async def wait_for(pilot: Pilot[Any], condition: Callable[[], Any], timeout: float = 3.0) -> bool:
    """Pause until ``condition()`` holds (or the timeout passes)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        await pilot.pause(0.05)
    return bool(condition())
