"""Commands that edit or delete single records: activities, contacts and notes.

Records are named by id only (the ids ``crm show`` and ``crm note list`` print). An activity or
a note has no trash, so deleting one shows what goes and asks first (``--yes`` skips that);
a deleted contact goes to the trash and ``crm undelete-contact`` brings it back.
"""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from crmtui import numbers, words
from crmtui.cli.context import console, err_console, state
from crmtui.cli.render import safe
from crmtui.errors import InvalidInput
from crmtui.i18n import N_, _


def confirm(question: str, *, yes: bool, retry_hint: str) -> None:
    """Ask before a change that cannot be undone; without a terminal, ``--yes`` is required."""
    if yes:
        return
    if not sys.stdin.isatty():
        raise InvalidInput("confirm-needs-yes", retry_hint=retry_hint)
    if not typer.confirm(question, default=False, err=True):
        err_console.print(_("nothing was changed"))
        raise typer.Exit(1)


def edit_activity(
    ctx: typer.Context,
    activity: Annotated[
        int,
        typer.Argument(
            help=N_("Activity id (see `crm show CUSTOMER`)."), parser=numbers.ACTIVITY_ID
        ),
    ],
    note: Annotated[str | None, typer.Option(help=N_("Replace the note."))] = None,
    at: Annotated[
        str | None, typer.Option(help=N_("When it happened (done) or is due (planned)."))
    ] = None,
    outcome: Annotated[str | None, typer.Option(help=N_("Outcome of a done activity."))] = None,
    minutes: Annotated[
        int | None, typer.Option(help=N_("Duration in minutes, 0-1440."), parser=numbers.MINUTES)
    ] = None,
    kind: Annotated[
        str | None, typer.Option(help=N_("call|visit|email|sms|meeting|letter"))
    ] = None,
    contact: Annotated[
        int | None,
        typer.Option(help=N_("Contact id of the same customer."), parser=numbers.CONTACT_ID),
    ] = None,
    no_contact: Annotated[
        bool, typer.Option("--no-contact", help=N_("Unlink the contact."))
    ] = False,
) -> None:
    """Change the given fields of a logged or planned activity."""
    from crmtui.services.common.timeparse import parse_when
    from crmtui.services.editing.record_edits import update_activity

    st = state(ctx)
    if contact is not None and no_contact:
        raise InvalidInput("contact-or-no-contact")
    given: dict[str, Any] = {"note": note, "outcome": outcome, "minutes": minutes, "kind": kind}
    changes = {k: v for k, v in given.items() if v is not None}
    if at is not None:
        changes["at"] = parse_when(at, st.local_now())
    if contact is not None or no_contact:
        changes["contact_id"] = contact
    with st.db.session() as session:
        update_activity(session, now=st.now(), activity_id=activity, changes=changes)
    console.print(_("updated activity {id}").format(id=activity))


def delete_activity(
    ctx: typer.Context,
    activity: Annotated[
        int,
        typer.Argument(
            help=N_("Activity id (see `crm show CUSTOMER`)."), parser=numbers.ACTIVITY_ID
        ),
    ],
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help=N_("Do not ask for confirmation."))
    ] = False,
) -> None:
    """Delete a logged or planned activity (it has no trash, so this asks first)."""
    from crmtui.services.editing.record_edits import delete_activity as delete
    from crmtui.services.editing.record_edits import get_activity
    from crmtui.textsafe import visible

    st = state(ctx)
    with st.db.session() as session:
        found = get_activity(session, activity)
        outcome = words.label("outcome", found.outcome) if found.outcome else _("planned")
        kind = words.label("activity", found.kind)
        label = f"{kind} {outcome}: {found.note or ''}".rstrip(": ")
    confirm(
        _("Delete activity {id} ({label}) for good?").format(id=activity, label=visible(label)),
        yes=yes,
        retry_hint=_("delete-activity removes activity {id} for good").format(id=activity),
    )
    with st.db.session() as session:
        delete(session, now=st.now(), activity_id=activity)
    console.print(safe(_("deleted activity {id} ({label})").format(id=activity, label=label)))


