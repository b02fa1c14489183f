"""The call plan of a day from the database: what ``crm plan``, the desktop's "today's calls"
and the planner screen show, so they always agree.

Every reason to act is read first (due follow-ups, new leads, keep-in-touch cadences, won deals,
birthdays, the care touches of orders and money); calls are kept for the customers a day can
hold, most urgent first, and only those customers' histories and slots are read.
Letters and cards become tasks.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple

from crmtui.clock import from_db, zone
from crmtui.db.reader import Reader
from crmtui.i18n import _
from crmtui.l10n import chinese
from crmtui.services.aftersale.rules import level_word, word
from crmtui.services.planning import feed
from crmtui.services.planning.money_feed import money_touches
from crmtui.services.planning.planner import (
    KINDS,
    Callee,
    Candidate,
    DayPlan,
    NoSlot,
    PlannerSettings,
    Slot,
    Unplaced,
    birthday_call_date,
    birthday_card_date,
    build_day_plan,
    complaint_follow_up_date,
    dissatisfied_call_date,
    keep_in_touch_date,
    service_reminder_date,
    thank_you_date,
)
from crmtui.services.planning.planner.explain import fmt_clock
from crmtui.services.planning.planner.plan import CALLEE_CODES
from crmtui.services.planning.planner.touches import SERVICE_REMINDER_BEFORE
from crmtui.services.planning.types import (
    FeedCustomer,
    NurtureRow,
    PlanCall,
    PlanData,
    PlanTask,
    UnplacedCall,
    Who,
)

if TYPE_CHECKING:
    from crmtui.services.planning.planner.memo import SearchMemo

# Service plans read ahead of the day: the reminder is 3 days before, later for holidays.
SERVICE_LOOKAHEAD = SERVICE_REMINDER_BEFORE + timedelta(days=14)


class Due(NamedTuple):
    """One reason to contact a customer on a day, before the planner places it."""

    kind: str
    customer: FeedCustomer
    contact_id: int | None
    when: date
    extra: dict[str, Any]
    contact_name: str | None = None

    @property
    def is_call(self) -> bool:
        return KINDS[self.kind].channel == "call"


def _instant(value: Any) -> datetime:
    at = from_db(value)
    assert at is not None
    return at


def due_on(reader: Reader, *, settings: PlannerSettings, now: datetime, day: date) -> list[Due]:
    """Everything due on or before ``day``."""
    tz = zone(settings.zone)
    start = datetime.combine(day, time(0), tzinfo=tz)
    due: list[Due] = []
    for r in feed.follow_ups(reader, start + timedelta(days=1)):
        at = _instant(r["due_at"])
        extra = {"due_at": at, "ref": r["ref"], "note": r["note"] or ""}
        due.append(Due("follow-up", r, r["contact_id"], at.astimezone(tz).date(), extra))
    for u in feed.unanswered_follow_ups(reader, start - timedelta(days=feed.NEW_LEAD_DAYS)):
        at = _instant(u["due_at"])
        tried = _instant(u["done_at"]).astimezone(tz)
        shown = fmt_clock(tried) if chinese() else f"{tried:%a %d %b %H:%M}"
        retry = _("no answer {at}, calling again").format(at=shown) + (
            _("; {note}").format(note=u["note"]) if u["note"] else ""
        )
        # no ref: the follow-up itself is done; the retry is the planner's own
        extra = {"due_at": at, "note": retry}
        due.append(Due("follow-up", u, u["contact_id"], at.astimezone(tz).date(), extra))
    for lead in feed.new_leads(reader, start - timedelta(days=feed.NEW_LEAD_DAYS)):
        created = _instant(lead["created_at"]).astimezone(tz).date()
        due.append(Due("new-lead", lead, None, created, {}))
    for quiet in feed.keep_in_touch(reader, settings, now):
        last = _instant(quiet["last_contact_at"]).astimezone(tz).date()
        when = keep_in_touch_date(last, quiet["grade"], settings)
        note = {"note": _("no touch for {days} days").format(days=(day - last).days)}
        due.append(Due("keep-in-touch", quiet, None, when, note))
    for win in feed.recent_wins(reader, start - timedelta(days=7)):
        won = _instant(win["closed_at"]).astimezone(tz).date()
        extra = {"ref": win["ref"], "note": win["title"]}
        due.append(Due("thank-you", win, None, thank_you_date(won, win["country"]), extra))
    due += _birthday_touches(reader, day)
    for touch in money_touches(reader, settings=settings, day=day):
        extra = {"note": touch["note"]}
        due.append(Due(touch["kind"], touch["customer"], None, touch["when"], extra))
    due += _aftersale_touches(reader, day, start)
    return due


def _date(value: Any) -> date:
    """A stored date: ISO text from SQLite's plain reader, a date from PostgreSQL."""
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _aftersale_touches(reader: Reader, day: date, start: datetime) -> list[Due]:
    """Complaint follow-ups after the promised date, service reminders a few days before the
    service is due, and a call the day after a rating dropped to dissatisfied or worse."""
    tz = start.tzinfo
    due: list[Due] = []
    for k in feed.complaint_follow_ups(reader, day):
        promised = _date(k["promised_by"])
        note = _("complaint {id} ({category}): solution promised by {day}").format(
            id=k["ref"], category=word(k["category"]), day=promised.isoformat()
        )
        when = complaint_follow_up_date(promised, k["country"])
        due.append(Due("complaint", k, k["contact_id"], when, {"ref": k["ref"], "note": note}))
    plans = feed.services_due(reader, day + SERVICE_LOOKAHEAD)
    reached = feed.last_reached(reader, {p["id"] for p in plans})
    for p in plans:
        next_due = _date(p["next_due"])
        when = service_reminder_date(next_due, p["country"])
        last = reached.get(p["id"])
        if when > day or (last is not None and last.astimezone(tz).date() >= when):
            continue  # not yet, or the customer was reached since the reminder fell due
        note = _("{kind} due {day}").format(kind=word(p["kind"]), day=next_due.isoformat())
        due.append(Due("service", p, None, when, {"ref": p["ref"], "note": note}))
    for d in feed.satisfaction_drops(reader, start - timedelta(days=feed.DROP_DAYS)):
        rated = _instant(d["at"]).astimezone(tz).date()
        note = _("rated {level} on {day}").format(
            level=level_word(d["level"]), day=rated.isoformat()
        )
        when = dissatisfied_call_date(rated, d["country"])
        due.append(Due("dissatisfied", d, None, when, {"ref": d["ref"], "note": note}))
    return due


