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


def _screen(tmux: list[str], session: str) -> str:
    done = subprocess.run(
        [*tmux, "capture-pane", "-p", "-t", session], capture_output=True, text=True
    )
    return done.stdout


def filled(screen: str, first_call: str | None) -> bool:
    """Every panel has been delivered, as the screen shows it: the planned calls (the first
    one's customer), and the titles that only get their counts or month once their panel's
    rows arrived (the week's actions, the birthdays, the month's figures); no panel still
    says it is loading.

    The panels are looked for by their titles, not by words in their rows: at 160×50 the
    lowest row of panels (recent opportunities, the month's figures) is below the fold, and
    only its titles are on screen.
    """
    needed = ["actions (", "Birthdays · 7 days (", "This month · ", "Recent customers"]
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
    clean = {k: v for k, v in os.environ.items() if not k.startswith("TMUX")}
    for i in range(runs + 1):
        # a tmux server of its own for each run: a server still exiting after the previous
        # run's window closed cannot refuse the next one
        tmux = ["tmux", "-L", f"crmbench-{os.getpid()}-{i}"]
        session = "desk"
        start = time.perf_counter()
        size = ["-x", str(WIDTH), "-y", str(HEIGHT)]
        started = subprocess.run(
            [*tmux, "new-session", "-d", "-s", session, *size, command],
            env=clean,
            capture_output=True,
            text=True,
        )
        if started.returncode != 0:
            return {"error": f"tmux did not start: {started.stderr.strip()[:200]}"}
        took = None
        try:
            while time.perf_counter() - start < TIMEOUT_S:
                if filled(_screen(tmux, session), first_call):
                    took = time.perf_counter() - start
                    break
                time.sleep(POLL_S)
        finally:
            subprocess.run([*tmux, "kill-server"], capture_output=True)
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
