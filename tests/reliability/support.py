"""Helpers for the reliability tests: real ``crm`` processes, pseudo-terminals, file checks.

Every helper takes its environment from ``os.environ`` at call time, so the per-test isolation of
``tests/conftest.py`` (CRM_DB, CRM_DATA_DIR, CRM_CONFIG, CRM_NOW under tmp_path) reaches the
child processes too.
"""

from __future__ import annotations

import fcntl
import os
import select
import sqlite3
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

CRM = [sys.executable, "-m", "crmtui"]


def child_env(**changes: str | None) -> dict[str, str]:
    """The test's environment with some variables set (a value of None removes one)."""
    env = dict(os.environ)
    env.pop("PYTHONWARNINGS", None)
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def run_crm(
    *args: str | bytes,
    env: Mapping[str, str] | None = None,
    umask: int | None = None,
    timeout: float = 60,
    preexec: Callable[[], None] | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """Run ``crm ARGS`` as a real process with no terminal; output kept as bytes."""

    def setup() -> None:
        if umask is not None:
            os.umask(umask)
        if preexec is not None:
            preexec()

    return subprocess.run(
        [*CRM, *args],
        env=dict(env) if env is not None else child_env(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=timeout,
        preexec_fn=setup if (umask is not None or preexec is not None) else None,
        check=False,
    )


def run_in_pty(
    args: Sequence[str | bytes],
    *,
    env: Mapping[str, str],
    cols: int = 200,
    rows: int = 50,
    send: bytes = b"",
    timeout: float = 60,
) -> tuple[int, bytes]:
    """Run ``crm ARGS`` on a pseudo-terminal and return (exit code, every byte it wrote).

    stdout and stderr both go to the terminal, exactly as a user would see them.
    """
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    proc = subprocess.Popen(
        [*CRM, *args], stdin=slave, stdout=slave, stderr=slave, env=dict(env), close_fds=True
    )
    os.close(slave)
    if send:
        os.write(master, send)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    try:
        while True:
            if time.monotonic() > deadline:
                proc.kill()
                raise TimeoutError(f"crm {args!r} did not finish in {timeout}s")
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    data = os.read(master, 65536)
                except OSError:  # EIO: the child has closed the terminal
                    break
                if not data:
                    break
                chunks.append(data)
            elif proc.poll() is not None:
                # drain what is left without blocking
                while select.select([master], [], [], 0)[0]:
                    try:
                        data = os.read(master, 65536)
                    except OSError:
                        data = b""
                    if not data:
                        break
                    chunks.append(data)
                break
        code = proc.wait(timeout=timeout)
    finally:
        os.close(master)
        if proc.poll() is None:
            proc.kill()
    return code, b"".join(chunks)


def integrity(path: Path) -> str:
    """``PRAGMA integrity_check`` (and the FTS index's own check) of a database file."""
    conn = sqlite3.connect(path)
    try:
        result = conn.execute("PRAGMA integrity_check").fetchall()
        if result != [("ok",)]:
            return repr(result)
        if conn.execute("PRAGMA foreign_key_check").fetchall():
            return "foreign key violations"
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'search_fts'").fetchone():
            try:
                conn.execute("INSERT INTO search_fts(search_fts) VALUES ('integrity-check')")
            except sqlite3.DatabaseError as exc:
                return f"search index: {exc}"
        return "ok"
    finally:
        conn.close()


def count(path: Path, table: str, where: str = "1 = 1") -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table} WHERE {where}").fetchone()[0])
    finally:
        conn.close()


def file_bytes(path: Path) -> bytes:
    """The database file and its WAL, as they are on disk."""
    data = path.read_bytes()
    wal = Path(f"{path}-wal")
    if wal.exists():
        data += wal.read_bytes()
    return data
