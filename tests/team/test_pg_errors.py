"""A PostgreSQL server's refusals through the real CLI: one line saying what is wrong and what
to do, exit 1, never a traceback — a stopped server, a wrong password, an unknown database, an
unknown role, a role without grants, a connection dropped in the middle of a command — and in
the TUI a notification when the server drops the connection, then again when it answers."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy.engine import make_url

from crmtui.app import CrmApp
from tests import pg_support
from tests.cli_runner import crm, crm_json
from tests.tui.tui_helpers import wait_for


def _one_line(result: Any, *words: str) -> str:
    """The command failed with exit 1 and one line on stderr holding ``words``."""
    assert result.exit_code == 1, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def _name(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:8]}"


def _database(pg_url: str) -> str:
    return str(make_url(pg_url).database)


def test_a_stopped_server_through_the_console_script(tmp_path: Path) -> None:
    """The real entry point, in its own process: a server that is not running has no socket."""
    gone = tmp_path / "stopped"
    gone.mkdir()
    env = os.environ | {"CRM_DATABASE_URL": f"postgresql+psycopg://me@/crm?host={gone}&port=5432"}
    for args in (["customers"], ["add-customer", "上海宏达机械有限公司"], ["today"]):
        done = subprocess.run(
            [sys.executable, "-m", "crmtui", *args], env=env, capture_output=True, text=True
        )
        assert done.returncode == 1, done.stderr
        assert "Traceback" not in done.stderr
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1, done.stderr
        assert "cannot reach the database server" in lines[0]
        assert "check that PostgreSQL is running" in lines[0]


def test_a_wrong_password(pg_server: pg_support.PgServer, pg_url: str, monkeypatch) -> None:
    user = _name("pw")
    group = pg_support.PASSWORD_GROUP
    with psycopg.connect(pg_server.dsn("postgres"), autocommit=True) as conn:
        # the group belongs to the whole server, which other workers share
        conn.execute(
            f"DO $$ BEGIN CREATE ROLE {group} NOLOGIN; "
            "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$"
        )
        conn.execute(f"CREATE ROLE {user} LOGIN PASSWORD 'right' IN ROLE {group}")
    try:
        url = f"postgresql+psycopg://{user}:wrong@/{_database(pg_url)}"
        url += f"?host={pg_server.host}&port={pg_server.port}"
        monkeypatch.setenv("CRM_DATABASE_URL", url)
        line = _one_line(crm("customers", ok=False), "refused the password", user)
        assert "wrong" not in line.replace("refused", "")  # the password is never shown
        _one_line(crm("add-customer", "上海宏达机械有限公司", ok=False), "refused the password")
    finally:
        pg_server.admin(f"DROP ROLE IF EXISTS {user}")


def test_an_unknown_database(pg_server: pg_support.PgServer, monkeypatch) -> None:
    missing = _name("nodb")
    monkeypatch.setenv("CRM_DATABASE_URL", pg_server.url(missing))
    for args in (("customers",), ("add-customer", "上海宏达机械有限公司"), ("team", "init")):
        _one_line(crm(*args, ok=False), f"no database '{missing}'", f"createdb {missing}")


def test_an_unknown_role(pg_server: pg_support.PgServer, pg_url: str, monkeypatch) -> None:
    ghost = _name("ghost")
    monkeypatch.setenv("CRM_DATABASE_URL", pg_server.url(_database(pg_url), user=ghost))
    _one_line(crm("whoami", ok=False), f"no user '{ghost}'", f"crm team add-user {ghost}")


def test_a_role_without_grants(pg_server: pg_support.PgServer, pg_url: str, monkeypatch) -> None:
    monkeypatch.setenv("CRM_DATABASE_URL", pg_url)
    crm("add-customer", "上海宏达机械有限公司")
    stranger = _name("nogrant")
    pg_server.admin(f"CREATE ROLE {stranger} LOGIN")
    try:
        monkeypatch.setenv("CRM_DATABASE_URL", pg_server.url(_database(pg_url), user=stranger))
        for args in (("customers",), ("today",), ("add-customer", "北京华联商贸有限公司")):
            _one_line(crm(*args, ok=False), "refused this user", "permission denied")
    finally:
        pg_server.admin(f"DROP OWNED BY {stranger}")
        pg_server.admin(f"DROP ROLE IF EXISTS {stranger}")
    monkeypatch.setenv("CRM_DATABASE_URL", pg_url)
    assert [c["name"] for c in crm_json("customers")] == ["上海宏达机械有限公司"]


def _drop_connections(server: pg_support.PgServer, database: str) -> None:
    """What a server restart or a network cut does to the connections of ``database``."""
    with psycopg.connect(server.dsn("postgres"), autocommit=True) as conn:
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            (database,),
        )


def test_a_connection_dropped_in_the_middle_of_a_command(
    pg_server: pg_support.PgServer, pg_url: str, monkeypatch
) -> None:
    monkeypatch.setenv("CRM_DATABASE_URL", pg_url)
    crm("add-customer", "上海宏达机械有限公司")
    database = _database(pg_url)
    from crmtui.services.customers import read, write

    listing, creating = read.list_customers, write.create_customer

    def list_after_a_cut(*args: Any, **kwargs: Any) -> Any:
        _drop_connections(pg_server, database)
        return listing(*args, **kwargs)

    def create_after_a_cut(session: Any, *args: Any, **kwargs: Any) -> Any:
        session.connection()  # the transaction has begun on the server
        _drop_connections(pg_server, database)
        return creating(session, *args, **kwargs)

    monkeypatch.setattr(read, "list_customers", list_after_a_cut)
    monkeypatch.setattr(write, "create_customer", create_after_a_cut)
    _one_line(crm("customers", ok=False), "connection to the database server was lost")
    _one_line(
        crm("add-customer", "北京华联商贸有限公司", ok=False),
        "connection to the database server was lost",
    )
    monkeypatch.setattr(read, "list_customers", listing)
    assert [c["name"] for c in crm_json("customers")] == ["上海宏达机械有限公司"]


async def test_the_tui_says_the_server_dropped_it_and_carries_on(
    pg_server: pg_support.PgServer, pg_url: str, monkeypatch
) -> None:
    monkeypatch.setenv("CRM_DATABASE_URL", pg_url)
    crm("add-customer", "上海宏达机械有限公司")
    app = CrmApp()
    async with app.run_test(size=(120, 35)) as pilot:

        def said(words: str) -> bool:
            return any(words in str(n.message) for n in app._notifications)

        assert await wait_for(pilot, lambda: app._watch is not None, timeout=10)
        _drop_connections(pg_server, _database(pg_url))
        assert await wait_for(
            pilot, lambda: said("connection to the database server was lost"), timeout=10
        )
        assert await wait_for(pilot, lambda: said("answers again"), timeout=10)
        assert app.is_running


def test_row_level_security_busy_and_bugs_are_told_apart() -> None:
    from crmtui.db.server_errors import classify

    refused = psycopg.errors.InsufficientPrivilege(
        'new row violates row-level security policy for table "customer"'
    )
    problem = classify(refused)
    assert problem is not None and problem.code == "db-server-not-yours"
    assert "crm share" in str(problem) and "nothing was saved" in str(problem)
    busy = classify(psycopg.errors.SerializationFailure("could not serialize access"))
    assert busy is not None and busy.code == "db-server-busy"
    # a mistake in the SQL is a bug: it keeps its traceback
    assert classify(psycopg.errors.UndefinedColumn('column "x" does not exist')) is None


def test_a_salesperson_on_a_team_database_behind_this_version_is_told_who_upgrades(
    team, monkeypatch
) -> None:
    """A new crmtui meets a team database at an older schema: the owner of the tables upgrades
    it on their next command; a salesperson's role may not, and was told to ask for grants."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    from crmtui.db import migrations
    from crmtui.db.engine import SCHEMA_HEAD

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(migrations.__file__).parent))
    engine = create_engine(team.admin_url)
    try:
        with engine.connect() as conn, conn.begin():
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0017")
    finally:
        engine.dispose()
    monkeypatch.setenv("CRM_DATABASE_URL", team.url(team.alice))
    _one_line(crm("customers", ok=False), "schema 0017", SCHEMA_HEAD, "crm team init")
    monkeypatch.setenv("CRM_DATABASE_URL", team.admin_url)
    crm("team", "init")
    monkeypatch.setenv("CRM_DATABASE_URL", team.url(team.alice))
    assert crm_json("customers") == []
