"""Writing customers: create, update, tags, trash and restore; keeping their search text current.

Each function works inside the caller's Session (one user action = one transaction) and takes
keyword-only arguments. ``now`` is always passed in, from ``crmtui.clock``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, delete, select

from crmtui.db.constants import GRADES, MAN_VALUES, MOTIVES, STAGES
from crmtui.db.search_text import doc_text, pinyin_of
from crmtui.db.tables.contacts import Contact
from crmtui.db.tables.customers import Customer, CustomerTag, Tag
from crmtui.db.tables.search import SearchDoc
from crmtui.db.tables.summaries import Change
from crmtui.errors import InvalidInput, NotFound
from crmtui.services.common import checks
from crmtui.services.common.birthdays import key as birthday_key
from crmtui.services.common.names import sort_key
from crmtui.services.common.timeparse import Birthday
from crmtui.services.customers.types import Fields
from crmtui.services.team.rules import check_credit_code
from crmtui.services.team.write import own_new_customer, stamp_keys

PROFILE_TEXT = (
    "industry",
    "source",
    "address",
    "city",
    "website",
    "personality",
    "needs",
    "preferences",
    "notes",
    "company_name",
    "credit_rating",
)


def clean_fields(values: dict[str, Any], *, region: str | None = None) -> Fields:
    """Check every given customer field; returns the cleaned values."""
    out: Fields = {}
    for field, value in values.items():
        if field == "name":
            out[field] = checks.name(value)
        elif field in PROFILE_TEXT:
            out[field] = checks.text(value, field.replace("_", " "))
        elif field == "stage":
            out[field] = checks.choice(value, STAGES, "stage")
        elif field == "grade":
            out[field] = checks.choice(value, GRADES, "grade") if value else None
        elif field in ("man_money", "man_authority", "man_need"):
            out[field] = checks.choice(value, MAN_VALUES, field.replace("_", " "))
        elif field == "motive":
            out[field] = checks.choice(value, MOTIVES, "purchase motive") if value else None
        elif field == "country":
            out[field] = checks.country(value)
        elif field == "timezone":
            out[field] = checks.timezone(value)
        elif field == "email":
            out[field] = checks.email(value)
        elif field == "phones":
            out[field] = [checks.phone(p, values.get("country") or region) for p in value]
        elif field == "satisfaction":
            if value is not None and not 1 <= int(value) <= 5:
                raise InvalidInput("bad-satisfaction", field="satisfaction")
            out[field] = value
        elif field == "grade_locked":  # set by hand: the 80/20 suggestion keeps it
            out[field] = bool(value)
        elif field == "credit_code":
            out[field] = check_credit_code(value)
        elif field in ("credit_limit", "credit_days", "credit_rated_on", "is_person"):
            out[field] = value
        else:
            raise InvalidInput("unknown-customer-field", name=field)
    return out


def create_customer(
    session: Session,
    *,
    now: datetime,
    name: str,
    tags: Sequence[str] = (),
    birthday: Birthday | None = None,
    region: str | None = None,
    **fields: Any,
) -> Customer:
    """Add a customer (stage potential unless given) and index it for search."""
    # Customer(**values) checks each column by name, which one union of values cannot express
    values: dict[str, Any] = clean_fields({"name": name, **fields}, region=region)
    _person_only(birthday, bool(values.get("is_person")))
    customer = Customer(**values, created_at=now, updated_at=now)
    apply_birthday(customer, birthday)
    own_new_customer(session, customer, now=now)  # refuses another user's customer (撞单)
    session.add(customer)
    session.flush()
    _set_tags(session, customer, tags, now=now)
    reindex_customer(session, customer)
    return customer


def get_customer(session: Session, customer_id: int, *, include_deleted: bool = False) -> Customer:
    customer = session.get(Customer, customer_id)
    if customer is None or (customer.deleted_at is not None and not include_deleted):
        raise NotFound("no-customer-id", id=customer_id)
    return customer


def update_customer(
    session: Session,
    *,
    customer_id: int,
    now: datetime,
    changes: dict[str, Any],
    tags: Sequence[str] | None = None,
    birthday: Birthday | None = None,
    region: str | None = None,
) -> Customer:
    """Change the given fields only; stage and grade changes are kept in the history."""
    customer = get_customer(session, customer_id)
    cleaned = clean_fields(changes, region=region or customer.country)
    for field in ("stage", "grade"):
        if field in cleaned and cleaned[field] != getattr(customer, field):
            new = cleaned[field]
            assert new is None or isinstance(new, str)  # checked choices of STAGES and GRADES
            session.add(
                Change(
                    entity="customer",
                    entity_id=customer_id,
                    field=field,
                    old=getattr(customer, field),
                    new=new,
                    at=now,
                )
            )
    for field, value in cleaned.items():
        setattr(customer, field, value)
    _person_only(birthday, bool(customer.is_person))
    if birthday is not None:
        apply_birthday(customer, birthday)
    if tags is not None:
        _set_tags(session, customer, tags, now=now)
    customer.updated_at = now
    stamp_keys(customer)
    session.add(customer)
    session.flush()
    reindex_customer(session, customer)
    return customer


def trash_customer(session: Session, *, customer_id: int, now: datetime) -> Customer:
    """Soft delete: the customer leaves every list but can be restored."""
    customer = get_customer(session, customer_id)
    customer.deleted_at = now
    customer.updated_at = now
    session.add(customer)
    return customer


def restore_customer(session: Session, *, customer_id: int, now: datetime) -> Customer:
    customer = get_customer(session, customer_id, include_deleted=True)
    if customer.deleted_at is None:
        raise InvalidInput("not-trashed", name=customer.name)
    customer.deleted_at = None
    customer.updated_at = now
    session.add(customer)
    return customer


def _person_only(birthday: Birthday | None, is_person: bool) -> None:
    """A company has no birthday; refusing it beats storing one that is never shown."""
    if birthday is not None and not is_person:
        raise InvalidInput("company-birthday", field="birthday")


def apply_birthday(target: Customer | Contact, birthday: Birthday | None) -> None:
    """Store a parsed birthday on a customer or contact (with its lookup key)."""
    if birthday is None:
        return
    target.birthday_month, target.birthday_day = birthday.month, birthday.day
    target.birthday_year, target.birthday_lunar = birthday.year, birthday.lunar
    target.birthday_key = birthday_key(birthday.month, birthday.day)


def _set_tags(session: Session, customer: Customer, tags: Iterable[str], *, now: datetime) -> None:
    assert customer.id is not None
    wanted = []
    for raw in tags:
        label = checks.text(raw.strip().lstrip("#"), "tag", limit=100, field="tags")
        if label and label not in wanted:
            wanted.append(label)
    session.exec(delete(CustomerTag).where(col(CustomerTag.customer_id) == customer.id))
    for tag_name in wanted:
        tag = session.exec(select(Tag).where(Tag.name == tag_name)).first()
        if tag is None:
            tag = Tag(name=tag_name, created_at=now, updated_at=now)
            session.add(tag)
            session.flush()
        assert tag.id is not None
        session.add(CustomerTag(customer_id=customer.id, tag_id=tag.id))
    session.flush()


def tag_names(session: Session, customer_id: int) -> list[str]:
    rows = session.exec(
        select(Tag.name)
        .join(CustomerTag, col(CustomerTag.tag_id) == Tag.id)
        .where(CustomerTag.customer_id == customer_id)
        .order_by(Tag.name)
    )
    return list(rows)


def reindex_customer(session: Session, customer: Customer) -> None:
    """Rewrite the customer's search text (and its pinyin) after any change."""
    assert customer.id is not None
    customer.pinyin = pinyin_of(customer.name, customer.company_name)
    customer.sort_key = sort_key(customer.name)
    session.add(customer)
    text = doc_text(
        customer.name,
        customer.company_name,
        customer.pinyin,
        customer.email,
        customer.city,
        customer.notes,
        phones=customer.phones,
        tags=tag_names(session, customer.id),
    )
    doc = session.exec(
        select(SearchDoc).where(
            SearchDoc.customer_id == customer.id, col(SearchDoc.contact_id).is_(None)
        )
    ).first()
    if doc is None:
        doc = SearchDoc(customer_id=customer.id, contact_id=None, text=text)
    doc.text = text
    session.add(doc)
    session.flush()
