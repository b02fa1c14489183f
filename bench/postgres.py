"""Team mode beside SQLite: the read commands on the same demo data on both backends.

``bench/run.py`` calls :func:`compare` and puts :func:`section` in BENCHMARKS.md. Alone, it
measures and replaces only that section of the file (the rest is left as it is):

    .venv/bin/python bench/postgres.py [--size 100000] [--runs 7] [--output BENCHMARKS.md]

When the distribution's PostgreSQL binaries are here (``initdb``, ``pg_ctl``), a throwaway server
is started with ``.ci/postgres`` (a Unix socket in a temporary folder, fsync off: reads are what
is measured, not durability; as the ``postgres`` user when run as root) and stopped at the end.
The same ``crm demo --size N --seed 7`` with the same pinned clock is built in it, the benchmark
customer gets the same 50 activities as in the SQLite file (``bench/inproc.py topup``), then
``VACUUM ANALYZE`` gives the planner its statistics. Each command then runs alternately on the
cached SQLite database and on PostgreSQL (``measure_pair``: a busy spell of the shared machine
falls on both). Without binaries, or when the server cannot start, the section says so.
"""

from __future__ import annotations

import argparse
import glob
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import dataset  # noqa: E402
from measure import measure_pair  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PG = ROOT / ".ci" / "postgres"
HEADING = "## PostgreSQL beside SQLite (team mode)"
TARGET = 2.0  # PostgreSQL within 2× of SQLite (issue 17)
DATABASE = "crm_bench"
COMMANDS = (
    ("crm today", ["today"]),
    ("crm customers --search 张伟", ["customers", "--search", "张伟"]),
    ("crm customers --search zw --limit 20", ["customers", "--search", "zw", "--limit", "20"]),
    ("crm customers --search wang", ["customers", "--search", "wang"]),
    ("crm plan", ["plan"]),
)


def _log(*parts: object) -> None:
    print(*parts, file=sys.stderr, flush=True)  # noqa: T201


def has_binaries() -> bool:
    return bool(glob.glob("/usr/lib/postgresql/*/bin/initdb")) or bool(shutil.which("initdb"))


def _admin(url: str, sql: str) -> None:
    import psycopg

    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(sql)  # type: ignore[arg-type]


