"""``crm product ...``: what the salesperson sells, with list prices."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

import typer

from crmtui import numbers
from crmtui.cli.context import console, print_json, state
from crmtui.cli.money import JsonFlag, minor
from crmtui.cli.render import money, safe, table
from crmtui.i18n import N_, _

product_app = typer.Typer(help=N_("Products: add, list, edit."), no_args_is_help=True)


@product_app.command("add")
def product_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help=N_("Product name (产品名称)."))],
    model: Annotated[str | None, typer.Option(help=N_("Model (型号)."))] = None,
    code: Annotated[str | None, typer.Option(help=N_("Your product code, unique."))] = None,
    unit: Annotated[str | None, typer.Option(help=N_("Unit: 台, 件, pcs..."))] = None,
    spec: Annotated[str | None, typer.Option(help=N_("Specification."))] = None,
    price: Annotated[
        str, typer.Option(help=N_("List price, e.g. 12000 or 12,000.50."), parser=numbers.PRICE)
    ] = "0",
    currency: Annotated[
        str | None, typer.Option(help=N_("Currency (default from config)."))
    ] = None,
) -> None:
    """Add a product."""
    from crmtui.services.money.write import add_product

    st = state(ctx)
    with st.db.session() as session:
        product = add_product(
            session,
            now=st.now(),
            name=name,
            code=code,
            model=model,
            spec=spec,
            unit=unit,
            price=minor(price) or 0,
            currency=currency or st.config.currency,
        )
        pid, label = product.id, product.name
    console.print(safe(_("product {id}: {name}").format(id=pid, name=label)))


@product_app.command("list")
def product_list(
    ctx: typer.Context,
    search: Annotated[str | None, typer.Option(help=N_("Part of the name, code or model."))] = None,
    show_all: Annotated[bool, typer.Option("--all", help=N_("Also inactive products."))] = False,
    as_json: JsonFlag = False,
) -> None:
    """List products."""
    from crmtui.services.money.read import list_products

    st = state(ctx)
    with st.reader() as reader:
        rows = list_products(reader, include_inactive=show_all, search=search)
    if as_json:
        print_json([asdict(r) for r in rows])
        return
    if not rows:
        console.print(safe(_("no products; add one with crm product add NAME --price 12000")))
        return
    from crmtui.cli.render import FIXED, NUMBER, TEXT, fitted

    # on a narrow terminal names and models are cut short; codes and prices never wrap
    console.print(
        fitted(
            None,
            [
                (_("id"), NUMBER),
                (_("code"), FIXED),
                (_("name"), TEXT),
                (_("model"), TEXT),
                (_("unit"), FIXED),
                (_("price"), NUMBER),
                (_("active"), FIXED),
            ],
            [
                (
                    p.id,
                    p.code or "",
                    p.name,
                    p.model or "",
                    p.unit or "",
                    money(p.price, p.currency),
                    _("yes") if p.active else _("no"),
                )
                for p in rows
            ],
            width=console.width,
        )
    )


@product_app.command("edit")
def product_edit(
    ctx: typer.Context,
    product: Annotated[int, typer.Argument(help=N_("Product id."), parser=numbers.PRODUCT_ID)],
    name: Annotated[str | None, typer.Option(help=N_("New name."))] = None,
    model: Annotated[str | None, typer.Option(help=N_("Model."))] = None,
    code: Annotated[str | None, typer.Option(help=N_("Code."))] = None,
    unit: Annotated[str | None, typer.Option(help=N_("Unit."))] = None,
    spec: Annotated[str | None, typer.Option(help=N_("Specification."))] = None,
    price: Annotated[
        str | None,
        typer.Option(help=N_("List price (old orders keep theirs)."), parser=numbers.PRICE),
    ] = None,
    currency: Annotated[str | None, typer.Option(help=N_("Currency."))] = None,
    active: Annotated[
        bool | None, typer.Option("--active/--inactive", help=N_("Offer it on new orders or not."))
    ] = None,
) -> None:
    """Change a product; orders already taken keep their own copy of it."""
    from crmtui.services.money.write import edit_product

    st = state(ctx)
    with st.db.session() as session:
        edit_product(
            session,
            now=st.now(),
            product_id=product,
            name=name,
            code=code,
            model=model,
            spec=spec,
            unit=unit,
            price=minor(price),
            currency=currency,
            active=active,
        )
    console.print(safe(_("product {id} changed").format(id=product)))


@product_app.command("buyers")
def product_buyers(
    ctx: typer.Context,
    product: Annotated[str, typer.Argument(help="Product id, or its code, name or model.")],
    plan: Annotated[
        str | None, typer.Option(help="Plan a call or a letter to each buyer: call|letter.")
    ] = None,
    note: Annotated[str | None, typer.Option(help="What to tell them (with --plan).")] = None,
    at: Annotated[
        str, typer.Option(help="When the calls or letters are due (with --plan).")
    ] = "tomorrow 10:00",
    as_json: JsonFlag = False,
) -> None:
    """Who bought a product or model; with --plan, a call or letter to each of them."""
    from crmtui.services.aftersale.buyers import plan_news
    from crmtui.services.aftersale.buyers import product_buyers as buyers_of
    from crmtui.services.common.timeparse import parse_when

    st = state(ctx)
    with st.reader() as reader:
        rows = buyers_of(reader, product)
    news = None
    if plan is not None:
        due = parse_when(at, st.local_now())
        with st.db.session() as session:
            news = plan_news(
                session,
                now=st.now(),
                customer_ids=[b["customer_id"] for b in rows],
                kind=plan,
                note=note,
                due_at=due,
            )
    if as_json:
        print_json(
            {
                "buyers": rows,
                "planned": news["planned"] if news else [],
                "already": news["already"] if news else [],
            }
        )
        return
    if not rows:
        console.print(safe(_("nobody has bought {product} yet").format(product=product)))
        return
    console.print(
        table(
            None,
            [_("id"), _("customer"), _("orders"), _("quantity"), _("models"), _("last ordered")],
            [
                (
                    b["customer_id"],
                    b["customer"],
                    b["orders"],
                    b["quantity"],
                    ", ".join(b["models"]),
                    b["last_ordered"],
                )
                for b in rows
            ],
        )
    )
    if news is not None:
        text = _("planned {n} ({kind}); {m} already had it").format(
            n=len(news["planned"]), kind=plan, m=len(news["already"])
        )
        console.print(safe(text))


def register(app: typer.Typer) -> None:
    app.add_typer(product_app, name="product")
