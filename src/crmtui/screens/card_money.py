"""The card's Orders and Money tabs (orders with their payment state; credit limit, used,
available, overdue, ageing and payments) and the keys that take an order or a payment."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static, TabbedContent, TabPane

from crmtui.i18n import _
from crmtui.services.money.words import bucket_word, word
from crmtui.widgets.data_access import report
from crmtui.widgets.panel_table import PanelTable
from crmtui.widgets.text import money

if TYPE_CHECKING:
    from crmtui.services.money.types import (
        CreditStatus,
        OrderRow,
        PaymentRow,
        Receivables,
    )


@dataclass(frozen=True)
class MoneyView:
    """What the two tabs show, read in one worker."""

    orders: list[OrderRow]
    credit: CreditStatus
    ageing: Receivables
    payments: list[PaymentRow]


def money_panes() -> ComposeResult:
    with TabPane(_("Orders"), id="orders"):
        yield PanelTable(
            [_("number"), _("ordered"), _("status"), _("payment"), _("total"), _("owed"), _("due")],
            id="orders-table",
            empty=_("no orders: press O"),
            edge_leaves=False,
        )
    with TabPane(_("Money"), id="money"), VerticalScroll():
        yield Static("", id="money-text")
        yield PanelTable(
            [_("date"), _("amount"), _("method"), _("reference"), _("on account")],
            id="payments-table",
            empty=_("no payments: press P"),
            edge_leaves=False,
        )


def credit_text(view: MoneyView) -> Text:
    c = view.credit
    cur = c.currency
    limit = money(c.credit_limit, cur) if c.credit_limit is not None else _("none")
    available = money(c.available, cur) if c.available is not None else "-"
    term = (
        _("{days} days").format(days=c.credit_days) if c.credit_days is not None else _("default")
    )
    rating = (c.rating or "-") + (f" ({c.rated_on})" if c.rated_on else "")
    line = _("{label}: {value}")
    lines = [
        line.format(label=_("limit"), value=limit),
        line.format(label=_("used (outstanding)"), value=money(c.outstanding, cur)),
        line.format(label=_("available"), value=available),
        line.format(label=_("overdue"), value=money(c.overdue, cur)),
        line.format(label=_("credit on account"), value=money(c.on_account, cur)),
        line.format(label=_("term"), value=term),
        line.format(label=_("rating"), value=rating),
    ]
    if c.review_due:
        lines.append(_("credit review due since {day}").format(day=c.review_due_on))
    out = Text("\n".join(lines))
    if c.credit_limit is not None and int(c.outstanding) > int(c.credit_limit):
        out.append("\n" + _("over the credit limit"), style="bold red")
    for t in view.ageing.totals:
        cells = "  ".join(
            f"{bucket_word(label)} {money(t.buckets[label])}" for label in view.ageing.buckets
        )
        out.append(
            "\n" + _("ageing ({currency}): {cells}").format(currency=t.currency, cells=cells)
        )
    return out


class MoneyTabs:
    """Mixed into the card screen: loads and fills the two tabs, opens orders and the forms."""

    customer_id: int
    card: dict[str, Any] | None

    def load_money(self) -> None:
        self._load_money(self.customer_id)

    @work(thread=True, exclusive=True, group="card-money", exit_on_error=False)
    def _load_money(self, customer_id: int) -> None:
        from crmtui.services.money.ageing import receivables
        from crmtui.services.money.credit import credit_status
        from crmtui.services.money.read import list_orders, list_payments

        app: Any = self.app  # type: ignore[attr-defined]
        today = app.now().astimezone(app.tz).date()
        try:
            with app.readers.reader() as reader:
                view = MoneyView(
                    orders=list_orders(reader, today=today, customer_id=customer_id, limit=500),
                    credit=credit_status(
                        reader,
                        customer_id,
                        today=today,
                        currency=str(app.config.currency),
                        rates=app.config.rates(),
                    ),
                    ageing=receivables(reader, today=today, customer_id=customer_id),
                    payments=list_payments(reader, customer_id=customer_id, limit=200),
                )
        except Exception as exc:
            report(app, exc)
            return
        self.deliver(self._show_money, view)  # type: ignore[attr-defined]

    def _show_money(self, view: MoneyView) -> None:
        screen: Any = self
        screen.query_one("#orders-table", PanelTable).fill(
            (
                {"_key": f"so{o.id}", "order": o},
                [
                    o.number,
                    str(o.ordered_on),
                    word(o.status),
                    Text(word(o.payment), style="bold red" if o.payment == "overdue" else ""),
                    money(o.total, o.currency),
                    money(o.outstanding) if int(o.outstanding) else "",
                    str(o.due_on or ""),
                ],
            )
            for o in view.orders
        )
        screen.query_one("#money-text", Static).update(credit_text(view))
        screen.query_one("#payments-table", PanelTable).fill(
            (
                {"_key": f"pay{p.id}", "payment": p},
                [
                    str(p.paid_on),
                    money(p.amount, p.currency),
                    word(p.method),
                    p.reference or "",
                    money(p.on_account) if int(p.on_account) else "",
                ],
            )
            for p in view.payments
        )
        tabs = screen.query_one(TabbedContent)
        tabs.get_tab("orders").label = _("Orders") + f" ({len(view.orders)})"
        overdue = int(view.credit.overdue)
        tabs.get_tab("money").label = _("Money") + (" !" if overdue else "")

    def open_order(self, order: OrderRow) -> None:
        self._open_order(order.id)

    @work(thread=True, exclusive=True, group="card-order", exit_on_error=False)
    def _open_order(self, order_id: int) -> None:
        from crmtui.services.money.read import order_detail
        from crmtui.widgets.order_view import OrderView

        app: Any = self.app  # type: ignore[attr-defined]
        try:
            with app.readers.reader() as reader:
                detail = order_detail(reader, order_id, today=app.now().astimezone(app.tz).date())
        except Exception as exc:
            report(app, exc)
            return
        self.deliver(lambda: app.push_screen(OrderView(detail)))  # type: ignore[attr-defined]

    def action_add_order(self) -> None:
        from crmtui.widgets.money_forms import OrderForm

        app: Any = self.app  # type: ignore[attr-defined]
        if self.card:
            currency = str(app.config.currency)
            app.push_screen(OrderForm(self.customer_id, self.card["name"], currency=currency))

    def action_add_payment(self) -> None:
        from crmtui.widgets.money_forms import PaymentForm

        app: Any = self.app  # type: ignore[attr-defined]
        if self.card:
            currency = str(app.config.currency)
            app.push_screen(PaymentForm(self.customer_id, self.card["name"], currency=currency))