def _timed(argv: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - started


def _load(url: str, size: int, log: Callable[..., None]) -> dict[str, Any]:
    """The demo in database ``crm_bench`` of the server at ``url``, as the SQLite file has it."""
    _admin(url, f"CREATE DATABASE {DATABASE}")
    db_url = url.replace("/postgres?", f"/{DATABASE}?")
    env = dataset.crm_env(CRM_DATABASE_URL=db_url)
    log(f"building the {size:,}-customer demo on PostgreSQL ...")
    demo = [dataset.crm_bin(), "demo", "--size", str(size), "--seed", str(dataset.SEED)]
    build = _timed(demo, env)
    topup = [sys.executable, str(dataset.INPROC), "topup", db_url, str(dataset.CARD_ACTIVITIES)]
    build += _timed(topup, env)
    # Fresh statistics: the planner otherwise guesses until autovacuum gets round to it.
    started = time.perf_counter()
    _admin(db_url, "VACUUM ANALYZE")
    return {"env": env, "build_seconds": build, "analyze_seconds": time.perf_counter() - started}


def _server_version(url: str) -> str:
    import psycopg

    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as c:
        row = c.execute("SHOW server_version").fetchone()
    return str(row[0]).split()[0] if row else "?"


def _spread(t: Any) -> dict[str, Any]:
    return {"median": t.median, "min": t.low, "max": t.high} if t.ok else {"error": t.error}


def compare(
    sqlite_db: Path, size: int, runs: int, log: Callable[..., None] = _log
) -> dict[str, Any]:
    """Time COMMANDS on ``sqlite_db`` and on a PostgreSQL copy of the same demo; the results,
    or ``{"skipped": why}`` when no server can be had."""
    out: dict[str, Any] = {"size": size, "runs": runs, "load_before": os.getloadavg()}
    if not has_binaries():
        return out | {
            "skipped": "no PostgreSQL binaries on this machine (initdb, pg_ctl); install the "
            "distribution's postgresql package (`.ci/postgres install`)"
        }
    folder = tempfile.mkdtemp(prefix="crm-bench-pg.")
    started = subprocess.run([str(PG), "start", folder], capture_output=True, text=True)
    if started.returncode != 0:
        subprocess.run([str(PG), "stop", folder], check=False, capture_output=True)
        why = (started.stderr.strip().splitlines() or ["?"])[-1][:200]
        return out | {"skipped": f"the PostgreSQL server did not start: {why}"}
    url = started.stdout.strip()
    try:
        out["server"] = _server_version(url)
        loaded = _load(url, size, log)
        out |= {k: v for k, v in loaded.items() if k != "env"}
        lite = dataset.crm_env(sqlite_db)
        rows = []
        for label, argv in COMMANDS:
            log(f"timing {label} on SQLite and PostgreSQL, alternating ...")
            a, b, ratios = measure_pair(
                ("sqlite", [dataset.crm_bin(), *argv], lite),
                ("postgresql", [dataset.crm_bin(), *argv], loaded["env"]),
                runs=runs,
            )
            row: dict[str, Any] = {"label": label, "sqlite": _spread(a), "pg": _spread(b)}
            if a.ok and b.ok:
                row["ratio"] = b.median / a.median
                row["pair_ratios"] = [1 / r for r in ratios]
            rows.append(row)
        out["rows"] = rows
    except Exception as exc:  # one section must not lose the whole benchmark run
        out["skipped"] = f"the PostgreSQL measurement failed: {exc!r}"[:300]
    finally:
        subprocess.run([str(PG), "stop", folder], check=False, capture_output=True)
    out["load_after"] = os.getloadavg()
    return out


def _cell(e: dict[str, Any]) -> str:
    if "median" not in e:
        return f"failed: {e.get('error')}"
    return f"{e['median'] * 1000:.0f} ms ({e['min'] * 1000:.0f}–{e['max'] * 1000:.0f})"


def section(pg: dict[str, Any] | None, sqlite_build: float | None = None) -> list[str]:
    """The BENCHMARKS.md section (lines) for :func:`compare`'s result."""
    out = [HEADING, ""]
    if not pg:
        return out + ["Not measured in this run.", ""]
    if "skipped" in pg:
        return out + [f"Not measured: {pg['skipped']}.", ""]
    before, after = pg["load_before"][0], pg["load_after"][0]
    out += [
        f"The same `crm demo --size {pg['size']:,} --seed {dataset.SEED}` (pinned clock, the "
        f"benchmark customer topped up to {dataset.CARD_ACTIVITIES} activities) in SQLite and "
        f"in PostgreSQL {pg.get('server', '?')} (a throwaway server on a Unix socket, fsync "
        "off, `VACUUM ANALYZE` after loading). Each command runs alternately on the two, "
        f"one warm-up then {pg['runs']} runs each: median wall time of the whole process "
        f"(min–max). Target: PostgreSQL within {TARGET:.0f}× of SQLite. Load average "
        f"{before:.2f} before, {after:.2f} after.",
        "",
        "| command | SQLite | PostgreSQL | ratio | per pair | target |",
        "|---|---|---|---|---|---|",
    ]
    for row in pg.get("rows", []):
        ratio = row.get("ratio")
        pairs = row.get("pair_ratios") or []
        shown = f"{ratio:.2f}×" if ratio is not None else "–"
        spread = f"{min(pairs):.2f}–{max(pairs):.2f}×" if pairs else "–"
        if ratio is None:
            verdict = "not measured"
        else:
            verdict = "met" if ratio <= TARGET else f"**missed** ({ratio:.2f}×)"
        out.append(
            f"| `{row['label']}` | {_cell(row['sqlite'])} | {_cell(row['pg'])} | {shown} | "
            f"{spread} | {verdict} |"
        )
    built = f"{sqlite_build:.1f} s" if sqlite_build else "cached"
    out += [
        f"| building the demo | {built} | {pg['build_seconds']:.1f} s "
        f"(+ {pg['analyze_seconds']:.1f} s VACUUM ANALYZE) | | | |",
        "",
        "A two-character term (`张伟`, `zw`) is found through the index of two-character pieces "
        "(migration 0019), longer terms through `pg_trgm`; PostgreSQL's part of every command "
        "includes importing psycopg and connecting to the server.",
        "",
    ]
    return out


def write(output: Path, lines: list[str]) -> None:
    """Replace this section of ``output`` (or add it at the end): the rest stays as it is."""
    text = "\n".join(lines).rstrip() + "\n"
    old = output.read_text(encoding="utf-8") if output.exists() else ""
    if HEADING in old:
        start = old.index(HEADING)
        end = old.find("\n## ", start + len(HEADING))
        new = old[:start] + text + (old[end:] if end != -1 else "")
    else:
        new = old.rstrip("\n") + "\n\n" + text
    output.write_text(new, encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--size", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    args = ap.parse_args()
    meta = dataset.demo_database(args.size, log=_log)
    result = compare(Path(meta["path"]), args.size, args.runs)
    lines = section(result, meta.get("build_seconds"))
    write(args.output, lines)
    _log("\n".join(lines))
    if "rows" in result:
        ratios = [r["ratio"] for r in result["rows"] if "ratio" in r]
        _log(f"worst ratio {max(ratios):.2f}×, median {statistics.median(ratios):.2f}×")


if __name__ == "__main__":
    main()
