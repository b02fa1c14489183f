"""``crm competitor ...``: competitors (竞争对手), the deals they are on, why deals were lost."""

from __future__ import annotations

from typing import Annotated

import typer

from crmtui import numbers
from crmtui.cli.context import AsJson, Limit200, console, print_json, state
from crmtui.cli.render import money, safe, table
from crmtui.i18n import N_, _

competitor_app = typer.Typer(
    help=N_("Competitors: add, list, show, put on an opportunity, lost-deal analysis."),
    no_args_is_help=True,
)


@competitor_app.command("add")
def competitor_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help=N_("The competitor's name."))],
    products: Annotated[str | None, typer.Option(help=N_("What they sell."))] = None,
    price: Annotated[
        str | None, typer.Option("--price", help=N_("Their prices: lower|similar|higher."))
    ] = None,
    strengths: Annotated[str | None, typer.Option(help=N_("What they do well."))] = None,
    weaknesses: Annotated[str | None, typer.Option(help=N_("Where they are weak."))] = None,
    notes: Annotated[str | None, typer.Option(help=N_("Notes."))] = None,
) -> None:
    """Add a competitor."""
    from crmtui.services.competitors.write import add_competitor

    st = state(ctx)
    with st.db.session() as session:
        row = add_competitor(
            session,
            now=st.now(),
            name=name,
            products=products,
            price_level=price,
            strengths=strengths,
            weaknesses=weaknesses,
            notes=notes,
        )
        kid, label = row.id, row.name
    console.print(safe(_("competitor {id} added: {name}").format(id=kid, name=label)))


@competitor_app.command("list")
def competitor_list(ctx: typer.Context, limit: Limit200 = None, as_json: AsJson = False) -> None:
    """List competitors by name, with how many deals they compete for and won from you."""
    from crmtui.cli.paging import list_rows
    from crmtui.services.competitors.read import list_competitors

    list_rows(
        ctx,
        lambda reader, n: list_competitors(reader, limit=n),
        limit=limit,
        as_json=as_json,
        empty=_("no competitors"),
        headers=[_("id"), _("name"), _("price"), _("competing"), _("won from you"), _("products")],
        cells=lambda k: (
            k["id"],
            k["name"],
            k["price_level"] or "",
            k["competing"],
            k["lost_to"],
            k["products"] or "",
        ),
    )


@competitor_app.command("show")
def competitor_show(
    ctx: typer.Context,
    competitor: Annotated[str, typer.Argument(help=N_("Competitor id or part of the name."))],
    as_json: AsJson = False,
) -> None:
    """One competitor: what is known of them and the deals they are on."""
    from crmtui.services.competitors.read import competitor_card, resolve_competitor

    st = state(ctx)
    with st.reader() as reader:
        card = competitor_card(reader, resolve_competitor(reader, competitor))
    if as_json:
        print_json(card)
        return
    k = card["competitor"]
    console.print(safe(f"#{k['id']} {k['name']}", style="bold"))
    for label, value in (
        (_("products"), k["products"]),
        (_("price"), k["price_level"]),
        (_("strengths"), k["strengths"]),
        (_("weaknesses"), k["weaknesses"]),
        (_("notes"), k["notes"]),
    ):
        if value:
            console.print(safe(f"{label}: {value}"))
    if card["deals"]:
        console.print(
            table(
                None,
                [_("opportunity"), _("customer"), _("stage"), _("amount"), _("role"), _("reason")],
                [
                    (
                        f"#{d['opportunity_id']} {d['title']}",
                        d["customer"],
                        d["stage"],
                        money(d["amount"], d["currency"]),
                        d["role"],
                        d["lost_reason"] or "",
                    )
                    for d in card["deals"]
                ],
            )
        )


@competitor_app.command("on")
def competitor_on(
    ctx: typer.Context,
    opportunity: Annotated[
        int, typer.Argument(help=N_("Opportunity id."), parser=numbers.OPPORTUNITY_ID)
    ],
    competitor: Annotated[str, typer.Argument(help=N_("Competitor id or part of the name."))],
) -> None:
    """Note that a competitor is competing for an opportunity."""
    from crmtui.services.competitors.write import find_competitor, link

    st = state(ctx)
    with st.db.session() as session:
        found = find_competitor(session, competitor)
        assert found.id is not None
        link(session, now=st.now(), opportunity_id=opportunity, competitor_id=found.id)
        name = found.name
    said = _("{name} is competing for opportunity {id}")
    console.print(safe(said.format(name=name, id=opportunity)))


@competitor_app.command("lost-reasons")
def competitor_lost_reasons(ctx: typer.Context, as_json: AsJson = False) -> None:
    """Lost deals grouped by the competitor who won them and the reason."""
    from crmtui.services.competitors.read import lost_reasons

    st = state(ctx)
    with st.reader() as reader:
        rows = lost_reasons(reader)
    if as_json:
        print_json(rows)
        return
    if not rows:
        console.print(_("no lost deals"))
        return
    console.print(
        table(
            None,
            [_("competitor"), _("reason"), _("deals"), _("amount")],
            [
                (
                    r["competitor"] or "–",
                    r["reason"] or "–",
                    r["deals"],
                    money(r["amount"], r["currency"]),
                )
                for r in rows
            ],
        )
    )


def register(app: typer.Typer) -> None:
    app.add_typer(competitor_app, name="competitor")
