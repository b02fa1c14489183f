"""The BENCHMARKS.md section on reports and saved queries (in-process, warm)."""

from __future__ import annotations

from typing import Any

REPORT_LIMIT_MS = 1000  # every report on the 100k dataset
QUERY_LIMIT_MS = 300  # a saved query


def section(r: dict[str, Any]) -> list[str]:
    found = r.get("reports", {})
    if not found or "error" in found:
        return [
            "## Reports and saved queries in process",
            "",
            found.get("error", "not measured"),
            "",
        ]
    out = [
        "## Reports and saved queries in process",
        "",
        f"Built on a warm connection, {found['repeat']} runs each after a warm-up; CPU time beside "
        "wall time (the machine is shared). Targets: every report ≤ 1 s, a saved query ≤ 0.3 s.",
        "",
        "| what | wall (median) | CPU (median) | slowest | target |",
        "|---|---|---|---|---|",
    ]
    for label, e in found["measured"].items():
        limit = QUERY_LIMIT_MS if label == "saved query" else REPORT_LIMIT_MS
        shown = f"{label} `{e['query']}`" if "query" in e else label
        met = (
            "met"
            if e["median_ms"] <= limit
            else f"**missed** (CPU {'met' if e['cpu_median_ms'] <= limit else 'missed'})"
        )
        times = f"{e['median_ms']} ms | {e['cpu_median_ms']} ms | {e['max_ms']} ms"
        out.append(f"| {shown} | {times} | {met} |")
    return out + [""]
