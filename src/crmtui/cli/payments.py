"""``crm pay``, ``crm payments``, ``crm receivables`` and ``crm credit``: money coming in,
what is still owed and how late, and credit control."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import TYPE_CHECKING, Annotated

import typer

from crmtui import numbers
from crmtui.cli.context import ByName, console, print_json, state
from crmtui.cli.money import JsonFlag, OnDate, day_of
from crmtui.cli.render import fits, money, safe, table
from crmtui.i18n import N_, _, ngettext
from crmtui.services.money.words import bucket_word, word

if TYPE_CHECKING:
    from crmtui.services.money.types import AgeingTotals, Receivables


def pay(
    ctx: typer.Context,
    customer: Annotated[str, typer.Argument(help=N_("Id or part of the name."))],
    amount: Annotated[
        str,
        typer.Argument(
            help=N_("Amount received, e.g. 12000 or 12,000.50."), parser=numbers.PAYMENT_AMOUNT
        ),
    ],
    order: Annotated[
        list[str] | None,
        typer.Option(
            "--order",
            help=N_(
                "Order id or number it pays; repeatable. Default: the "
                "open orders, oldest due first."
            ),
        ),
    ] = None,
    on: OnDate = None,
    method: Annotated[str, typer.Option(help=N_("transfer|cash|acceptance (承兑汇票)|other"))] = (
        "transfer"
    ),
    ref: Annotated[str | None, typer.Option("--ref", help=N_("Bank or bill reference."))] = None,
    note: Annotated[str | None, typer.Option(help=N_("Note."))] = None,
    currency: Annotated[
        str | None, typer.Option(help=N_("Currency (default from config)."))
    ] = None,
    on_account: Annotated[
        bool, typer.Option("--on-account", help=N_("Keep what is more than owed as a credit."))
    ] = False,
    as_json: JsonFlag = False,
    by_name: ByName = False,
) -> None:
    """Record a payment (回款) and allocate it to orders."""
    from crmtui.numbers import amount_minor
    from crmtui.services.money.read import resolve_order
    from crmtui.services.money.write import record_payment

    st = state(ctx)
    target = st.customer(customer, by_name=by_name)
    with st.reader() as reader:
        order_ids = [resolve_order(reader, ref_) for ref_ in order or []]
    with st.db.session() as session:
        result = record_payment(
            session,
            now=st.now(),
            customer_id=target["id"],
            amount=amount_minor(amount),
            paid_on=day_of(st, on),
            currency=currency or st.config.currency,
            method=method,
            reference=ref,
            note=note,
            order_ids=order_ids,
            on_account=on_account,
        )
    if as_json:
        print_json(asdict(result))
        return
    cur = result.amount.currency or ""
    text = _("payment {id}: {amount} from {name}")
    amount = money(result.amount, cur)
    console.print(safe(text.format(id=result.payment_id, amount=amount, name=target["name"])))
    for oid, part in result.allocations:
        console.print(safe(_("  {amount} to order {id}").format(amount=money(part, cur), id=oid)))
    if result.on_account:
        text = _("  {amount} kept as a credit on the customer")
        console.print(safe(text.format(amount=money(result.on_account, cur))))


def payments(
    ctx: typer.Context,
    customer: Annotated[str | None, typer.Option(help=N_("Only this customer's."))] = None,
    limit: Annotated[
        int | None, typer.Option(help=N_("At most this many (default 200)."), parser=numbers.LIMIT)
    ] = None,
    as_json: JsonFlag = False,
    by_name: ByName = False,
) -> None:
    """List payments received, newest first."""
    from crmtui.services.money.read import list_payments

    st = state(ctx)
    cid = st.customer(customer, by_name=by_name)["id"] if customer else None
    with st.reader() as reader:
        rows = list_payments(reader, customer_id=cid, limit=limit or 200)
    if as_json:
        print_json([asdict(r) for r in rows])
        return
    if not rows:
        console.print(safe(_("no payments")))
        return
    console.print(
        table(
            None,
            [_("id"), _("date"), _("customer"), _("amount"), _("method"), _("on account")],
            [
                (
                    p.id,
                    p.paid_on,
                    p.customer,
                    money(p.amount, p.currency),
                    word(p.method),
                    money(p.on_account, p.currency) if p.on_account else "",
                )
                for p in rows
            ],
        )
    )


def receivables(
    ctx: typer.Context,
    overdue: Annotated[bool, typer.Option("--overdue", help=N_("Only what is past due."))] = False,
    customer: Annotated[str | None, typer.Option(help=N_("Only this customer's."))] = None,
    limit: Annotated[
        int | None,
        typer.Option(help=N_("Customers shown in the table (default 30)."), parser=numbers.LIMIT),
    ] = None,
    as_json: JsonFlag = False,
    by_name: ByName = False,
) -> None:
    """Receivables ageing (应收账款): totals per bucket of days past due, and per customer."""
    from crmtui.services.money.ageing import receivables as build
    from crmtui.services.money.rules import parse_buckets

    st = state(ctx)
    cid = st.customer(customer, by_name=by_name)["id"] if customer else None
    bounds = parse_buckets(str(st.config.ageing_buckets))
    with st.reader() as reader:
        report = build(
            reader,
            today=st.local_now().date(),
            customer_id=cid,
            overdue_only=overdue,
            bounds=bounds,
            with_orders=as_json,  # the table shows totals and the top customers only
            top=None if as_json else (limit or 30),
        )
    if as_json:
        print_json(asdict(report))
        return
    if not report.totals:
        console.print(safe(_("nothing is owed") if not overdue else _("nothing is overdue")))
        return
    shown = report.customers[: limit or 30]
    _print_ageing(report, shown)
    rest = report.customer_count - len(shown)
    if rest > 0:
        text = ngettext(
            "… and {count} more customer (--limit, --customer or --json)",
            "… and {count} more customers (--limit, --customer or --json)",
            rest,
        )
        console.print(safe(text.format(count=rest)))


def _print_ageing(report: Receivables, shown: list[AgeingTotals]) -> None:
    """Totals per bucket, then per customer. On a narrow terminal one line per customer: the
    name cut short, amounts without zero cents (also in Chinese) and the currency column left
    out when everything is in one currency (the totals above name it)."""
    from crmtui.cli.render import FIXED, NUMBER, TEXT, fitted
    from crmtui.money import grouped

    labels = list(report.buckets)
    headers = [_("id"), _("customer"), _("currency"), *(bucket_word(b) for b in labels), _("total")]
    rows = [(t.customer_id, t.customer, t.currency, *_amounts(t, labels, money)) for t in shown]
    narrow = not fits(headers, rows, console.width)
    amount = grouped if narrow else money
    buckets = [(bucket_word(b), NUMBER) for b in labels]
    console.print(
        fitted(
            _("total outstanding"),
            [(_("currency"), FIXED), *buckets, (_("total"), NUMBER)],
            [(t.currency, *_amounts(t, labels, amount)) for t in report.totals],
            width=console.width,
        )
    )
    columns = [(_("id"), NUMBER), (_("customer"), TEXT), (_("currency"), FIXED)]
    columns += [*buckets, (_("total"), NUMBER)]
    if narrow:
        rows = [
            (t.customer_id, t.customer, t.currency, *_amounts(t, labels, amount)) for t in shown
        ]
        if len(report.totals) == 1:
            columns, rows = columns[:2] + columns[3:], [r[:2] + r[3:] for r in rows]
    title = _("by customer, most overdue first")
    console.print(fitted(title, columns, rows, width=console.width))


def _amounts(t: AgeingTotals, labels: list[str], amount: Callable[[int], str]) -> list[str]:
    return [*(amount(t.buckets[b]) for b in labels), amount(t.total)]


def credit(
    ctx: typer.Context,
    customer: Annotated[str, typer.Argument(help=N_("Id or part of the name."))],
    limit: Annotated[
        str | None,
        typer.Option("--limit", help=N_("Credit limit (信用额度)."), parser=numbers.CREDIT_LIMIT),
    ] = None,
    days: Annotated[
        int | None,
        typer.Option(
            "--days", help=N_("Credit term in days (信用期限)."), parser=numbers.CREDIT_DAYS
        ),
    ] = None,
    rating: Annotated[str | None, typer.Option(help=N_("Credit rating A|B|C|D."))] = None,
    note: Annotated[str | None, typer.Option(help=N_("Why (kept in the review history)."))] = None,
    as_json: JsonFlag = False,
    by_name: ByName = False,
) -> None:
    """Show (or set) a customer's credit: limit, used, available, overdue, rating."""
    from crmtui.numbers import amount_minor
    from crmtui.services.money.credit import credit_status, set_credit

    st = state(ctx)
    target = st.customer(customer, by_name=by_name)
    today = st.local_now().date()
    if limit is not None or days is not None or rating is not None:
        with st.db.session() as session:
            set_credit(
                session,
                customer_id=target["id"],
                now=st.now(),
                today=today,
                credit_limit=None if limit is None else amount_minor(limit),
                credit_days=days,
                rating=rating,
                note=note,
            )
    with st.reader() as reader:
        status = credit_status(
            reader,
            target["id"],
            today=today,
            currency=st.config.currency,
            rates=st.config.rates(),
        )
    if as_json:
        print_json(asdict(status))
        return
    cur = status.currency
    console.print(safe(_("{name}: credit").format(name=status.customer)))
    limit_text = money(status.credit_limit, cur) if status.credit_limit is not None else _("none")
    days = status.credit_days or 0
    term = ngettext("{count} day", "{count} days", days).format(count=days)
    rated = _(" (rated {day})").format(day=status.rated_on) if status.rated_on else ""
    rows = [
        (_("limit"), limit_text),
        (_("used (outstanding)"), money(status.used or status.outstanding, cur)),
        (_("available"), money(status.available, cur) if status.available is not None else "-"),
        (_("overdue"), money(status.overdue, cur)),
        (_("credit on account"), money(status.on_account, cur)),
        (_("term"), term if status.credit_days is not None else _("default")),
        (_("rating"), f"{status.rating or '-'}{rated}"),
    ]
    if status.owed_in_other_currencies:
        # counted in the used amount above at the configured rates (crm config set rate.USD 7.1)
        owed = ", ".join(money(m, c) for c, m in status.owed_in_other_currencies.items())
        rows.insert(2, (_("of which in other currencies"), owed))
    for missing in status.missing_rates:
        text = _("not counted: no rate; crm config set rate.{currency} RATE")
        rows.insert(3, (missing, text.format(currency=missing)))
    if status.review_due_on:
        due_now = _(" — due now") if status.review_due else ""
        rows.append((_("review due"), f"{status.review_due_on}{due_now}"))
    for label, value in rows:
        console.print(safe(f"  {label}: {value}"))


def register(app: typer.Typer) -> None:
    # "-100" must reach the amount's parser (refused as negative), not be taken for an option
    app.command("pay", context_settings={"ignore_unknown_options": True})(pay)
    app.command("payments")(payments)
    app.command("receivables")(receivables)
    app.command("credit")(credit)
