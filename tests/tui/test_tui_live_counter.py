"""Live refresh reads the database's change counter, so it works without SQLite's data_version."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from crmtui.app import CrmApp
from crmtui.db.reader import Reader
from tests.tui.tui_helpers import settle, wait_for


async def test_a_write_by_another_connection_refreshes_without_data_version(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As on a server database: SQLite's own commit counter tells nothing.
    monkeypatch.setattr(Reader, "data_version", lambda self: 0)
    app = CrmApp()
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        generation = app.data_generation
        other = sqlite3.connect(demo_db, timeout=5)
        try:
            other.execute(
                "UPDATE note SET pinned = 1 - pinned WHERE id = (SELECT min(id) FROM note)"
            )
            other.commit()
        finally:
            other.close()
        assert await wait_for(pilot, lambda: app.data_generation > generation, timeout=3)
