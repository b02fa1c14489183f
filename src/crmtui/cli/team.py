"""Team mode commands: ``crm team init``, ``crm team add-user``, ``crm whoami``, ``crm assign``,
``crm share``."""

from __future__ import annotations

from typing import Annotated

import typer

from crmtui.cli.context import ByName, console, print_json, state
from crmtui.cli.render import safe
from crmtui.i18n import N_, _, ngettext

team_app = typer.Typer(
    help=N_("A shared PostgreSQL database for a sales team."), no_args_is_help=True
)


@team_app.command("init")
def team_init(ctx: typer.Context) -> None:
    """Make this PostgreSQL database a team database: roles, grants and row-level security.

    Run once by the administrator (the role that owns the tables); again after an upgrade.
    """
    from crmtui.services.team.write import init_team

    st = state(ctx)
    with st.db.session() as session:
        init_team(session)
    console.print(safe(_("team mode is ready; add salespeople with crm team add-user NAME")))


@team_app.command("add-user")
def team_add_user(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help=N_("Login name: lower-case letters, digits, _."))],
    manager: Annotated[bool, typer.Option("--manager", help=N_("Sees every customer."))] = False,
    password: Annotated[
        str | None, typer.Option(help=N_("Password for connections over the network."))
    ] = None,
) -> None:
    """Create a salesperson's own login role (each connects as themselves)."""
    from crmtui.services.team.write import add_user

    st = state(ctx)
    with st.db.session() as session:
        add_user(session, name=name, manager=manager, password=password)
    text = _("added manager {name}") if manager else _("added salesperson {name}")
    console.print(safe(text.format(name=name)))


def whoami(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help=N_("Print as JSON."))] = False,
) -> None:
    """Who this database sees you as."""
    from crmtui.services.team.read import whoami as who

    st = state(ctx)
    with st.reader() as reader:
        me = who(reader)
    if as_json:
        print_json(
            {
                "user": me.user,
                "manager": me.manager,
                "admin": me.admin,
                "backend": me.backend,
                "team": me.team,
            }
        )
        return
    if me.backend == "sqlite":
        line = _("{user} (a personal SQLite database)")
    elif not me.team:
        line = _("{user} on PostgreSQL (not a team database yet: crm team init)")
    elif me.admin:
        line = _("{user}, administrator: you own the tables and see every customer")
    elif me.manager:
        line = _("{user}, manager: you see every customer")
    else:
        line = _("{user}, salesperson: you see your own and shared customers")
    console.print(safe(line.format(user=me.user)))
    if me.team:
        days = int(st.config.pool_after_days)
        console.print(
            safe(
                _(
                    "customers untouched for {days} days return to the pool (公海): crm team pool"
                ).format(days=days)
            )
        )


@team_app.command("pool")
def team_pool(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help=N_("Print as JSON."))] = False,
) -> None:
    """The shared pool (公海): customers without an owner, which anyone may take (crm assign).

    Customers untouched for pool_after_days (config) go back to it first.
    """
    from crmtui.services.team.pool import pool, release_stale

    st = state(ctx)
    days = int(st.config.pool_after_days)
    with st.db.session() as session:
        released = release_stale(session, now=st.now(), days=days)
    with st.reader() as reader:
        total, rows = pool(reader)
    if as_json:
        print_json(
            {
                "released": released,
                "days": days,
                "total": total,
                "customers": [
                    {
                        "id": c.id,
                        "name": c.name,
                        "last_contact_at": c.last_contact_at and c.last_contact_at.isoformat(),
                    }
                    for c in rows
                ],
            }
        )
        return
    if released:
        console.print(
            safe(
                ngettext(
                    "{n} customer returned to the pool after {days} days without a touch",
                    "{n} customers returned to the pool after {days} days without a touch",
                    released,
                ).format(n=released, days=days)
            )
        )
    console.print(
        safe(
            ngettext("{n} customer in the pool", "{n} customers in the pool", total).format(n=total)
        )
    )
    for c in rows:
        console.print(safe(f"{c.id}  {c.name}"))


def assign(
    ctx: typer.Context,
    customer: Annotated[str, typer.Argument(help=N_("Id or part of the name (pinyin too)."))],
    user: Annotated[str, typer.Argument(help=N_("The salesperson who takes the customer over."))],
    by_name: ByName = False,
) -> None:
    """Give a customer, with its whole history, to another salesperson (logged)."""
    from crmtui.services.team.write import assign_customer

    st = state(ctx)
    target = st.customer(customer, by_name=by_name)
    with st.db.session() as session:
        done = assign_customer(session, customer_id=target["id"], to_user=user, now=st.now())
    line = _("customer {id} {name}: {before} → {after}").format(
        id=done.customer_id,
        name=done.customer,
        before=done.from_owner or _("shared pool"),
        after=done.to_owner,
    )
    console.print(safe(line))


def share(
    ctx: typer.Context,
    customer: Annotated[str, typer.Argument(help="Id or part of the name (pinyin too).")],
    user: Annotated[str, typer.Argument(help="The colleague who may see and change it.")],
    by_name: ByName = False,
) -> None:
    """Share a customer with a colleague, who then sees and changes it as you do."""
    from crmtui.services.team.write import share_customer

    st = state(ctx)
    target = st.customer(customer, by_name=by_name)
    with st.db.session() as session:
        added = share_customer(session, customer_id=target["id"], user=user)
    line = (
        _("customer {id} {name} is shared with {user}")
        if added
        else _("customer {id} {name} was already shared with {user}")
    )
    console.print(safe(line.format(id=target["id"], name=target["name"], user=user)))


def register(app: typer.Typer) -> None:
    app.add_typer(team_app, name="team")
    app.command("whoami")(whoami)
    app.command("assign")(assign)
    app.command("share")(share)
