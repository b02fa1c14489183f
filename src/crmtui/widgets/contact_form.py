"""Adding and editing a contact (a person at a customer)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult

from crmtui.i18n import N_, _
from crmtui.messages import ContactSaved
from crmtui.widgets.customer_form import birthday_text, check_contact_like
from crmtui.widgets.data_access import crm
from crmtui.widgets.form import (
    FormScreen,
    Saved,
    area_field,
    check_field,
    saved_id,
    split_list,
    text_field,
)
from crmtui.widgets.text import plain

if TYPE_CHECKING:
    from sqlmodel import Session


class ContactForm(FormScreen):
    """``ContactForm(customer_id, customer_name)`` adds; pass ``contact=`` to edit one."""

    def __init__(
        self,
        customer_id: int,
        customer_name: str,
        *,
        contact: dict[str, Any] | None = None,
        region: str | None = None,
    ) -> None:
        super().__init__()
        self.customer_id = customer_id
        self.customer_name = customer_name
        self.contact = contact or {}
        self.home_region = region

    def heading(self) -> Text:
        verb = _("Edit contact at ") if self.contact else _("Add a contact to ")
        return Text.assemble((verb, "bold"), plain(self.customer_name, style="bold"))

    def fields(self) -> ComposeResult:
        c = self.contact
        yield from text_field("name", N_("Name *"), c.get("name") or "")
        yield from text_field(
            "role", N_("Role"), c.get("role") or "", placeholder=N_("purchasing manager")
        )
        yield from text_field("phones", N_("Phones"), ", ".join(c.get("phones") or []))
        yield from text_field("email", N_("Email"), c.get("email") or "")
        yield from text_field(
            "birthday", N_("Birthday"), birthday_text(c), placeholder=N_("MM-DD, 农历 08-15")
        )
        yield from check_field(
            "decision_maker", N_("decision maker"), bool(c.get("decision_maker"))
        )
        yield from area_field("notes", N_("Notes"), c.get("notes") or "")

    def on_mount(self) -> None:
        self.query_one("#f-name").focus()

    def check(self, name: str, value: Any) -> str | None:
        if name == "role":
            from crmtui.services.common import checks

            checks.text(value, "role", limit=200)
            return None
        if name == "notes":
            from crmtui.services.common import checks

            checks.text(value, "notes")
            return None
        return check_contact_like(name, value, self.home_region)

    def save(self, session: Session, values: dict[str, Any]) -> Saved:
        from crmtui.services.common.timeparse import parse_birthday
        from crmtui.services.contacts.write import create_contact, update_contact

        now = crm(self.app).now()
        text = values["birthday"].strip()
        born = parse_birthday(text) if text and text != birthday_text(self.contact) else None
        phones = split_list(values["phones"])
        if self.contact:
            changes = {
                "name": values["name"],
                "role": values["role"],
                "phones": phones,
                "email": values["email"],
                "decision_maker": values["decision_maker"],
                "notes": values["notes"].strip() or None,
            }
            contact = update_contact(
                session, now=now, contact_id=self.contact["id"], changes=changes, birthday=born
            )
        else:
            contact = create_contact(
                session,
                now=now,
                customer_id=self.customer_id,
                name=values["name"],
                role=values["role"] or None,
                phones=phones,
                email=values["email"] or None,
                birthday=born,
                decision_maker=values["decision_maker"],
                notes=values["notes"].strip() or None,
            )
        return Saved("contact", saved_id(contact), self.customer_id, contact.name)

    def saved_message(self, saved: Saved) -> ContactSaved:
        return ContactSaved(saved.customer_id)
