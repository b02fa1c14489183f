"""crmtui's benchmark: builds the large dataset, times what a user runs, compares with peers,
and writes BENCHMARKS.md. Not part of the test suite.

    /work/venv/bin/python bench/run.py             # full run (10 minutes or so once cached)
    python bench/run.py --quick --no-peers         # a smoke run: 3 runs each, no peers
    python bench/run.py --size 2000 --output /tmp/b.md

Run it with the Python of crmtui's virtualenv (``crm`` is taken from beside it). Everything it
creates lives in ``bench/.cache``: the demo database (rebuilt only when the demo code, word
lists or migrations change), the import CSV, and the peers with their data. Nothing else on the
machine should be busy while it runs: every figure is wall time on a shared CPU.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import dataset  # noqa: E402
import peers  # noqa: E402
import postgres  # noqa: E402
import report  # noqa: E402
import terminal  # noqa: E402
from measure import capture, measure, measure_pair  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("textual", "sqlalchemy", "sqlmodel", "alembic", "pydantic", "pypinyin")
REPORTS = ("pareto", "funnel", "lost", "customers", "activity", "sales", "expenses")
SAVED_QUERY = "city:上海 grade:A last:>14d"
ORDERS_QUERY = "is:unpaid total:>10k sort:-total"  # a saved query over another target
ONE_COMMAND = Path(__file__).resolve().parent / "one_command.py"  # the --help yardstick
REFERENCE = [("python -c pass", "pass")] + [
    (f"import {m}", f"import {m}")
    for m in ("typer", "rich.console", "pydantic", "textual.app", "sqlalchemy", "sqlmodel")
]


def log(*parts: Any) -> None:
    print(*parts, file=sys.stderr, flush=True)  # noqa: T201 (progress for the person running it)


def commands_offered(env: dict[str, str]) -> tuple[set[str], dict[str, str]]:
    """The subcommands ``crm --help`` lists, and the help text of the groups we may need."""
    _code, text = capture([dataset.crm_bin(), "--help"], env)
    found = set(re.findall(r"^\s{1,4}([a-z][\w-]*)\s{2,}", text.split("Commands", 1)[-1], re.M))
    helps = {}
    for group in ("export", "import", "plan"):
        if group in found:
            helps[group] = capture([dataset.crm_bin(), group, "--help"], env)[1]
    return found, helps


def imports_of(args: list[str], env: dict[str, str]) -> dict[str, Any]:
    """Which heavy packages a command imports, and its total import time (``-X importtime``)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "crmtui", *args],
        env=env,
        capture_output=True,
        text=True,
    )
    names, total_us = set(), 0
    for line in done.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+\d+ \|\s+(\S+)", line)
        if m:
            total_us += int(m.group(1))
            names.add(m.group(2).strip().split(".")[0])
    return {"heavy": sorted(n for n in HEAVY if n in names), "import_ms": total_us / 1000}


