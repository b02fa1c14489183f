"""The TUI on PostgreSQL: the customer list of a team database, and another process's write
showing up in it by the database's change counter (no SQLite data_version there)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from crmtui.app import CrmApp
from crmtui.widgets.customer_list import CustomerList
from tests.tui.test_tui_customers import _open_list
from tests.tui.tui_helpers import list_text, wait_for


def _crm(*args: str) -> None:
    """A separate ``crm`` process, as a colleague's terminal would be."""
    subprocess.run(
        [sys.executable, "-m", "crmtui", *args], check=True, capture_output=True, env=os.environ
    )


async def test_the_list_on_postgresql_shows_another_processs_new_customer(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CRM_DATABASE_URL", pg_url)
    _crm("add-customer", "上海宏达机械有限公司")
    app = CrmApp()
    async with app.run_test(size=(120, 35)) as pilot:
        screen = await _open_list(pilot)
        listing = screen.query_one(CustomerList)
        assert any("上海宏达机械有限公司" in line for line in list_text(listing))
        _crm("add-customer", "北京华联商贸有限公司")
        assert await wait_for(
            pilot,
            lambda: any("北京华联商贸有限公司" in line for line in list_text(listing)),
            timeout=10,
        )
