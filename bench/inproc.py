"""Measurements taken inside one Python process; ``run.py`` starts each in a fresh process and
reads the JSON it prints on stdout.

    python bench/inproc.py topup DB N        give one company customer N activities (setup)
    python bench/inproc.py search DB         in-process search, per query (warm)
    python bench/inproc.py desktop DB        every query ``crm today`` runs: time and plan
    python bench/inproc.py tui DB            the Textual app under ``run_test``
    python bench/inproc.py reports DB        every report and a saved query (inproc_reports.py)

The TUI measurement works against whatever screens the app has: the desktop is the first
screen once its workers are done; the customer list is reached through the app's own key
binding (or mode); a search box is any ``Input`` on that screen; the card is whatever Enter
opens. A step that cannot be found is reported as not available.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import os
import resource
import statistics
import sys
import time
from typing import Any

T0 = float(os.environ.get("BENCH_T0", "0")) or time.perf_counter()  # the parent's spawn time
SEARCHES = ["张伟", "zw", "zhangwei", "宏达", "138", "acme"]
TYPED = ["zw", "张伟", "zhangwei"]  # typed key by key in the TUI's search box
IGNORED_WORKER_GROUPS = {"prewarm"}  # background warm-up that shows nothing


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_s() -> float:
    """CPU seconds this process has used so far (all threads): wall time minus waiting."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


# -- setup ------------------------------------------------------------------------------------


def topup(db_path: str, target: int) -> dict[str, Any]:
    """Log done activities on the first company customer until it has ``target`` of them."""
    from datetime import timedelta

    from crmtui import clock
    from crmtui.db.engine import open_database
    from crmtui.services.activities.write import log_activity

    db = open_database(db_path)
    with db.reader() as reader:
        row = reader.one(
            "SELECT c.id, c.name FROM customer c WHERE NOT c.is_person "
            "AND c.deleted_at IS NULL AND EXISTS (SELECT 1 FROM contact p "
            "WHERE p.customer_id = c.id) ORDER BY c.id LIMIT 1"
        )
        assert row is not None, "the demo has no company customer"
        cid, name = int(row["id"]), str(row["name"])
        have = int(
            reader.scalar("SELECT count(*) FROM activity WHERE customer_id = :c", {"c": cid})
        )
    now = clock.now()
    kinds = ["call", "call", "visit", "email", "call", "meeting"]
    outcomes = ["reached", "no-answer", None, None, "appointment", None]
    with db.session() as session:
        for i in range(max(target - have, 0)):
            k = i % len(kinds)
            log_activity(
                session,
                now=now,
                customer_id=cid,
                kind=kinds[k],
                outcome=outcomes[k] if kinds[k] == "call" else None,
                at=now - timedelta(days=100 + 3 * i, hours=i % 7),
                minutes=10,
                note=f"benchmark history entry {i + 1}",
            )
    db.dispose()
    return {"id": cid, "name": name, "activities": max(target, have)}


# -- in-process search --------------------------------------------------------------------------