def _birthday_touches(reader: Reader, day: date) -> list[Due]:
    """A card when the birthday is 7 days ahead (on a working day), a call on the day."""
    from crmtui.services.contacts.birthdays_soon import upcoming_birthdays

    found = upcoming_birthdays(reader, today=day, days=10)
    if not found:
        return []
    customers = feed.customers_by_id(reader, {b["customer_id"] for b in found})
    touches = []
    for b in found:
        customer = customers[b["customer_id"]]
        note = {"note": b["name"]}
        if birthday_card_date(b["date"], customer["country"]) == day:
            touches.append(Due("birthday-card", customer, b["contact_id"], day, note, b["name"]))
        if birthday_call_date(b["date"], customer["country"]) == day:
            touches.append(Due("birthday", customer, b["contact_id"], day, note))
    return touches


def callers_capacity(due: list[Due], settings: PlannerSettings) -> set[int]:
    """The customers whose calls are planned: what a day could hold three times over.

    Placing or explaining each of thousands of due calls would take seconds and help no one;
    the rest stay due and come up on the following days.
    """
    minutes = sum(w.end - w.start for w in settings.calling_hours)
    room = 3 * max(minutes // max(settings.call_minutes, 1), 1)
    order = sorted((KINDS[d.kind].priority, d.when, d.customer["id"]) for d in due if d.is_call)
    keep: set[int] = set()
    for _rank, _when, cid in order:
        if len(keep) >= room:
            break
        keep.add(cid)
    return keep


def day_plan(
    reader: Reader,
    *,
    settings: PlannerSettings,
    now: datetime,
    day: date | None = None,
    explain_unplaced: bool = True,
) -> DayPlan:
    """The call plan of ``day`` (default: today in the salesperson's zone).

    ``explain_unplaced=False`` skips looking ahead for calls that do not fit (the desktop shows
    only the placed calls).
    """
    return planned_day(
        reader, settings=settings, now=now, day=day, explain_unplaced=explain_unplaced
    ).plan


class PlannedDay(NamedTuple):
    """A day plan with what its validity depends on: the customers whose calls were planned
    (their call histories, read back to ``now - HISTORY_DAYS``, shaped it)."""

    plan: DayPlan
    callers: set[int]


def planned_day(
    reader: Reader,
    *,
    settings: PlannerSettings,
    now: datetime,
    day: date | None = None,
    explain_unplaced: bool = True,
    memo: SearchMemo | None = None,
) -> PlannedDay:
    """:func:`day_plan`, and the customers it planned calls for (for the plan cache); ``memo``
    reads back the slot searches made with the same inputs before."""
    tz = zone(settings.zone)
    day = day or now.astimezone(tz).date()
    due = due_on(reader, settings=settings, now=now, day=day)
    plan = _plan_of(reader, due, settings, now, day, explain_unplaced, memo)
    return PlannedDay(plan, callers_capacity(due, settings))


def _plan_of(
    reader: Reader,
    due: list[Due],
    settings: PlannerSettings,
    now: datetime,
    day: date,
    explain_unplaced: bool,
    memo: SearchMemo | None = None,
) -> DayPlan:
    tz = zone(settings.zone)
    callers = callers_capacity(due, settings)
    calls = feed.CallFeed(reader, callers, now) if callers else None
    candidates = []
    waiting: dict[int, Due] = {}
    for d in due:
        if d.is_call and d.customer["id"] not in callers:
            if d.when <= day:
                waiting.setdefault(d.customer["id"], d)
            continue
        if d.is_call and calls is not None:
            callee = calls.callee(d.customer, d.contact_id)
            history = calls.attempts(d.customer["id"])
        else:
            callee = Callee(d.customer["id"], d.customer["name"], d.contact_name)
            history = ()
        candidates.append(Candidate(callee, d.kind, d.when, history, **d.extra))  # type: ignore[arg-type]
    start = datetime.combine(day, time(0), tzinfo=tz)
    busy = feed.salesperson_busy(reader, start, start + timedelta(days=1))
    plan = build_day_plan(
        candidates, settings, day, now, busy, explain_unplaced=explain_unplaced, memo=memo
    )
    if not waiting:
        return plan
    return replace(plan, unplaced=plan.unplaced + tuple(_over_capacity(waiting, len(callers))))


def _over_capacity(waiting: dict[int, Due], kept: int) -> list[Unplaced]:
    """The due calls left out before planning (more than a day holds), listed with that reason:
    nothing due may vanish from the plan without a word."""
    out = []
    for cid in sorted(waiting, key=lambda c: (KINDS[waiting[c].kind].priority, waiting[c].when, c)):
        d = waiting[cid]
        callee = Callee(cid, d.customer["name"], d.contact_name)
        reason = _(
            "more calls are due than a day holds: the {kept} most urgent were planned first"
        ).format(kept=kept)
        out.append(
            Unplaced(
                callee,
                (d.kind,),
                KINDS[d.kind].goal_text(),
                "capacity",
                reason,
                _("it stays due and comes up on the coming days"),
                KINDS[d.kind].priority,
                None,
                (d.extra["ref"],) if d.extra.get("ref") is not None else (),
            )
        )
    return out


def next_call(
    reader: Reader, *, settings: PlannerSettings, now: datetime, customer_id: int
) -> Slot | NoSlot:
    """When the plan calls this customer next (after an outcome was logged), or why it does not.

    The answer is read off the day plans themselves — the first day within the horizon whose
    plan holds a call to them — so what ``crm log`` promises is what ``crm plan`` shows.
    """
    from crmtui.services.planning.planner.slot_search import next_slot

    calls = feed.CallFeed(reader, {customer_id}, now)
    customer = feed.customers_by_id(reader, {customer_id})[customer_id]
    alone = next_slot(calls.callee(customer), calls.attempts(customer_id), settings, now)
    if isinstance(alone, NoSlot) and alone.code in CALLEE_CODES:
        return alone  # stopped, nurture, no phone...: no day's plan would call them
    today = now.astimezone(zone(settings.zone)).date()
    for offset in range(settings.horizon_days):
        day = today + timedelta(days=offset)
        due = due_on(reader, settings=settings, now=now, day=day)
        if not any(d.is_call and d.customer["id"] == customer_id for d in due):
            continue  # reading what is due is cheap; planning the day is not
        plan = _plan_of(reader, due, settings, now, day, explain_unplaced=False)
        for item in plan.items:
            if item.callee.customer_id == customer_id:
                return item.slot
        for n in plan.nurture:
            if n.callee.customer_id == customer_id:
                return NoSlot("nurture", n.reason, "")
    days = settings.horizon_days
    return NoSlot(
        "not-due",
        _("no call to them is due in the next {days} days").format(days=days),
        _("plan one with crm follow-up"),
    )


def plan_as_data(plan: DayPlan) -> PlanData:
    """The plan as plain data: what ``--json`` prints and the screens show."""

    def who(callee: Callee) -> Who:
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
            PlanCall(
                **who(i.callee),
                at=i.slot.sales_start,
                their_time=i.slot.callee_start.isoformat(),
                their_zone=i.slot.callee_zone,
                phone=i.slot.phone,
                goal=i.goal,
                kinds=list(i.kinds),
                reasons=list(i.reasons),
                flags=list(i.slot.flags),
                tier=i.slot.tier,
                refs=list(i.refs),
                action_id=i.action,
            )
            for i in plan.items
        ],
        "not_placed": [
            UnplacedCall(
                **who(u.callee),
                kinds=list(u.kinds),
                goal=u.goal,
                code=u.code,
                reason=u.reason,
                suggestion=u.suggestion,
                refs=list(u.refs),
                action_id=u.action,
                next_possible=u.next_slot.sales_start if u.next_slot else None,
            )
            for u in plan.unplaced
        ],
        "nurture": [
            NurtureRow(
                **who(n.callee),
                unanswered=n.unanswered,
                last_attempt=n.last_attempt,
                reason=n.reason,
            )
            for n in plan.nurture
        ],
        "tasks": [
            PlanTask(
                **who(t.callee),
                kind=t.kind,
                channel=t.channel,
                goal=t.goal,
                due=t.due,
                reason=t.reason,
                ref=t.ref,
            )
            for t in plan.tasks
        ],
    }
