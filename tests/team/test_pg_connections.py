"""Connections to a PostgreSQL server are given back: a command run in-process (as the tests and
the TUI's own commands run) leaves no connection open on the server once it has finished, a
write (its SQLAlchemy engine's pool) as much as a read (the lean connection)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import psycopg
import pytest
from sqlalchemy.engine import make_url

from tests import pg_support
from tests.cli_runner import crm


@pytest.fixture
def no_collection() -> Iterator[None]:
    """The garbage collector off: a connection still open is seen, not closed behind our back
    (with a ResourceWarning) by a collection that happens to run."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _open_on(server: pg_support.PgServer, database: str) -> int:
    with psycopg.connect(server.dsn("postgres"), autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            (database,),
        ).fetchone()
    assert row is not None
    return int(row[0])


@pytest.mark.usefixtures("no_collection")
def test_commands_leave_no_connection_open(
    pg_server: pg_support.PgServer, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CRM_DATABASE_URL", pg_url)
    database = str(make_url(pg_url).database)
    assert _open_on(pg_server, database) == 0
    crm("add-customer", "上海宏达机械有限公司", "--phone", "13812345678")
    assert _open_on(pg_server, database) == 0, "a write's pooled connection was left open"
    crm("log", "1", "--kind", "call", "--note", "asked for a quote")
    crm("customers")
    crm("customers", "--query", "grade:A")
    crm("show", "1")
    assert _open_on(pg_server, database) == 0
    assert crm("log", "999", ok=False).exit_code == 1  # refused: no such customer
    assert _open_on(pg_server, database) == 0
