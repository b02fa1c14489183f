"""The call plan of a day from the database: what ``crm plan``, the desktop's "today's calls"
and the planner screen show, so they always agree.

Every reason to act is read first (``due.py``: due follow-ups, new leads, keep-in-touch
cadences, won deals, birthdays, the care touches of orders and money); calls are kept for the
customers a day can hold, most urgent first, and only those customers' histories and slots are
read. Letters and cards become tasks.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, NamedTuple

from crmtui.clock import zone
from crmtui.db.reader import Reader
from crmtui.i18n import _
from crmtui.services.planning import feed
from crmtui.services.planning.due import Due, due_on
from crmtui.services.planning.planner import (
    KINDS,
    Callee,
    Candidate,
    DayPlan,
    NoSlot,
    PlannerSettings,
    Slot,
    Unplaced,
    build_day_plan,
)
from crmtui.services.planning.planner.plan import CALLEE_CODES
from crmtui.services.planning.types import (
    NurtureRow,
    PlanCall,
    PlanData,
    PlanTask,
    UnplacedCall,
    Who,
)

if TYPE_CHECKING:
    from crmtui.services.planning.planner.memo import SearchMemo

__all__ = ["Due", "PlannedDay", "day_plan", "due_on", "next_call", "plan_as_data", "planned_day"]


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
