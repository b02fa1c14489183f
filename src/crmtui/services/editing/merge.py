"""Merging two customers that are the same company or person.

Everything of OTHER moves to KEEP (contacts, activities, opportunities, notes, tags, busy slots
and its stage/grade history); KEEP's empty fields are filled from OTHER; OTHER goes to the trash,
so ``crm undelete`` brings its own record back. :func:`plan_merge` says exactly what
:func:`merge_customers` will do, so the CLI and the TUI can show it before asking.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from sqlmodel import Session, col, select

from crmtui.db.tables.activities import Activity
from crmtui.db.tables.contacts import Contact
from crmtui.db.tables.customers import Customer, CustomerTag
from crmtui.db.tables.notes import Note
from crmtui.db.tables.planning import TimeSlot
from crmtui.db.tables.sales import Opportunity
from crmtui.db.tables.search import SearchDoc
from crmtui.db.tables.summaries import Change
from crmtui.errors import InvalidInput
from crmtui.services.contacts.write import reindex_contact
from crmtui.services.customers.write import get_customer, reindex_customer, tag_names
from crmtui.services.editing.record_edits import refresh_last_contact
from crmtui.services.editing.types import MergePlanData

# Fields copied from OTHER when KEEP has nothing there; "unknown" is the empty MAN answer.
FILLABLE = (
    "company_name",
    "grade",
    "industry",
    "source",
    "motive",
    "address",
    "city",
    "country",
    "timezone",
    "email",
    "website",
    "personality",
    "needs",
    "preferences",
    "notes",
    "credit_limit",
    "credit_days",
    "credit_rating",
    "credit_rated_on",
    "satisfaction",
    "man_money",
    "man_authority",
    "man_need",
)
_BIRTHDAY = ("birthday_month", "birthday_day", "birthday_year", "birthday_lunar", "birthday_key")
_EMPTY = (None, "", "unknown")

# The tables whose rows belong to a customer and move as a whole.
Owned = Contact | Activity | Opportunity | Note | TimeSlot
_MOVED: dict[str, type[Owned]] = {
    "contacts": Contact,
    "activities": Activity,
    "opportunities": Opportunity,
    "notes": Note,
    "busy slots": TimeSlot,
}


@dataclass
class MergePlan:
    """What a merge of ``other`` into ``keep`` will do."""

    keep_id: int
    keep_name: str
    other_id: int
    other_name: str
    moves: dict[str, list[int]] = field(default_factory=dict)
    fills: dict[str, Any] = field(default_factory=dict)
    new_phones: list[str] = field(default_factory=list)
    new_tags: list[str] = field(default_factory=list)
    history: list[int] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The plan in plain words, one line per kind of change."""
        out = [f"merge #{self.other_id} {self.other_name} into #{self.keep_id} {self.keep_name}:"]
        for what, ids in self.moves.items():
            if ids:
                out.append(f"  move {len(ids)} {what}")
        if self.history:
            out.append(f"  move {len(self.history)} stage/grade history entries")
        if self.new_phones:
            out.append("  add phones: " + ", ".join(self.new_phones))
        if self.new_tags:
            out.append("  add tags: " + ", ".join(self.new_tags))
        for name, value in self.fills.items():
            out.append(f"  fill {name.replace('_', ' ')}: {value}")
        out.append(f"  then move #{self.other_id} {self.other_name} to the trash")
        return out

    def as_dict(self) -> MergePlanData:
        return {
            "keep": {"id": self.keep_id, "name": self.keep_name},
            "other": {"id": self.other_id, "name": self.other_name},
            "moves": {k: len(v) for k, v in self.moves.items()},
            "history": len(self.history),
            "fills": {k: str(v) for k, v in self.fills.items()},
            "new_phones": self.new_phones,
            "new_tags": self.new_tags,
        }


def _pair(session: Session, keep_id: int, other_id: int) -> tuple[Customer, Customer]:
    if keep_id == other_id:
        raise InvalidInput("merge-into-itself")
    return get_customer(session, keep_id), get_customer(session, other_id)


def plan_merge(session: Session, *, keep_id: int, other_id: int) -> MergePlan:
    """Work out the merge without changing anything."""
    keep, other = _pair(session, keep_id, other_id)
    plan = MergePlan(keep_id, keep.name, other_id, other.name)
    for what, model in _MOVED.items():
        query = select(model.id).where(model.customer_id == other_id)
        if what == "contacts":
            query = query.where(col(Contact.deleted_at).is_(None))
        plan.moves[what] = [int(i) for i in session.exec(query) if i is not None]
    plan.history = [
        int(i)
        for i in session.exec(
            select(Change.id).where(Change.entity == "customer", Change.entity_id == other_id)
        )
        if i is not None  # selected primary keys: never None
    ]
    for name in FILLABLE:
        mine, theirs = getattr(keep, name), getattr(other, name)
        if mine in _EMPTY and theirs not in _EMPTY:
            plan.fills[name] = theirs
    if keep.birthday_month is None and other.birthday_month is not None:
        plan.fills["birthday"] = f"{other.birthday_month:02d}-{other.birthday_day:02d}"
    plan.new_phones = [p for p in other.phones or [] if p not in (keep.phones or [])]
    have = set(tag_names(session, keep_id))
    plan.new_tags = [t for t in tag_names(session, other_id) if t not in have]
    return plan


