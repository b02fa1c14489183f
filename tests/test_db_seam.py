"""The database seam (``crmtui.db.dialects``) and the change counter live refresh reads."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from crmtui.db.dialects import dialect_for
from crmtui.db.engine import open_database
from crmtui.errors import DatabaseProblem
from tests.helpers import add_customer

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "db"


def _other_connection(path: Path) -> sqlite3.Connection:
    """A plain connection of its own, as another program or crm process would have."""
    return sqlite3.connect(path, isolation_level=None, timeout=5)


def test_the_counter_moves_on_insert_update_and_delete_by_another_connection(db):
    with db.reader() as reader:
        seen = [reader.change_count()]
        other = _other_connection(db.location.path)
        try:
            other.execute(
                "INSERT INTO tag (name, created_at, updated_at) "
                "VALUES ('seam', '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
            )
            seen.append(reader.change_count())
            other.execute("UPDATE tag SET name = 'seam2' WHERE name = 'seam'")
            seen.append(reader.change_count())
            other.execute("DELETE FROM tag WHERE name = 'seam2'")
            seen.append(reader.change_count())
            other.execute("SELECT count(*) FROM tag").fetchone()  # a read moves nothing
            seen.append(reader.change_count())
        finally:
            other.close()
    assert seen[1] > seen[0] and seen[2] > seen[1] and seen[3] > seen[2]
    assert seen[4] == seen[3]


def test_a_write_by_another_process_and_by_a_service_moves_the_counter(db):
    path = db.location.path
    with db.reader() as reader:
        start = reader.change_count()
        code = (
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
            'c.execute("INSERT INTO note (body, pinned, created_at, updated_at) '
            "VALUES ('from elsewhere', 0, '2026-01-01', '2026-01-01')\"); c.commit()"
        )
        subprocess.run([sys.executable, "-c", code, str(path)], check=True, timeout=30)
        after_process = reader.change_count()
        add_customer(db, "Counter Co")
        after_service = reader.change_count()
    assert start < after_process < after_service


def test_every_table_of_user_data_has_counter_triggers(db):
    from sqlmodel import SQLModel

    tables = set(SQLModel.metadata.tables) - {"change_counter"}
    with db.reader() as reader:
        triggers = set(reader.column("SELECT name FROM sqlite_master WHERE type = 'trigger'"))
    missing = {
        f"change_counter_{table}_{suffix}" for table in tables for suffix in ("ai", "au", "ad")
    } - triggers
    assert missing == set(), "a new table needs counter triggers in its migration"
    from crmtui.db.dialects.changes import WATCHED_TABLES

    assert set(WATCHED_TABLES) == tables


def test_an_upgraded_database_starts_counting(tmp_path):
    path = tmp_path / "crm.db"
    shutil.copyfile(FIXTURES / "schema-0005.db", path)
    database = open_database(str(path))
    try:
        with database.reader() as reader:
            assert reader.change_count() == 0
            add_customer(database, "After Upgrade")
            assert reader.change_count() > 0
    finally:
        database.dispose()


def test_the_dialect_is_chosen_from_the_database(db):
    assert db.dialect.name == "sqlite"
    with db.reader() as reader:
        assert reader.dialect is db.dialect
    sqlite = dialect_for("sqlite")
    assert sqlite.aggregate.joined("t.name") == "group_concat(t.name, ',')"
    assert sqlite.search.starts_with("a", ":b") == "instr(a, :b) = 1"


def test_the_server_dialect_searches_by_like_and_refuses_file_operations():
    server = dialect_for("postgresql")
    sql, params = server.search.match_sql(["ab", "c%_"], prefix="s")
    assert "d.text LIKE :s0 ESCAPE '\\' AND d.text LIKE :s1 ESCAPE '\\'" in sql
    # LIKE wildcards typed by the user are matched literally.
    assert params == {"s0": "%ab%", "s1": "%c\\%\\_%"}
    assert server.aggregate.joined("t.name") == "string_agg(t.name, ',')"
    with pytest.raises(DatabaseProblem, match="not supported yet"):
        server.files.copy(Path("a"), Path("b"))
    made = server.changes.create_triggers("customer")
    assert any("FOR EACH STATEMENT" in statement for statement in made)


def test_the_sqlite_trigger_statements_match_what_the_migration_built(db):
    """The seam's statements (for later migrations that rebuild a table) are the ones 0006 ran."""
    changes = dialect_for("sqlite").changes
    with db.reader() as reader:
        built = reader.scalar(
            "SELECT sql FROM sqlite_master WHERE name = 'change_counter_customer_au'"
        )
    assert built in changes.create_triggers("customer")
    assert changes.bump() in built
