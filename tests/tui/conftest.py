"""Fixtures for the TUI tests: a pinned clock and zone, private paths, and a database per test.

Two template databases are built once per session (an empty migrated one and the 200-customer
demo at a fixed ``CRM_NOW``); each test gets its own copy under ``tmp_path``.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

NOW = "2026-03-11T10:00:00"
TZ = "Asia/Shanghai"
SEED = 7


def _checkpoint(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    from crmtui import clock
    from crmtui.db.engine import open_database
    from crmtui.services.demo.build import build_demo

    root = tmp_path_factory.mktemp("templates")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CRM_NOW", NOW)
        mp.setenv("CRM_TZ", TZ)
        mp.setenv("CRM_DATA_DIR", str(root / "data"))
        mp.setenv("CRM_CONFIG", str(root / "config.toml"))
        empty = root / "empty.db"
        open_database(str(empty)).dispose()
        demo = root / "demo.db"
        shutil.copy(empty, demo)
        db = open_database(str(demo))
        tz = clock.user_zone()
        build_demo(db, size=200, seed=SEED, now=clock.now(tz), tz=tz)
        db.dispose()
    for path in (empty, demo):
        _checkpoint(path)
    yield {"empty": empty, "demo": demo}


@pytest.fixture(autouse=True)
def crm_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Pinned clock and zone; config, data and database all inside ``tmp_path``."""
    monkeypatch.setenv("CRM_NOW", NOW)
    monkeypatch.setenv("CRM_TZ", TZ)
    monkeypatch.setenv("CRM_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("CRM_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("CRM_DB", str(tmp_path / "crm.db"))
    monkeypatch.delenv("CRM_DATABASE_URL", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr("textual.constants.TEXTUAL_ANIMATIONS", "none")  # no waiting on tweens
    return tmp_path / "crm.db"


@pytest.fixture
def demo_db(crm_env: Path, templates: dict[str, Path]) -> Path:
    shutil.copy(templates["demo"], crm_env)
    return crm_env


@pytest.fixture
def empty_db(crm_env: Path, templates: dict[str, Path]) -> Path:
    shutil.copy(templates["empty"], crm_env)
    return crm_env