def time_cli(args: argparse.Namespace, meta: dict[str, Any]) -> dict[str, Any]:
    db = Path(meta["path"])
    env = dataset.crm_env(db)
    crm = dataset.crm_bin()
    offered, helps = commands_offered(env)
    card = meta["card"]
    plan: list[tuple[str, list[str]]] = [
        ("crm --help", ["--help"]),
        ("crm today", ["today"]),
        ("crm customers --search 张伟", ["customers", "--search", "张伟"]),
        ("crm customers --search zw --limit 20", ["customers", "--search", "zw", "--limit", "20"]),
        (f"crm show {card['id']}  ({card['activities']} activities)", ["show", str(card["id"])]),
    ]
    missing: dict[str, str] = {}
    if "plan" in offered:
        plan.append(("crm plan", ["plan"]))
    else:
        missing["crm plan"] = "not available (no plan command yet)"
    if "receivables" in offered:
        plan.append(("crm receivables", ["receivables"]))
    else:
        missing["crm receivables"] = "not available (no receivables command yet)"
    if "export" in offered and "weekly" in helps.get("export", ""):
        plan.append(("crm export weekly", ["export", "weekly"]))
    else:
        missing["crm export weekly"] = "not available (no export weekly command yet)"
    if "report" in offered:
        plan += [(f"crm report {n}", ["report", n]) for n in REPORTS]
    else:
        missing["crm report"] = "not available (no report command yet)"
    if "query" in offered:
        # the saved query the benchmark runs (saving it again changes nothing)
        capture([crm, "query", "save", "bench", SAVED_QUERY, "--replace"], env)
        plan.append((f"crm query run bench  ({SAVED_QUERY})", ["query", "run", "bench"]))
        over = [crm, "query", "save", "bench-orders", ORDERS_QUERY, "--over", "orders"]
        capture([*over, "--replace"], env)
        plan.append(
            (f"crm query run bench-orders  ({ORDERS_QUERY})", ["query", "run", "bench-orders"])
        )
    # the office (issue 14): its lists and reports read over the whole database
    for label, argv in (
        ("crm event list", ["event", "list"]),
        ("crm expense list", ["expense", "list"]),
        ("crm expense report --by customer", ["expense", "report", "--by", "customer"]),
        ("crm competitor lost-reasons", ["competitor", "lost-reasons"]),
    ):
        if argv[0] in offered:
            plan.append((label, argv))
        else:
            missing[label] = f"not available (no {argv[0]} command yet)"
    results: dict[str, Any] = {}
    for label, argv in plan:
        log(f"timing {label} ...")
        t = measure(label, [crm, *argv], env, runs=args.runs, warmup=1)
        results[label] = t.as_dict() | imports_of(argv, env)
    if "plan" in offered:
        results[PLAN_AFTER_LOG] = time_plan_after_log(args, meta)
    if "import" in offered:
        results["import"] = time_import(args, helps["import"])
    else:
        missing["crm import"] = "not available (no import command yet)"
    return {"commands": results, "missing": missing, "offered": sorted(offered)}


PLAN_AFTER_LOG = "crm plan after crm log"


def time_plan_after_log(args: argparse.Namespace, meta: dict[str, Any]) -> dict[str, Any]:
    """``crm plan`` right after a ``crm log`` (untimed): the stored plan is out of date and the
    plan is computed again. On a copy of the database, which the logs change."""
    copy = dataset.CACHE / "plan-after-log.db"
    dataset.fresh_copy(Path(meta["path"]), copy)
    env = dataset.crm_env(copy)
    crm = dataset.crm_bin()
    card = str(meta["card"]["id"])

    def log_a_call() -> None:
        argv = [crm, "log", card, "--outcome", "no-answer", "--note", "bench"]
        subprocess.run(argv, env=env, capture_output=True, check=True)

    log(f"timing {PLAN_AFTER_LOG} ...")
    t = measure(PLAN_AFTER_LOG, [crm, "plan"], env, runs=args.runs, warmup=1, prepare=log_a_call)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{copy}{suffix}").unlink(missing_ok=True)
    return t.as_dict()


def time_import(args: argparse.Namespace, help_text: str) -> dict[str, Any]:
    template = dataset.empty_database(log)
    from crmtui.services.demo import words as demo_data

    csv_path = dataset.import_csv(args.import_rows, vars(demo_data))
    target = dataset.CACHE / "import-target.db"
    argv = [dataset.crm_bin(), "--db", str(target), "import", str(csv_path)]
    if "--on-duplicate" in help_text:
        argv += ["--on-duplicate", "add"]  # write every row: the full cost of 100,000 records
    label = f"crm import {csv_path.name}  ({args.import_rows:,} rows)"
    log(f"timing {label} ...")
    t = measure(
        label,
        argv,
        dataset.crm_env(),
        runs=args.import_runs,
        warmup=0,
        prepare=lambda: dataset.fresh_copy(template, target),
        timeout=900,
    )
    out = t.as_dict() | {
        "shown": "crm --db EMPTY.db " + " ".join(argv[4:]).replace(str(csv_path), csv_path.name)
    }
    if t.ok:
        out["imported"] = dataset.counts(target)
    return out


