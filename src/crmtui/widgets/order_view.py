"""One order in a modal: its lines and payments, and a button for each next step (confirm, ship,
deliver, cancel) dated today. A credit-control refusal is shown with a button to confirm anyway,
which the order records."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from crmtui.errors import CrmError
from crmtui.i18n import N_, _, translate
from crmtui.messages import OrderSaved
from crmtui.services.money.words import word
from crmtui.widgets.data_access import crm, report, write
from crmtui.widgets.text import money, plain

if TYPE_CHECKING:
    from crmtui.services.money.types import OrderDetail

STEP_WORDS = {
    "confirm": N_("Confirm"),
    "ship": N_("Ship"),
    "deliver": N_("Deliver"),
    "cancel": N_("Cancel order"),
}
STEPS = {
    "draft": ("confirm", "cancel"),
    "confirmed": ("ship", "cancel"),
    "shipped": ("deliver",),
}


def order_text(d: OrderDetail) -> Text:
    """The order as plain lines (user values never markup)."""
    cur = d.currency
    out = Text.assemble(
        (f"{d.number}  ", "bold"), plain(d.customer, style="bold"), f"  {word(d.status)}"
    )
    if d.payment != "-":
        out.append(f" / {word(d.payment)}")
    facts = [
        (_("ordered"), d.ordered_on),
        (_("shipped"), d.shipped_on),
        (_("delivered"), d.delivered_on),
        (_("due"), d.due_on),
    ]
    for label, value in facts:
        if value is not None:
            out.append(f"\n{label}: {value}")
    for x in d.lines:
        out.append("\n  ")
        out.append(plain(f"{x.name} {x.model or ''}".strip()))
        out.append(f"  {x.quantity} × {money(x.unit_price)} = {money(x.line_total, cur)}")
    for a in d.allocations:
        out.append(
            "\n" + _("  paid {amount} on {day}").format(amount=money(a.amount, cur), day=a.paid_on)
        )
    out.append(
        "\n"
        + _("total {total}, paid {paid}, outstanding {owed}").format(
            total=money(d.total, cur), paid=money(d.paid, cur), owed=money(d.outstanding, cur)
        )
    )
    if d.forced:
        out.append("\n" + _("forced") + ": ")
        out.append(plain(d.forced))
    return out


class OrderView(ModalScreen[None]):
    """An order and its next steps; Esc closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Close"), id="order.close"),
    ]

    def __init__(self, detail: OrderDetail) -> None:
        super().__init__()
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            with VerticalScroll(id="form-body"):
                yield Static(order_text(self.detail), id="order-text")
            yield Static("", id="form-error", markup=False)
            with Horizontal(id="form-buttons"):
                for step in STEPS.get(self.detail.status, ()):
                    yield Button(translate(STEP_WORDS[step]), id=f"step-{step}", compact=True)
                yield Button(_("Confirm anyway"), id="step-force", compact=True, classes="-hidden")
                yield Button(_("Close  Esc"), id="order-close", compact=True)

    def on_mount(self) -> None:
        self.query_one("#step-force").display = False

    @on(Button.Pressed, "#order-close")
    def action_close(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed)
    def _step(self, event: Button.Pressed) -> None:
        name = str(event.button.id or "")
        if name.startswith("step-"):
            self._run(name[5:])

    @work(thread=True, exclusive=True, group="order-step", exit_on_error=False)
    def _run(self, step: str) -> None:
        from crmtui.services.money import write as money_write

        app = crm(self.app)
        today = app.now().astimezone(app.tz).date()
        oid = self.detail.id

        def act(session: Any) -> Any:
            if step in ("confirm", "force"):
                return money_write.confirm_order(
                    session,
                    now=app.now(),
                    today=today,
                    order_id=oid,
                    force=step == "force",
                    block_days=int(app.config.credit_overdue_block_days),
                    default_days=int(app.config.credit_days),
                    credit_currency=str(app.config.currency),
                    rates=app.config.rates(),
                )
            fn = {
                "ship": money_write.ship_order,
                "deliver": money_write.deliver_order,
                "cancel": money_write.cancel_order,
            }[step]
            return fn(session, now=app.now(), order_id=oid, on=today)

        try:
            write(self.app, act)
        except CrmError as exc:
            self.app.call_from_thread(self._refused, exc)
            return
        except Exception as exc:
            report(self.app, exc)
            return
        self.app.call_from_thread(self._done)

    def _refused(self, exc: CrmError) -> None:
        self.query_one("#form-error", Static).update(str(exc))
        if exc.code in ("order-over-credit", "order-overdue-block"):
            self.query_one("#step-force").display = True

    def _done(self) -> None:
        crm(self.app).post_message(OrderSaved(self.detail.customer_id))
        self.dismiss(None)
