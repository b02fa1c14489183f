"""The customer card (客户档案) as data: profile, contacts, activities, opportunities, notes.

Shared by ``crm show`` and the TUI's card screen.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from crmtui.db.reader import Reader
from crmtui.errors import NotFound
from crmtui.money import of_row
from crmtui.services.common.records import decoded
from crmtui.services.customers.man import man_advice
from crmtui.services.customers.read import list_contacts
from crmtui.services.customers.types import (
    Card,
    CardActivity,
    CardContact,
    CardNote,
    CardOpportunity,
    DealCompetitor,
)

HISTORY_LIMIT = 20


def birthday_label(row: Mapping[str, Any]) -> str | None:
    """A stored birthday as people write it: ``1990-03-15``, ``03-15`` or ``农历 08-15``."""
    month, day = row.get("birthday_month"), row.get("birthday_day")
    if not month or not day:
        return None
    year = row.get("birthday_year")
    text = f"{year:04d}-{month:02d}-{day:02d}" if year else f"{month:02d}-{day:02d}"
    return f"农历 {text}" if row.get("birthday_lunar") else text


def customer_card(reader: Reader, customer_id: int, *, now: datetime) -> Card:
    """Everything known about one customer, newest activity first."""
    row = reader.one("SELECT * FROM customer WHERE id = :id", {"id": customer_id})
    if row is None:
        raise NotFound("no-customer-id", id=customer_id)
    # every column but the search key; the keys added below complete the Card
    card = decoded({k: row[k] for k in row.keys() if k != "pinyin"}, Card)
    card["birthday_lunar"] = bool(card["birthday_lunar"])
    # only a person has a birthday of their own; a company's people carry theirs
    card["birthday"] = birthday_label(card) if card["is_person"] else None
    card["tags"] = list(
        reader.column(
            "SELECT t.name FROM customertag ct JOIN tag t ON t.id = ct.tag_id "
            "WHERE ct.customer_id = :id ORDER BY t.name",
            {"id": customer_id},
        )
    )
    card["contacts"] = [
        CardContact(**contact, birthday=birthday_label(contact))
        for contact in list_contacts(reader, customer_id=customer_id, limit=None)
    ]
    activity_sql = (
        "SELECT a.id, a.kind, a.due_at, a.done_at, a.outcome, a.minutes, a.note, "
        "p.name AS contact, a.contact_id, a.opportunity_id FROM activity a "
        "LEFT JOIN contact p ON p.id = a.contact_id WHERE a.customer_id = :id "
    )
    card["planned"] = [
        decoded(r, CardActivity)
        for r in reader.rows(
            activity_sql + "AND a.done_at IS NULL ORDER BY a.due_at, a.id", {"id": customer_id}
        )
    ]
    card["history"] = [
        decoded(r, CardActivity)
        for r in reader.rows(
            activity_sql + "AND a.done_at IS NOT NULL ORDER BY a.done_at DESC, a.id DESC "
            "LIMIT :limit",
            {"id": customer_id, "limit": HISTORY_LIMIT},
        )
    ]
    card["activity_count"] = int(
        reader.scalar("SELECT count(*) FROM activity WHERE customer_id = :id", {"id": customer_id})
    )
    card["opportunities"] = [
        of_row(decoded(r, CardOpportunity))
        for r in reader.rows(
            "SELECT id, title, stage, amount, currency, expected_close, next_step, lost_reason, "
            "competitor, closed_at, updated_at FROM opportunity WHERE customer_id = :id "
            "ORDER BY closed_at IS NOT NULL, updated_at DESC",
            {"id": customer_id},
        )
    ]
    rivals: dict[int, list[DealCompetitor]] = {}
    for r in reader.rows(
        "SELECT l.opportunity_id, k.name, l.role FROM opportunity_competitor l "
        "JOIN competitor k ON k.id = l.competitor_id JOIN opportunity o "
        "ON o.id = l.opportunity_id WHERE o.customer_id = :id ORDER BY k.name",
        {"id": customer_id},
    ):
        rivals.setdefault(r["opportunity_id"], []).append({"name": r["name"], "role": r["role"]})
    for opp in card["opportunities"]:
        opp["competitors"] = rivals.get(opp["id"], [])
    card["note_items"] = [  # the notes list; "notes" is the profile field
        decoded(r, CardNote)
        for r in reader.rows(
            "SELECT id, body, pinned, updated_at FROM note WHERE customer_id = :id "
            "ORDER BY updated_at DESC",
            {"id": customer_id},
        )
    ]
    last = card["last_contact_at"]
    card["days_since_contact"] = (now - last).days if last else None
    card["next_action"] = card["planned"][0] if card["planned"] else None
    card["man"] = man_advice(card["man_money"], card["man_authority"], card["man_need"])
    return card