def time_reference(args: argparse.Namespace) -> dict[str, Any]:
    env = dataset.crm_env()
    out = {}
    for label, code in REFERENCE:
        log(f"timing {label} ...")
        out[label] = measure(label, [sys.executable, "-c", code], env, runs=args.runs).as_dict()
    label = "one-command Typer app --help"
    log(f"timing {label} ...")
    argv = [sys.executable, str(ONE_COMMAND), "--help"]
    out[label] = measure(label, argv, env, runs=args.runs).as_dict()
    return out


OURS_ARGV = {
    "crm today": ["today"],
    "crm customers --search 张伟": ["customers", "--search", "张伟"],
}


def run_peers(
    args: argparse.Namespace, meta: dict[str, Any], cli: dict[str, Any]
) -> dict[str, Any]:
    db = Path(meta["path"])
    out: dict[str, Any] = {}
    pairs = [
        ("taskwarrior", peers.taskwarrior, [], "task list", "crm today"),
        ("khard", peers.khard, ["张伟"], "khard list 张伟", "crm customers --search 张伟"),
    ]
    for name, setup, extra, label, ours in pairs:
        try:
            peer = setup(db, install=not args.no_install, log=log)
        except Exception as exc:  # a peer must never stop the benchmark
            peer = {"skipped": f"setup failed: {exc!r}"}
        if "skipped" in peer:
            log(f"{name}: skipped ({peer['skipped']})")
            out[name] = peer
            continue
        log(f"timing {label} against {ours}, alternating ...")
        ours_argv = [dataset.crm_bin(), *OURS_ARGV[ours]]
        mine_t, t, ratios = measure_pair(
            (ours, ours_argv, dataset.crm_env(db)),
            (label, [*peer["argv"], *extra], peer["env"]),
            runs=args.runs,
        )
        entry = {k: v for k, v in peer.items() if k not in ("env", "argv")} | t.as_dict()
        entry |= {"ours": ours, "label": label, "paired": mine_t.as_dict()}
        if t.ok and mine_t.ok:
            # the same runs, alternated: a busy spell of the machine falls on both
            entry["ratio"] = mine_t.median / t.median
            entry["pair_ratios"] = ratios
        out[name] = entry
    return out


