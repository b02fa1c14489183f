"""A throwaway PostgreSQL server for the tests, and a fresh database per test.

Where the server comes from, first match wins:

- ``CRM_TEST_PG_URL``: a superuser URL of a running server (``.ci/run`` may start one and set
  it); each test gets its own database there, created from a migrated template.
- otherwise the distribution's binaries (``initdb``, ``pg_ctl``; ``/usr/lib/postgresql/*/bin``
  or ``PATH``) start a private server per test process (each xdist worker its own), on a
  temporary folder with a Unix socket only, never a TCP port, so workers and parallel checkouts
  never collide. ``initdb`` refuses to run as root, so as root the server runs as the
  ``postgres`` system user.

When neither is available the PostgreSQL half of the suite is skipped, unless ``CI`` is set:
in CI a missing server is a failure, never a silent skip.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "postgres"
# Durability is worthless for a server that lives as long as one test run and costs most of
# the time of CREATE DATABASE and of every commit.
FAST_SETTINGS = (
    "fsync=off",
    "synchronous_commit=off",
    "full_page_writes=off",
    "listen_addresses=''",
    "max_connections=200",
    "shared_buffers=32MB",
)


class NoServer(RuntimeError):
    """No PostgreSQL server can be had on this machine."""


@dataclass
class PgServer:
    """A running server: how to reach it as superuser, and how to stop it (when ours)."""

    host: str  # a socket folder or a host name
    port: int
    user: str = SUPERUSER
    data_dir: Path | None = None  # set when this process started it
    bin_dir: Path | None = None
    run_as: str | None = None

    def url(self, database: str, user: str | None = None, driver: str = "psycopg") -> str:
        """An SQLAlchemy URL for ``database`` as ``user`` (default the superuser)."""
        who = user or self.user
        return f"postgresql+{driver}://{who}@/{database}?host={self.host}&port={self.port}"

    def dsn(self, database: str, user: str | None = None) -> str:
        """A libpq connection string (for psycopg directly)."""
        who = user or self.user
        return f"host={self.host} port={self.port} user={who} dbname={database}"

    def admin(self, sql: str, database: str = "postgres") -> None:
        """Run one statement as superuser outside a transaction (CREATE/DROP DATABASE)."""
        import psycopg

        with psycopg.connect(self.dsn(database), autocommit=True) as conn:
            conn.execute(sql)  # type: ignore[arg-type]

    def stop(self) -> None:
        if self.data_dir is None or self.bin_dir is None:
            return
        _run(
            [str(self.bin_dir / "pg_ctl"), "stop", "-D", str(self.data_dir), "-m", "immediate"],
            self.run_as,
            check=False,
        )
        shutil.rmtree(self.data_dir.parent, ignore_errors=True)


def find_bin_dir() -> Path | None:
    """The folder holding initdb and pg_ctl: the newest distribution version, else PATH."""

    def version(initdb: str) -> int:
        name = Path(initdb).parent.parent.name
        return int(name) if name.isdigit() else 0

    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=version)
    if versions:
        return Path(versions[-1]).parent
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _run(cmd: list[str], run_as: str | None, *, check: bool = True) -> None:
    if run_as:
        cmd = ["runuser", "-u", run_as, "--", *cmd]
    subprocess.run(cmd, check=check, capture_output=True, text=True, timeout=120)


def from_environment() -> PgServer | None:
    """The server ``CRM_TEST_PG_URL`` names (``postgresql://user@host:port/...`` or with
    ``?host=/socket/dir``), or None when it is unset."""
    url = os.environ.get("CRM_TEST_PG_URL")
    if not url:
        return None
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    host = str(parsed.query.get("host") or parsed.host or "localhost")
    port = int(str(parsed.query.get("port") or parsed.port or 5432))
    return PgServer(host=host, port=port, user=parsed.username or SUPERUSER)


def start_private_server() -> PgServer:
    """initdb + pg_ctl start on a new temporary folder; raises NoServer when impossible."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise NoServer("no initdb found (install the distribution's postgresql package)")
    run_as = None
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError as exc:
            raise NoServer("running as root and there is no postgres system user") from exc
        run_as = "postgres"
    # /tmp, not pytest's tmp_path: the postgres user must be able to reach the folder.
    root = Path(tempfile.mkdtemp(prefix="crm-pg-"))
    data, sockets = root / "data", root / "run"
    sockets.mkdir()
    if run_as:
        entry = pwd.getpwnam(run_as)
        for path in (root, sockets):
            os.chown(path, entry.pw_uid, entry.pw_gid)
    port = 5432
    try:
        _run(
            [
                str(bin_dir / "initdb"),
                "-D",
                str(data),
                "-U",
                SUPERUSER,
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ],
            run_as,
        )
        require_passwords(data / "pg_hba.conf")
        options = " ".join(f"-c {s}" for s in FAST_SETTINGS)
        options += f" -c unix_socket_directories={sockets} -p {port}"
        _run(
            [
                str(bin_dir / "pg_ctl"),
                "start",
                "-w",
                "-D",
                str(data),
                "-l",
                str(root / "server.log"),
                "-o",
                options,
            ],
            run_as,
        )
    except (subprocess.CalledProcessError, OSError, subprocess.TimeoutExpired) as exc:
        detail = getattr(exc, "stderr", "") or str(exc)
        shutil.rmtree(root, ignore_errors=True)
        raise NoServer(f"could not start PostgreSQL: {detail.strip()[:300]}") from exc
    return PgServer(host=str(sockets), port=port, data_dir=data, bin_dir=bin_dir, run_as=run_as)


# Members of this group log in with a password even on a trust server (.ci/postgres does the
# same): the only way a test can see the server refuse a wrong one.
PASSWORD_GROUP = "crm_password_users"


def require_passwords(hba: Path) -> None:
    """Put a password rule for PASSWORD_GROUP's members before initdb's trust rules."""
    rule = f"local all +{PASSWORD_GROUP} scram-sha-256\n"
    hba.write_text(rule + hba.read_text())


def wait_ready(server: PgServer, timeout: float = 10.0) -> None:
    import psycopg

    deadline = time.monotonic() + timeout
    while True:
        try:
            with psycopg.connect(server.dsn("postgres"), connect_timeout=2):
                return
        except psycopg.OperationalError as exc:
            if time.monotonic() > deadline:
                raise NoServer(f"PostgreSQL does not answer: {exc}") from exc
            time.sleep(0.1)


def new_database_name() -> str:
    return f"crm_{uuid.uuid4().hex[:16]}"


# The shape of a database, as far as a test can change it besides rows: its relations (kind,
# owner, grants, row-level security), columns and defaults, policies, triggers, functions,
# schemas, extensions, default privileges, settings and grants of the database, schema version.
_SHAPE_SQL = """
SELECT md5(coalesce(string_agg(x, '|' ORDER BY x), '')) FROM (
  SELECT 'c:' || c.relname || ':' || c.relkind::text || ':' || c.relowner || ':' || c.relrowsecurity
         || ':' || c.relforcerowsecurity || ':' || coalesce(c.relacl::text, '') AS x
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'
  UNION ALL
  SELECT 'a:' || a.attrelid::regclass::text || ':' || a.attname || ':' || a.atttypid || ':'
         || a.attnotnull || ':' || coalesce(pg_get_expr(d.adbin, d.adrelid), '')
         || ':' || coalesce(a.attacl::text, '')
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
   WHERE n.nspname = 'public' AND a.attnum > 0 AND NOT a.attisdropped
  UNION ALL
  SELECT 'p:' || polname || ':' || polrelid::regclass::text || ':' || polcmd::text || ':'
         || polroles::text || ':' || coalesce(pg_get_expr(polqual, polrelid), '')
    FROM pg_policy
  UNION ALL
  SELECT 't:' || tgname || ':' || tgrelid::regclass::text || ':' || tgenabled::text
    FROM pg_trigger WHERE NOT tgisinternal
  UNION ALL
  SELECT 'f:' || p.proname || ':' || p.proowner || ':' || coalesce(p.proacl::text, '') || ':'
         || md5(p.prosrc)
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
   WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
  UNION ALL
  SELECT 'n:' || nspname || ':' || nspowner || ':' || coalesce(nspacl::text, '')
    FROM pg_namespace
  UNION ALL SELECT 'e:' || extname FROM pg_extension
  UNION ALL SELECT 'q:' || defaclrole || ':' || defaclobjtype::text || ':' || defaclacl::text
    FROM pg_default_acl
  UNION ALL
  SELECT 's:' || setrole || ':' || array_to_string(setconfig, ',')
    FROM pg_db_role_setting
   WHERE setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database())
  UNION ALL
  SELECT 'd:' || datdba || ':' || coalesce(datacl::text, '')
    FROM pg_database WHERE datname = current_database()
  UNION ALL SELECT 'v:' || version_num FROM alembic_version
) AS shape
"""


class DatabasePool:
    """Migrated databases for the tests of one process, one test at a time each.

    Copying the migrated template (``CREATE DATABASE ... TEMPLATE``) takes most of a second, as
    long as migrating: that was the setup of every PostgreSQL test. A database given back is
    emptied instead — ``TRUNCATE ... RESTART IDENTITY``, then the rows the migrations wrote and
    the sequences put back as in a fresh copy — and handed to the next test, as long as nothing
    but rows changed (its shape, above: ``crm team init`` adds roles' grants and row-level
    security). A changed one is dropped and the next test gets a new copy.
    """

    def __init__(self, server: PgServer, template: str):
        self.server = server
        self.template = template
        self._idle: list[str] = []
        self._shape: str | None = None
        self._tables: list[str] = []
        self._rows: dict[str, bytes] = {}  # table → its rows in a fresh copy (COPY format)
        self._sequences: list[tuple[str, int | None]] = []  # name, last value (None: unused)

    def take(self) -> str:
        if self._idle:
            return self._idle.pop()
        name = new_database_name()
        self.server.admin(f"CREATE DATABASE {name} TEMPLATE {self.template}")
        if self._shape is None:
            self._learn(name)
        return name

    def give_back(self, name: str) -> None:
        import psycopg

        try:
            kept = self._empty(name)
        except psycopg.Error:
            kept = False
        if kept:
            self._idle.append(name)
        else:
            self.server.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def _learn(self, name: str) -> None:
        """What a fresh copy holds: its shape, its tables, the rows the migrations wrote."""
        import psycopg

        with psycopg.connect(self.server.dsn(name)) as conn:
            self._shape = _one(conn, _SHAPE_SQL)
            self._tables = [
                str(r[0])
                for r in conn.execute(
                    "SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = 'public' "
                    "AND tablename <> 'alembic_version' ORDER BY tablename"
                )
            ]
            for table in self._tables:
                if conn.execute(f"SELECT EXISTS (SELECT 1 FROM {table})").fetchone() == (True,):
                    with conn.cursor().copy(f"COPY {table} TO STDOUT") as copy:  # type: ignore[arg-type]
                        self._rows[table] = b"".join(bytes(block) for block in copy)
            self._sequences = [
                (str(r[0]), r[1])
                for r in conn.execute(
                    "SELECT quote_ident(sequencename), last_value FROM pg_sequences "
                    "WHERE schemaname = 'public'"
                )
            ]

    def _empty(self, name: str) -> bool:
        """Empty ``name`` as a fresh copy is; False when a test changed more than rows."""
        import psycopg

        with psycopg.connect(self.server.dsn("postgres"), autocommit=True) as admin:
            # a test's connections still open (a TUI's, a pooled engine's) would hold locks
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                (name,),
            )
        with psycopg.connect(self.server.dsn(name)) as conn:
            if _one(conn, _SHAPE_SQL) != self._shape:
                return False
            conn.execute(f"TRUNCATE {', '.join(self._tables)} RESTART IDENTITY CASCADE")  # type: ignore[arg-type]
            # the migrations' rows go back as they were: no trigger (the change counter) fires
            conn.execute("SET LOCAL session_replication_role = replica")
            for table, rows in self._rows.items():
                with conn.cursor().copy(f"COPY {table} FROM STDIN") as copy:  # type: ignore[arg-type]
                    copy.write(rows)
            for sequence, last in self._sequences:
                if last is None:
                    conn.execute(f"ALTER SEQUENCE {sequence} RESTART")  # type: ignore[arg-type]
                else:
                    conn.execute("SELECT setval(%s, %s)", (sequence, last))
        return True

    def close(self) -> None:
        for name in self._idle:
            self.server.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        self._idle = []


def _one(conn: object, sql: str) -> str:
    row = conn.execute(sql).fetchone()  # type: ignore[attr-defined]
    return str(row[0]) if row else ""