def edit_contact(
    ctx: typer.Context,
    contact: Annotated[
        int, typer.Argument(help=N_("Contact id (see `crm contacts`)."), parser=numbers.CONTACT_ID)
    ],
    name: Annotated[str | None, typer.Option(help=N_("New name."))] = None,
    role: Annotated[str | None, typer.Option(help=N_("Role, e.g. 采购经理."))] = None,
    phone: Annotated[list[str] | None, typer.Option("--phone", help=N_("Replace phones."))] = None,
    email: Annotated[str | None, typer.Option(help=N_("Email."))] = None,
    birthday: Annotated[str | None, typer.Option(help=N_("MM-DD or YYYY-MM-DD."))] = None,
    lunar: Annotated[
        bool, typer.Option("--lunar", help=N_("The birthday is lunar (农历)."))
    ] = False,
    decision_maker: Annotated[
        bool | None, typer.Option("--decision-maker/--not-decision-maker", help=N_("Decides."))
    ] = None,
    timezone: Annotated[
        str | None, typer.Option(help=N_("IANA zone if not the customer's."))
    ] = None,
    note: Annotated[str | None, typer.Option(help=N_("Notes."))] = None,
) -> None:
    """Change the given fields of a contact."""
    from crmtui.services.common.timeparse import parse_birthday
    from crmtui.services.contacts.write import update_contact

    st = state(ctx)
    given: dict[str, Any] = {
        "name": name,
        "role": role,
        "email": email,
        "timezone": timezone,
        "notes": note,
        "decision_maker": decision_maker,
    }
    changes = {k: v for k, v in given.items() if v is not None}
    if phone:
        changes["phones"] = phone
    born = parse_birthday(birthday, lunar=lunar) if birthday else None
    if not changes and born is None:
        raise InvalidInput("nothing-to-change")
    with st.db.session() as session:
        updated = update_contact(
            session, now=st.now(), contact_id=contact, changes=changes, birthday=born
        )
        label = updated.name
    console.print(safe(_("updated contact {id}: {name}").format(id=contact, name=label)))


def delete_contact(
    ctx: typer.Context,
    contact: Annotated[
        int, typer.Argument(help=N_("Contact id (see `crm contacts`)."), parser=numbers.CONTACT_ID)
    ],
) -> None:
    """Move a contact to the trash (undelete-contact brings it back)."""
    from crmtui.services.contacts.write import trash_contact

    st = state(ctx)
    with st.db.session() as session:
        gone = trash_contact(session, now=st.now(), contact_id=contact)
        label = gone.name
    console.print(
        safe(
            _("moved contact {id} to the trash: {name} (crm undelete-contact {id})").format(
                id=contact, name=label
            )
        )
    )


def undelete_contact(
    ctx: typer.Context,
    contact: Annotated[
        int, typer.Argument(help=N_("Id of a contact in the trash."), parser=numbers.CONTACT_ID)
    ],
) -> None:
    """Bring a contact back from the trash."""
    from crmtui.services.editing.record_edits import restore_contact

    st = state(ctx)
    with st.db.session() as session:
        back = restore_contact(session, now=st.now(), contact_id=contact)
        label = back.name
    console.print(safe(_("restored contact {id}: {name}").format(id=contact, name=label)))


def note_edit(
    ctx: typer.Context,
    note: Annotated[
        int, typer.Argument(help=N_("Note id (see `crm note list`)."), parser=numbers.NOTE_ID)
    ],
    text: Annotated[str, typer.Argument(help=N_("The new text."))],
) -> None:
    """Replace the text of a note."""
    from crmtui.services.editing.record_edits import edit_note

    st = state(ctx)
    with st.db.session() as session:
        edit_note(session, now=st.now(), note_id=note, body=text)
    console.print(_("note {id} updated").format(id=note))


def note_delete(
    ctx: typer.Context,
    note: Annotated[
        int, typer.Argument(help=N_("Note id (see `crm note list`)."), parser=numbers.NOTE_ID)
    ],
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help=N_("Do not ask for confirmation."))
    ] = False,
) -> None:
    """Delete a note (it has no trash, so this asks first)."""
    from crmtui.services.editing.record_edits import delete_note, get_note
    from crmtui.textsafe import visible

    st = state(ctx)
    with st.db.session() as session:
        body = get_note(session, note).body
    short = body if len(body) <= 60 else body[:59] + "…"
    confirm(
        _("Delete note {id} ({text}) for good?").format(id=note, text=visible(short)),
        yes=yes,
        retry_hint=_("note delete removes note {id} for good").format(id=note),
    )
    with st.db.session() as session:
        delete_note(session, now=st.now(), note_id=note)
    console.print(safe(_("deleted note {id}: {text}").format(id=note, text=short)))


def register(app: typer.Typer) -> None:
    from crmtui.cli.records import note_app

    app.command("edit-activity")(edit_activity)
    app.command("delete-activity")(delete_activity)
    app.command("edit-contact")(edit_contact)
    app.command("delete-contact")(delete_contact)
    app.command("undelete-contact")(undelete_contact)
    note_app.command("edit")(note_edit)
    note_app.command("delete")(note_delete)
