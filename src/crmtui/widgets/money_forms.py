"""The order form (lines with a product picker, the total as you type) and the payment form.

Both call the same services as ``crm order add`` and ``crm pay``. A credit-control refusal is
shown next to the "confirm anyway" tick: ticking it and saving again confirms, and the override
is recorded on the order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Select

from crmtui.i18n import _, ngettext
from crmtui.messages import DataSaved, OrderSaved, PaymentSaved
from crmtui.services.money.words import word
from crmtui.widgets.data_access import crm, read
from crmtui.widgets.form import (
    FormScreen,
    Saved,
    area_field,
    check_field,
    choice_field,
    saved_id,
    text_field,
)
from crmtui.widgets.text import money, plain

if TYPE_CHECKING:
    from sqlmodel import Session

    from crmtui.services.money.rules import LineSpec
    from crmtui.services.money.types import ProductRow


def _day(app: Any, text: str) -> Any:
    from crmtui.services.common.timeparse import parse_when

    text = (text or "").strip()
    return parse_when(text, app.now().astimezone(app.tz)).date() if text else None


class OrderForm(FormScreen):
    """Take an order for a customer: one line per product, ``NAME[/MODEL] QTY x PRICE``."""

    def __init__(self, customer_id: int, customer_name: str, *, currency: str = "CNY") -> None:
        super().__init__()
        self.customer_id = customer_id
        self.customer_name = customer_name
        self.currency = currency
        self.products: list[ProductRow] = []

    def heading(self) -> Text:
        return Text.assemble((_("New order for "), "bold"), plain(self.customer_name, style="bold"))

    def fields(self) -> ComposeResult:
        from crmtui.services.money.read import list_products

        self.products = read(self.app, list_products) or []
        options = [
            (f"{p.code or '-'}  {p.name} {p.model or ''}  {money(p.price, p.currency)}", p.id)
            for p in self.products
        ]
        yield from choice_field(
            "product", _("Add a product"), options, blank=True, prompt=_("(pick to add a line)")
        )
        yield from area_field("lines", _("Lines *"))
        yield from text_field("ordered", _("Order date"), placeholder=_("today, 2026-12-01"))
        yield from text_field("ship", _("Ship by"), placeholder="+7d, 2026-12-10")
        yield from text_field("note", _("Note"))
        yield from check_field("confirm", _("Confirm now (credit control is checked)"), True)
        yield from check_field("force", _("Confirm anyway, over the credit limit (recorded)"))

    def on_mount(self) -> None:
        self.query_one("#f-lines").focus()

    @on(Select.Changed, "#f-product")
    def _picked(self, event: Select.Changed) -> None:
        chosen = next((p for p in self.products if p.id == event.value), None)
        if chosen is None:
            return
        from crmtui.widgets.fields import FieldArea

        area = self.query_one("#f-lines", FieldArea)
        ref = chosen.code or (f"{chosen.name}/{chosen.model}" if chosen.model else chosen.name)
        area.text = (area.text.rstrip() + "\n" if area.text.strip() else "") + f"{ref} 1"
        area.focus()

    def _lines(self, text: str) -> list[LineSpec]:
        from crmtui.services.money.rules import parse_line

        return [parse_line(line) for line in (text or "").splitlines() if line.strip()]

    def check(self, name: str, value: Any) -> str | None:
        app = crm(self.app)
        if name == "lines":
            specs = self._lines(value)
            if not specs:
                return _("one line per product: NAME[/MODEL] QTY x PRICE, or CODE QTY")
            total = 0
            for spec in specs:
                price = spec.price
                if price is None:
                    price = self._price_of(spec)
                gross = spec.quantity * price
                total += gross - min(spec.discount_on(gross), gross)
            text = ngettext(
                "→ {count} line, total {total}", "→ {count} lines, total {total}", len(specs)
            )
            return text.format(count=len(specs), total=money(total, self.currency))
        if name in ("ordered", "ship"):
            day = _day(app, value)
            return f"→ {day:%a %Y-%m-%d}" if day else None
        return None

    def _price_of(self, spec: LineSpec) -> int:
        from crmtui.errors import InvalidInput

        key = spec.name.lower()
        for p in self.products:
            if key in ((p.code or "").lower(), p.name.lower()) and (
                spec.model is None or (p.model or "").lower() == spec.model.lower()
            ):
                return int(p.price)
        raise InvalidInput("order-unknown-product", field="lines", name=spec.name)

    def save(self, session: Session, values: dict[str, Any]) -> Saved:
        from crmtui.services.money.write import confirm_order, create_order

        app = crm(self.app)
        today = app.now().astimezone(app.tz).date()
        order = create_order(
            session,
            now=app.now(),
            today=today,
            customer_id=self.customer_id,
            lines=self._lines(values["lines"]),
            ordered_on=_day(app, values["ordered"]),
            ship_planned=_day(app, values["ship"]),
            currency=self.currency,
            note=values["note"].strip() or None,
        )
        if values["confirm"] or values["force"]:
            confirm_order(
                session,
                now=app.now(),
                today=today,
                order_id=saved_id(order),
                force=bool(values["force"]),
                block_days=int(app.config.credit_overdue_block_days),
                default_days=int(app.config.credit_days),
                credit_currency=str(app.config.currency),
                rates=app.config.rates(),
            )
        return Saved("order", saved_id(order), self.customer_id, order.number)

    def saved_message(self, saved: Saved) -> DataSaved:
        return OrderSaved(saved.customer_id)

    def done_text(self, saved: Saved) -> str:
        return _("Order {number} saved").format(number=saved.label)


class PaymentForm(FormScreen):
    """Record a payment (回款); without orders named it settles the oldest due first."""

    def __init__(self, customer_id: int, customer_name: str, *, currency: str = "CNY") -> None:
        super().__init__()
        self.customer_id = customer_id
        self.customer_name = customer_name
        self.currency = currency

    def heading(self) -> Text:
        return Text.assemble((_("Payment from "), "bold"), plain(self.customer_name, style="bold"))

    def fields(self) -> ComposeResult:
        from crmtui.services.money.rules import METHODS

        yield from text_field("amount", _("Amount *"), placeholder=_("12000 or 12,000.50"))
        yield from text_field("paid_on", _("Date"), placeholder=_("today, -1d, 2026-12-01"))
        yield from choice_field("method", _("Method"), [(word(m), m) for m in METHODS], "transfer")
        yield from text_field("reference", _("Reference"))
        yield from text_field(
            "orders", _("For orders"), placeholder=_("SO-2026-0042, 17 (blank: oldest due first)")
        )
        yield from check_field("on_account", _("Keep what is more than owed as a credit"))
        yield from text_field("note", _("Note"))

    def on_mount(self) -> None:
        self.query_one("#f-amount").focus()

    def check(self, name: str, value: Any) -> str | None:
        from crmtui.numbers import amount_minor

        app = crm(self.app)
        if name == "amount":
            minor = amount_minor(value)
            if minor <= 0:
                from crmtui.errors import InvalidInput

                raise InvalidInput("payment-not-positive", field="amount")
            return f"→ {money(minor, self.currency)}"
        if name == "paid_on":
            day = _day(app, value)
            return f"→ {day:%a %Y-%m-%d}" if day else None
        return None

    def save(self, session: Session, values: dict[str, Any]) -> Saved:
        from crmtui.numbers import amount_minor
        from crmtui.services.money.read import SessionRows, resolve_order
        from crmtui.services.money.write import record_payment
        from crmtui.widgets.form import split_list

        app = crm(self.app)
        rows = SessionRows(session)
        order_ids = [resolve_order(rows, ref) for ref in split_list(values["orders"] or "")]
        result = record_payment(
            session,
            now=app.now(),
            customer_id=self.customer_id,
            amount=amount_minor(values["amount"]),
            paid_on=_day(app, values["paid_on"]) or app.now().astimezone(app.tz).date(),
            currency=self.currency,
            method=values["method"] or "transfer",
            reference=values["reference"].strip() or None,
            note=values["note"].strip() or None,
            order_ids=order_ids,
            on_account=bool(values["on_account"]),
        )
        label = money(result.amount, self.currency)
        return Saved("payment", result.payment_id, self.customer_id, label)

    def saved_message(self, saved: Saved) -> DataSaved:
        return PaymentSaved(saved.customer_id)

    def done_text(self, saved: Saved) -> str:
        return _("Payment of {amount} recorded").format(amount=saved.label)
