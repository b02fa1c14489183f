"""Team mode beside SQLite: the read commands on the same demo data on both backends.

    .venv/bin/python bench/postgres.py [--size 100000] [--runs 5] [--output BENCHMARKS.md]

Starts a throwaway PostgreSQL server with ``.ci/postgres`` (the distribution's binaries; as the
``postgres`` user when run as root), builds ``crm demo --size N`` in an SQLite file and in a
PostgreSQL database (the same seed and clock give the same rows), then times ``crm today``,
``crm customers --search`` and ``crm plan`` as whole processes on each (``bench/measure.py``:
one warm-up, then the median of the runs). The table replaces the "PostgreSQL beside SQLite"
section of the output file (added at the end when missing). The server runs with fsync off:
reads are what is measured, not durability.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import dataset  # noqa: E402
from measure import measure  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PG = ROOT / ".ci" / "postgres"
HEADING = "## PostgreSQL beside SQLite (team mode)"
COMMANDS = (
    ("crm today", ["today"]),
    ("crm customers --search 张伟", ["customers", "--search", "张伟"]),
    ("crm customers --search zw --limit 20", ["customers", "--search", "zw", "--limit", "20"]),
    ("crm plan", ["plan"]),
)


def log(*parts: object) -> None:
    print(*parts, file=sys.stderr, flush=True)  # noqa: T201


def build(env: dict[str, str], size: int) -> float:
    started = time.monotonic()
    subprocess.run(
        [dataset.crm_bin(), "demo", "--size", str(size), "--seed", str(dataset.SEED)],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.monotonic() - started


def section(
    size: int, runs: int, rows: list[tuple[str, float, float]], builds: dict[str, float]
) -> str:
    lines = [
        HEADING,
        "",
        f"`crm demo --size {size:,}` on each backend; median of {runs} runs after one warm-up, "
        "wall seconds of the whole process. Target: PostgreSQL within 2× of SQLite.",
        f"Command: `.venv/bin/python bench/postgres.py --size {size} --runs {runs}` "
        f"({platform.machine()}, {os.cpu_count()} cores, shared machine; PostgreSQL on a local "
        "socket).",
        "",
        "| command | SQLite | PostgreSQL | ratio |",
        "| --- | ---: | ---: | ---: |",
    ]
    for label, lite, pg in rows:
        lines.append(f"| `{label}` | {lite:.3f} s | {pg:.3f} s | {pg / lite:.2f}× |")
    lines.append(
        f"| building the demo | {builds['sqlite']:.1f} s | {builds['postgresql']:.1f} s | "
        f"{builds['postgresql'] / builds['sqlite']:.2f}× |"
    )
    return "\n".join(lines) + "\n"


def write(output: Path, text: str) -> None:
    old = output.read_text(encoding="utf-8") if output.exists() else ""
    if HEADING in old:
        start = old.index(HEADING)
        end = old.find("\n## ", start + len(HEADING))
        new = old[:start] + text + (old[end + 1 :] if end != -1 else "")
    else:
        new = old.rstrip("\n") + "\n\n" + text
    output.write_text(new, encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--size", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    args = ap.parse_args()
    subprocess.run([str(PG), "install"], check=True)
    server = Path(tempfile.mkdtemp(prefix="crm-bench-pg."))
    url = subprocess.run(
        [str(PG), "start", str(server)], check=True, capture_output=True, text=True
    ).stdout.strip()
    try:
        import psycopg

        admin = url.replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute("CREATE DATABASE crm_bench")
        envs = {
            "sqlite": dataset.crm_env(Path(server) / "bench.db"),
            "postgresql": dataset.crm_env(
                CRM_DATABASE_URL=url.replace("/postgres?", "/crm_bench?")
            ),
        }
        builds = {}
        for name, env in envs.items():
            log(f"building the {args.size:,}-customer demo on {name} ...")
            builds[name] = build(env, args.size)
        rows = []
        for label, argv in COMMANDS:
            times = {}
            for name, env in envs.items():
                log(f"timing {label} on {name} ...")
                t = measure(label, [dataset.crm_bin(), *argv], env, runs=args.runs, warmup=1)
                if not t.ok:
                    raise SystemExit(f"{label} failed on {name}: {t.error}")
                times[name] = t.median
            rows.append((label, times["sqlite"], times["postgresql"]))
        text = section(args.size, args.runs, rows, builds)
        write(args.output, text)
        log(text)
    finally:
        subprocess.run([str(PG), "stop", str(server)], check=False)


if __name__ == "__main__":
    main()
