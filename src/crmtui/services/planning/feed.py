"""Reading the planner's inputs from the database: who is due and why, their call history,
their weekly slots and contacts, and the salesperson's own planned visits and meetings.

Every query is bounded (a LIMIT or a handful of ids), so the plan's cost does not grow with the
size of the customer base.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date, datetime, timedelta
from typing import TypeVar, cast

from crmtui import words
from crmtui.clock import from_db
from crmtui.db.reader import Reader, Row, in_list
from crmtui.i18n import _
from crmtui.services.planning.planner import (
    Attempt,
    Callee,
    Interval,
    PlannerSettings,
    WeeklySlot,
    Window,
)
from crmtui.services.planning.types import (
    ComplaintDueRow,
    DropRow,
    FeedContact,
    FeedCustomer,
    FollowUpRow,
    KeepInTouchRow,
    LeadRow,
    ServiceDueRow,
    TimeslotRecord,
    UnansweredRow,
    WinRow,
)

NEW_LEAD_DAYS = 14
HISTORY_DAYS = 120
KEEP_IN_TOUCH_LIMIT = 40  # a day holds a few dozen calls; more would only slow the plan down
CUSTOMER_FIELDS = "c.id, c.name, c.is_person, c.country, c.timezone, c.phones, c.grade"
# Call outcomes in which nobody was spoken to (a wrong number included: it is shown as the reason
# the call cannot be placed). They do not end a lead, and they are retried until nurture.
UNANSWERED = ("no-answer", "busy", "voicemail", "wrong-number")
_UNANSWERED_SQL = ", ".join(f"'{o}'" for o in UNANSWERED)
RecordT = TypeVar("RecordT")


def follow_ups(reader: Reader, end: datetime) -> list[FollowUpRow]:
    return [
        _as(r, FollowUpRow)
        for r in reader.rows(
            f"SELECT a.id AS ref, a.due_at, a.note, a.contact_id, {CUSTOMER_FIELDS} "
            "FROM activity a JOIN customer c ON c.id = a.customer_id "
            "WHERE a.done_at IS NULL AND a.due_at < :end AND a.kind = 'call' "
            "AND c.deleted_at IS NULL ORDER BY a.due_at LIMIT 500",
            {"end": reader.ts(end)},
        )
    ]


def unanswered_follow_ups(reader: Reader, since: datetime) -> list[UnansweredRow]:
    """Follow-up calls made since ``since`` that went unanswered, with no touch that reached the
    customer after them: the follow-up is not over, so the planner calls again (until the
    nurture rule moves the customer off the plan). The latest one of a customer only."""
    rows = reader.rows(
        f"SELECT a.id AS ref, a.due_at, a.done_at, a.note, a.contact_id, {CUSTOMER_FIELDS} "
        "FROM activity a JOIN customer c ON c.id = a.customer_id "
        "WHERE a.done_at >= :since AND a.kind = 'call' AND a.due_at IS NOT NULL "
        f"AND a.outcome IN ({_UNANSWERED_SQL}) AND c.deleted_at IS NULL "
        "AND NOT EXISTS (SELECT 1 FROM activity b WHERE b.customer_id = a.customer_id "
        "AND b.done_at > a.done_at AND NOT (b.kind = 'call' "
        f"AND coalesce(b.outcome, '') IN ({_UNANSWERED_SQL}))) "
        "ORDER BY a.done_at DESC LIMIT 500",
        {"since": reader.ts(since)},
    )
    latest: dict[int, UnansweredRow] = {}
    for r in rows:
        latest.setdefault(r["id"], _as(r, UnansweredRow))
    return list(latest.values())


def new_leads(reader: Reader, since: datetime) -> list[LeadRow]:
    """Leads created since ``since`` whom nobody has spoken to yet.

    Unanswered calls do not end a lead (they are its retries, until the nurture rule moves it
    off the plan); any other touch does.
    """
    return [
        _as(r, LeadRow)
        for r in reader.rows(
            f"SELECT c.created_at, {CUSTOMER_FIELDS} FROM customer c WHERE c.created_at >= :since "
            "AND c.stage IN ('potential', 'prospect') AND c.deleted_at IS NULL "
            "AND NOT EXISTS (SELECT 1 FROM activity a WHERE a.customer_id = c.id "
            "AND a.done_at IS NOT NULL AND NOT (a.kind = 'call' "
            f"AND coalesce(a.outcome, '') IN ({_UNANSWERED_SQL}))) "
            # a contact date from an import, without a logged touch, also ends the lead
            "AND (c.last_contact_at IS NULL OR EXISTS (SELECT 1 FROM activity a "
            "WHERE a.customer_id = c.id AND a.done_at IS NOT NULL)) "
            "ORDER BY c.created_at LIMIT 200",
            {"since": reader.ts(since)},
        )
    ]


def keep_in_touch(reader: Reader, settings: PlannerSettings, now: datetime) -> list[KeepInTouchRow]:
    rows: list[KeepInTouchRow] = []
    for grade, days in (
        ("A", settings.cadence_a),
        ("B", settings.cadence_b),
        ("C", settings.cadence_c),
    ):
        rows += (
            _as(r, KeepInTouchRow)
            for r in reader.rows(
                f"SELECT c.last_contact_at, {CUSTOMER_FIELDS} FROM customer c "
                "WHERE c.last_contact_at < :cutoff AND c.grade = :grade "
                "AND c.stage IN ('prospect', 'customer') AND c.deleted_at IS NULL "
                "ORDER BY c.last_contact_at LIMIT :limit",
                {
                    "cutoff": reader.ts(now - timedelta(days=days)),
                    "grade": grade,
                    "limit": KEEP_IN_TOUCH_LIMIT,
                },
            )
        )
    rows.sort(key=lambda r: (r["last_contact_at"], r["id"]))
    return rows[:KEEP_IN_TOUCH_LIMIT]


def recent_wins(reader: Reader, since: datetime) -> list[WinRow]:
    return [
        _as(r, WinRow)
        for r in reader.rows(
            f"SELECT o.id AS ref, o.closed_at, o.title, {CUSTOMER_FIELDS} FROM opportunity o "
            "JOIN customer c ON c.id = o.customer_id WHERE o.closed_at >= :since "
            "AND o.stage = 'won' AND c.deleted_at IS NULL AND NOT EXISTS (SELECT 1 "
            "FROM activity a WHERE a.customer_id = c.id AND a.kind = 'letter' "
            "AND a.done_at >= o.closed_at)",
            {"since": reader.ts(since)},
        )
    ]


# A touch that reached the customer: anything done but an unanswered call.
_REACHED_SQL = (
    f"a.done_at IS NOT NULL AND NOT (a.kind = 'call' AND coalesce(a.outcome, '') "
    f"IN ({_UNANSWERED_SQL}))"
)
AFTERSALE_LIMIT = 200
DROP_DAYS = 14  # a rating older than this no longer puts a call on the plan


def complaint_follow_ups(reader: Reader, before: date) -> list[ComplaintDueRow]:
    """Open complaints whose solution was promised before ``before`` and not yet followed up
    (step 6 not recorded in the current round)."""
    return [
        _as(r, ComplaintDueRow)
        for r in reader.rows(
            f"SELECT k.id AS ref, k.promised_by, k.category, k.contact_id, {CUSTOMER_FIELDS} "
            "FROM complaint k JOIN customer c ON c.id = k.customer_id "
            "WHERE k.closed_at IS NULL AND k.promised_by < :before AND k.step IN (4, 5) "
            "AND c.deleted_at IS NULL ORDER BY k.promised_by, k.id LIMIT :limit",
            {"before": before.isoformat(), "limit": AFTERSALE_LIMIT},
        )
    ]


def services_due(reader: Reader, until: date) -> list[ServiceDueRow]:
    """Active service plans due on or before ``until`` (the caller looks a few days ahead)."""
    return [
        _as(r, ServiceDueRow)
        for r in reader.rows(
            f"SELECT s.id AS ref, s.next_due, s.kind, {CUSTOMER_FIELDS} FROM service_plan s "
            "JOIN customer c ON c.id = s.customer_id WHERE s.active = TRUE "
            "AND s.next_due <= :until AND c.deleted_at IS NULL "
            "ORDER BY s.next_due, s.id LIMIT :limit",
            {"until": until.isoformat(), "limit": AFTERSALE_LIMIT},
        )
    ]


def satisfaction_drops(reader: Reader, since: datetime) -> list[DropRow]:
    """Customers whose latest rating, given since ``since``, dropped to dissatisfied or worse
    and who have not been reached since."""
    return [
        _as(r, DropRow)
        for r in reader.rows(
            f"SELECT s.id AS ref, s.at, s.level, {CUSTOMER_FIELDS} FROM satisfaction s "
            "JOIN customer c ON c.id = s.customer_id WHERE s.at >= :since AND s.level <= 2 "
            "AND (s.previous IS NULL OR s.previous > s.level) AND c.deleted_at IS NULL "
            "AND s.id = (SELECT t.id FROM satisfaction t WHERE t.customer_id = s.customer_id "
            "ORDER BY t.at DESC, t.id DESC LIMIT 1) "
            "AND NOT EXISTS (SELECT 1 FROM activity a WHERE a.customer_id = s.customer_id "
            f"AND a.done_at > s.at AND {_REACHED_SQL}) ORDER BY s.at LIMIT :limit",
            {"since": reader.ts(since), "limit": AFTERSALE_LIMIT},
        )
    ]


def last_reached(reader: Reader, customer_ids: set[int]) -> dict[int, datetime]:
    """When each of these customers was last reached by a logged touch."""
    if not customer_ids:
        return {}
    ids_sql, params = in_list("c", sorted(customer_ids))
    out = {}
    for r in reader.rows(
        f"SELECT a.customer_id, max(a.done_at) AS at FROM activity a WHERE a.customer_id IN "
        f"({ids_sql}) AND {_REACHED_SQL} GROUP BY a.customer_id",
        params,
    ):
        at = from_db(r["at"])
        if at is not None:
            out[r["customer_id"]] = at
    return out


def customers_by_id(reader: Reader, ids: set[int]) -> dict[int, FeedCustomer]:
    sql, params = in_list("c", sorted(ids))
    rows = reader.rows(f"SELECT {CUSTOMER_FIELDS} FROM customer c WHERE c.id IN ({sql})", params)
    return {r["id"]: _as(r, FeedCustomer) for r in rows}


def _as(row: Row, shape: type[RecordT]) -> RecordT:
    """The row as the planner reads it: raw values (phones as JSON text, instants as stored).

    ``shape`` names the columns the query selected; not checked at run time, hence the cast.
    """
    return cast(RecordT, dict(row))


class CallFeed:
    """Callee and Attempt objects for the customers to be called, read with few queries."""

    def __init__(self, reader: Reader, customer_ids: set[int], now: datetime):
        ids_sql, params = in_list("c", sorted(customer_ids))
        self.history: dict[int, list[Attempt]] = defaultdict(list)
        for r in reader.rows(
            "SELECT customer_id, done_at, outcome FROM activity WHERE customer_id IN "
            f"({ids_sql}) AND done_at >= :since AND kind = 'call' AND outcome IS NOT NULL",
            params | {"since": reader.ts(now - timedelta(days=HISTORY_DAYS))},
        ):
            at = from_db(r["done_at"])
            assert at is not None
            self.history[r["customer_id"]].append(Attempt(at, r["outcome"]))
        self.slots: dict[tuple[int, int | None], list[TimeslotRecord]] = defaultdict(list)
        for r in reader.rows(f"SELECT * FROM timeslot WHERE customer_id IN ({ids_sql})", params):
            self.slots[(r["customer_id"], r["contact_id"])].append(_as(r, TimeslotRecord))
        self.contacts: dict[int, FeedContact] = {}
        self.people: dict[int, list[FeedContact]] = defaultdict(list)
        for r in reader.rows(
            "SELECT id, customer_id, name, phones, timezone FROM contact "
            f"WHERE customer_id IN ({ids_sql}) AND deleted_at IS NULL ORDER BY id",
            params,
        ):
            self.contacts[r["id"]] = _as(r, FeedContact)
            self.people[r["customer_id"]].append(self.contacts[r["id"]])

    def callee(self, customer: FeedCustomer, contact_id: int | None = None) -> Callee:
        contact = self.contacts.get(contact_id) if contact_id else None
        people = self.people[customer["id"]]
        with_phone = next((c for c in people if _phones(c)), None)
        if contact is None and not customer["is_person"]:
            # the first contact with a phone is who a call to a company reaches
            contact = with_phone
        phones = _phones(contact or customer) or _phones(customer)
        if not phones and with_phone is not None:
            # a person's number (or the named contact's) may only be on a contact: call that one
            contact, phones = with_phone, _phones(with_phone)
        slots = self.slots[(customer["id"], None)] + (
            self.slots[(customer["id"], contact["id"])] if contact else []
        )

        def weekly(kind: str) -> tuple[WeeklySlot, ...]:
            return tuple(
                WeeklySlot(
                    s["weekday"], Window(s["start_minute"], s["end_minute"]), s["note"] or ""
                )
                for s in slots
                if s["kind"] == kind
            )

        return Callee(
            customer_id=customer["id"],
            customer_name=customer["name"],
            contact_name=contact["name"] if contact else None,
            contact_id=contact["id"] if contact else None,
            phones=tuple(phones),
            zone=(contact["timezone"] if contact else None) or customer["timezone"],
            country=customer["country"],
            kind="consumer" if customer["is_person"] else "business",
            busy=weekly("busy"),
            preferred=weekly("preferred"),
            do_not_call=weekly("do-not-call"),
        )

    def attempts(self, customer_id: int) -> tuple[Attempt, ...]:
        return tuple(sorted(self.history[customer_id], key=lambda a: a.at))


def _phones(record: FeedCustomer | FeedContact) -> list[str]:
    return list(json.loads(record["phones"] or "[]"))


def salesperson_busy(reader: Reader, start: datetime, end: datetime) -> list[Interval]:
    """Visits and meetings already planned that day: no calls during them."""
    rows = reader.rows(
        "SELECT due_at, kind FROM activity WHERE done_at IS NULL AND due_at >= :start "
        "AND due_at < :end AND kind IN ('visit', 'meeting')",
        {"start": reader.ts(start), "end": reader.ts(end)},
    )
    out = []
    for r in rows:
        at = from_db(r["due_at"])
        assert at is not None
        label = _("your planned {kind}").format(kind=words.label("activity", r["kind"]))
        out.append(Interval(at, at + timedelta(hours=1), label))
    return out
