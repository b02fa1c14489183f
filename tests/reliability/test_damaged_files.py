"""Item 4, beyond tests/test_db.py: damaged and foreign files seen through the real ``crm`` command.

tests/test_db.py already proves ``open_database`` refuses a CSV, an empty file, a truncated
header, random bytes, another program's SQLite file and a folder, byte-for-byte untouched. Here:
what the user sees for each (one line that says what to do, exit 1, no traceback, no side files),
and databases that pass the header and schema checks but are damaged inside, which only fail
when a query reaches the bad page.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from tests.cli_runner import crm
from tests.reliability.support import child_env, run_crm

WHAT_TO_DO = ("restore a backup", "crm doctor", "--db")


def _one_clear_line(result, *, expect_code: int = 1) -> str:  # type: ignore[no-untyped-def]
    err = result.stderr.decode()
    assert result.returncode == expect_code, (result.returncode, err, result.stdout)
    assert "Traceback" not in err and "Traceback" not in result.stdout.decode()
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    return lines[0]


def _one_clear_line_in_process(*args: str) -> str:
    """The same check through Typer's runner (no process start-up: many commands are cheap)."""
    result = crm(*args, ok=False)
    assert result.exit_code == 1, (args, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    return lines[0]


def _side_files(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name != path.name)


def _other_program_db(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE things (x)")
    conn.execute("INSERT INTO things VALUES ('keep me')")
    conn.commit()
    conn.close()


FOREIGN = {
    "csv": lambda p: p.write_bytes("name,phone\n张伟,138\n".encode()),
    "empty": lambda p: p.write_bytes(b""),
    "header-only": lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\x00" * 84),
    "random": lambda p: p.write_bytes(os.urandom(8192)),
    "other-program": _other_program_db,
    "folder": lambda p: p.mkdir(),
}


@pytest.mark.parametrize("kind", sorted(FOREIGN))
def test_foreign_files_refused_with_what_to_do(tmp_path, kind):
    folder = tmp_path / "place"
    folder.mkdir()
    path = folder / "crm.db"
    FOREIGN[kind](path)
    before = None if path.is_dir() else path.read_bytes()
    lines = [_one_clear_line(run_crm("--db", str(path), "add-customer", "Acme"))]
    for args in (["customers"], ["show", "1", "--json"], ["demo"]):
        lines.append(_one_clear_line_in_process("--db", str(path), *args))
    for line in lines:
        assert str(path) in line
        assert any(hint in line for hint in WHAT_TO_DO), line
    if before is not None:
        assert path.read_bytes() == before
    else:
        assert list(path.iterdir()) == []
    assert _side_files(path) == [], "no -wal, -shm or -journal beside a refused file"


# ---------------------------------------------------------------------------------------------
# A crmtui database damaged inside: the header and schema read fine, a data page does not.


@pytest.fixture(scope="module")
def good_db(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("good")
    env = child_env(CRM_DB=str(root / "crm.db"), CRM_DATA_DIR=str(root))
    result = run_crm("demo", "--size", "300", env=env)
    assert result.returncode == 0, result.stderr
    return root / "crm.db"


def _root_page(path: Path, name: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(
            conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0]
        )
    finally:
        conn.close()


def _damage(src: Path, dst: Path, how: str) -> None:
    data = bytearray(src.read_bytes())
    page = 4096
    if how == "truncated":
        del data[int(len(data) * 0.6) :]
    else:
        table = {
            "customer-page": "customer",
            "activity-page": "activity",
            "search-page": "search_doc",
        }[how]
        start = (_root_page(src, table) - 1) * page
        data[start : start + page] = b"\xa5" * page
    dst.write_bytes(bytes(data))


READS = [
    ["customers", "--limit", "500"],
    ["customers", "--search", "zhang"],
    ["today"],
    ["show", "3", "--json"],
    ["actions", "--all", "--json"],
    ["contacts", "--limit", "500"],
]
WRITES = [
    ["add-customer", "New Co"],
    ["log", "3", "--note", "hi"],
    ["follow-up", "4", "--at", "tomorrow 10:00"],
    ["opp", "add", "5", "Deal"],
]


def _outcome(path: Path, args: list[str]) -> str | None:
    """None when the command worked, else its one error line (checked to be clean)."""
    result = crm("--db", str(path), *args, ok=False)
    if result.exit_code == 0:
        return None
    assert result.exit_code == 1, (args, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{args}: {result.exception!r}"
    )
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.slow
@pytest.mark.parametrize("how", ["truncated", "customer-page", "activity-page", "search-page"])
def test_damage_inside_a_database_gives_one_line_never_a_traceback(good_db, tmp_path, how):
    path = tmp_path / "crm.db"
    _damage(good_db, path, how)
    failed = 0
    for args in READS:
        before = path.read_bytes()
        line = _outcome(path, args)
        if line is not None:
            failed += 1
            assert "damaged" in line and "crm doctor" in line and "backup" in line, line
        assert path.read_bytes() == before, f"reading changed the file: {args}"
    for args in WRITES:
        line = _outcome(path, args)
        if line is not None:
            failed += 1
            assert "damaged" in line or "no customer" in line, line
    assert failed, "the damage should be noticed by at least one command"
    # and a real process prints the same single line, never a traceback
    result = run_crm("--db", str(path), "customers", "--limit", "500")
    if result.returncode:
        assert "damaged" in _one_clear_line(result)
