"""The card's record edits: which form a row opens, deleting a contact, merging a customer in.

Kept apart from ``screens/card.py`` so the card screen stays about showing the card. Every
change here pushes its inverse on the app's undo stack (Ctrl+Z).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text

from crmtui.messages import ContactSaved, CustomerSaved
from crmtui.widgets.confirm import Confirm
from crmtui.widgets.data_access import report, write
from crmtui.widgets.record_edit_forms import EditActivityForm, EditNoteForm, undo_stack
from crmtui.widgets.text import plain

if TYPE_CHECKING:
    from crmtui.screens.card import CardScreen


def edit_record(screen: CardScreen, record: dict[str, Any]) -> bool:
    """Open the edit form of a timeline or notes row; False when the row is neither."""
    card = screen.card
    if card is None:
        return False
    activity = record.get("done") or record.get("planned")
    if activity is not None:
        screen.app.push_screen(
            EditActivityForm(activity, screen.customer_id, card["name"], contacts=card["contacts"])
        )
        return True
    if "note" in record:
        screen.app.push_screen(EditNoteForm(record["note"], screen.customer_id))
        return True
    return False


def delete_contact(screen: CardScreen, contact: dict[str, Any]) -> None:
    """Ask, then move the contact to the trash (Ctrl+Z brings it back)."""
    question = Text.assemble(
        "Delete the contact ", plain(contact["name"], style="bold"), "?\nCtrl+Z brings it back."
    )

    def answered(yes: bool | None) -> None:
        if yes:
            screen.run_worker(lambda: _trash_contact(screen, contact), thread=True)

    screen.app.push_screen(Confirm(question, yes="Delete"), answered)


def _trash_contact(screen: CardScreen, contact: dict[str, Any]) -> None:
    from crmtui.services.contacts.write import trash_contact
    from crmtui.services.editing.undo import contact_trashed

    app = screen.crm
    try:
        write(app, lambda s: trash_contact(s, now=app.now(), contact_id=contact["id"]))
    except Exception as exc:
        report(app, exc)
        return
    undo_stack(app).push(contact_trashed(contact["id"], screen.customer_id))
    app.post_message(ContactSaved(screen.customer_id))
    app.call_from_thread(
        app.notify, f"Deleted the contact {contact['name']} (Ctrl+Z undoes)", markup=False
    )


def merge_into(screen: CardScreen) -> None:
    """Pick another customer, show what merging it into this one does, ask, then merge."""
    from crmtui.widgets.merge_picker import MergePicker

    if screen.card is None:
        return

    def picked(other: int | None) -> None:
        if other is not None:
            screen.run_worker(lambda: _plan(screen, other), thread=True)

    screen.app.push_screen(MergePicker(screen.customer_id, screen.card["name"]), picked)


def _plan(screen: CardScreen, other: int) -> None:
    from crmtui.services.editing.merge import plan_merge

    app = screen.crm
    try:
        with app.db.session() as session:
            plan = plan_merge(session, keep_id=screen.customer_id, other_id=other)
    except Exception as exc:
        report(app, exc)
        return

    def ask() -> None:
        question = Text("\n".join([*plan.lines(), "", "Merge? (Ctrl+Z undoes)"]))

        def answered(yes: bool | None) -> None:
            if yes:
                screen.run_worker(lambda: _merge(screen, other), thread=True)

        app.push_screen(Confirm(question, yes="Merge"), answered)

    app.call_from_thread(ask)


def _merge(screen: CardScreen, other: int) -> None:
    from crmtui.services.editing.merge import merge_customers
    from crmtui.services.editing.undo import customers_merged

    app = screen.crm
    try:
        plan = write(
            app,
            lambda s: merge_customers(s, now=app.now(), keep_id=screen.customer_id, other_id=other),
        )
    except Exception as exc:
        report(app, exc)
        return
    undo_stack(app).push(customers_merged(plan))
    app.post_message(CustomerSaved(screen.customer_id))
    app.call_from_thread(
        app.notify, f"Merged {plan.other_name} into {plan.keep_name} (Ctrl+Z undoes)", markup=False
    )
