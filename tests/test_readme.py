"""The README's quick start and "A first day" work as written, in order, on a fresh machine.

The shell blocks of those two sections are run one after another in one ``bash`` with a fresh
``HOME`` and no crmtui settings in the environment, in a folder where ``.venv`` is the
environment running these tests (so ``. .venv/bin/activate`` does what it does for a user).
Two kinds of line are left out, and only these: ``pip install`` (the package is installed
already) and the bare ``crm`` line that opens the full-screen app (it needs a terminal).
Every other command must exit 0.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"
SECTIONS = ("## Quick start", "## A first day")


def _section(text: str, heading: str) -> str:
    start = text.index(heading + "\n")
    end = text.find("\n## ", start + len(heading))
    return text[start : end if end != -1 else len(text)]


def walkthrough() -> list[str]:
    """The command lines of the quick start and first-day shell blocks, in order."""
    text = README.read_text(encoding="utf-8")
    lines: list[str] = []
    for heading in SECTIONS:
        for block in re.findall(r"```sh\n(.*?)```", _section(text, heading), flags=re.S):
            lines += [line for line in block.splitlines() if line.strip()]
    return lines


def opens_the_app(line: str) -> bool:
    """``crm`` alone, or with only ``--db PATH``: it starts the full-screen app."""
    words = shlex.split(line, comments=True)
    if not words or words[0] != "crm":
        return False
    rest = words[1:]
    return not rest or (len(rest) == 2 and rest[0] == "--db")


def _runnable(lines: list[str]) -> list[str]:
    return [line for line in lines if "pip install" not in line and not opens_the_app(line)]


def test_the_walkthrough_is_found_and_only_installs_and_the_app_are_left_out():
    lines = walkthrough()
    skipped = [line for line in lines if line not in _runnable(lines)]
    assert len(skipped) == 3, skipped  # the two pip installs and `crm --db demo.db`
    assert any(line.startswith("crm demo") or " demo " in line for line in _runnable(lines))
    assert sum(line.startswith("crm ") for line in _runnable(lines)) >= 10


def test_readme_walkthrough_runs_in_order_on_a_fresh_machine(tmp_path: Path):
    home = tmp_path / "home"
    work = tmp_path / "crmtui"
    home.mkdir()
    work.mkdir()
    (work / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("CRM_", "XDG_", "VIRTUAL_ENV", "PYTHON"))
    }
    bin_dir = str(Path(sys.executable).parent)
    # crm must come from the activate line, not from the environment running the tests.
    env["PATH"] = os.pathsep.join(
        p for p in env.get("PATH", "").split(os.pathsep) if p and p != bin_dir
    )
    env.update(
        HOME=str(home),
        CRM_NOW="2026-12-01T09:10:00+08:00",
        CRM_TZ="Asia/Shanghai",
        NO_COLOR="1",
        COLUMNS="120",
    )
    script = "\n".join(
        [
            "set -e",
            "trap 'echo \"README command failed: $BASH_COMMAND\" >&2' ERR",
            *_runnable(walkthrough()),
        ]
    )
    result = subprocess.run(
        ["bash", "-c", script],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    assert "merged #2" in result.stdout
    assert (work / "demo.db").exists()
    assert (home / ".local" / "share" / "crmtui" / "crm.db").exists()
