"""What the editing area returns: snapshots taken before an edit or delete (what undo puts
back), likely duplicate pairs, and a merge plan as data (``crm merge --json``)."""

from __future__ import annotations

from datetime import datetime
from typing import TypedDict


class ActivitySnapshot(TypedDict):
    """Every column of an activity, enough to put it back exactly as it was."""

    id: int | None
    customer_id: int
    contact_id: int | None
    opportunity_id: int | None
    kind: str
    due_at: datetime | None
    done_at: datetime | None
    outcome: str | None
    minutes: int | None
    note: str | None
    created_at: datetime
    updated_at: datetime


class NoteSnapshot(TypedDict):
    id: int | None
    customer_id: int | None
    body: str
    pinned: bool
    created_at: datetime
    updated_at: datetime


class ContactSnapshot(TypedDict):
    """The editable fields of a contact, in the form ``update_contact`` takes back."""

    name: str
    role: str | None
    phones: list[str]
    email: str | None
    timezone: str | None
    notes: str | None
    decision_maker: bool


class DuplicateCustomer(TypedDict):
    id: int
    name: str
    city: str | None


class DuplicatePair(TypedDict):
    """Two customers that look like one, with why, most certain first (score 0-100)."""

    customers: list[DuplicateCustomer]
    reasons: list[str]
    score: int


class MergeSide(TypedDict):
    id: int
    name: str


class MergePlanData(TypedDict):
    """A merge plan as data: how many records of each kind move, what is filled in."""

    keep: MergeSide
    other: MergeSide
    moves: dict[str, int]
    history: int
    fills: dict[str, str]
    new_phones: list[str]
    new_tags: list[str]
