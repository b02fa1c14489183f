"""Writing contacts: the people at a customer, with roles, phones and birthdays."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from crmtui.db.search_text import doc_text, pinyin_of
from crmtui.db.tables.contacts import Contact
from crmtui.db.tables.search import SearchDoc
from crmtui.errors import InvalidInput, NotFound
from crmtui.services.common import checks
from crmtui.services.common.timeparse import Birthday
from crmtui.services.customers.write import apply_birthday, get_customer


def create_contact(
    session: Session,
    *,
    now: datetime,
    customer_id: int,
    name: str,
    role: str | None = None,
    phones: Sequence[str] = (),
    email: str | None = None,
    birthday: Birthday | None = None,
    decision_maker: bool = False,
    timezone: str | None = None,
    notes: str | None = None,
    force: bool = False,
) -> Contact:
    """Add a person to a customer and index them for search.

    The same name with a phone already on file at that customer is refused unless ``force``:
    it is almost always the same person entered twice.
    """
    customer = get_customer(session, customer_id)
    contact = Contact(
        customer_id=customer_id,
        name=checks.name(name),
        role=checks.text(role, "role", limit=200),
        phones=[checks.phone(p, customer.country) for p in phones],
        email=checks.email(email),
        decision_maker=decision_maker,
        timezone=checks.timezone(timezone),
        notes=checks.text(notes, "notes"),
        created_at=now,
        updated_at=now,
    )
    if not force:
        _refuse_twin(session, contact, customer.name)
    apply_birthday(contact, birthday)
    session.add(contact)
    session.flush()
    reindex_contact(session, contact, customer_name=customer.name)
    customer.updated_at = now
    session.add(customer)
    return contact


def _refuse_twin(session: Session, contact: Contact, customer_name: str) -> None:
    """Refuse a contact whose name and one of whose phones a live contact there already has."""
    from crmtui.db.search_text import phone_digits

    mine = {phone_digits(p)[-8:] for p in contact.phones if len(phone_digits(p)) >= 5}
    if not mine:
        return
    others = session.exec(
        select(Contact).where(
            Contact.customer_id == contact.customer_id,
            col(Contact.deleted_at).is_(None),
            Contact.name == contact.name,
        )
    )
    for other in others:
        shared = [p for p in other.phones if phone_digits(p)[-8:] in mine]
        if shared:
            raise InvalidInput(
                "contact-duplicate",
                field="phones",
                name=contact.name,
                customer_name=customer_name,
                id=other.id,
                phone=shared[0],
            )


def get_contact(session: Session, contact_id: int) -> Contact:
    contact = session.get(Contact, contact_id)
    if contact is None or contact.deleted_at is not None:
        raise NotFound("no-contact-id", id=contact_id)
    return contact


def reindex_contact(session: Session, contact: Contact, *, customer_name: str) -> None:
    assert contact.id is not None
    contact.pinyin = pinyin_of(contact.name)
    session.add(contact)
    text = doc_text(
        contact.name,
        contact.pinyin,
        contact.role,
        contact.email,
        customer_name,
        contact.notes,
        phones=contact.phones,
    )
    doc = session.exec(select(SearchDoc).where(col(SearchDoc.contact_id) == contact.id)).first()
    if doc is None:
        doc = SearchDoc(customer_id=contact.customer_id, contact_id=contact.id, text=text)
    doc.text = text
    session.add(doc)
    session.flush()


def update_contact(
    session: Session,
    *,
    now: datetime,
    contact_id: int,
    changes: dict[str, Any],
    birthday: Birthday | None = None,
) -> Contact:
    """Change the given fields of a contact (name, role, phones, email, decision_maker, ...)."""
    contact = get_contact(session, contact_id)
    customer = get_customer(session, contact.customer_id)
    for field, value in changes.items():
        if field == "name":
            contact.name = checks.name(value)
        elif field == "role":
            contact.role = checks.text(value, "role", limit=200)
        elif field == "phones":
            contact.phones = [checks.phone(p, customer.country) for p in value]
        elif field == "email":
            contact.email = checks.email(value)
        elif field == "timezone":
            contact.timezone = checks.timezone(value)
        elif field == "notes":
            contact.notes = checks.text(value, "notes")
        elif field == "decision_maker":
            contact.decision_maker = bool(value)
        else:
            raise InvalidInput("unknown-contact-field", name=field)
    apply_birthday(contact, birthday)
    contact.updated_at = now
    session.add(contact)
    session.flush()
    reindex_contact(session, contact, customer_name=customer.name)
    return contact


def trash_contact(session: Session, *, now: datetime, contact_id: int) -> Contact:
    """Soft-delete a contact; it leaves lists and search."""
    contact = get_contact(session, contact_id)
    contact.deleted_at = now
    contact.updated_at = now
    session.add(contact)
    return contact