def search(db_path: str, repeat: int = 15) -> dict[str, Any]:
    from crmtui.db.location import resolve
    from crmtui.db.reader import Reader
    from crmtui.services.customers import read as lookup

    reader = Reader.open(resolve(db_path))
    out: dict[str, Any] = {}
    queries = list(dict.fromkeys(SEARCHES + [w[:i] for w in TYPED for i in range(1, len(w) + 1)]))
    for q in queries:
        lookup.list_customers(reader, search=q, limit=50)  # warm the page cache
        times, count_times = [], []
        for _ in range(repeat):
            start = time.perf_counter()
            rows = lookup.list_customers(reader, search=q, limit=50)
            times.append(time.perf_counter() - start)
        for _ in range(max(3, repeat // 3)):
            start = time.perf_counter()
            total = lookup.count_customers(reader, search=q)
            count_times.append(time.perf_counter() - start)
        out[q] = {
            "median_ms": _ms(statistics.median(times)),
            "min_ms": _ms(min(times)),
            "max_ms": _ms(max(times)),
            "rows": len(rows),
            "matches": total,
            "count_median_ms": _ms(statistics.median(count_times)),
        }
    reader.close()
    return {"queries": out, "repeat": repeat}


# -- the desktop: every query crm today runs --------------------------------------------------


def desktop(db_path: str, repeat: int = 5) -> dict[str, Any]:
    """Run ``crm today`` in-process (warm): its total time, each SQL statement's time and plan."""
    os.environ["CRM_DB"] = db_path
    from crmtui.cli import app
    from crmtui.db.reader import Reader

    def invoke() -> float:
        sink = io.StringIO()
        start = time.perf_counter()
        with contextlib.redirect_stdout(sink), contextlib.suppress(SystemExit):
            app(["today"], standalone_mode=False)
        return time.perf_counter() - start

    invoke()  # warm-up: imports, page cache
    totals = [invoke() for _ in range(repeat)]
    captured: list[dict[str, Any]] = []
    original = Reader.rows

    def rows(self: Reader, sql: str, params: Any = None) -> Any:
        start = time.perf_counter()
        result = original(self, sql, params)
        elapsed = time.perf_counter() - start
        plan: list[str] = []
        if self.is_sqlite:
            plan = [r[3] for r in self._conn.execute("EXPLAIN QUERY PLAN " + sql, params or {})]
        captured.append(
            {"sql": " ".join(sql.split()), "ms": _ms(elapsed), "rows": len(result), "plan": plan}
        )
        return result

    Reader.rows = rows  # type: ignore[method-assign]
    try:
        invoke()
    finally:
        Reader.rows = original  # type: ignore[method-assign]
    return {
        "median_ms": _ms(statistics.median(totals)),
        "min_ms": _ms(min(totals)),
        "max_ms": _ms(max(totals)),
        "queries": captured,
    }


# -- the TUI ------------------------------------------------------------------------------------


class Workers:
    """Records every Textual worker started and when it finished (class-level hooks, so it
    sees the workers of any screen). Times come from these hooks, not from the harness's waits:
    ``pilot.pause()`` sleeps at least 20 ms per call, which would be counted otherwise."""

    def __init__(self) -> None:
        from textual.worker_manager import WorkerManager

        self.started: list[Any] = []
        self.finished: dict[int, float] = {}
        add, remove = WorkerManager.add_worker, WorkerManager._remove_worker
        me = self

        def add_worker(mgr: Any, worker: Any, start: bool = True, exclusive: bool = True) -> None:
            me.started.append(worker)
            add(mgr, worker, start, exclusive)

        def remove_worker(mgr: Any, worker: Any) -> None:
            me.finished.setdefault(id(worker), time.perf_counter())
            remove(mgr, worker)

        WorkerManager.add_worker = add_worker  # type: ignore[method-assign]
        WorkerManager._remove_worker = remove_worker  # type: ignore[method-assign]

    def feeding(self, since: int) -> list[Any]:
        return [w for w in self.started[since:] if w.group not in IGNORED_WORKER_GROUPS]

    def all_done(self, since: int) -> bool:
        return all(id(w) in self.finished for w in self.feeding(since))


async def painted(app: Any) -> float:
    """Wait for the next screen refresh after everything queued; returns when it happened."""
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    app.screen.call_after_refresh(lambda: done.done() or done.set_result(time.perf_counter()))
    return float(await asyncio.wait_for(done, 30))


async def step(
    app: Any, workers: Workers, since: int, *, leave: Any = None, timeout: float = 60.0
) -> tuple[float, int]:
    """Wait until the step's workers are done (and the screen left ``leave``), then painted.

    Returns (the time the screen showed the result, how many workers fed it). Polls every
    millisecond; a worker that starts another is followed until the chain ends.
    """
    end = time.perf_counter() + timeout
    grace = time.perf_counter() + 1.0  # a step that starts no worker at all
    while time.perf_counter() < end:
        await asyncio.sleep(0.001)
        if leave is not None and app.screen is leave:
            continue
        if not workers.feeding(since) and time.perf_counter() < grace:
            continue
        if workers.all_done(since):
            count = len(workers.started)
            at = await painted(app)
            if len(workers.started) == count:
                return at, len(workers.feeding(since))
    raise TimeoutError("the screen did not settle")


def send_key(app: Any, key: str) -> None:
    """Post a key press the way ``pilot.press`` does, without its idle waits."""
    from textual import events

    char = key if len(key) == 1 else None
    event = events.Key(key, char)
    event.set_sender(app)
    app._driver.send_message(event)


def _binding_key(app: Any, word: str) -> str | None:
    """The key of an app binding whose action mentions ``word`` (e.g. go('customers'))."""
    for _key, binding in app._bindings:
        if word in binding.action:
            return str(binding.key).split(",")[0]
    return None


def _rows_shown(screen: Any) -> int | None:
    """Rows in the screen's list: a crmtui list widget's total, else a DataTable's rows."""
    from textual.widgets import DataTable

    widgets = list(screen.query("*"))
    for widget in widgets:
        if type(widget).__module__.startswith("crmtui.widgets"):
            for attr in ("total", "row_count"):
                value = getattr(widget, attr, None)
                if isinstance(value, int):
                    return value
    tables = [w for w in widgets if isinstance(w, DataTable)]
    return max((int(t.row_count) for t in tables), default=None)


def _errors(app: Any) -> list[str]:
    return [
        str(n.message)[:200]
        for n in list(getattr(app, "_notifications", []))
        if getattr(n, "severity", "") == "error"
    ]


async def _tui(db_path: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    start = time.perf_counter()
    try:
        from crmtui.app import CrmApp
    except ImportError as exc:
        return {"error": f"no TUI: {exc}"}
    out["import_s"] = time.perf_counter() - start
    workers = Workers()
    app = CrmApp(db_option=db_path)
    async with app.run_test(size=(160, 48)) as pilot:
        at, fed = await step(app, workers, 0)
        done = [workers.finished[id(w)] for w in workers.feeding(0)]
        # The data reached the widgets when the last worker feeding them finished; the repaint
        # is awaited above, but after run_test's own start-up waits, so it may come late.
        out["desktop_ready_s"] = (max(done) if done else at) - T0
        out["desktop_painted_s"] = at - T0
        out["desktop_workers"] = fed
        out["desktop_worker_done_s"] = {
            w.name: round(workers.finished[id(w)] - T0, 3) for w in workers.feeding(0)
        }
        out["desktop_screen"] = type(app.screen).__name__
        if getattr(app, "ready_at", None) and getattr(app, "started", None):
            out["desktop_app_reported_s"] = app.ready_at - T0
        out["desktop_rss_mib"] = peak_rss_mib()
        out["desktop_cpu_s"] = cpu_s()
        desk_screen = app.screen
        await pilot.pause()  # let the background warm-up settle before the next step

        key = _binding_key(app, "customers")
        since, begin = len(workers.started), time.perf_counter()
        if key:
            send_key(app, key)
        elif "customers" in getattr(app, "MODES", {}):
            await app.switch_mode("customers")
        else:
            out["customer_list"] = "not available"
            return out
        try:
            at, fed = await step(app, workers, since, leave=desk_screen, timeout=30)
        except TimeoutError:
            out["customer_list"] = "not available (the key did not change screen)"
            return out
        out["customer_list_s"] = at - begin
        out["customer_list_screen"] = type(app.screen).__name__
        out["customer_list_rows"] = _rows_shown(app.screen)
        out["customer_list_rss_mib"] = peak_rss_mib()
        list_screen = app.screen

        from textual.widgets import Input

        inputs = list(list_screen.query(Input))
        box = next((i for i in inputs if "search" in (i.id or "")), inputs[0] if inputs else None)
        if box is None:
            out["search"] = "not available (no search box)"
            return out
        box.focus()
        await pilot.pause()
        keystrokes: list[dict[str, Any]] = []
        for word in TYPED:
            since = len(workers.started)
            box.value = ""
            await step(app, workers, since)
            for ch in word:
                since, begin = len(workers.started), time.perf_counter()
                send_key(app, ch)
                at, fed = await step(app, workers, since)
                keystrokes.append(
                    {
                        "query": box.value,
                        "ms": _ms(at - begin),
                        "workers": fed,
                        "app_reported_ms": getattr(list_screen, "last_query_ms", None),
                        "rows": _rows_shown(list_screen),
                    }
                )
        out["keystrokes"] = keystrokes
        ks = [k["ms"] for k in keystrokes]
        out["keystroke_median_ms"], out["keystroke_max_ms"] = statistics.median(ks), max(ks)

        card_name = os.environ.get("BENCH_CARD_NAME", "")
        if card_name:  # the customer with 50 activities comes first when named exactly
            since = len(workers.started)
            box.value = card_name
            await step(app, workers, since)
        since, begin = len(workers.started), time.perf_counter()
        send_key(app, "enter")
        try:
            at, fed = await step(app, workers, since, leave=list_screen, timeout=30)
            out["card_open_s"] = at - begin
            out["card_screen"] = type(app.screen).__name__
            out["card_of"] = card_name
        except TimeoutError:
            out["card"] = "not available (Enter opened nothing)"
        out["peak_rss_mib"] = peak_rss_mib()
        out["errors"] = _errors(app)
    return out


def tui(db_path: str) -> dict[str, Any]:
    return asyncio.run(_tui(db_path))


def main() -> None:
    what, db_path, *rest = sys.argv[1:]
    if what == "topup":
        result = topup(db_path, int(rest[0]))
    elif what == "search":
        result = search(db_path)
    elif what == "desktop":
        result = desktop(db_path)
    elif what == "tui":
        result = tui(db_path)
    elif what == "reports":
        from inproc_reports import reports

        result = reports(db_path)
    else:
        raise SystemExit(f"unknown measurement {what!r}")
    sys.stdout.write(json.dumps(result, ensure_ascii=False, default=str) + "\n")


if __name__ == "__main__":
    main()
