"""The TUI in a real terminal: ``crm`` started in a tmux window of 160×50, timed from launch
until every panel of the desktop is filled (as the screen shows it, read with
``tmux capture-pane``). This is what a user waits for, including Textual's start-up and the
first paint, which the in-process measurement (inproc.py) cannot see.
"""

from __future__ import annotations

import os
import shlex
import shutil
import statistics
import subprocess
import time
from collections.abc import Mapping
from typing import Any

WIDTH, HEIGHT = 160, 50
TIMEOUT_S = 30.0
POLL_S = 0.01


def _screen(session: str) -> str:
    done = subprocess.run(
        ["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True
    )
    return done.stdout


def filled(screen: str, first_call: str | None) -> bool:
    """Every panel shows its rows: the planned calls (the first one's customer), the month's
    figures, birthdays, the recent opportunities; no panel still says it is loading."""
    needed = ["reached", "amount", "when", "Recent customers"]
    if first_call:
        needed.append(first_call)
    return all(n in screen for n in needed) and "planning today's calls" not in screen


def desktop_in_tmux(
    crm: str, env: Mapping[str, str], first_call: str | None, runs: int
) -> dict[str, Any]:
    """Seconds from launch to a filled desktop, ``runs`` times (one untimed warm-up)."""
    if shutil.which("tmux") is None:
        return {"skipped": "tmux is not installed"}
    assignments = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items() if k.startswith("CRM_"))
    command = f"env {assignments} {shlex.quote(crm)}"
    seconds: list[float] = []
    for i in range(runs + 1):
        session = f"crmbench-{os.getpid()}-{i}"
        start = time.perf_counter()
        subprocess.run(
            [
                "tmux",
                "new-session",
                "-d",
                "-s",
                session,
                "-x",
                str(WIDTH),
                "-y",
                str(HEIGHT),
                command,
            ],
            check=True,
            env={k: v for k, v in os.environ.items() if not k.startswith("TMUX")},
        )
        took = None
        try:
            while time.perf_counter() - start < TIMEOUT_S:
                if filled(_screen(session), first_call):
                    took = time.perf_counter() - start
                    break
                time.sleep(POLL_S)
        finally:
            subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
        if took is None:
            return {"error": f"the desktop was not filled within {TIMEOUT_S:.0f} s"}
        if i > 0:
            seconds.append(took)
    return {
        "seconds": seconds,
        "median": statistics.median(seconds),
        "min": min(seconds),
        "max": max(seconds),
        "size": f"{WIDTH}x{HEIGHT}",
    }
