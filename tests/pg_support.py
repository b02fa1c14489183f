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
