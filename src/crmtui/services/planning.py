"""The planner fed from the database: which customers are due, their call history, their busy
times, and the salesperson's own planned actions, turned into the planner's inputs.

``day_plan`` is what ``crm plan``, the desktop's "today's calls" and the planner screen show, so
they always agree. Only the candidates a day can hold are read: due follow-ups, new leads and
care touches all, keep-in-touch calls the most overdue first, up to a limit.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from crmtui.clock import from_db
from crmtui.db.reader import Reader, in_list
from crmtui.services.planner import (
    KINDS,
    Attempt,
    Callee,
    Candidate,
    DayPlan,
    Interval,
    PlannerSettings,
    WeeklySlot,
    Window,
    birthday_call_date,
    birthday_card_date,
    build_day_plan,
    keep_in_touch_date,
    thank_you_date,
)

KEEP_IN_TOUCH_LIMIT = 40  # a day holds a few dozen calls; more would only slow the plan down
NEW_LEAD_DAYS = 14
HISTORY_DAYS = 120
CUSTOMER_FIELDS = "c.id, c.name, c.is_person, c.country, c.timezone, c.phones, c.grade"


def _day_bounds(day: date, tz: tzinfo) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time(0), tzinfo=tz)
    return start, start + timedelta(days=1)


def _follow_ups(reader: Reader, end: datetime) -> list[dict[str, Any]]:
    return [
        dict(r)
        for r in reader.rows(
            f"SELECT a.id AS ref, a.due_at, a.note, a.contact_id, {CUSTOMER_FIELDS} "
            "FROM activity a JOIN customer c ON c.id = a.customer_id "
            "WHERE a.done_at IS NULL AND a.due_at < :end AND a.kind = 'call' "
            "AND +c.deleted_at IS NULL ORDER BY a.due_at LIMIT 500",
            {"end": reader.ts(end)},
        )
    ]


def _new_leads(reader: Reader, since: datetime) -> list[dict[str, Any]]:
    return [
        dict(r)
        for r in reader.rows(
            f"SELECT c.created_at, {CUSTOMER_FIELDS} FROM customer c WHERE c.created_at >= :since "
            "AND c.last_contact_at IS NULL AND c.stage IN ('potential', 'prospect') "
            "AND +c.deleted_at IS NULL ORDER BY c.created_at LIMIT 200",
            {"since": reader.ts(since)},
        )
    ]


def _keep_in_touch(reader: Reader, settings: PlannerSettings, now: datetime) -> list[dict]:
    rows: list[dict[str, Any]] = []
    for grade, days in (
        ("A", settings.cadence_a),
        ("B", settings.cadence_b),
        ("C", settings.cadence_c),
    ):
        rows += map(
            dict,
            reader.rows(
                f"SELECT c.last_contact_at, {CUSTOMER_FIELDS} FROM customer c "
                "WHERE c.last_contact_at < :cutoff AND c.grade = :grade "
                "AND c.stage IN ('prospect', 'customer') AND +c.deleted_at IS NULL "
                "ORDER BY c.last_contact_at LIMIT :limit",
                {
                    "cutoff": reader.ts(now - timedelta(days=days)),
                    "grade": grade,
                    "limit": KEEP_IN_TOUCH_LIMIT,
                },
            ),
        )
    rows.sort(key=lambda r: (r["last_contact_at"], r["id"]))
    return rows[:KEEP_IN_TOUCH_LIMIT]


def _wins(reader: Reader, since: datetime) -> list[dict[str, Any]]:
    return [
        dict(r)
        for r in reader.rows(
            f"SELECT o.id AS ref, o.closed_at, o.title, {CUSTOMER_FIELDS} FROM opportunity o "
            "JOIN customer c ON c.id = o.customer_id WHERE o.closed_at >= :since "
            "AND o.stage = 'won' AND +c.deleted_at IS NULL AND NOT EXISTS (SELECT 1 "
            "FROM activity a WHERE a.customer_id = c.id AND a.kind = 'letter' "
            "AND a.done_at >= o.closed_at)",
            {"since": reader.ts(since)},
        )
    ]


def _customers(reader: Reader, ids: set[int]) -> dict[int, dict[str, Any]]:
    sql, params = in_list("c", sorted(ids))
    rows = reader.rows(f"SELECT {CUSTOMER_FIELDS} FROM customer c WHERE c.id IN ({sql})", params)
    return {r["id"]: dict(r) for r in rows}


class _Feed:
    """Builds Callee and Attempt objects for a set of customers with few queries."""

    def __init__(self, reader: Reader, customer_ids: set[int], now: datetime, history_of: set[int]):
        self.reader = reader
        ids_sql, params = in_list("c", sorted(customer_ids))
        self.history: dict[int, list[Attempt]] = defaultdict(list)
        calls_sql, call_params = in_list("h", sorted(history_of))
        for r in reader.rows(
            "SELECT customer_id, done_at, outcome FROM activity WHERE customer_id IN "
            f"({calls_sql}) AND done_at >= :since AND kind = 'call' AND outcome IS NOT NULL",
            call_params | {"since": reader.ts(now - timedelta(days=HISTORY_DAYS))},
        ):
            at = from_db(r["done_at"])
            assert at is not None
            self.history[r["customer_id"]].append(Attempt(at, r["outcome"]))
        self.slots: dict[tuple[int, int | None], list[dict[str, Any]]] = defaultdict(list)
        for r in reader.rows(f"SELECT * FROM timeslot WHERE customer_id IN ({ids_sql})", params):
            self.slots[(r["customer_id"], r["contact_id"])].append(dict(r))
        self.contacts: dict[int, dict[str, Any]] = {}
        self.people: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for r in reader.rows(
            "SELECT id, customer_id, name, phones, timezone FROM contact "
            f"WHERE customer_id IN ({ids_sql}) AND deleted_at IS NULL ORDER BY id",
            params,
        ):
            self.contacts[r["id"]] = dict(r)
            self.people[r["customer_id"]].append(self.contacts[r["id"]])

    def callee(self, customer: dict[str, Any], contact_id: int | None = None) -> Callee:
        contact = self.contacts.get(contact_id) if contact_id else None
        if contact is None and not customer["is_person"]:
            # the first contact with a phone is who a call to a company reaches
            people = self.people[customer["id"]]
            contact = next((c for c in people if json.loads(c["phones"] or "[]")), None)
        phones = json.loads((contact or customer)["phones"] or "[]") or json.loads(
            customer["phones"] or "[]"
        )
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
            zone=(contact or {}).get("timezone") or customer["timezone"],
            country=customer["country"],
            kind="consumer" if customer["is_person"] else "business",
            busy=weekly("busy"),
            preferred=weekly("preferred"),
            do_not_call=weekly("do-not-call"),
        )

    def attempts(self, customer_id: int) -> tuple[Attempt, ...]:
        return tuple(sorted(self.history[customer_id], key=lambda a: a.at))


def _salesperson_busy(reader: Reader, start: datetime, end: datetime) -> list[Interval]:
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
        out.append(Interval(at, at + timedelta(hours=1), f"your planned {r['kind']}"))
    return out


def day_plan(
    reader: Reader, *, settings: PlannerSettings, now: datetime, day: date | None = None
) -> DayPlan:
    """The call plan of ``day`` (default: today in the salesperson's zone)."""
    from crmtui.clock import zone

    tz = zone(settings.zone)
    day = day or now.astimezone(tz).date()
    start, end = _day_bounds(day, tz)
    # (kind, customer id, contact id, due date, extra Candidate fields) for every reason to act
    due: list[tuple[str, int, int | None, date, dict[str, Any]]] = []
    for r in _follow_ups(reader, end):
        at = from_db(r["due_at"])
        assert at is not None
        due.append(
            (
                "follow-up",
                r["id"],
                r["contact_id"],
                at.astimezone(tz).date(),
                {"due_at": at, "ref": r["ref"], "note": r["note"] or ""},
            )
        )
    for r in _new_leads(reader, start - timedelta(days=NEW_LEAD_DAYS)):
        created = from_db(r["created_at"])
        assert created is not None
        due.append(("new-lead", r["id"], None, created.astimezone(tz).date(), {}))
    for r in _keep_in_touch(reader, settings, now):
        last = from_db(r["last_contact_at"])
        assert last is not None
        last_day = last.astimezone(tz).date()
        due.append(
            (
                "keep-in-touch",
                r["id"],
                None,
                keep_in_touch_date(last_day, r["grade"], settings),
                {"note": f"no touch for {(day - last_day).days} days"},
            )
        )
    for r in _wins(reader, start - timedelta(days=7)):
        closed = from_db(r["closed_at"])
        assert closed is not None
        due.append(
            (
                "thank-you",
                r["id"],
                None,
                thank_you_date(closed.astimezone(tz).date(), r["country"]),
                {"ref": r["ref"], "note": r["title"]},
            )
        )
    for b in _birthdays_for(reader, day):
        country = b["country"]
        if birthday_card_date(b["date"], country) == day:
            due.append(
                ("birthday-card", b["customer_id"], b["contact_id"], day, {"note": b["name"]})
            )
        if birthday_call_date(b["date"], country) == day:
            due.append(("birthday", b["customer_id"], b["contact_id"], day, {"note": b["name"]}))
    calls = _within_capacity(due, settings)
    due = [d for d in due if KINDS[d[0]].channel != "call" or d[1] in calls]
    busy = _salesperson_busy(reader, start, end)
    if not due:
        return build_day_plan([], settings, day, now, busy)
    feed = _Feed(reader, {d[1] for d in due}, now, history_of=calls)
    customers = _customers(reader, {d[1] for d in due})
    candidates = [
        Candidate(
            feed.callee(customers[cid], contact_id),
            kind,
            when,  # type: ignore[arg-type]
            feed.attempts(cid),
            **extra,
        )
        for kind, cid, contact_id, when, extra in due
    ]
    return build_day_plan(candidates, settings, day, now, busy)


def _within_capacity(
    due: list[tuple[str, int, int | None, date, dict[str, Any]]], settings: PlannerSettings
) -> set[int]:
    """The customers whose calls are planned: what a day could hold three times over.

    Placing or explaining each of thousands of due calls would take seconds and help no one;
    the rest stay due and come up on the following days. Letters and tasks are all kept.
    """
    minutes = sum(w.end - w.start for w in settings.calling_hours)
    room = 3 * max(minutes // max(settings.call_minutes, 1), 1)
    order = sorted(
        (KINDS[kind].priority, when, cid)
        for kind, cid, _, when, _ in due
        if KINDS[kind].channel == "call"
    )
    keep: set[int] = set()
    for _, _, cid in order:
        if len(keep) >= room:
            break
        keep.add(cid)
    return keep


def _birthdays_for(reader: Reader, day: date) -> list[dict[str, Any]]:
    from crmtui.services.desktop import upcoming_birthdays

    # a card is sent 7 days ahead (moved to a working day), a call is made on the day
    found = upcoming_birthdays(reader, today=day, days=10)
    if found:
        countries = _customers(reader, {b["customer_id"] for b in found})
        for b in found:
            b["country"] = countries[b["customer_id"]]["country"]
    return found


def next_call(reader: Reader, *, settings: PlannerSettings, now: datetime, customer_id: int) -> Any:
    """The next acceptable call time for one customer (after an outcome was logged)."""
    from crmtui.services.planner import next_slot

    feed = _Feed(reader, {customer_id}, now, history_of={customer_id})
    customer = _customers(reader, {customer_id})[customer_id]
    return next_slot(feed.callee(customer), feed.attempts(customer_id), settings, now)


def plan_as_data(plan: DayPlan) -> dict[str, Any]:
    """The plan as plain data: what ``--json`` prints and the screens show."""

    def who(callee: Callee) -> dict[str, Any]:
        return {
            "customer_id": callee.customer_id,
            "customer": callee.customer_name,
            "contact_id": callee.contact_id,
            "contact": callee.contact_name,
            "phones": list(callee.phones),
        }

    return {
        "day": plan.day,
        "zone": plan.zone,
        "calls": [
            who(i.callee)
            | {
                "at": i.slot.sales_start,
                "their_time": i.slot.callee_start.isoformat(),
                "their_zone": i.slot.callee_zone,
                "phone": i.slot.phone,
                "goal": i.goal,
                "kinds": list(i.kinds),
                "reasons": list(i.reasons),
                "flags": list(i.slot.flags),
                "tier": i.slot.tier,
                "refs": list(i.refs),
            }
            for i in plan.items
        ],
        "not_placed": [
            who(u.callee)
            | {
                "kinds": list(u.kinds),
                "goal": u.goal,
                "code": u.code,
                "reason": u.reason,
                "suggestion": u.suggestion,
                "refs": list(u.refs),
                "next_possible": u.next_slot.sales_start if u.next_slot else None,
            }
            for u in plan.unplaced
        ],
        "nurture": [
            who(n.callee)
            | {
                "unanswered": n.unanswered,
                "last_attempt": n.last_attempt,
                "reason": n.reason,
            }
            for n in plan.nurture
        ],
        "tasks": [
            who(t.callee)
            | {
                "kind": t.kind,
                "channel": t.channel,
                "goal": t.goal,
                "due": t.due,
                "reason": t.reason,
                "ref": t.ref,
            }
            for t in plan.tasks
        ],
    }
