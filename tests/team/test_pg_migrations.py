"""The migrations on PostgreSQL: every step up and down from an empty database, and an upgrade
from the last release before team mode (0006) that keeps every row and fills the new columns."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine

from crmtui.db import migrations
from crmtui.db.engine import KNOWN_REVISIONS, SCHEMA_HEAD
from tests import pg_support


@pytest.fixture
def empty(pg_server: pg_support.PgServer) -> Iterator[tuple[str, str]]:
    """A database with nothing in it: (SQLAlchemy URL, libpq DSN)."""
    name = pg_support.new_database_name()
    pg_server.admin(f"CREATE DATABASE {name}")
    yield pg_server.url(name), pg_server.dsn(name)
    pg_server.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _alembic(url: str, action: str, revision: str) -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(migrations.__file__).parent))
    engine = create_engine(url)
    try:
        with engine.connect() as conn, conn.begin():
            cfg.attributes["connection"] = conn
            getattr(command, action)(cfg, revision)
    finally:
        engine.dispose()


def test_every_step_runs_up_and_down_on_postgresql(empty):
    url, dsn = empty
    for revision in KNOWN_REVISIONS:
        _alembic(url, "upgrade", revision)
    _alembic(url, "downgrade", "base")
    _alembic(url, "upgrade", "head")
    with psycopg.connect(dsn) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (SCHEMA_HEAD,)


def test_upgrading_a_0006_database_keeps_its_rows_and_fills_the_team_columns(empty):
    url, dsn = empty
    _alembic(url, "upgrade", "0006")
    with psycopg.connect(dsn) as conn:
        conn.execute(
            "INSERT INTO customer (id, name, is_person, stage, man_money, man_authority, "
            "man_need, phones, birthday_lunar, pinyin, sort_key, created_at, updated_at) VALUES "
            "(1, '上海宏达机械有限公司', false, 'customer', 'yes', 'unknown', 'unknown', "
            "'[\"+86 21 5555 0101\"]', false, '', '', now(), now())"
        )
        conn.execute(
            "INSERT INTO contact (id, customer_id, name, decision_maker, phones, birthday_lunar,"
            " pinyin, created_at, updated_at) VALUES (1, 1, '王丽', true, '[]', false, '', now(),"
            " now())"
        )
        before = conn.execute("SELECT value FROM change_counter").fetchone()
    _alembic(url, "upgrade", "head")
    with psycopg.connect(dsn) as conn:
        row = conn.execute(
            "SELECT name, stage, owner, name_key, phone_keys, length(uuid) FROM customer"
        ).fetchone()
        assert row == ("上海宏达机械有限公司", "customer", None, "上海宏达机械", " 2155550101 ", 36)
        assert conn.execute("SELECT name, length(uuid) FROM contact").fetchone() == ("王丽", 36)
        assert conn.execute("SELECT value FROM change_counter").fetchone() == before
        # The triggers of 0006 and 0011 work: a write moves the counter and stamps its author.
        conn.execute("UPDATE contact SET role = 'buyer'")
        assert conn.execute("SELECT value FROM change_counter").fetchone() != before
        assert conn.execute("SELECT updated_by FROM contact").fetchone() == (pg_support.SUPERUSER,)
