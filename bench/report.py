"""BENCHMARKS.md from one run's results (see run.py). Every figure comes from that run."""

from __future__ import annotations

from typing import Any

import report_reports

NA = "not available"


def ms(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def spread(entry: dict[str, Any]) -> str:
    if not entry.get("median"):
        return "–"
    lo, hi = entry["iqr"]
    return f"{ms(entry['min'])}–{ms(entry['max'])} (IQR {ms(lo)}–{ms(hi)})"


def table(headers: list[str], rows: list[list[Any]]) -> list[str]:
    out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    out += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return out + [""]


def verdict(value: float | None, limit: float, unit: str = "s") -> str:
    if value is None:
        return NA
    if value <= limit:
        return "met"
    over = value - limit
    shown = (
        f"{over * 1000:.0f} ms"
        if unit == "s" and over < 10
        else (f"{over:.1f} s" if unit == "s" else f"{over:.1f} {unit}")
    )
    return f"**missed** by {shown} ({value / limit:.1f}×)"


def _targets(r: dict[str, Any]) -> list[list[Any]]:
    cmds = r["cli"]["commands"]
    tui, search = r.get("tui", {}), r.get("search", {}).get("queries", {})
    peers = r.get("peers", {})

    def med(label: str) -> float | None:
        return cmds.get(label, {}).get("median")

    rows: list[list[Any]] = []
    help_heavy = set(cmds.get("crm --help", {}).get("heavy", []))
    bad = help_heavy & {"textual", "sqlalchemy", "sqlmodel"}
    rows.append(
        [
            "`crm --help` imports neither Textual nor SQLAlchemy/SQLModel",
            ", ".join(sorted(help_heavy)) or "none of the heavy packages",
            "**missed**: imports " + ", ".join(sorted(bad)) if bad else "met",
        ]
    )
    with_tui = sorted(k for k, v in cmds.items() if "textual" in v.get("heavy", []))
    rows.append(
        [
            "CLI commands never import Textual",
            f"{len(cmds) - len(with_tui)} of {len(cmds)} measured commands without it",
            "**missed**: " + ", ".join(with_tui) if with_tui else "met",
        ]
    )
    today = med("crm today")
    rows.append(["`crm today` ≤ 0.5 s", ms(today), verdict(today, 0.5)])
    tw = peers.get("taskwarrior", {})
    if tw.get("ratio") is not None:
        rows.append(
            [
                "stretch: `crm today` no slower than `task list` (ratio ≤ 1.0)",
                f"{tw['ratio']:.2f} ({ms(tw.get('paired', {}).get('median', today))} / "
                f"{ms(tw['median'])}, alternating runs)",
                verdict(tw["ratio"], 1.0, ""),
            ]
        )
    else:
        rows.append(["stretch: `crm today` / `task list` ≤ 1.0", "–", tw.get("skipped", NA)])
    for label in ("crm customers --search 张伟", "crm customers --search zw --limit 20"):
        rows.append([f"`{label}` ≤ 0.5 s", ms(med(label)), verdict(med(label), 0.5)])
    # issue 15: a saved query, the whole process (start-up, imports, the query, the table)
    for label in sorted(k for k in cmds if k.startswith("crm query run")):
        rows.append(
            [f"`{label}` ≤ 0.3 s (whole process)", ms(med(label)), verdict(med(label), 0.3)]
        )
    for q in ("张伟", "zw", "zhangwei"):
        value = search.get(q, {}).get("median_ms")
        shown = f"{value} ms" if value is not None else "–"
        rows.append(
            [
                f"in-process search `{q}` ≤ 10 ms",
                shown,
                verdict(value / 1000 if value is not None else None, 0.010),
            ]
        )
    ready = tui.get("desktop_ready_s")
    rows.append(["TUI desktop ready ≤ 0.8 s (from launch)", ms(ready), verdict(ready, 0.8)])
    listed = tui.get("customer_list_s")
    rows.append(
        [
            "TUI customer list ≤ 1 s (from the key press on the desktop)",
            ms(listed),
            verdict(listed, 1.0) if listed is not None else tui.get("customer_list", NA),
        ]
    )
    rss = tui.get("customer_list_rss_mib")
    rows.append(
        [
            "TUI customer list ≤ 150 MiB (peak RSS)",
            f"{rss:.0f} MiB" if rss else "–",
            verdict(rss, 150, "MiB") if rss else NA,
        ]
    )
    key_max, key_med = tui.get("keystroke_max_ms"), tui.get("keystroke_median_ms")
    rows.append(
        [
            "TUI search keystroke ≤ 100 ms (every keystroke)",
            f"median {key_med:.0f} ms, max {key_max:.0f} ms" if key_max else "–",
            verdict(key_max / 1000, 0.1) if key_max else tui.get("search", NA),
        ]
    )
    imp = cmds.get("import", {})
    rows.append(
        [
            "import of a 100,000-row CSV ≤ 10 s",
            ms(imp.get("median")),
            verdict(imp.get("median"), 10.0)
            if imp.get("median")
            else imp.get("error") or r["cli"]["missing"].get("crm import", NA),
        ]
    )
    build = r["dataset"].get("build_seconds")
    rows.append(
        [
            f"`crm demo --size {r['dataset']['size']}` well under a minute",
            ms(build),
            verdict(build, 60.0),
        ]
    )
    return rows


def render(r: dict[str, Any]) -> str:
    m, d, a = r["machine"], r["dataset"], r["args"]
    c = d["counts"]
    out = [
        "# BENCHMARKS",
        "",
        "Generated by `bench/run.py` — **do not edit by hand**. To regenerate, from the "
        "repository root with crmtui's virtualenv (`pip install -e .`):",
        "",
        "```",
        "python bench/run.py",
        "```",
        "",
        "Options: `--quick` (3 runs each), `--no-peers`, `--no-install`, `--rebuild`, "
        "`--size N`, `--output FILE`. Data and peers are cached in `bench/.cache`.",
        "",
    ]
    if d["size"] != 100_000 or a["runs"] < 7:
        out += [
            f"> **Partial run**: {d['size']:,} customers, {a['runs']} runs per command — "
            "not the reference configuration (100,000 customers, 7 runs).",
            "",
        ]
    load = f"{m['load_before'][0]:.2f} before, {m['load_after'][0]:.2f} after"
    out += ["## Machine", ""] + table(
        ["", ""],
        [
            ["date", m["date"]],
            ["CPU", f"{m['cpu']} — {m['usable_cores']} usable cores"],
            ["memory", f"{m['memory_gib']} GiB"],
            ["OS", f"{m['os']}, Linux {m['kernel']}"],
            ["Python / SQLite", f"{m['python']} / {m['sqlite']}"],
            ["packages", ", ".join(f"{k} {v}" for k, v in m["versions"].items())],
            [
                "checkout",
                f"{m['commit']}"
                + (
                    f" with {m['uncommitted']} uncommitted file(s) in src/"
                    if m["uncommitted"]
                    else ""
                ),
            ],
            ["load average (1 min)", load],
            ["benchmark wall time", ms(m["bench_seconds"])],
        ],
    )
    built = (
        "measured in this run"
        if not d.get("cached")
        else f"measured when it was built, {d['built_at']}; cached since"
    )
    out += [
        "## Dataset",
        "",
        f"`{d['command']}` with `CRM_NOW={r.get('now', '2026-11-23T10:00:00+08:00')}`, "
        f"`CRM_TZ=Asia/Shanghai`: {c['customer']:,} customers, {c['contact']:,} contacts, "
        f"{c['activity']:,} activities, {c['opportunity']:,} opportunities, "
        f"{d['bytes'] / 2**20:.0f} MiB. Built in {ms(d['build_seconds'])} ({built}). "
        f"Customer {d['card']['id']} ({d['card']['name']}) was given "
        f"{d['card']['activities']} activities for `crm show`.",
        "",
    ]
    out += ["## Targets", ""] + table(["target", "measured (median)", "verdict"], _targets(r))
    import goals  # the second round's goals (issue 18)

    out += ["## Goals of the second performance round", ""] + table(
        ["goal", "measured: median (min–max)", "verdict"], goals.rows(r)
    )
    out += _commands(r) + _peers(r) + _search(r) + _tui(r) + _desktop(r)
    import postgres  # team mode beside SQLite (issue 17)

    out += report_reports.section(r)
    out += postgres.section(r.get("postgres"), None if d.get("cached") else d["build_seconds"])
    out += _method(r)
    return "\n".join(out).rstrip() + "\n"


def _commands(r: dict[str, Any]) -> list[str]:
    rows = []
    for e in r["cli"]["commands"].values():
        shown = e.get("shown") or e["label"]
        if e.get("error"):
            rows.append([f"`{shown}`", "failed", e["error"], "", "", "", ""])
            continue
        extra = ""
        if e.get("imported"):
            got = e["imported"]
            extra = f" → {got['customer']:,} customers, {got['contact']:,} contacts"
        rows.append(
            [
                f"`{shown}`{extra}",
                ms(e["median"]),
                spread(e),
                ms(e.get("cpu_median")),
                f"{e['peak_rss_mib']:.0f} MiB",
                ", ".join(e.get("heavy", [])) or "–",
                f"{e['import_ms']:.0f} ms" if "import_ms" in e else "–",
            ]
        )
    for label, why in r["cli"]["missing"].items():
        rows.append([f"`{label}`", why, "", "", "", "", ""])
    ref = [
        [
            "`python bench/one_command.py --help`"
            if k.startswith("one-command")
            else (f'`python -c "{k}"`' if k != "python -c pass" else "`python -c pass`"),
            ms(e.get("median")),
            spread(e),
            ms(e.get("cpu_median")),
            f"{e.get('peak_rss_mib', 0):.0f} MiB",
        ]
        for k, e in r["reference"].items()
    ]
    return (
        [
            f"## Whole commands ({r['dataset']['size']:,}-customer database)",
            "",
            f"Each a fresh process: 1 warm-up, then {r['args']['runs']} timed runs "
            f"({r['args']['import_runs']} for the import, each into a fresh empty database). "
            "CPU = user + system time of the process (median): on a busy machine it is the "
            "better guide to the wall time of a quiet one. Heavy imports and import time from "
            "one extra run under `python -X importtime`.",
            "",
        ]
        + table(
            ["command", "median", "min–max (IQR)", "CPU", "peak RSS", "heavy imports", "imports"],
            rows,
        )
        + ["Reference costs on this machine (same method):", ""]
        + table(["process", "median", "min–max (IQR)", "CPU", "peak RSS"], ref)
    )


def _peers(r: dict[str, Any]) -> list[str]:
    rows = []
    for name, e in r.get("peers", {}).items():
        if "skipped" in e:
            rows.append([name, "skipped", e["skipped"], "", "", "", "", ""])
            continue
        if e.get("error"):
            rows.append([name, f"`{e['label']}` failed", e["error"], "", "", "", "", ""])
            continue
        data = f"{e.get('tasks', e.get('cards', 0)):,} " + ("tasks" if "tasks" in e else "vCards")
        mine = r["cli"]["commands"].get(e["ours"], {})
        ratio = f"**{e['ratio']:.2f}**" if e.get("ratio") is not None else "–"
        cpu_ratio = (
            f"{mine['cpu_median'] / e['cpu_median']:.2f}"
            if mine.get("cpu_median") and e.get("cpu_median")
            else "–"
        )
        rows.append(
            [
                f"{e['version']}: `{e['label']}` on {data}",
                ms(e["median"]),
                spread(e),
                ms(e.get("cpu_median")),
                f"`{e['ours']}` {ms(mine.get('median'))}",
                ratio,
                cpu_ratio,
                f"{e['peak_rss_mib']:.0f} MiB",
            ]
        )
    if not rows:
        return ["## Peers", "", "Not measured in this run (`--no-peers`).", ""]
    return [
        "## Peers, side by side",
        "",
        "Measured in the same run, same method. Ratio = crmtui median / peer median "
        "(below 1.0: crmtui is faster). crmtui works on 100,000 customers, the peers on "
        "10,000 records made from the same demo data.",
        "",
    ] + table(
        ["peer", "median", "min–max (IQR)", "CPU", "crmtui", "ratio", "CPU ratio", "peer RSS"], rows
    )


def _search(r: dict[str, Any]) -> list[str]:
    s = r.get("search", {})
    if "error" in s:
        return ["## Search in process", "", f"failed: {s['error']}", ""]
    rows = [
        [
            f"`{q}`",
            f"{e['median_ms']:.1f} ms",
            f"{e['min_ms']:.1f}–{e['max_ms']:.1f} ms",
            f"{e['matches']:,}",
            f"{e['count_median_ms']:.1f} ms",
        ]
        for q, e in s.get("queries", {}).items()
    ]
    return [
        "## Search in process",
        "",
        f"`services.customers.read.list_customers(search=q, limit=50)` on one warm connection, "
        f"median of {s.get('repeat')} calls; `count_customers` is what the TUI runs next "
        "for the total. Terms of 3+ characters use the FTS5 trigram index; shorter ones "
        "scan `search_doc`.",
        "",
    ] + table(["query", "median", "min–max", "matches", "count"], rows)


def _tui(r: dict[str, Any]) -> list[str]:
    t = r.get("tui", {})
    head = ["## TUI in process (Textual `run_test`, 160×48, headless)", ""]
    if "error" in t:
        return head + [f"{NA}: {t['error']}", ""]

    def rng(key: str, fmt: Any = ms) -> str:
        if key not in t:
            return "–"
        lo, hi = t.get(key + "_range", [t[key], t[key]])
        return f"{fmt(t[key])} ({fmt(lo)}–{fmt(hi)})"

    def mib(v: float) -> str:
        return f"{v:.0f} MiB"

    rows = [
        [
            "desktop ready, from launch",
            rng("desktop_ready_s"),
            f"{t.get('desktop_screen', '')}: its {t.get('desktop_workers')} loading workers "
            f"done; the app's own ready mark {ms(t.get('desktop_app_reported_s'))}; "
            f"process CPU by then {ms(t.get('desktop_cpu_s'))}",
        ],
        [
            "customer list shown, after the key",
            rng("customer_list_s"),
            t.get("customer_list")
            or f"{t.get('customer_list_screen', '')}, "
            f"{t.get('customer_list_rows')} rows in the list when first shown",
        ],
        ["peak RSS at the customer list", rng("customer_list_rss_mib", mib), ""],
        [
            "search keystroke (median / max)",
            f"{t['keystroke_median_ms']:.0f} / {t['keystroke_max_ms']:.0f} ms"
            if "keystroke_max_ms" in t
            else "–",
            t.get("search", ""),
        ],
        [
            "card open (Enter on the first match)",
            rng("card_open_s"),
            t.get("card") or f"{t.get('card_screen', '')} of {t.get('card_of', '?')}",
        ],
        ["peak RSS at the end", rng("peak_rss_mib", mib), ""],
    ]
    keys = " · ".join(
        f"`{k['query']}` {k['ms']:.0f}"
        + (f" (app {k['app_reported_ms']:.0f})" if k.get("app_reported_ms") else "")
        for k in t.get("keystrokes", [])
    )
    notes = [
        f"Medians of {t.get('runs', 1)} runs, each in a fresh process (range in brackets). "
        '"From launch" starts when the benchmark spawns the process (interpreter start, '
        "imports, app start included). A step ends when every worker it started "
        "(tracked through Textual's WorkerManager) has finished and the screen has "
        "repainted; keys are posted the way `pilot.press` posts them, without its idle "
        "waits (each `pilot.pause()` sleeps at least 20 ms, which would be counted). "
        "The desktop is ready when its last loading worker finished. In brackets after "
        "each keystroke: the app's own query-to-first-page time.",
        "",
    ]
    if keys:
        notes += [f"Keystrokes (ms, last run): {keys}", ""]
    if t.get("desktop_worker_done_s"):
        done = " · ".join(f"`{k}` {ms(v)}" for k, v in t["desktop_worker_done_s"].items())
        notes += [f"Desktop workers, finished (from launch, last run): {done}", ""]
    if t.get("errors"):
        notes += ["Errors shown by the app: " + "; ".join(t["errors"]), ""]
    return head + table(["step", "median (range)", "detail"], rows) + notes


def _desktop(r: dict[str, Any]) -> list[str]:
    d = r.get("desktop", {})
    if "error" in d:
        return ["## `crm today` in process", "", f"failed: {d['error']}", ""]
    qs = sorted(d.get("queries", []), key=lambda q: -q["ms"])
    rows = [[f"{q['ms']:.1f} ms", q["rows"], "; ".join(q["plan"]), q["sql"][:150]] for q in qs]
    total = sum(q["ms"] for q in qs)
    return [
        "## `crm today` in process: where the time goes",
        "",
        f"The whole command run in-process on a warm connection (no interpreter start, no "
        f"imports): median {d['median_ms']:.0f} ms ({d['min_ms']:.0f}–{d['max_ms']:.0f}). "
        f"Its {len(qs)} SQL statements take {total:.0f} ms together; slowest first, with "
        "SQLite's plan:",
        "",
    ] + table(["time", "rows", "plan", "SQL"], rows)


def _method(r: dict[str, Any]) -> list[str]:
    return [
        "## Method",
        "",
        "- Whole commands: `subprocess.Popen` + `os.wait4` per run (wall time with "
        "`time.perf_counter`, the child's own peak RSS); stdout to `/dev/null`; the "
        "environment pins `CRM_NOW`, `CRM_TZ`, `CRM_DB` and a private `CRM_CONFIG` / "
        "`CRM_DATA_DIR` under `bench/.cache`, `COLUMNS=120`.",
        "- Peers get `HOME`, `TASKRC`/`TASKDATA` and a khard config under "
        "`bench/.cache/peers`; taskwarrior from Debian's package, khard from PyPI in its "
        "own virtualenv.",
        "- In-process figures run in fresh child processes (`bench/inproc.py`), one JSON "
        "result each.",
        "- The demo database is rebuilt only when a file of `services/demo/`"
        " or a migration changes; its build time is the one measured when it was built.",
        "",
    ]
