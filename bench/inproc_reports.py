"""In-process timing of the reports and of a saved query (``inproc.py reports DB``).

Each report is built from a warm connection as ``crm report NAME`` builds it (its default
period), and the saved query runs as ``crm query run`` runs it: wall time and CPU time, since
the machine is shared and wall time alone says as much about the neighbours as about crmtui.
"""

from __future__ import annotations

import statistics
import time
from typing import Any

SAVED = "city:上海 grade:A last:>14d"  # the saved query of the benchmark
ORDERS_QUERY = "is:unpaid total:>10k sort:-total"  # a saved query over orders


def _timed(fn: Any, repeat: int) -> dict[str, Any]:
    fn()  # warm the page cache
    walls, cpus = [], []
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
    return {
        "median_ms": round(statistics.median(walls) * 1000, 1),
        "cpu_median_ms": round(statistics.median(cpus) * 1000, 1),
        "max_ms": round(max(walls) * 1000, 1),
    }


def reports(db_path: str, repeat: int = 5) -> dict[str, Any]:
    from crmtui import clock
    from crmtui.db.location import resolve
    from crmtui.db.reader import Reader
    from crmtui.services.query.run import query_customers
    from crmtui.services.query.run_targets import query_orders
    from crmtui.services.reports.build import REPORTS, build_report, default_first
    from crmtui.services.reports.window import Window

    tz = clock.user_zone()
    now = clock.now(tz)
    today = now.astimezone(tz).date()
    reader = Reader.open(resolve(db_path))
    out: dict[str, Any] = {}
    for name in REPORTS:
        window = Window(
            first=default_first(name, today),
            last=today,
            now=now,
            tz=tz,
            currency="CNY",
        )
        out[f"report {name}"] = _timed(lambda n=name, w=window: build_report(reader, n, w), repeat)
    out["saved query"] = _timed(
        lambda: query_customers(reader, SAVED, now=now, tz=tz, limit=50, count=True), repeat
    ) | {"query": SAVED}
    out["saved query over orders"] = _timed(
        lambda: query_orders(reader, ORDERS_QUERY, now=now, tz=tz, limit=50, count=True), repeat
    ) | {"query": ORDERS_QUERY}
    reader.close()
    return {"measured": out, "repeat": repeat}
