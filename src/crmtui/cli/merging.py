"""``crm duplicates`` and ``crm merge``: find customers entered twice, fold one into another."""

from __future__ import annotations

from typing import Annotated

import typer

from crmtui import numbers
from crmtui.cli.context import console, err_console, print_json, state
from crmtui.cli.edits import confirm
from crmtui.cli.render import safe, table
from crmtui.i18n import N_, _


def duplicates(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help=N_("JSON output."))] = False,
) -> None:
    """List likely duplicate customers: same phone or email, or a close name in the same city."""
    from crmtui.services.editing.duplicates import find_duplicates

    st = state(ctx)
    with st.reader() as reader:
        pairs = find_duplicates(reader)
    if as_json:
        print_json(pairs)
        return
    if not pairs:
        console.print(_("no likely duplicates found"))
        return
    console.print(
        table(
            None,
            [_("ids"), _("customers"), _("why")],
            [
                (
                    " ".join(str(c["id"]) for c in p["customers"]),
                    " / ".join(c["name"] for c in p["customers"]),
                    _("; ").join(p["reasons"]),
                )
                for p in pairs
            ],
        )
    )
    console.print(_("merge a pair with: crm merge KEEP OTHER"))


def merge(
    ctx: typer.Context,
    keep: Annotated[
        int, typer.Argument(help=N_("Id of the customer that stays."), parser=numbers.CUSTOMER_ID)
    ],
    other: Annotated[
        int,
        typer.Argument(
            help=N_("Id of the customer merged into it (then trashed)."), parser=numbers.CUSTOMER_ID
        ),
    ],
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help=N_("Do not ask for confirmation."))
    ] = False,
) -> None:
    """Merge OTHER into KEEP: its contacts, activities, opportunities, notes, tags, busy slots and
    history move over, KEEP's empty fields are filled from it, and OTHER goes to the trash."""
    from crmtui.services.editing.merge import merge_customers, plan_merge

    st = state(ctx)
    with st.db.session() as session:
        plan = plan_merge(session, keep_id=keep, other_id=other)
    for line in plan.lines():
        err_console.print(safe(line), soft_wrap=True)
    confirm(
        _("Merge as shown?"),
        yes=yes,
        retry_hint=_("merge moves everything of #{other} into #{keep}").format(
            other=other, keep=keep
        ),
    )
    with st.db.session() as session:
        merge_customers(session, now=st.now(), keep_id=keep, other_id=other)
    console.print(
        safe(
            _(
                "merged #{other} {other_name} into #{keep} {keep_name}; "
                "#{other} is in the trash (crm undelete {other} brings its record back)"
            ).format(other=other, other_name=plan.other_name, keep=keep, keep_name=plan.keep_name)
        ),
        soft_wrap=True,
    )


def register(app: typer.Typer) -> None:
    app.command("duplicates")(duplicates)
    app.command("merge")(merge)
