"""Timing whole processes: wall time around fork/exec/wait, and each run's peak RSS.

Every run is a fresh process started with ``subprocess.Popen`` and reaped with ``os.wait4``,
which returns that child's own resource usage, so the peak RSS is per run, not a maximum over
everything the benchmark ever started. Output goes to ``/dev/null`` (or a file): what is timed is
the command, not a terminal drawing it.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Timing:
    """The runs of one command: seconds and peak RSS (MiB) of each, and how it went."""

    label: str
    argv: list[str]
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # user + system seconds of each run
    rss_mib: list[float] = field(default_factory=list)
    error: str | None = None
    note: str = ""

    @property
    def ok(self) -> bool:
        return self.error is None and bool(self.seconds)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def low(self) -> float:
        return min(self.seconds)

    @property
    def high(self) -> float:
        return max(self.seconds)

    @property
    def iqr(self) -> tuple[float, float]:
        if len(self.seconds) < 4:
            return self.low, self.high
        q = statistics.quantiles(self.seconds, n=4, method="inclusive")
        return q[0], q[2]

    @property
    def rss(self) -> float:
        return max(self.rss_mib) if self.rss_mib else 0.0

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "label": self.label,
            "argv": self.argv,
            "error": self.error,
            "note": self.note,
            "seconds": self.seconds,
            "cpu": self.cpu,
            "rss_mib": self.rss_mib,
        }
        if self.ok:
            out |= {
                "median": self.median,
                "min": self.low,
                "max": self.high,
                "iqr": list(self.iqr),
                "peak_rss_mib": self.rss,
                "cpu_median": statistics.median(self.cpu),
            }
        return out


def run_once(
    argv: Sequence[str],
    env: Mapping[str, str],
    *,
    cwd: Path | None = None,
    timeout: float = 600.0,
) -> tuple[float, float, float, int, str]:
    """Run ``argv`` once: (wall seconds, CPU seconds, peak RSS MiB, exit status, stderr's end)."""
    with tempfile.TemporaryFile() as err, open(os.devnull, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(
            list(argv), stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=dict(env), cwd=cwd
        )
        killer = threading.Timer(timeout, proc.kill)
        killer.start()
        try:
            _pid, status, usage = os.wait4(proc.pid, 0)  # this child's own resource usage
        finally:
            killer.cancel()
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        tail = err.read()[-2000:].decode("utf-8", "replace")
    cpu = usage.ru_utime + usage.ru_stime
    return elapsed, cpu, usage.ru_maxrss / 1024, proc.returncode, tail


def measure(
    label: str,
    argv: Sequence[str],
    env: Mapping[str, str],
    *,
    runs: int = 7,
    warmup: int = 1,
    prepare: Any = None,
    cwd: Path | None = None,
    timeout: float = 600.0,
) -> Timing:
    """Run a command ``warmup`` times untimed, then ``runs`` times timed.

    ``prepare`` (optional) is called before every run, outside the timing (e.g. to copy a fresh
    database into place). A failing run stops the measurement and records why.
    """
    timing = Timing(label=label, argv=list(argv))
    for i in range(warmup + runs):
        if prepare is not None:
            prepare()
        try:
            seconds, cpu, rss, code, tail = run_once(argv, env, cwd=cwd, timeout=timeout)
        except OSError as exc:
            timing.error = f"could not start: {exc}"
            return timing
        if code != 0:
            last = [line for line in tail.strip().splitlines() if line.strip()][-1:] or [""]
            timing.error = f"exit {code}: {last[0][:200]}"
            return timing
        if i >= warmup:
            timing.seconds.append(seconds)
            timing.cpu.append(cpu)
            timing.rss_mib.append(rss)
    return timing


def capture(argv: Sequence[str], env: Mapping[str, str], timeout: float = 120) -> tuple[int, str]:
    """Run once and return (exit status, stdout+stderr) — for probing what a command offers."""
    try:
        done = subprocess.run(
            list(argv),
            env=dict(env),
            capture_output=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return 1, str(exc)
    return done.returncode, (done.stdout + done.stderr).decode("utf-8", "replace")


def measure_pair(
    first: tuple[str, Sequence[str], Mapping[str, str]],
    second: tuple[str, Sequence[str], Mapping[str, str]],
    *,
    runs: int = 7,
    warmup: int = 1,
) -> tuple[Timing, Timing, list[float]]:
    """Two commands run alternately (A B, B A, A B...), so that a busy spell of a shared machine
    lands on both: their timings, and the ratio A/B of each pair."""
    timings = [Timing(label=c[0], argv=list(c[1])) for c in (first, second)]
    ratios: list[float] = []
    for i in range(warmup + runs):
        order = (0, 1) if i % 2 == 0 else (1, 0)
        pair: dict[int, float] = {}
        for k in order:
            label, argv, env = (first, second)[k]
            t = timings[k]
            if t.error:
                continue
            try:
                seconds, cpu, rss, code, tail = run_once(argv, env)
            except OSError as exc:
                t.error = f"could not start: {exc}"
                continue
            if code != 0:
                last = [line for line in tail.strip().splitlines() if line.strip()][-1:] or [""]
                t.error = f"exit {code}: {last[0][:200]}"
                continue
            if i >= warmup:
                t.seconds.append(seconds)
                t.cpu.append(cpu)
                t.rss_mib.append(rss)
                pair[k] = seconds
        if len(pair) == 2:
            ratios.append(pair[0] / pair[1])
    return timings[0], timings[1], ratios
