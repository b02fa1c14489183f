"""``crm today`` (the desktop as text) and ``crm demo`` (sample data)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.text import Text

from crmtui import l10n, numbers, words
from crmtui.cli.context import console, print_json, state
from crmtui.cli.render import money, safe, table, when, who
from crmtui.cli.service_view import print_after_sale
from crmtui.i18n import N_, _, translate

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
    from crmtui.services.grading.reminder import grade_reminder
    from crmtui.services.query.pinned import pinned_panels

    st = state(ctx)
    now = st.now()
    with st.reader() as reader:
        desk = today_desktop(reader, now=now, tz=st.tz, planner=settings_of(st))
        pinned = pinned_panels(reader, now=now, tz=st.tz)
        reminder = grade_reminder(
            reader,
            now=now,
            tz=st.tz,
            currency=st.config.currency,
            dismissed=st.config.grade_reminder_dismissed,
        )
    if as_json:
        from dataclasses import asdict

        later = {"pinned_queries": pinned, "grade_reminder": reminder and asdict(reminder)}
        print_json(dict(desk) | later)
        return
    _print_desktop(desk, st.tz)
    _print_pinned(pinned)
    if reminder is not None:
        line = _(
            "80/20: {count} grades differ from this month's suggestion; "
            "crm grade suggest --apply writes them, crm grade dismiss hides this until next month"
        )
        console.print(safe(line.format(count=reminder.changes)))


def _print_pinned(panels: list[Any]) -> None:
    """Each pinned saved query: its first rows, and how many more ``crm query run`` shows."""
    for p in panels:
        title = _("{name} ({count})").format(name=p["name"], count=p["total"])
        rows = [(r["id"], r["label"]) for r in p["rows"]]
        if rows:
            console.print(table(title, [_("id"), translate(TARGET_WORDS[p["target"]])], rows))
        else:
            console.print(safe(title))


# the column header of a pinned panel, by what its query runs over
TARGET_WORDS = {
    "customers": N_("customer"),
    "contacts": N_("contact"),
    "opportunities": N_("opportunity"),
    "orders": N_("order"),
    "activities": N_("activity"),
}
PANEL_ROWS = 15  # the text desktop shows the first rows of each panel; --json has them all


def _more(rows: list[Any], hint: str) -> None:
    if len(rows) > PANEL_ROWS:
        more = _("  … and {count} more ({hint})")
        console.print(more.format(count=len(rows) - PANEL_ROWS, hint=hint))


def _panel(
    title: str, cols: list[str], rows: list[RowT], cells: Callable[[RowT], tuple[object, ...]]
) -> None:
    if rows:
        console.print(table(title, cols, [cells(r) for r in rows]))


def _announcements(desk: Desktop[PlanCall]) -> None:
    """The notes panel became the announcements panel: current announcements (pinned first,
    expired ones hidden), then the pinned notes, which stay notes."""
    rows: list[tuple[object, ...]] = [
        (
            ("📌 " if a["pinned"] else "") + a["title"] + (f" — {a['body']}" if a["body"] else ""),
            _("until {day}").format(day=a["valid_until"].isoformat()) if a["valid_until"] else "",
        )
        for a in desk["announcements"]
    ]
    rows += [
        (_("note {id}: {body}").format(id=n["id"], body=n["body"]), "")
        for n in desk["pinned_notes"]
    ]
    if rows:
        console.print(table(_("Announcements"), [_("announcement"), ""], rows))


def _money_panel(desk: Desktop[PlanCall]) -> None:
    m = desk["money"]
    if m["overdue_count"]:
        title = _("Overdue receivables: {count} orders, {amount}").format(
            count=m["overdue_count"], amount=money(m["overdue_total"])
        )
        _panel(
            title,
            [_("number"), _("customer"), _("due"), _("days"), _("owed")],
            m["overdue"][:PANEL_ROWS],
            lambda r: (
                r["number"],
                r["customer"],
                r["day"],
                r["days"],
                money(r["amount"], r["currency"]),
            ),
        )
    _panel(
        _("Orders shipping this week"),
        [_("number"), _("customer"), _("ship"), _("total")],
        m["shipping"],
        lambda r: (r["number"], r["customer"], r["day"], money(r["amount"], r["currency"])),
    )


def _birthday_when(b: Any) -> str:
    lunar = " 农历" if b["lunar"] else ""
    return _("{when} ({date}{lunar})").format(
        when=l10n.in_days(b["in_days"]), date=l10n.month_day(b["date"]), lunar=lunar
    )


def _print_desktop(desk: Desktop[PlanCall], tz: tzinfo) -> None:
    heading = _("今日桌面 · {now}").format(now=l10n.moment(desk["now"]))
    console.print(Text(heading, style="bold"))
    if desk["birthdays"]:
        console.print(
            table(
                _("Birthdays (next 7 days)"),
                [_("when"), _("who"), _("customer"), _("age")],
                [
                    (_birthday_when(b), b["name"], b["customer"], b["age"] or "")
                    for b in desk["birthdays"][:PANEL_ROWS]
                ],
            )
        )
        _more(desk["birthdays"], "crm today --json")
    if desk["today_calls"]:
        console.print(
            table(
                _("Today's calls (crm plan)"),
                [_("you"), _("them"), _("who"), _("goal")],
                [
                    (
                        f"{c['at'].astimezone(tz):%H:%M}",
                        f"{c['their_time'][11:16]} {c['their_zone']}",
                        who(c["customer"], c["contact"]),
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
                _("This week's actions"),
                [_("id"), _("due"), _("kind"), _("customer"), _("note")],
                [
                    (
                        a["id"],
                        safe(
                            ("! " if a["overdue"] else "") + when(a["due_at"], tz),
                            style="bold red" if a["overdue"] else "",
                        ),
                        words.label("activity", a["kind"]),
                        a["customer"],
                        a["note"] or "",
                    )
                    for a in desk["week_actions"][:PANEL_ROWS]
                ],
            )
        )
        _more(desk["week_actions"], "crm actions --week")
    else:
        console.print(_("No open actions this week."))
    _panel(
        _("Recent customers"),
        [_("id"), _("name"), _("stage"), _("grade")],
        desk["recent_customers"],
        lambda r: (r["id"], r["name"], words.label("stage", r["stage"]), r["grade"] or ""),
    )
    _panel(
        _("Recent contacts"),
        [_("id"), _("name"), _("role"), _("customer")],
        desk["recent_contacts"],
        lambda r: (r["id"], r["name"], r["role"] or "", r["customer"]),
    )
    _panel(
        _("Recent opportunities"),
        [_("id"), _("title"), _("stage"), _("amount")],
        desk["recent_opportunities"],
        lambda r: (
            r["id"],
            r["title"],
            words.label("opportunity", r["stage"]),
            money(r["amount"], r["currency"]),
        ),
    )
    _announcements(desk)
    print_after_sale(desk)
    _money_panel(desk)
    _print_month(desk["month"])


def _total(amount: int) -> str:
    """A month's total: ``918,000`` as before in English, ``918,000元`` in Chinese."""
    if l10n.chinese():
        return l10n.money_words(amount, getattr(amount, "currency", None) or "")
    return money(amount)


