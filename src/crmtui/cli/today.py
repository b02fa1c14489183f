"""``crm today`` (the desktop as text) and ``crm demo`` (sample data)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.text import Text

from crmtui import numbers
from crmtui.cli.context import console, print_json, state
from crmtui.cli.render import money, safe, table, when
from crmtui.i18n import N_

if TYPE_CHECKING:
    from crmtui.services.desktop.types import Desktop
    from crmtui.services.planning.types import PlanCall

RowT = TypeVar("RowT")


def today(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help=N_("JSON output."))] = False,
) -> None:
    """The today desktop: birthdays, this week's actions, today's calls, recent work, the month."""
    from crmtui.cli.planner import settings_of
    from crmtui.services.desktop.read import today_desktop

    st = state(ctx)
    with st.reader() as reader:
        desk = today_desktop(reader, now=st.now(), tz=st.tz, planner=settings_of(st))
    if as_json:
        print_json(desk)
        return
    _print_desktop(desk, st.tz)


PANEL_ROWS = 15  # the text desktop shows the first rows of each panel; --json has them all


def _more(rows: list[Any], hint: str) -> None:
    if len(rows) > PANEL_ROWS:
        console.print(f"  … and {len(rows) - PANEL_ROWS} more ({hint})")


def _panel(
    title: str, cols: list[str], rows: list[RowT], cells: Callable[[RowT], tuple[object, ...]]
) -> None:
    if rows:
        console.print(table(title, cols, [cells(r) for r in rows]))


def _print_desktop(desk: Desktop[PlanCall], tz: tzinfo) -> None:
    console.print(Text(f"今日桌面 · {desk['now'].strftime('%a %Y-%m-%d %H:%M')}", style="bold"))
    if desk["birthdays"]:
        console.print(
            table(
                "Birthdays (next 7 days)",
                ["when", "who", "customer", "age"],
                [
                    (
                        {0: "today", 1: "tomorrow"}.get(b["in_days"], f"in {b['in_days']} days")
                        + f" ({b['date']:%m-%d}{' 农历' if b['lunar'] else ''})",
                        b["name"],
                        b["customer"],
                        b["age"] or "",
                    )
                    for b in desk["birthdays"][:PANEL_ROWS]
                ],
            )
        )
        _more(desk["birthdays"], "crm today --json")
    if desk["today_calls"]:
        console.print(
            table(
                "Today's calls (crm plan)",
                ["you", "them", "who", "goal"],
                [
                    (
                        f"{c['at'].astimezone(tz):%H:%M}",
                        f"{c['their_time'][11:16]} {c['their_zone']}",
                        c["customer"] + (f" · {c['contact']}" if c["contact"] else ""),
                        c["goal"],
                    )
                    for c in desk["today_calls"][:PANEL_ROWS]
                ],
            )
        )
        _more(desk["today_calls"], "crm plan")
    if desk["week_actions"]:
        console.print(
            table(
                "This week's actions",
                ["id", "due", "kind", "customer", "note"],
                [
                    (
                        a["id"],
                        safe(
                            ("! " if a["overdue"] else "") + when(a["due_at"], tz),
                            style="bold red" if a["overdue"] else "",
                        ),
                        a["kind"],
                        a["customer"],
                        a["note"] or "",
                    )
                    for a in desk["week_actions"][:PANEL_ROWS]
                ],
            )
        )
        _more(desk["week_actions"], "crm actions --week")
    else:
        console.print("No open actions this week.")
    _panel(
        "Recent customers",
        ["id", "name", "stage", "grade"],
        desk["recent_customers"],
        lambda r: (r["id"], r["name"], r["stage"], r["grade"] or ""),
    )
    _panel(
        "Recent contacts",
        ["id", "name", "role", "customer"],
        desk["recent_contacts"],
        lambda r: (r["id"], r["name"], r["role"] or "", r["customer"]),
    )
    _panel(
        "Recent opportunities",
        ["id", "title", "stage", "amount"],
        desk["recent_opportunities"],
        lambda r: (r["id"], r["title"], r["stage"], money(r["amount"], r["currency"])),
    )
    _panel("Pinned notes", ["id", "note"], desk["pinned_notes"], lambda r: (r["id"], r["body"]))
    m = desk["month"]
    rate = f"{m['reached_rate']:.0%}" if m["reached_rate"] is not None else "-"
    new = ", ".join(f"{k} {v}" for k, v in sorted(m["new_customers"].items())) or "none"
    console.print(Text(f"This month ({m['month']})", style="bold"))
    console.print(
        f"  calls {m['calls']} (reached {m['calls_reached']}, {rate}) · visits {m['visits']} · "
        f"other {m['other_touches']}\n  new customers: {new}\n"
        f"  won {m['won']['count']} ({money(m['won']['amount'])}) · "
        f"lost {m['lost']['count']} ({money(m['lost']['amount'])})"
    )


def demo(
    ctx: typer.Context,
    size: Annotated[
        int, typer.Option(help=N_("Number of customers (1-1000000)."), parser=numbers.DEMO_SIZE)
    ] = 200,
    seed: Annotated[
        int, typer.Option(help=N_("Random seed (same seed, same data)."), parser=numbers.SEED)
    ] = 7,
    force: Annotated[
        bool, typer.Option("--force", help=N_("Add even if the database has data."))
    ] = (False),
) -> None:
    """Fill the database with realistic sample data (English and Chinese)."""
    from crmtui.services.demo.build import build_demo

    st = state(ctx)
    stats = build_demo(st.db, size=size, seed=seed, now=st.now(), tz=st.tz, force=force)
    console.print(
        f"demo data: {stats['customers']} customers, {stats['contacts']} contacts, "
        f"{stats['activities']} activities, {stats['opportunities']} opportunities"
    )


def register(app: typer.Typer) -> None:
    app.command("today")(today)
    app.command("demo")(demo)
