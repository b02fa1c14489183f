"""Shared fixtures: every test gets its own data folder, config, database and a pinned clock."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Rich fixes a console's width from COLUMNS when the console is made, which happens when the CLI is
# first imported: in a pytest-xdist worker that is before any fixture runs, so set it here as well.
os.environ["COLUMNS"] = "160"

PINNED_NOW = "2026-11-23T10:00:00+08:00"


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point every location crmtui uses into tmp_path, pin the clock and zone, speak English."""
    from crmtui import i18n

    # the developer's own locale must not choose the language of a test (or of its subprocesses)
    for key in i18n.ENVIRONMENT_KEYS:
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("CRM_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("CRM_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("CRM_DB", str(tmp_path / "data" / "crm.db"))
    monkeypatch.setenv("CRM_NOW", PINNED_NOW)
    monkeypatch.setenv("CRM_TZ", "Asia/Shanghai")
    monkeypatch.delenv("CRM_DATABASE_URL", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "160")
    yield tmp_path
    if i18n.language() != i18n.ENGLISH:
        i18n.set_language(i18n.ENGLISH)


@pytest.fixture
def db(isolated: Path) -> Iterator[object]:
    """A fresh, migrated database."""
    from crmtui.db.engine import open_database

    database = open_database()
    yield database
    database.dispose()
