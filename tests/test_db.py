"""The database layer: connection settings, transactions, migrations and refusing bad files."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from crmtui.db.engine import KNOWN_REVISIONS, SCHEMA_HEAD, open_database
from crmtui.errors import DatabaseProblem
from tests.helpers import add_contact, add_customer


def test_connection_pragmas(db):
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000


def test_write_transactions_begin_immediate(db):
    statements: list[str] = []
    with db.session() as session:
        session.connection().connection.driver_connection.set_trace_callback(statements.append)
        session.execute(text("SELECT 1"))
        # BEGIN was already sent when the session connected; look at the connection state
        raw = session.connection().connection.driver_connection
        assert raw.in_transaction
    # A fresh session starts with BEGIN IMMEDIATE: a second writer is locked out at once.
    other = sqlite3.connect(db.location.path, timeout=0)
    with db.session() as session:
        session.execute(text("SELECT 1"))
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
    other.close()


def test_bound_values_hidden_from_errors(db):
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError) as info:
        with db.session() as session:
            session.execute(
                text(
                    "INSERT INTO tag (id, name, created_at, updated_at) "
                    "VALUES (NULL, NULL, :secret, :secret)"
                ),
                {"secret": "Secret-Personal-Value"},
            )
    assert "Secret-Personal-Value" not in str(info.value)


def test_schema_head_matches_migrations():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from crmtui.db import migrations

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(migrations.__file__).parent))
    script = ScriptDirectory.from_config(cfg)
    assert script.get_current_head() == SCHEMA_HEAD
    assert sorted(r.revision for r in script.walk_revisions()) == list(KNOWN_REVISIONS)


def test_new_database_files_are_private(isolated):
    db = open_database()
    add_customer(db, "Acme")
    assert os.stat(db.location.path).st_mode & 0o777 == 0o600
    assert os.stat(db.location.path.parent).st_mode & 0o777 == 0o700
    for suffix in ("-wal", "-shm"):
        side = Path(f"{db.location.path}{suffix}")
        if side.exists():
            assert side.stat().st_mode & 0o077 == 0


def _database_at_0001(path: Path) -> None:
    """Build the schema as revision 0001 left it, with related rows in every table."""
    from alembic import command
    from alembic.config import Config

    from crmtui.db import migrations
    from crmtui.db.engine import make_engine
    from crmtui.db.location import Location

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(migrations.__file__).parent))
    engine = make_engine(Location(f"sqlite:///{path}", path), foreign_keys=False)
    with engine.connect() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    engine.dispose()
    conn = sqlite3.connect(path)
    stamp = "2026-01-01 00:00:00.000000"
    conn.executescript(f"""
        INSERT INTO customer (id, created_at, updated_at, birthday_lunar, name, is_person, stage,
            man_money, man_authority, man_need, phones)
            VALUES (1, '{stamp}', '{stamp}', 0, '宏达', 0, 'customer', 'yes', 'unknown', 'yes',
            '[]');
        INSERT INTO contact (id, created_at, updated_at, birthday_lunar, name, decision_maker,
            customer_id, phones) VALUES (1, '{stamp}', '{stamp}', 0, '王丽', 1, 1, '[]');
        INSERT INTO opportunity (id, created_at, updated_at, customer_id, title, stage, amount,
            currency) VALUES (1, '{stamp}', '{stamp}', 1, 'Deal', 'won', 100, 'CNY');
        INSERT INTO activity (id, created_at, updated_at, customer_id, contact_id, opportunity_id,
            kind, done_at, outcome) VALUES (1, '{stamp}', '{stamp}', 1, 1, 1, 'call', '{stamp}',
            'reached');
        INSERT INTO tag (id, created_at, updated_at, name) VALUES (1, '{stamp}', '{stamp}', 'vip');
        INSERT INTO customertag (customer_id, tag_id) VALUES (1, 1);
        INSERT INTO note (id, created_at, updated_at, customer_id, body, pinned)
            VALUES (1, '{stamp}', '{stamp}', 1, 'hello', 1);
    """)
    conn.commit()
    conn.close()


def test_upgrade_keeps_related_rows_and_writes_a_backup(isolated):
    path = isolated / "old.db"
    _database_at_0001(path)
    db = open_database(str(path))
    conn = sqlite3.connect(path)
    for table in ("customer", "contact", "opportunity", "activity", "customertag", "note", "tag"):
        assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 1, table
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == SCHEMA_HEAD
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    backups = list(isolated.glob("old.db.schema-0001-*.bak"))
    assert len(backups) == 1
    assert os.stat(backups[0]).st_mode & 0o777 == 0o600
    old = sqlite3.connect(backups[0])
    assert old.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
    # the upgraded database works: the old customer can be found and written
    add_contact(db, 1, "李雷")
    with db.reader() as reader:
        from crmtui.services.customers.read import resolve_customer

        assert resolve_customer(reader, "宏达")["id"] == 1


def test_newer_schema_is_refused(isolated):
    path = isolated / "new.db"
    open_database(str(path))
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseProblem, match="newer crmtui"):
        open_database(str(path))


@pytest.mark.parametrize(
    "content",
    [b"name,phone\nAcme,123\n", b"", b"SQLite format 3\x00" + b"\x00" * 50, os.urandom(4096)],
    ids=["csv", "empty", "truncated", "random"],
)
def test_foreign_or_damaged_files_are_refused_untouched(isolated, content):
    path = isolated / "file.db"
    path.write_bytes(content)
    with pytest.raises(DatabaseProblem):
        open_database(str(path))
    assert path.read_bytes() == content
    assert not Path(f"{path}-wal").exists()


def test_other_programs_sqlite_database_is_left_alone(isolated):
    path = isolated / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE things (x)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseProblem, match="another program"):
        open_database(str(path))
    assert path.read_bytes() == before


def test_directory_and_unwritable_folder(isolated):
    folder = isolated / "adir"
    folder.mkdir()
    with pytest.raises(DatabaseProblem, match="folder"):
        open_database(str(folder))
    # A folder that cannot be written, in a way that holds even for root: its "parent" is a file.
    blocker = isolated / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(DatabaseProblem, match="cannot create"):
        open_database(str(blocker / "crm.db"))


def test_migrations_match_the_models(db):
    """The tables the migrations build are exactly the ones the models describe."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": False})
        diffs = compare_metadata(context, SQLModel.metadata)
    fts = ("search_fts", "search_vocab")  # SQLite virtual tables, made by raw SQL
    diffs = [d for d in diffs if not (d[0] == "remove_table" and d[1].name.startswith(fts))]
    # Alembic compares expression indexes only approximately: check that one by its SQL.
    expression_index = "ix_customer_name_live"
    diffs = [d for d in diffs if not (d[0].endswith("_index") and d[1].name == expression_index)]
    assert diffs == []
    with db.reader() as reader:
        sql = reader.scalar(
            "SELECT sql FROM sqlite_master WHERE name = :n", {"n": expression_index}
        )
    assert "(name COLLATE NOCASE, id) WHERE deleted_at IS NULL" in sql


def _my_locks_on(path: Path) -> list[str]:
    """This process's POSIX locks on ``path`` (Linux /proc/locks)."""
    inode, pid = os.stat(path).st_ino, os.getpid()
    with open("/proc/locks") as fh:
        return [line.split(":", 1)[1] for line in fh if f" {pid} " in line and f":{inode} " in line]


def test_opening_a_database_again_keeps_this_processs_sqlite_locks(db):
    """Closing a plain descriptor of a database file drops every SQLite lock the process holds
    on it, which lets another process delete the WAL under a live connection: checking a file
    must go through SQLite only."""
    path = db.location.path
    with db.reader() as reader:
        reader.rows("SELECT id FROM customer LIMIT 1")
        held = _my_locks_on(path)
        assert held, "an open WAL connection holds a shared lock on the database file"
        open_database(str(path)).dispose()
        from crmtui.services.maintenance.backup import inspect

        inspect(path, full=False)
        assert _my_locks_on(path) == held
