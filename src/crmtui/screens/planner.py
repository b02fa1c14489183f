"""The call planner (电话跟进): today's calls in planned order, why each, and what did not fit.

The plan is the one ``crm plan`` prints (``services.planning`` through ``tui_support.todays_plan``),
so the screen, the desktop's "today's calls" and the command line always agree. Enter opens the
card of the call under the cursor, ``l`` records its outcome.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Footer, Header, Static
from textual.worker import get_current_worker

from crmtui import l10n
from crmtui.i18n import N_, _
from crmtui.messages import CustomerChosen
from crmtui.screens.base import DataScreen
from crmtui.widgets.data_access import read
from crmtui.widgets.desk_rows import plan_call
from crmtui.widgets.panel_table import PanelTable
from crmtui.widgets.text import clip, plain


class PlannerScreen(DataScreen):
    """See the module docstring."""

    AUTO_FOCUS = "#plan"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", N_("Back"), id="planner.back"),
        Binding("l", "log_call", N_("Log call"), id="planner.log-call"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(_("planning…"), id="plan-title", markup=False)
        yield PanelTable(
            [N_("time"), N_("theirs"), N_("who"), N_("phone"), N_("goal")],
            id="plan",
            empty=N_("no calls planned for today"),
            edge_leaves=False,
            classes="plan-table",
        )
        yield Static("", id="plan-why")
        yield PanelTable(
            [N_("who"), N_("why not today"), N_("what would help")],
            id="unplaced",
            empty=N_("every due call fits today"),
            edge_leaves=False,
            classes="plan-table",
        )
        yield Footer()

    def titles(self) -> None:
        self.sub_title = _("电话跟进 Calls")
        self.query_one("#plan").border_title = _("Calls in order")
        self.query_one("#unplaced").border_title = _("Not placed today")

    def on_mount(self) -> None:
        self.set_interval(30, self._explain)  # keeps the callee's clock below current

    def load(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="planner", exit_on_error=False)
    def _load(self) -> None:
        from crmtui.services.desktop.tui import todays_plan

        now, tz, config = self.crm.now(), self.crm.tz, self.crm.config
        plan = read(self.app, lambda r: todays_plan(r, config=config, now=now, tz=tz, explain=True))
        if plan is not None and not get_current_worker().is_cancelled:
            self.deliver(self._show, plan)

    def _show(self, plan: dict[str, Any]) -> None:
        tz = self.crm.tz
        self.query_one("#plan-title", Static).update(
            _("Call plan · {day} · your zone {zone} · {calls} calls, {unplaced} not placed").format(
                day=l10n.full_day(plan["day"]),
                zone=plan["zone"],
                calls=len(plan["calls"]),
                unplaced=len(plan["not_placed"]),
            )
        )
        rows = []
        for raw in plan["calls"]:
            call = plan_call(raw)
            theirs = str(call.get("their_time") or "")[11:16]
            rows.append(
                (
                    call,
                    [
                        call["at"].astimezone(tz).strftime("%H:%M"),
                        theirs,
                        clip(l10n.who(call["customer"], call.get("contact")), 30),
                        call.get("phone") or "",
                        clip(call.get("goal"), 50),
                    ],
                )
            )
        self.query_one("#plan", PanelTable).fill(rows)
        self.query_one("#unplaced", PanelTable).fill(
            (
                {**u, "_key": f"u{u['customer_id']}"},
                # the table wraps the reason and the advice to its width: cut only what no
                # narrow screen could show anyway
                [
                    clip(u["customer"], 24),
                    clip(u.get("reason"), 100),
                    clip(u.get("suggestion"), 100),
                ],
            )
            for u in plan["not_placed"]
        )
        self._explain()

    @on(DataTable.RowHighlighted, "#plan")
    def _explain(self) -> None:
        call = self.query_one("#plan", PanelTable).current()
        why = Text()
        if call:
            zone = call.get("their_zone")
            if zone:
                from crmtui import clock

                there = clock.now().astimezone(clock.zone(zone))
                day = l10n.weekday(there.weekday())
                now_there = _("now there {day} {time} ({zone})").format(
                    day=day, time=f"{there:%H:%M}", zone=zone
                )
                why.append(now_there + "  ·  ", style="bold")
            why.append(_("why: "), style="dim")
            why.append_text(plain(call.get("why") or "–"))
            flags = call.get("flags") or []
            if flags:
                why.append("  ·  ", style="dim")
                why.append_text(plain(", ".join(flags)))
        self.query_one("#plan-why", Static).update(why)

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        table = event.data_table
        record = table.record_for(event.row_key) if isinstance(table, PanelTable) else None
        if record and record.get("customer_id"):
            self.post_message(CustomerChosen(int(record["customer_id"])))

    def action_log_call(self) -> None:
        from crmtui.widgets.activity_forms import LogActivityForm

        call = self.query_one("#plan", PanelTable).current()
        if call is None:
            self.notify("No call planned for today.", markup=False)
            return
        self.app.push_screen(LogActivityForm(call["customer_id"], call["customer"], plan_call=call))

    def action_back(self) -> None:
        self.crm.action_go("today")
