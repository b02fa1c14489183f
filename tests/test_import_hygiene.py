"""What the ``crm`` commands import, checked in a real subprocess (imports are per process).

Start-up time is mostly import time: Textual, SQLAlchemy, SQLModel and pypinyin each cost a
fifth of a second or more on a laptop. ``crm --help`` needs none of them; the read commands run
on the lean reader (stdlib ``sqlite3``) and need none either; nothing outside the TUI may import
Textual; and ``db/`` and ``services/`` never import Textual at all (the layer rule).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

TUI = {"textual"}
ORM = {"sqlalchemy", "sqlmodel", "alembic"}
# Runs crm exactly as the console script does and records every module loaded by the end.
RUNNER = """
import atexit, json, os, runpy, sys
atexit.register(lambda: open(os.environ["HYGIENE_OUT"], "w").write(json.dumps(sorted(sys.modules))))
sys.argv = ["crm", *json.loads(os.environ["HYGIENE_ARGS"])]
runpy.run_module("crmtui", run_name="__main__", alter_sys=True)
"""


def loaded_by(tmp_path: Path, *args: str) -> set[str]:
    """Top-level packages loaded by ``crm ARGS`` (which must succeed)."""
    out = tmp_path / f"modules-{len(list(tmp_path.glob('modules-*')))}.json"
    env = os.environ | {"HYGIENE_OUT": str(out), "HYGIENE_ARGS": json.dumps(args)}
    done = subprocess.run(
        [sys.executable, "-c", RUNNER], env=env, capture_output=True, text=True, timeout=180
    )
    assert done.returncode == 0, f"crm {' '.join(args)} failed:\n{done.stderr[-3000:]}"
    return {name.split(".")[0] for name in json.loads(out.read_text())}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated database with a small demo in it (built in this process, not the checked one)."""
    from zoneinfo import ZoneInfo

    from crmtui import clock
    from crmtui.db.engine import open_database
    from crmtui.services.demo.build import build_demo

    path = tmp_path_factory.mktemp("hygiene") / "crm.db"
    tz = ZoneInfo("Asia/Shanghai")
    db = open_database(str(path))
    build_demo(db, size=60, seed=7, now=clock.parse_instant("2026-11-23T10:00:00+08:00", tz), tz=tz)
    db.dispose()
    return path


@pytest.fixture
def on_demo(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CRM_DB", str(demo_db))
    return demo_db


def test_help_imports_neither_textual_nor_sqlalchemy(tmp_path: Path) -> None:
    loaded = loaded_by(tmp_path, "--help")
    assert not loaded & (TUI | ORM), f"crm --help imports {sorted(loaded & (TUI | ORM))}"


def test_version_is_as_lean_as_help(tmp_path: Path) -> None:
    loaded = loaded_by(tmp_path, "--version")
    assert not loaded & (TUI | ORM), sorted(loaded & (TUI | ORM))


def test_today_imports_no_textual_no_orm_no_pinyin(tmp_path: Path, on_demo: Path) -> None:
    loaded = loaded_by(tmp_path, "today")
    heavy = loaded & (TUI | ORM | {"pypinyin"})
    assert not heavy, f"crm today imports {sorted(heavy)}"


@pytest.mark.parametrize(
    "args",
    [
        ("today", "--json"),
        ("customers", "--search", "张伟"),
        ("customers", "--search", "zw", "--limit", "20"),
        ("customers",),
        ("show", "1"),
        ("contacts", "--search", "wang"),
        ("actions", "--week"),
    ],
    ids=lambda a: " ".join(a),
)
def test_read_commands_stay_on_the_lean_path(
    tmp_path: Path, on_demo: Path, args: tuple[str]
) -> None:
    """Reading runs on stdlib sqlite3: no Textual, no SQLAlchemy/SQLModel, no pypinyin."""
    heavy = loaded_by(tmp_path, *args) & (TUI | ORM | {"pypinyin"})
    assert not heavy, f"crm {' '.join(args)} imports {sorted(heavy)}"


@pytest.fixture(scope="module")
def saved(demo_db: Path) -> Path:
    """The demo database with a saved query over customers and one over orders."""
    for args in (
        ("lean", "city:上海 or grade:A last:>14d -tag:vip 张"),
        ("lean-orders", "is:unpaid total:>1k sort:-total", "--over", "orders"),
    ):
        done = subprocess.run(
            [sys.executable, "-m", "crmtui", "--db", str(demo_db), "query", "save", *args],
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert done.returncode == 0, done.stderr[-2000:]
    return demo_db


@pytest.mark.parametrize(
    "args",
    [
        ("query", "run", "lean"),
        ("query", "run", "lean", "--json"),
        ("query", "run", "lean-orders", "--csv"),
        ("customers", "--query", "grade:A,B sort:-created limit:5"),
        ("orders", "--query", "is:unpaid"),
    ],
    ids=lambda a: " ".join(a),
)
def test_saved_queries_run_on_the_lean_path(
    tmp_path: Path, saved: Path, on_demo: Path, args: tuple[str]
) -> None:
    """On SQLite a query is written as SQL text (services/query/lean.py): running one imports
    neither SQLAlchemy/SQLModel nor Textual."""
    heavy = loaded_by(tmp_path, *args) & (TUI | ORM)
    assert not heavy, f"crm {' '.join(args)} imports {sorted(heavy)}"


def test_a_write_command_needs_no_textual(tmp_path: Path, on_demo: Path) -> None:
    loaded = loaded_by(tmp_path, "log", "1", "--outcome", "reached", "--note", "hygiene")
    assert not loaded & TUI, "crm log imports textual"


def test_db_and_services_never_import_textual() -> None:
    """Import every module of crmtui.db and crmtui.services in a fresh process."""
    code = """
import importlib, pkgutil, sys
import crmtui.db, crmtui.services
for pkg in (crmtui.db, crmtui.services):
    for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
        if info.name.startswith("crmtui.db.migrations"):
            continue  # alembic scripts run only inside a migration
        importlib.import_module(info.name)
        if "textual" in sys.modules:
            sys.exit(f"{info.name} imports textual")
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