def merge_customers(session: Session, *, now: datetime, keep_id: int, other_id: int) -> MergePlan:
    """Merge OTHER into KEEP as :func:`plan_merge` describes; returns that plan (for undo)."""
    plan = plan_merge(session, keep_id=keep_id, other_id=other_id)
    keep, other = _pair(session, keep_id, other_id)
    for what, ids in plan.moves.items():
        model = _MOVED[what]
        for row_id in ids:
            row = session.get(model, row_id)
            assert row is not None  # planned just above, in this same transaction
            row.customer_id = keep_id
            session.add(row)
    for change_id in plan.history:
        change = session.get(Change, change_id)
        assert change is not None
        change.entity_id = keep_id
        session.add(change)
    for name, value in plan.fills.items():
        if name == "birthday":
            for part in _BIRTHDAY:
                setattr(keep, part, getattr(other, part))
        else:
            setattr(keep, name, value)
    keep.phones = [*(keep.phones or []), *plan.new_phones]
    _copy_tags(session, keep_id, other_id, plan.new_tags)
    keep.updated_at = now
    other.deleted_at = now
    other.updated_at = now
    session.add_all([keep, other])
    session.flush()
    refresh_last_contact(session, keep, now=now)
    _reindex(session, keep, plan.moves["contacts"])
    return plan


def unmerge(session: Session, *, now: datetime, plan: MergePlan) -> None:
    """Undo :func:`merge_customers`: records go back to OTHER, KEEP loses what was filled."""
    keep = get_customer(session, plan.keep_id)
    other = get_customer(session, plan.other_id, include_deleted=True)
    for what, ids in plan.moves.items():
        model = _MOVED[what]
        for row_id in ids:
            # Session.get types its result as the join of the union (Timestamps): say which
            row = cast("Owned | None", session.get(model, row_id))
            if row is not None and row.customer_id == plan.keep_id:
                row.customer_id = plan.other_id
                session.add(row)
    for change_id in plan.history:
        change = session.get(Change, change_id)
        if change is not None:
            change.entity_id = plan.other_id
            session.add(change)
    for name in plan.fills:
        for part in _BIRTHDAY if name == "birthday" else (name,):
            empty = "unknown" if part.startswith("man_") else None
            setattr(keep, part, False if part == "birthday_lunar" else empty)
    keep.phones = [p for p in keep.phones or [] if p not in plan.new_phones]
    for tag_id in _tag_ids(session, plan.keep_id, plan.new_tags):
        link = session.get(CustomerTag, (plan.keep_id, tag_id))
        if link is not None:
            session.delete(link)
    other.deleted_at = None
    keep.updated_at = other.updated_at = now
    session.add_all([keep, other])
    session.flush()
    refresh_last_contact(session, keep, now=now)
    refresh_last_contact(session, other, now=now)
    _reindex(session, other, plan.moves["contacts"])
    reindex_customer(session, keep)


def _tag_ids(session: Session, customer_id: int, names: list[str]) -> list[int]:
    from crmtui.db.tables.customers import Tag

    if not names:
        return []
    rows = session.exec(
        select(Tag.id)
        .join(CustomerTag, col(CustomerTag.tag_id) == Tag.id)
        .where(CustomerTag.customer_id == customer_id, col(Tag.name).in_(names))
    )
    return [int(i) for i in rows if i is not None]


def _copy_tags(session: Session, keep_id: int, other_id: int, names: list[str]) -> None:
    for tag_id in _tag_ids(session, other_id, names):
        session.add(CustomerTag(customer_id=keep_id, tag_id=tag_id))
    session.flush()


def _reindex(session: Session, owner: Customer, contact_ids: list[int]) -> None:
    """Search entries follow the moved contacts (their text names the customer)."""
    for contact_id in contact_ids:
        contact = session.get(Contact, contact_id)
        if contact is None:
            continue
        doc = session.exec(select(SearchDoc).where(SearchDoc.contact_id == contact_id)).first()
        if doc is not None:
            doc.customer_id = owner.id  # type: ignore[assignment]
            session.add(doc)
        session.flush()
        reindex_contact(session, contact, customer_name=owner.name)
    reindex_customer(session, owner)
