"""The desktop's money panels: overdue receivables (count and total in the title, the most
overdue orders first) and the confirmed orders planned to ship this week."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult

from crmtui.i18n import N_, _
from crmtui.widgets.panel_table import PanelTable
from crmtui.widgets.text import money

if TYPE_CHECKING:
    from crmtui.services.money.desk import MoneyDesk


def money_tables() -> ComposeResult:
    yield PanelTable(
        [N_("customer"), N_("order"), N_("days"), N_("owed")],
        id="overdue-money",
        empty=N_("nothing is overdue"),
        classes="panel",
    )
    yield PanelTable(
        [N_("ship"), N_("customer"), N_("order"), N_("total")],
        id="to-ship",
        empty=N_("no orders to ship this week"),
        classes="panel",
    )


def fill_money(screen: Any, data: MoneyDesk) -> None:
    overdue = screen.query_one("#overdue-money", PanelTable)
    overdue.fill(
        (
            {"_key": f"od{r['order_id']}", "customer_id": r["customer_id"]},
            [r["customer"], r["number"], str(r["days"]), money(r["amount"], r["currency"])],
        )
        for r in data["overdue"]
    )
    if data["overdue_count"]:
        overdue.border_title = _("Overdue receivables · r: {count}, {amount}").format(
            count=data["overdue_count"], amount=money(data["overdue_total"])
        )
    ship = screen.query_one("#to-ship", PanelTable)
    ship.fill(
        (
            {"_key": f"sh{r['order_id']}", "customer_id": r["customer_id"]},
            [
                r["day"].strftime("%a %m-%d") if r["day"] else "",
                r["customer"],
                r["number"],
                money(r["amount"], r["currency"]),
            ],
        )
        for r in data["shipping"]
    )
    ship.border_title = _("Shipping this week ({count})").format(count=len(data["shipping"]))
