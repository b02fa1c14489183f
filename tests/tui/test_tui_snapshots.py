"""A few screenshots at a fixed CRM_NOW on the fixed demo data (update: --snapshot-update)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Input

from crmtui.app import CrmApp
from tests.tui.tui_helpers import settle, wait_for, wait_until_drawn


async def _ready(pilot: Any) -> None:
    await settle(pilot)
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    # tables measure themselves when idle, which comes late on a loaded machine: wait for that and
    # for a frame that no longer changes, rather than for a fixed time
    await wait_until_drawn(pilot)


def test_desktop(demo_db: Path, snap_compare: Any) -> None:
    assert snap_compare(CrmApp(), terminal_size=(120, 35), run_before=_ready)


def test_desktop_narrow(demo_db: Path, snap_compare: Any) -> None:
    assert snap_compare(CrmApp(), terminal_size=(80, 24), run_before=_ready)


def test_customer_list(demo_db: Path, snap_compare: Any) -> None:
    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        assert await wait_for(pilot, lambda: pilot.app.screen.counted)
        await _ready(pilot)

    assert snap_compare(CrmApp(), terminal_size=(120, 35), run_before=run_before)


def test_customer_card(demo_db: Path, snap_compare: Any) -> None:
    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("enter")  # the first of today's calls
        await _ready(pilot)

    assert snap_compare(CrmApp(), terminal_size=(120, 35), run_before=run_before)
