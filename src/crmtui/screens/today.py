"""The today desktop (今日桌面): the first screen, every row one Enter from its customer card.

The panels load in thread workers so the ones needed to start working appear first: this week's
actions and the recent records (queried while Textual starts up), then today's calls from the call
planner (in planned order; the calls due today stand in if planning fails), birthdays, recent
opportunities and the month's summary. An empty database shows a first-run panel instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Button, DataTable, Footer, Header, Static
from textual.worker import get_current_worker

from crmtui import l10n
from crmtui.i18n import N_, _, translate
from crmtui.messages import CustomerChosen, DataSaved
from crmtui.screens.base import DataScreen
from crmtui.widgets.data_access import read, report
from crmtui.widgets.desk_layout import desk
from crmtui.widgets.desk_money import fill_money
from crmtui.widgets.desk_rows import (
    announcement_rows,
    birthday_rows,
    call_rows,
    complaint_rows,
    contact_rows,
    customer_rows,
    due_call,
    month_text,
    opportunity_rows,
    plan_call,
    service_rows,
    week_rows,
)
from crmtui.widgets.panel_table import PanelTable

if TYPE_CHECKING:
    from crmtui.services.customers.types import ActionRow
    from crmtui.services.desktop.types import FirstPanels, MorePanels
    from crmtui.services.planning.types import PlanData

WEEK_LIMIT = 200  # activities.read.list_actions' default page
# A panel is a glance, and a table measures every cell it holds: on a big base a week can hold
# hundreds of actions and birthdays, so a panel keeps the first rows and its title the count.
PANEL_ROWS = 60
# the parts of the desktop that arrive from workers; once all are in, the desktop is filled
FILLED = {"main", "plan", "more", "month", "queries"}
PANELS = {
    "calls": N_("Today's calls"),
    "week": N_("This week's actions"),
    "birthdays": N_("Birthdays · 7 days"),
    "pinned": N_("Announcements"),
    "recent-customers": N_("Recent customers"),
    "recent-contacts": N_("Recent contacts"),
    "recent-opps": N_("Recent opportunities"),
    "complaints": N_("Open complaints"),
    "services": N_("Services due this week"),
    "overdue-money": N_("Overdue receivables · r"),
    "to-ship": N_("Shipping this week"),
}


class TodayScreen(DataScreen):
    """See the module docstring."""

    AUTO_FOCUS = "#calls"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("l", "log_call", N_("Log call"), id="today.log-call"),
        Binding("f", "follow_up", N_("Follow-up"), id="today.follow-up"),
        Binding("n", "pin_note", N_("Pin note"), id="today.pin-note", show=False),
        Binding(
            "w", "app.summary('week')", N_("Week summary"), id="today.week-summary", show=False
        ),
        Binding("d", "load_demo", N_("Load demo data"), id="today.demo", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.parts: set[str] = set()
        self.calls: list[dict[str, Any]] = []
        self._due_calls: list[ActionRow] = []
        self.planned: bool | None = None  # None until the call planner has answered
        self.empty = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield from desk()
        yield Footer()

    def titles(self) -> None:
        self.sub_title = _("今日桌面 Today")
        for key, title in PANELS.items():
            self.query_one(f"#{key}").border_title = translate(title)
        self.query_one("#month").border_title = _("This month")

    def on_mount(self) -> None:
        self.query_one("#first-run").display = False
        self.query_one("#queries-row").display = False

    # -- loading --------------------------------------------------------------------------

    def load(self) -> None:
        self._load_main()

    @work(thread=True, exclusive=True, group="today-main", exit_on_error=False)
    def _load_main(self) -> None:
        from crmtui.services.desktop.read import first_panels

        preloaded = self.crm.take_preload()
        if preloaded is not None:  # started with the app, while Textual was starting up
            try:
                data: FirstPanels | None = preloaded.result()
            except Exception as exc:
                report(self.app, exc)
                data = None
        else:
            now, tz = self.crm.now(), self.crm.tz
            data = read(self.app, lambda r: first_panels(r, now=now, tz=tz))
        if data is not None and not get_current_worker().is_cancelled:
            self.deliver(self._show_main, data)

    @work(thread=True, exclusive=True, group="today-plan", exit_on_error=False)
    def _load_plan(self) -> None:
        from crmtui.services.desktop.tui import todays_plan

        now, tz, config = self.crm.now(), self.crm.tz, self.crm.config
        try:
            with self.crm.readers.reader() as reader:
                plan: PlanData | None = todays_plan(reader, config=config, now=now, tz=tz)
        except Exception as exc:  # the due calls stand in; say why once
            self.app.log.error(repr(exc))
            plan = None
        if not get_current_worker().is_cancelled:
            self.deliver(self._show_plan, plan)

    @work(thread=True, exclusive=True, group="today-more", exit_on_error=False)
    def _load_more(self) -> None:
        from crmtui.services.desktop.read import more_panels

        now, tz = self.crm.now(), self.crm.tz
        data = read(self.app, lambda r: more_panels(r, now=now, tz=tz))
        if data is not None and not get_current_worker().is_cancelled:
            self.deliver(self._show_more, data)

    @work(thread=True, exclusive=True, group="today-month", exit_on_error=False)
    def _load_month(self) -> None:
        from crmtui.services.desktop.read import month_summary

        now, tz = self.crm.now(), self.crm.tz
        data = read(self.app, lambda r: month_summary(r, now=now, tz=tz))
        if data is not None and not get_current_worker().is_cancelled:
            self.deliver(self._show_month, data)

    @work(thread=True, exclusive=True, group="today-queries", exit_on_error=False)
    def _load_queries(self) -> None:
        from crmtui.services.grading.reminder import grade_reminder
        from crmtui.services.query.pinned import pinned_panels

        now, tz, config = self.crm.now(), self.crm.tz, self.crm.config

        def both(r: Any) -> tuple[Any, Any]:
            panels = pinned_panels(r, now=now, tz=tz)
            dismissed = config.grade_reminder_dismissed
            reminder = grade_reminder(
                r, now=now, tz=tz, currency=config.currency, dismissed=dismissed
            )
            return panels, reminder

        data = read(self.app, both)
        if data is not None and not get_current_worker().is_cancelled:
            self.deliver(self._show_queries, data)

    # -- showing --------------------------------------------------------------------------

    def _show_main(self, data: FirstPanels) -> None:
        self.empty = not data["exists"]
        self.query_one("#desk").display = not self.empty
        self.query_one("#first-run").display = self.empty
        if self.empty:
            self.query_one("#demo").focus()
        local = self.crm.now().astimezone(self.crm.tz)
        self._due_calls = data["today_calls"]
        if not self._table("calls").loaded:
            self._table("calls").fill([], empty=N_("planning today's calls…"), pending=True)
        self._table("week").fill(week_rows(data["week_actions"][:PANEL_ROWS], local, self.crm.tz))
        self._table("recent-customers").fill(customer_rows(data["recent_customers"]))
        self._table("recent-contacts").fill(contact_rows(data["recent_contacts"]))
        self._table("pinned").fill(announcement_rows(data["announcements"], data["pinned_notes"]))
        self._table("pinned").border_title = translate(PANELS["pinned"])
        self._titles({"week": len(data["week_actions"])})
        if (
            len(data["week_actions"]) >= WEEK_LIMIT
        ):  # the service stops at its limit; say there are more
            self._table("week").border_title = f"{translate(PANELS['week'])} ({WEEK_LIMIT}+)"
        self.parts.add("main")
        self.crm.desktop_ready()
        # the slower panels start once the first ones are on screen, not competing with them
        self._load_plan()
        self._load_more()
        self._load_month()
        self._load_queries()

    def _show_plan(self, plan: PlanData | None) -> None:
        """Today's calls from the call planner, in planned order (or, if planning failed, the
        calls due today, overdue first)."""
        if plan is not None:
            self.calls = [plan_call(c) for c in plan["calls"]]
            self.planned = True
        else:
            self.calls = [due_call(a) for a in self._due_calls]
            self.planned = False
        unplaced = len(plan["not_placed"]) if plan else 0
        empty = (
            _("none fit today ({count} due): press p to see why").format(count=unplaced)
            if unplaced
            else None
        )
        self._table("calls").fill(call_rows(self.calls, self.crm.tz), empty=empty)
        source = "" if self.planned else _(" · due")
        title = translate(PANELS["calls"])
        self._table("calls").border_title = f"{title} ({len(self.calls)}){source}"
        self._delivered("plan")

    def _show_more(self, data: MorePanels) -> None:
        self._table("birthdays").fill(birthday_rows(data["birthdays"][:PANEL_ROWS]))
        self._table("recent-opps").fill(opportunity_rows(data["recent_opportunities"]))
        self._table("complaints").fill(complaint_rows(data["open_complaints"]))
        self._table("services").fill(service_rows(data["services_due"]))
        fill_money(self, data["money"])
        self._titles({"birthdays": len(data["birthdays"])})
        self._delivered("more")

    def _show_month(self, m: dict[str, Any]) -> None:
        self.query_one("#month", Static).update(month_text(m))
        year, month = (int(part) for part in str(m["month"]).split("-"))
        title = _("This month · {month}").format(month=l10n.month_text(year, month))
        self.query_one("#month").border_title = title
        self._delivered("month")

    def _delivered(self, part: str) -> None:
        self.parts.add(part)
        if FILLED <= self.parts:
            self.crm.desktop_filled()

    def _show_queries(self, data: tuple[Any, Any]) -> None:
        """Each pinned query's first rows (Enter opens the customer) and the 80/20 reminder."""
        panels, reminder = data
        rows = [
            ({"customer_id": r["customer_id"]}, [Text(p["name"]), Text(r["label"])])
            for p in panels
            for r in p["rows"]
        ]
        self._table("queries").fill(rows)
        counts = ", ".join(f"{p['name']} {p['total']}" for p in panels)
        self._table("queries").border_title = translate(N_("Pinned queries")) + (
            f" ({counts})" if counts else ""
        )
        note = self.query_one("#grade-reminder", Static)
        note.display = reminder is not None
        if reminder is not None:
            note.update(
                _(
                    "80/20: {count} grades differ from this month's suggestion; "
                    "crm grade suggest --apply writes them, crm grade dismiss hides this until "
                    "next month"
                ).format(count=reminder.changes)
            )
        self.query_one("#queries-row").display = bool(panels) or reminder is not None
        self._delivered("queries")

    def _table(self, key: str) -> PanelTable:
        return self.query_one(f"#{key}", PanelTable)

    def _titles(self, counts: dict[str, int]) -> None:
        for key, count in counts.items():
            self._table(key).border_title = f"{translate(PANELS[key])} ({count})"

    # -- acting ---------------------------------------------------------------------------

    @on(DataTable.RowSelected)
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        table = event.data_table
        if isinstance(table, PanelTable):
            record = table.record_for(event.row_key)
            if record and record.get("customer_id"):
                self.post_message(CustomerChosen(int(record["customer_id"])))

    def _focused_record(self) -> dict[str, Any] | None:
        focused = self.focused
        return focused.current() if isinstance(focused, PanelTable) else None

    def action_log_call(self) -> None:
        """Log the outcome of the call under the cursor (in today's calls) or of the first one."""
        from crmtui.widgets.activity_forms import LogActivityForm

        calls = self._table("calls")
        record = calls.current() if self.focused is calls else None
        call = record if record and "goal" in record else (self.calls[0] if self.calls else None)
        if call is None:
            still = _("Today's calls are still being planned.") if self.planned is None else ""
            self.notify(still or _("No calls for today."), markup=False)
            return
        self.app.push_screen(LogActivityForm(call["customer_id"], call["customer"], plan_call=call))

    def action_follow_up(self) -> None:
        from crmtui.widgets.activity_forms import FollowUpForm

        record = self._focused_record()
        if not record or not record.get("customer_id"):
            self.notify(_("Pick a row with a customer first."), markup=False)
            return
        self.app.push_screen(FollowUpForm(record["customer_id"], record.get("customer") or ""))

    def action_pin_note(self) -> None:
        from crmtui.widgets.record_forms import NoteForm

        self.app.push_screen(NoteForm(None))

    @on(Button.Pressed, "#demo")
    def action_load_demo(self) -> None:
        if not self.empty:
            return
        self.notify(_("Loading 200 sample customers…"), markup=False)
        self._build_demo()

    @on(Button.Pressed, "#add-first")
    def _add_first(self) -> None:
        self.crm.action_add_customer()

    @work(thread=True, exclusive=True, group="demo", exit_on_error=False)
    def _build_demo(self) -> None:
        from crmtui.services.demo.build import build_demo

        try:
            build_demo(self.crm.db, size=200, seed=7, now=self.crm.now(), tz=self.crm.tz)
        except Exception as exc:
            report(self.app, exc)
            return
        self.app.post_message(DataSaved())