def _print_month(m: Any) -> None:
    rate = f"{m['reached_rate']:.0%}" if m["reached_rate"] is not None else "-"
    new = _(", ").join(
        f"{words.label('stage', k)} {v}" for k, v in sorted(m["new_customers"].items())
    ) or _("none")
    year, month = (int(part) for part in m["month"].split("-"))
    console.print(
        Text(_("This month ({month})").format(month=l10n.month_text(year, month)), style="bold")
    )
    console.print(
        _(
            "  calls {calls} (reached {reached}, {rate}) · visits {visits} · other {other}\n"
            "  new customers: {new}\n"
            "  won {won} ({won_amount}) · lost {lost} ({lost_amount})"
        ).format(
            calls=m["calls"],
            reached=m["calls_reached"],
            rate=rate,
            visits=m["visits"],
            other=m["other_touches"],
            new=new,
            won=m["won"]["count"],
            won_amount=_total(m["won"]["amount"]),
            lost=m["lost"]["count"],
            lost_amount=_total(m["lost"]["amount"]),
        )
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
        _(
            "demo data: {customers} customers, {contacts} contacts, "
            "{activities} activities, {opportunities} opportunities, "
            "{complaints} complaints, {service_plans} service plans, "
            "{orders} orders, {payments} payments"
        ).format(
            **{
                key: stats.get(key, 0)
                for key in (
                    "customers",
                    "contacts",
                    "activities",
                    "opportunities",
                    "complaints",
                    "service_plans",
                    "orders",
                    "payments",
                )
            }
        )
    )


def register(app: typer.Typer) -> None:
    app.command("today")(today)
    app.command("demo")(demo)