def child(what: str, db: Path, timeout: float = 600, **extra: str) -> dict[str, Any]:
    """Run an in-process measurement (bench/inproc.py) in a fresh process; its JSON result."""
    env = dataset.crm_env(db, **extra)
    env["BENCH_T0"] = repr(time.perf_counter())  # the child measures "from launch" against it
    done = subprocess.run(
        [sys.executable, str(dataset.INPROC), what, str(db)],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode != 0:
        return {"error": (done.stderr.strip().splitlines() or ["?"])[-1][:300]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_tui(args: argparse.Namespace, meta: dict[str, Any]) -> dict[str, Any]:
    """The TUI measurement, ``--tui-runs`` times in fresh processes; medians of each figure."""
    runs = []
    for i in range(args.tui_runs):
        log(f"TUI run {i + 1}/{args.tui_runs} ...")
        runs.append(child("tui", Path(meta["path"]), BENCH_CARD_NAME=meta["card"]["name"]))
    good = [r for r in runs if "error" not in r]
    if not good:
        return runs[0] if runs else {"error": "not run"}
    merged: dict[str, Any] = dict(good[-1])
    for key, value in good[-1].items():
        values = [r[key] for r in good if isinstance(r.get(key), int | float)]
        if isinstance(value, int | float) and values:
            merged[key] = statistics.median(values)
            merged[key + "_range"] = [min(values), max(values)]
    merged["runs"] = len(good)
    return merged


def first_call(db: Path) -> str | None:
    """The first planned call's customer as the desktop's table shows it (cut to 8 characters,
    which fit the column whatever their width)."""
    _code, text = capture([dataset.crm_bin(), "plan", "--json"], dataset.crm_env(db))
    try:
        calls = json.loads(text)["calls"]
    except (ValueError, KeyError):
        return None
    return str(calls[0]["customer"])[:8] if calls else None


def machine() -> dict[str, Any]:
    import platform
    import sqlite3
    from importlib import metadata

    def first(path: str, key: str) -> str:
        try:
            for line in Path(path).read_text().splitlines():
                if line.startswith(key):
                    return line.split(":", 1)[1].strip() if ":" in line else line.split("=", 1)[1]
        except OSError:
            pass
        return "?"

    versions = {}
    for dist in (
        "crmtui",
        "textual",
        "typer",
        "rich",
        "pydantic",
        "sqlalchemy",
        "sqlmodel",
        "alembic",
        "pypinyin",
    ):
        try:
            versions[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            versions[dist] = "-"
    mem_kb = first("/proc/meminfo", "MemTotal").split()[0]
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "-C", str(ROOT), "status", "--porcelain", "--", "src"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    return {
        "cpu": first("/proc/cpuinfo", "model name"),
        "cores": os.cpu_count(),
        "usable_cores": len(os.sched_getaffinity(0)),
        "memory_gib": round(int(mem_kb) / 1024 / 1024, 1) if mem_kb.isdigit() else "?",
        "os": first("/etc/os-release", "PRETTY_NAME").strip('"'),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "versions": versions,
        "commit": commit or "?",
        "uncommitted": len(dirty.splitlines()) if dirty else 0,
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--size", type=int, default=100_000, help="customers in the demo database")
    ap.add_argument("--runs", type=int, default=7, help="timed runs per command (after 1 warm-up)")
    ap.add_argument("--import-rows", type=int, default=100_000)
    ap.add_argument("--import-runs", type=int, default=3)
    ap.add_argument("--tui-runs", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help="3 runs each, 1 TUI run, 1 import run")
    ap.add_argument("--no-peers", action="store_true", help="do not measure taskwarrior/khard")
    ap.add_argument("--no-install", action="store_true", help="use peers only if installed")
    ap.add_argument("--rebuild", action="store_true", help="rebuild the demo database")
    ap.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    args = ap.parse_args()
    if args.quick:
        args.runs, args.tui_runs, args.import_runs = 3, 1, 1
    started = time.perf_counter()
    info = machine()
    info["load_before"] = os.getloadavg()
    meta = dataset.demo_database(args.size, rebuild=args.rebuild, log=log)
    db = Path(meta["path"])
    results: dict[str, Any] = {
        "machine": info,
        "dataset": meta,
        "args": vars(args) | {"output": str(args.output)},
    }
    results["reference"] = time_reference(args)
    results["cli"] = time_cli(args, meta)
    results["peers"] = {} if args.no_peers else run_peers(args, meta, results["cli"])
    log("in-process search ...")
    results["search"] = child("search", db)
    log("in-process desktop (crm today) ...")
    results["desktop"] = child("desktop", db)
    log("in-process reports and saved query ...")
    results["reports"] = child("reports", db)
    results["tui"] = run_tui(args, meta)
    log("TUI in a terminal (tmux 160x50) ...")
    try:
        results["terminal"] = terminal.desktop_in_tmux(
            dataset.crm_bin(), dataset.crm_env(db), first_call(db), args.tui_runs
        )
    except Exception as exc:  # one measurement must not lose the whole run
        results["terminal"] = {"error": repr(exc)[:300]}
    log("PostgreSQL beside SQLite (bench/postgres.py) ...")
    results["postgres"] = postgres.compare(db, args.size, args.runs, log)
    info["load_after"] = os.getloadavg()
    info["bench_seconds"] = time.perf_counter() - started
    (dataset.CACHE / "last-run.json").write_text(
        json.dumps(results, indent=1, ensure_ascii=False, default=str)
    )
    args.output.write_text(report.render(results), encoding="utf-8")
    log(f"wrote {args.output} ({info['bench_seconds']:.0f} s)")


if __name__ == "__main__":
    main()
