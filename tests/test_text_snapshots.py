"""Text snapshots of ``crm today``, ``crm plan``, ``crm show`` and ``crm export weekly`` on a
fixed demo database at a pinned CRM_NOW, in English and in Chinese.

The English files were written by the code before the Chinese interface existed: English output
must stay exactly what it was. The Chinese files are what a Chinese user reads; a change to them
is reviewed like any other change of wording (regenerate with ``CRM_WRITE_SNAPSHOTS=1``).
"""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from crmtui.config import SETTINGS

SNAPSHOTS = Path(__file__).parent / "snapshots"
COMMANDS = ("today", "plan", "show 3", "export weekly")
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{2,}")
COMMAND = re.compile(r"\bcrm(?: [a-z][a-z-]*)+")
# what Chinese output may still show in Latin letters: the product and its commands, the
# practice's acronym MAN, time-zone names, setting names (typed as they are), file formats
ALLOWED = {"crmtui", "crm", "plan", "today", "json", "MAN", "Markdown", *SETTINGS}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of a fixed demo database (40 customers, seed 7) at a pinned time."""
    folder = tmp_path_factory.mktemp("snapshots")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "CRM_DATABASE_URL"}
    }
    env.update(
        CRM_NOW="2026-11-23T10:00:00+08:00",
        CRM_TZ="Asia/Shanghai",
        CRM_DB=str(folder / "crm.db"),
        CRM_CONFIG=str(folder / "config.toml"),
        CRM_DATA_DIR=str(folder / "data"),
        HOME=str(folder),
        NO_COLOR="1",
        COLUMNS="100",
        LANG="C.UTF-8",
    )
    run(env, "demo --size 40 --seed 7")
    return env


def run(env: dict[str, str], args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "crmtui", *args.split()],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout + done.stderr


def compare(path: Path, text: str) -> None:
    if os.environ.get("CRM_WRITE_SNAPSHOTS"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{path.name} changed"


@pytest.mark.parametrize("args", COMMANDS)
def test_english_is_what_it_was(demo: dict[str, str], args: str) -> None:
    compare(SNAPSHOTS / "en" / f"{args.replace(' ', '_')}.txt", run(demo, args))
    assert run(demo, f"--lang en {args}") == run(demo, args)


@pytest.mark.parametrize("args", COMMANDS)
def test_chinese_snapshot(demo: dict[str, str], args: str) -> None:
    text = run(demo, f"--lang zh {args}")
    compare(SNAPSHOTS / "zh" / f"{args.replace(' ', '_')}.txt", text)
    assert run({**demo, "LANG": "zh_CN.UTF-8"}, args) == text, "the locale chooses Chinese too"


@pytest.mark.parametrize("args", COMMANDS)
def test_chinese_output_has_no_english_words_but_user_data(demo: dict[str, str], args: str) -> None:
    known = "\n".join([*ALLOWED, *user_data(Path(demo["CRM_DB"]))])
    # a command the user may type is shown as typed: "crm summary note"
    text = COMMAND.sub(" ", run(demo, f"--lang zh {args}"))
    english = {word for word in WORD.findall(text) if word not in known}
    assert english == set()


def user_data(db: Path) -> set[str]:
    """Every text the demo database holds (names, notes, cities, zones...): user data."""
    values: set[str] = set()
    with sqlite3.connect(db) as con:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            for row in con.execute(f'SELECT * FROM "{table}"'):  # noqa: S608 - our own tables
                values.update(v for v in row if isinstance(v, str))
    return values


def test_json_stays_english_in_chinese(demo: dict[str, str]) -> None:
    english = run(demo, "plan --json")
    assert run(demo, "--lang zh plan --json") == english
    assert "normal hours" in english
