"""Speed figures of the TUI on a big database (a benchmark, not a test).

    CRM_DB=/tmp/big.db crm demo --size 100000        # once
    python -m tests.tui.bench_tui --db /tmp/big.db --runs 5

Each run is a fresh interpreter (so imports are paid as ``crm`` pays them) driving the app
headless with Textual's pilot; times come from ``time.perf_counter``. Printed: the median and
the spread of each figure over the runs.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

QUERIES = ("z", "zh", "zha", "zhan", "zhang", "zhangw", "张", "张伟", "beij", "138", "acme")


def say(line: str) -> None:
    sys.stdout.write(line + "\n")


def _rss_mib() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


async def _until(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    end = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > end:
            raise TimeoutError
        await asyncio.sleep(0.001)


def one_run(db: str, start: float) -> dict[str, object]:
    """Runs in the child: import as ``crm`` does, start the app, measure each step.

    A step ends when the screen showing its result has been painted (the compositor ran after
    the data arrived), not when the process is idle: keys go in with ``simulate_key``.
    """
    from textual.screen import Screen

    import crmtui.cli  # noqa: F401  (what `crm` imports before it opens the TUI)
    from crmtui.app import CrmApp
    from crmtui.screens.card import CardScreen
    from crmtui.screens.customers import CustomersScreen
    from crmtui.widgets.customer_list import CustomerList

    out: dict[str, object] = {"imports_s": time.perf_counter() - start}
    painted: dict[str, float] = {}
    paint = Screen._compositor_refresh

    def compositor_refresh(self: Screen[object]) -> None:
        paint(self)
        painted[type(self).__name__] = time.perf_counter()

    Screen._compositor_refresh = compositor_refresh  # type: ignore[method-assign]
    shown: dict[str, float] = {}
    draw = CustomerList.render_line

    def render_line(self: CustomerList, y: int) -> Any:
        strip = draw(self, y)
        if y == 1 and self.row(int(self.scroll_offset.y)) is not None:
            shown[f"rows-{self.generation}"] = time.perf_counter()
        return strip

    CustomerList.render_line = render_line  # type: ignore[method-assign]

    def painted_after(name: str, moment: float) -> Callable[[], bool]:
        return lambda: painted.get(name, 0.0) > moment

    async def drive() -> None:
        app = CrmApp(db_option=db)
        async with app.run_test(size=(120, 35)) as pilot:
            await _until(lambda: app.ready_at is not None)
            ready = app.ready_at or 0.0
            await _until(painted_after("TodayScreen", ready))
            out["desktop_ready_s"] = painted["TodayScreen"] - start
            screen = app.screen
            await _until(lambda: "plan" in screen.parts)  # type: ignore[attr-defined]
            out["desktop_calls_planned_s"] = time.perf_counter() - start
            await _until(lambda: {"main", "plan", "more", "month"} <= screen.parts)  # type: ignore[attr-defined]
            out["desktop_all_panels_s"] = time.perf_counter() - start
            await app.workers.wait_for_complete()
            await pilot.pause(0.5)

            t = time.perf_counter()
            app.simulate_key("slash")
            await _until(lambda: isinstance(app.screen, CustomersScreen))
            customers = app.screen
            await _until(lambda: f"rows-{customers.generation}" in shown)  # type: ignore[attr-defined]
            out["list_visible_s"] = shown[f"rows-{customers.generation}"] - t  # type: ignore[attr-defined]
            out["rss_after_list_mib"] = _rss_mib()
            await app.workers.wait_for_complete()
            await pilot.pause(0.5)

            listing = customers.query_one(CustomerList)

            async def one_key(screen: Any, char: str) -> float:
                """Milliseconds from the key to the list painted with the new rows."""
                before = screen.generation
                t = time.perf_counter()
                app.simulate_key(char)
                await _until(lambda: screen.generation != before)
                key = f"rows-{screen.generation}"
                empty = lambda: listing.generation == screen.generation and listing.total == 0  # noqa: E731
                await _until(lambda: key in shown or empty())
                return (shown.get(key, time.perf_counter()) - t) * 1000

            keys: list[float] = []
            typed: list[str] = []
            for query in QUERIES:
                app.simulate_key("ctrl+u")  # clear the search box
                await pilot.pause(0.4)
                await app.workers.wait_for_complete()
                for i, char in enumerate(query):
                    keys.append(await one_key(customers, char))
                    typed.append(query[: i + 1])
                    await asyncio.sleep(0.15)  # a fast typist: about 7 keys a second
            out["keystroke_ms"] = keys
            out["typed"] = typed

            cards: list[float] = []
            for customer_id in (1, 25_000, 50_000, 75_000, 99_999):
                t = time.perf_counter()
                app.open_card(customer_id)
                await _until(lambda: isinstance(app.screen, CardScreen))
                await _until(painted_after("CardScreen", t))
                cards.append((painted["CardScreen"] - t) * 1000)
                await pilot.pause(0.3)
                app.simulate_key("escape")
                await pilot.pause(0.3)
            out["card_open_ms"] = cards
            out["rss_end_mib"] = _rss_mib()

    asyncio.run(drive())
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        say(json.dumps(one_run(args.db, float(os.environ["BENCH_START"]))))
        return
    results = []
    for _ in range(args.runs):
        env = dict(os.environ, BENCH_START="0")
        code = (
            "import time, os; os.environ['BENCH_START'] = str(time.perf_counter()); "
            f"import runpy, sys; sys.argv = ['bench', '--db', {args.db!r}, '--child']; "
            "runpy.run_module('tests.tui.bench_tui', run_name='__main__')"
        )
        done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
        if done.returncode:
            raise SystemExit(f"a run failed:\n{done.stderr[-3000:]}")
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    interpreter = time.perf_counter() - started

    def summary(values: list[float]) -> str:
        return (
            f"median {statistics.median(values):8.3f}  min {min(values):8.3f}  "
            f"max {max(values):8.3f}"
        )

    say(f"runs: {args.runs}; database: {args.db}; bare interpreter start {interpreter:.3f} s")
    for key in (
        "imports_s",
        "desktop_ready_s",
        "desktop_calls_planned_s",
        "desktop_all_panels_s",
        "list_visible_s",
        "rss_after_list_mib",
        "rss_end_mib",
    ):
        say(f"{key:22} {summary([float(r[key]) for r in results])}")
    keys = [k for r in results for k in r["keystroke_ms"]]  # type: ignore[attr-defined]
    cards = [c for r in results for c in r["card_open_ms"]]  # type: ignore[attr-defined]
    p90 = statistics.quantiles(keys, n=10)[-1]
    say(f"{'keystroke_ms':22} {summary(keys)}  p90 {p90:8.1f}  (n={len(keys)})")
    say(f"{'card_open_ms':22} {summary(cards)}  (n={len(cards)})")
    by_text: dict[str, list[float]] = {}
    for r in results:
        for text, ms in zip(r["typed"], r["keystroke_ms"], strict=True):  # type: ignore[call-overload]
            by_text.setdefault(text, []).append(ms)
    say(
        "per search text (median ms): "
        + ", ".join(f"{t}={statistics.median(v):.0f}" for t, v in by_text.items())
    )


if __name__ == "__main__":
    main()
