"""``crm announce`` and ``crm announcements``: notices (公告) on the today desktop."""

from __future__ import annotations

from typing import Annotated

import typer

from crmtui import numbers
from crmtui.cli.context import console, print_json, state
from crmtui.cli.dates import day
from crmtui.cli.render import safe, table
from crmtui.i18n import N_, _


def announce(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help=N_("The announcement (its title)."))],
    until: Annotated[
        str | None, typer.Option(help=N_("Shown up to and including this day, YYYY-MM-DD."))
    ] = None,
    pin: Annotated[
        bool, typer.Option("--pin", help=N_("Keep it at the top of the desktop."))
    ] = False,
    body: Annotated[str | None, typer.Option(help=N_("More text under the title."))] = None,
    unpin: Annotated[
        int | None,
        typer.Option(
            help=N_("Unpin this announcement id instead."), parser=numbers.ANNOUNCEMENT_ID
        ),
    ] = None,
) -> None:
    """Put an announcement on the today desktop (expired ones are hidden)."""
    from crmtui.services.announcements.write import announce as add
    from crmtui.services.announcements.write import pin_announcement

    st = state(ctx)
    valid_until = day(until)
    with st.db.session() as session:
        if unpin is not None:
            pin_announcement(session, now=st.now(), announcement_id=unpin, pinned=False)
            console.print(safe(_("announcement {id} unpinned").format(id=unpin)))
            return
        row = add(
            session,
            now=st.now(),
            title=text,
            body=body,
            pinned=pin,
            valid_until=valid_until,
            today=st.local_now().date(),
        )
        aid = row.id
    console.print(safe(_("announcement {id} added").format(id=aid)))


def announcements(
    ctx: typer.Context,
    show_all: Annotated[bool, typer.Option("--all", help=N_("Expired ones too."))] = False,
    withdraw: Annotated[
        int | None,
        typer.Option(help=N_("Remove this announcement id."), parser=numbers.ANNOUNCEMENT_ID),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help=N_("JSON output."))] = False,
) -> None:
    """List the current announcements, pinned first."""
    from crmtui.services.announcements.read import list_announcements

    st = state(ctx)
    if withdraw is not None:
        from crmtui.services.announcements.write import withdraw as remove

        with st.db.session() as session:
            remove(session, announcement_id=withdraw)
        console.print(safe(_("announcement {id} removed").format(id=withdraw)))
        return
    with st.reader() as reader:
        rows = list_announcements(reader, today=st.local_now().date(), include_expired=show_all)
    if as_json:
        print_json(rows)
        return
    if not rows:
        console.print(_("no announcements"))
        return
    console.print(
        table(
            None,
            [_("id"), "", _("announcement"), _("until")],
            [
                (
                    a["id"],
                    "📌" if a["pinned"] else (_("expired") if a["expired"] else ""),
                    a["title"] + (f" — {a['body']}" if a["body"] else ""),
                    a["valid_until"].isoformat() if a["valid_until"] else "",
                )
                for a in rows
            ],
        )
    )


def register(app: typer.Typer) -> None:
    app.command("announce")(announce)
    app.command("announcements")(announcements)
