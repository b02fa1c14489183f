"""English error words: products, orders, payments and credit control.

Part of :data:`crmtui.messages_en.MESSAGES`; the same conventions apply there.
"""

from __future__ import annotations

from crmtui.i18n import N_

MONEY_MESSAGES: dict[str, str] = {
    "ageing-buckets-bad": N_("ageing buckets are rising whole days like 30,60,90, not {text!r}"),
    "deliver-before-ship": N_("the delivery date {on} is before the ship date {shipped}"),
    "line-discount-too-large": N_("the discount {discount} is more than the line's {gross}"),
    "percent-unreadable": N_("not a {label}: {value!r}; write a percentage like 10% or 12.5%"),
    "percent-out-of-range": N_("{label} {text}%: a percentage is more than 0 and at most 100"),
    "rate-unreadable": N_("not a {label}: {value!r}; write it like 7.1 (six decimals at most)"),
    "rate-out-of-range": N_("{label} {text}: more than 0, six decimals at most"),
    "no-order": N_("no order {ref}"),
    "no-product-id": N_("no product with id {id}"),
    "opportunity-not-of-customer": N_("opportunity {id} belongs to another customer"),
    "order-bad-move": N_("order {number} is {status}; it cannot become {to}"),
    "order-line-quantity": N_(
        "line {text!r}: the quantity {quantity!r} must be a whole number of at least 1"
    ),
    "order-line-shape": N_(
        "cannot read the line {text!r}; write it as 'NAME[/MODEL] QTY x PRICE', e.g. "
        "'数控机床/CK6140 2 x 120000', or 'CODE QTY' for a product with a price"
    ),
    "order-needs-customer": N_("name the customer, or the won opportunity with --from-opp ID"),
    "order-needs-lines": N_(
        "an order needs at least one --line 'NAME[/MODEL] QTY x PRICE' (or --from-opp ID)"
    ),
    "order-not-of-customer": N_("order {id} belongs to another customer"),
    "order-not-open": N_("order {id} is not open: it is a draft, cancelled or fully paid"),
    "order-opp-not-won": N_(
        "opportunity {id} is at stage {stage}, not won; win it first: crm opp won {id}"
    ),
    "order-over-credit": N_(
        "confirming {number} would take {name}'s outstanding to {after}, {over} over the "
        "credit limit of {limit}; collect a payment first (crm pay), raise the limit "
        "(crm credit), or add --force to confirm anyway"
    ),
    "order-credit-no-rate": N_(
        "cannot check {number} against {name}'s credit limit in {home}: {currency} is owed and "
        "has no rate; set one with `crm config set rate.{currency} RATE` (one {currency} in "
        "{home}), or add --force to confirm anyway"
    ),
    "order-overdue-block": N_(
        "{name} has {amount} overdue more than {days} days (due since {since}); collect it "
        "first (crm pay) or add --force to confirm anyway"
    ),
    "order-sheet-date": N_("{column}: not a date: {text!r}; write it like 2026-11-03"),
    "order-sheet-empty": N_("the order sheet has a header row but no orders"),
    "order-sheet-missing": N_("{column} is empty"),
    "order-sheet-no-column": N_("the order sheet has no {column} column"),
    "order-sheet-no-customer": N_(
        "the order sheet has no 客户 / customer column: name the customer with --customer ID|NAME"
    ),
    "order-sheet-no-header": N_(
        "no header row with 产品名称/product, 件数/quantity and 单价/unit price in the first "
        "10 rows"
    ),
    "order-sheet-not-contacts": N_(
        "{option} is for contact sheets; this is an order sheet (业务明细)"
    ),
    "order-sheet-only": N_("--customer is for an order sheet (业务明细), not for contacts"),
    "order-sheet-row": N_("row {row}: {reason}; nothing was imported"),
    "order-sheet-total": N_(
        "the total {total} is not unit price {price} × quantity {quantity} = {expected}"
    ),
    "order-unknown-product": N_(
        "no product {name!r}: add it with crm product add, or give its price: '{name} QTY x PRICE'"
    ),
    "payment-more-than-owed": N_(
        "{amount} is more than {name} owes on these orders ({owed}); "
        "keep the rest as a credit on the customer with --on-account"
    ),
    "payment-not-positive": N_("a payment must be more than zero"),
    "product-ambiguous": N_(
        "several products are called {name!r}: add the model (NAME/MODEL) or use the code"
    ),
    "product-code-taken": N_("the product code {value!r} is taken by product {id}"),
    "ship-before-order": N_("the ship date {ship} is before the order date {ordered}"),
}
