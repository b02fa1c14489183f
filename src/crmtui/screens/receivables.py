"""Receivables (应收账款): the ageing table per customer with the totals per bucket, sortable
(``s`` cycles the sort: most overdue, total owed, name), Enter opens the customer's card."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Footer, Header, Static

from crmtui.i18n import N_, _, translate
from crmtui.messages import CustomerChosen
from crmtui.screens.base import DataScreen
from crmtui.services.money.words import bucket_word
from crmtui.widgets.data_access import read
from crmtui.widgets.panel_table import PanelTable
from crmtui.widgets.text import money

if TYPE_CHECKING:
    from crmtui.services.money.types import AgeingTotals, Receivables

SORTS = (
    ("late", N_("most overdue first")),
    ("total", N_("most owed first")),
    ("name", N_("by name")),
)


class ReceivablesScreen(DataScreen):
    """See the module docstring."""

    AUTO_FOCUS = "#ageing"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", N_("Back"), id="receivables.back"),
        Binding("s", "sort", N_("Sort"), id="receivables.sort"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.report: Receivables | None = None
        self.sort = 0

    def compose(self) -> ComposeResult:
        from crmtui.services.money.rules import bucket_labels, parse_buckets

        labels = bucket_labels(parse_buckets(str(self.crm.config.ageing_buckets)))
        yield Header()
        yield Static("…", id="ageing-totals")
        yield PanelTable(
            [_("customer"), *(bucket_word(b) for b in labels), _("total"), ""],
            id="ageing",
            empty=_("nothing is owed"),
            edge_leaves=False,
            classes="plan-table",
        )
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = _("应收账款 Receivables")

    def load(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="receivables", exit_on_error=False)
    def _load(self) -> None:
        from crmtui.services.money.ageing import receivables
        from crmtui.services.money.rules import parse_buckets

        today = self.crm.now().astimezone(self.crm.tz).date()
        bounds = parse_buckets(str(self.crm.config.ageing_buckets))
        report = read(self.app, lambda r: receivables(r, today=today, bounds=bounds))
        if report is not None:
            self.deliver(self._show, report)

    def _show(self, report: Receivables) -> None:
        self.report = report
        labels = report.buckets
        totals = Text()
        for t in report.totals:
            cells = "   ".join(f"{bucket_word(b)} {money(t.buckets[b])}" for b in labels)
            total = _("total")
            totals.append(f"{t.currency}  {cells}   {total} {money(t.total)}\n")
        if not report.totals:
            totals.append(_("nothing is owed"))
        totals.append(translate(SORTS[self.sort][1]), style="dim")
        self.query_one("#ageing-totals", Static).update(totals)
        table = self.query_one("#ageing", PanelTable)
        table.fill(
            (
                {"_key": f"c{t.customer_id}-{t.currency}", "customer_id": t.customer_id},
                [
                    t.customer or "",
                    *(money(t.buckets[b]) if int(t.buckets[b]) else "" for b in labels),
                    money(t.total),
                    t.currency,
                ],
            )
            for t in self._sorted(report.customers, labels)
        )

    def _sorted(self, rows: list[AgeingTotals], labels: tuple[str, ...]) -> list[AgeingTotals]:
        key = SORTS[self.sort][0]
        if key == "total":
            return sorted(rows, key=lambda t: -int(t.total))
        if key == "name":
            return sorted(rows, key=lambda t: (t.customer or "").casefold())
        return rows  # the service's order: most overdue money first

    def action_sort(self) -> None:
        self.sort = (self.sort + 1) % len(SORTS)
        if self.report is not None:
            self._show(self.report)

    def action_back(self) -> None:
        self.app.action_go("today")  # type: ignore[attr-defined]

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        record: Any = self.query_one("#ageing", PanelTable).record_for(event.row_key)
        if record and record.get("customer_id"):
            self.post_message(CustomerChosen(int(record["customer_id"])))
