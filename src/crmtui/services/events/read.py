"""Reading events through the lean reader: the list, one event's card and its report.

An event's cost is what was spent for it: the expense lines linked to it, of claims that were
not rejected, in the event's currency. Its report counts the invitees, the leads created there,
and the opportunities of the people who came opened from the event's first day on.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from crmtui.db.reader import Reader, Row
from crmtui.errors import NotFound
from crmtui.money import Money
from crmtui.services.common.paging import TOTAL_SQL, Page, limit_sql, page
from crmtui.services.events.rules import STATUSES, per_head
from crmtui.services.events.types import EventCard, EventReport, EventRow, InviteeRow

COST_SQL = (
    "(SELECT coalesce(sum(l.amount), 0) FROM expense_line l JOIN expense_claim x "
    "ON x.id = l.claim_id WHERE l.event_id = e.id AND x.status != 'rejected' "
    "AND l.currency = e.currency)"
)
EVENT_SQL = (
    "SELECT e.id, e.name, e.kind, e.status, e.starts_on, e.ends_on, e.place, e.budget, "
    f"e.currency, e.partners, e.notes, {COST_SQL} AS cost, "
    "(SELECT count(*) FROM event_invitee i WHERE i.event_id = e.id) AS invited, "
    "(SELECT count(*) FROM event_invitee i WHERE i.event_id = e.id AND i.attended) AS attended"
)


def _event(row: Row) -> EventRow:
    out: dict[str, Any] = dict(row)
    out.pop("matched_total", None)
    out["starts_on"] = _day(out["starts_on"])
    out["ends_on"] = _day(out["ends_on"])
    out["budget"] = Money(int(out["budget"]), out["currency"])
    out["cost"] = Money(int(out["cost"]), out["currency"])
    event: EventRow = {
        "id": out["id"],
        "name": out["name"],
        "kind": out["kind"],
        "status": out["status"],
        "starts_on": out["starts_on"],
        "ends_on": out["ends_on"],
        "place": out["place"],
        "budget": out["budget"],
        "cost": out["cost"],
        "currency": out["currency"],
        "partners": out["partners"],
        "notes": out["notes"],
        "invited": out["invited"],
        "attended": out["attended"],
    }
    return event


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def list_events(
    reader: Reader, *, status: str | None = None, limit: int | None = 200
) -> Page[EventRow]:
    """Events, the latest first; ``status`` one of rules.STATUSES."""
    where = "WHERE e.status = :status" if status else ""
    if status and status not in STATUSES:
        from crmtui.errors import InvalidInput

        raise InvalidInput(
            "unknown-choice", field="status", label="status", value=status, choices=STATUSES
        )
    rows = reader.rows(
        f"{EVENT_SQL}, {TOTAL_SQL} FROM event e {where} "
        f"ORDER BY e.starts_on DESC, e.id DESC{limit_sql(limit)}",
        {"status": status, "limit": limit},
    )
    out: Page[EventRow] = page([_event(r) for r in rows])
    out.total = int(rows[0]["matched_total"]) if rows else 0
    return out


def get_event_row(reader: Reader, event_id: int) -> EventRow:
    row = reader.one(f"{EVENT_SQL} FROM event e WHERE e.id = :id", {"id": event_id})
    if row is None:
        raise NotFound("no-event-id", id=event_id)
    return _event(row)


def invitees(reader: Reader, event_id: int) -> list[InviteeRow]:
    rows = reader.rows(
        "SELECT i.id, i.customer_id, c.name AS customer, i.contact_id, p.name AS contact, "
        "i.status, i.attended, i.lead FROM event_invitee i "
        "JOIN customer c ON c.id = i.customer_id LEFT JOIN contact p ON p.id = i.contact_id "
        "WHERE i.event_id = :id ORDER BY i.id",
        {"id": event_id},
    )
    return [
        {
            "id": r["id"],
            "customer_id": r["customer_id"],
            "customer": r["customer"],
            "contact_id": r["contact_id"],
            "contact": r["contact"],
            "status": r["status"],
            "attended": bool(r["attended"]),
            "lead": bool(r["lead"]),
        }
        for r in rows
    ]


def event_report(reader: Reader, event_id: int) -> EventReport:
    """The figures of one event (see the module docstring)."""
    event = get_event_row(reader, event_id)
    people = invitees(reader, event_id)
    came = {p["customer_id"] for p in people if p["attended"]}
    opps = reader.rows(
        "SELECT o.stage, o.amount FROM opportunity o WHERE o.customer_id IN "
        "(SELECT i.customer_id FROM event_invitee i WHERE i.event_id = :id AND i.attended) "
        "AND o.created_at >= :since AND o.currency = :cur",
        {"id": event_id, "since": event["starts_on"].isoformat(), "cur": event["currency"]},
    )
    won = [o for o in opps if o["stage"] == "won"]
    leads = sum(1 for p in people if p["lead"])
    cost = int(event["cost"])
    currency = event["currency"]
    per_attendee, per_lead = per_head(cost, len(came)), per_head(cost, leads)
    return {
        "invited": len(people),
        "registered": sum(1 for p in people if p["status"] == "registered"),
        "declined": sum(1 for p in people if p["status"] == "declined"),
        "attended": len(came),
        "leads": leads,
        "opportunities": len(opps),
        "won": len(won),
        "won_amount": Money(sum(int(o["amount"]) for o in won), currency),
        "cost": Money(cost, currency),
        "cost_per_attendee": None if per_attendee is None else Money(per_attendee, currency),
        "cost_per_lead": None if per_lead is None else Money(per_lead, currency),
    }


def event_card(reader: Reader, event_id: int) -> EventCard:
    return {
        "event": get_event_row(reader, event_id),
        "invitees": invitees(reader, event_id),
        "report": event_report(reader, event_id),
    }
