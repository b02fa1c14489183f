"""Shared fixtures: every test gets its own data folder, config, database and a pinned clock.

Backends: a test module marked ``pytestmark = pytest.mark.both_backends`` runs each of its tests
twice, ``[sqlite]`` and ``[postgresql]``. The PostgreSQL run points ``CRM_DATABASE_URL`` at a
fresh database of its own on the test server (``tests/pg_support.py``), so every command, the
services and the CLI runner use it without further changes to the test.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests import pg_support

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


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite database the migrations made, once per test process."""
    import sqlite3

    from crmtui.db.engine import open_database

    path = tmp_path_factory.mktemp("template") / "crm.db"
    open_database(str(path)).dispose()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


@pytest.fixture(autouse=True)
def new_files_from_template(sqlite_template: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new SQLite database is a copy of the template instead of running every migration
    again (a quarter to half a second for each of some two thousand tests). Only the brand-new
    file ``crmtui.db.engine._create`` prepares is copied into; every other upgrade migrates,
    and the migrations themselves are tested from the committed fixture databases."""
    import sqlite3

    from crmtui.db import engine

    migrate = engine._migrate

    def from_template(location: Any, *, reindex: bool = False) -> None:
        path = location.path
        new = path is not None and ".creating-" in path.name and not reindex
        if new and path.exists() and path.stat().st_size == 0:
            source, target = sqlite3.connect(sqlite_template), sqlite3.connect(path)
            try:
                source.backup(target)
            finally:
                source.close()
                target.close()
            return
        migrate(location, reindex=reindex)

    monkeypatch.setattr(engine, "_migrate", from_template)


BACKENDS = ("sqlite", "postgresql")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if metafunc.definition.get_closest_marker("both_backends") is not None:
        metafunc.parametrize("backend", BACKENDS, indirect=True)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[pg_support.PgServer]:
    """The PostgreSQL server of this test process (see tests/pg_support.py)."""
    server = pg_support.from_environment()
    ours = server is None
    try:
        if server is None:
            server = pg_support.start_private_server()
        pg_support.wait_ready(server)
    except pg_support.NoServer as exc:
        if os.environ.get("CI"):
            pytest.fail(f"CI needs a PostgreSQL server: {exc}", pytrace=False)
        pytest.skip(f"no PostgreSQL server here: {exc}")
    try:
        yield server
    finally:
        if ours:
            server.stop()


@pytest.fixture(scope="session")
def pg_template(pg_server: pg_support.PgServer) -> str:
    """A database migrated to the newest schema, copied for every test (CREATE ... TEMPLATE is
    much faster than running the migrations each time)."""
    from crmtui.db.engine import open_database

    name = pg_support.new_database_name()
    pg_server.admin(f"CREATE DATABASE {name}")
    open_database(pg_server.url(name)).dispose()
    return name


@pytest.fixture(scope="session")
def pg_pool(pg_server: pg_support.PgServer, pg_template: str) -> Iterator[pg_support.DatabasePool]:
    """Migrated databases, emptied between tests rather than copied anew (tests/pg_support.py)."""
    pool = pg_support.DatabasePool(pg_server, pg_template)
    yield pool
    pool.close()


@pytest.fixture
def pg_url(pg_server: pg_support.PgServer, pg_pool: pg_support.DatabasePool) -> Iterator[str]:
    """A migrated PostgreSQL database as fresh as a new copy, for this test only."""
    name = pg_pool.take()
    yield pg_server.url(name)
    pg_pool.give_back(name)


@pytest.fixture(autouse=True)
def backend(request: pytest.FixtureRequest, isolated: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The backend this test runs on: SQLite unless the module asks for both."""
    name: str = getattr(request, "param", "sqlite")
    if name == "postgresql":
        monkeypatch.setenv("CRM_DATABASE_URL", request.getfixturevalue("pg_url"))
    return name


@pytest.fixture
def db(isolated: Path, backend: str) -> Iterator[object]:
    """A fresh, migrated database."""
    from crmtui.db.engine import open_database

    database = open_database()
    yield database
    database.dispose()
