"""The targets table of BENCHMARKS.md: each goal beside the figure this run measured."""

from __future__ import annotations

from typing import Any

from report_format import NA, ms, verdict


def rows(r: dict[str, Any]) -> list[list[Any]]:
    cmds = r["cli"]["commands"]
    tui, search = r.get("tui", {}), r.get("search", {}).get("queries", {})
    peers = r.get("peers", {})

    def med(label: str) -> float | None:
        return cmds.get(label, {}).get("median")

    out: list[list[Any]] = []
    help_heavy = set(cmds.get("crm --help", {}).get("heavy", []))
    bad = help_heavy & {"textual", "sqlalchemy", "sqlmodel"}
    out.append(
        [
            "`crm --help` imports neither Textual nor SQLAlchemy/SQLModel",
            ", ".join(sorted(help_heavy)) or "none of the heavy packages",
            "**missed**: imports " + ", ".join(sorted(bad)) if bad else "met",
        ]
    )
    with_tui = sorted(k for k, v in cmds.items() if "textual" in v.get("heavy", []))
    out.append(
        [
            "CLI commands never import Textual",
            f"{len(cmds) - len(with_tui)} of {len(cmds)} measured commands without it",
            "**missed**: " + ", ".join(with_tui) if with_tui else "met",
        ]
    )
    today = med("crm today")
    out.append(["`crm today` ≤ 0.5 s", ms(today), verdict(today, 0.5)])
    tw = peers.get("taskwarrior", {})
    if tw.get("ratio") is not None:
        out.append(
            [
                "stretch: `crm today` no slower than `task list` (ratio ≤ 1.0)",
                f"{tw['ratio']:.2f} ({ms(tw.get('paired', {}).get('median', today))} / "
                f"{ms(tw['median'])}, alternating runs)",
                verdict(tw["ratio"], 1.0, ""),
            ]
        )
    else:
        out.append(["stretch: `crm today` / `task list` ≤ 1.0", "–", tw.get("skipped", NA)])
    for label in ("crm customers --search 张伟", "crm customers --search zw --limit 20"):
        out.append([f"`{label}` ≤ 0.5 s", ms(med(label)), verdict(med(label), 0.5)])
    # issue 15: a saved query, the whole process (start-up, imports, the query, the table)
    for label in sorted(k for k in cmds if k.startswith("crm query run")):
        out.append([f"`{label}` ≤ 0.3 s (whole process)", ms(med(label)), verdict(med(label), 0.3)])
    for q in ("张伟", "zw", "zhangwei"):
        value = search.get(q, {}).get("median_ms")
        shown = f"{value} ms" if value is not None else "–"
        out.append(
            [
                f"in-process search `{q}` ≤ 10 ms",
                shown,
                verdict(value / 1000 if value is not None else None, 0.010),
            ]
        )
    ready = tui.get("desktop_ready_s")
    out.append(["TUI desktop ready ≤ 0.8 s (from launch)", ms(ready), verdict(ready, 0.8)])
    listed = tui.get("customer_list_s")
    out.append(
        [
            "TUI customer list ≤ 1 s (from the key press on the desktop)",
            ms(listed),
            verdict(listed, 1.0) if listed is not None else tui.get("customer_list", NA),
        ]
    )
    rss = tui.get("customer_list_rss_mib")
    out.append(
        [
            "TUI customer list ≤ 150 MiB (peak RSS)",
            f"{rss:.0f} MiB" if rss else "–",
            verdict(rss, 150, "MiB") if rss else NA,
        ]
    )
    key_max, key_med = tui.get("keystroke_max_ms"), tui.get("keystroke_median_ms")
    out.append(
        [
            "TUI search keystroke ≤ 100 ms (every keystroke)",
            f"median {key_med:.0f} ms, max {key_max:.0f} ms" if key_max else "–",
            verdict(key_max / 1000, 0.1) if key_max else tui.get("search", NA),
        ]
    )
    imp = cmds.get("import", {})
    out.append(
        [
            "import of a 100,000-row CSV ≤ 10 s",
            ms(imp.get("median")),
            verdict(imp.get("median"), 10.0)
            if imp.get("median")
            else imp.get("error") or r["cli"]["missing"].get("crm import", NA),
        ]
    )
    build = r["dataset"].get("build_seconds")
    out.append(
        [
            f"`crm demo --size {r['dataset']['size']}` well under a minute",
            ms(build),
            verdict(build, 60.0),
        ]
    )
    return out
