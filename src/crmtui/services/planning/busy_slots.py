"""Weekly time slots of a customer or contact: busy, preferred or do-not-call (their local time)."""

from __future__ import annotations

import re
from datetime import datetime

from sqlmodel import Session, col, select

from crmtui.db.constants import SLOT_KINDS
from crmtui.db.reader import Reader
from crmtui.db.tables.planning import TimeSlot
from crmtui.errors import InvalidInput, NotFound
from crmtui.services.common import checks
from crmtui.services.common.records import decoded
from crmtui.services.common.timeparse import WEEKDAYS, parse_clock_time
from crmtui.services.customers.write import get_customer
from crmtui.services.planning.types import SlotRow

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_SLOT = re.compile(r"^\s*(\S+)\s+(\S+)\s*-\s*(\S+)\s*$")


def parse_slot(text: str) -> tuple[list[int], int, int]:
    """``Mon 10:00-11:00``, ``Mon-Fri 12:00-13:00``, ``daily 12:00-13:00``, ``周一 10:00-11:00``."""
    m = _SLOT.match(text or "")
    if not m:
        raise InvalidInput("bad-slot", text=text)
    days_text, start_text, end_text = m.groups()
    days_text = days_text.lower()
    if days_text in ("daily", "every", "每天"):
        days = list(range(7))
    elif days_text in ("weekdays", "工作日"):
        days = list(range(5))
    elif "-" in days_text:
        first, _, last = days_text.partition("-")
        if first not in WEEKDAYS or last not in WEEKDAYS:
            raise InvalidInput("unknown-days", days=days_text)
        a, b = WEEKDAYS[first], WEEKDAYS[last]
        days = list(range(a, b + 1)) if a <= b else list(range(a, 7)) + list(range(0, b + 1))
    elif days_text in WEEKDAYS:
        days = [WEEKDAYS[days_text]]
    else:
        raise InvalidInput("unknown-day", days=days_text)
    start, end = parse_clock_time(start_text), parse_clock_time(end_text)
    start_min, end_min = start.hour * 60 + start.minute, end.hour * 60 + end.minute
    if end_min == 0:
        end_min = 1440
    if end_min <= start_min:
        raise InvalidInput("slot-ends-before-start", text=text)
    return days, start_min, end_min


def add_slots(
    session: Session,
    *,
    now: datetime,
    customer_id: int,
    contact_id: int | None,
    text: str,
    kind: str = "busy",
    note: str | None = None,
) -> int:
    """Store the slot (one row per weekday); returns how many rows were added.

    Days that already hold this exact slot are left as they are; a slot that is there on every
    day given is refused, so the same slot is never stored twice.
    """
    get_customer(session, customer_id)
    kind = checks.choice(kind, SLOT_KINDS, "slot kind", field="kind") or "busy"
    days, start, end = parse_slot(text)
    same = session.exec(
        select(TimeSlot).where(
            TimeSlot.customer_id == customer_id,
            TimeSlot.contact_id == contact_id
            if contact_id is not None
            else col(TimeSlot.contact_id).is_(None),
            TimeSlot.kind == kind,
            TimeSlot.start_minute == start,
            TimeSlot.end_minute == end,
        )
    )
    taken = {slot.weekday: slot.id for slot in same}
    if all(day in taken for day in days):
        ids = ", ".join(str(taken[d]) for d in days)
        raise InvalidInput("slot-exists", kind=kind, ids=ids)
    days = [day for day in days if day not in taken]
    for day in days:
        session.add(
            TimeSlot(
                customer_id=customer_id,
                contact_id=contact_id,
                kind=kind,
                weekday=day,
                start_minute=start,
                end_minute=end,
                note=checks.text(note, "note", limit=1000),
                created_at=now,
                updated_at=now,
            )
        )
    return len(days)


def remove_slot(session: Session, *, slot_id: int) -> None:
    slot = session.get(TimeSlot, slot_id)
    if slot is None:
        raise NotFound("no-slot-id", id=slot_id)
    session.delete(slot)


def list_slots(reader: Reader, *, customer_id: int) -> list[SlotRow]:
    rows = reader.rows(
        "SELECT s.id, s.kind, s.weekday, s.start_minute, s.end_minute, s.note, s.inferred, "
        "p.name AS contact FROM timeslot s LEFT JOIN contact p ON p.id = s.contact_id "
        "WHERE s.customer_id = :id ORDER BY s.weekday, s.start_minute, s.id",
        {"id": customer_id},
    )
    out: list[SlotRow] = []
    for r in rows:
        item = decoded(r, SlotRow)  # the label is made here, after the selected columns
        item["inferred"] = bool(item["inferred"])
        item["label"] = (
            f"{DAY_NAMES[r['weekday']]} {r['start_minute'] // 60:02d}:"
            f"{r['start_minute'] % 60:02d}-{r['end_minute'] // 60:02d}:"
            f"{r['end_minute'] % 60:02d}"
        )
        out.append(item)
    return out
