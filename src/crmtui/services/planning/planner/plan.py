"""The day plan: who to call today, at what time, and why.

Candidates due on or before the day are grouped per customer (one call covers all of a
customer's reasons; the daily cap is per customer), placed greedily in priority order — new
leads first, then follow-ups, complaints, care calls, keep-in-touch calls — each into the best
free time of the salesperson's day, and finally listed in time order. Touches that are not calls
(letters, cards, credit reviews) become tasks without a time. The result depends only on the
arguments, not on their order, so the same data and ``now`` always give the same plan.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime, tzinfo
from types import ModuleType
from typing import TYPE_CHECKING

from crmtui.clock import zone
from crmtui.i18n import _, ngettext
from crmtui.services.activities.answering import answered_follow_up
from crmtui.services.planning.planner.explain import day_bounds, fmt_clock, fmt_day
from crmtui.services.planning.planner.learning import learn
from crmtui.services.planning.planner.model import Attempt, Candidate, PlannerSettings
from crmtui.services.planning.planner.results import (
    DayPlan,
    NoSlot,
    NurtureItem,
    PlanItem,
    Slot,
    Task,
    Unplaced,
)
from crmtui.services.planning.planner.windows import Interval

if TYPE_CHECKING:
    from crmtui.services.planning.planner.memo import SearchMemo

# Codes for which looking at later days cannot help: the callee itself is the problem.
CALLEE_CODES = frozenset({"stopped", "nurture", "no-phone", "wrong-number", "unknown-zone"})


def _key(c: Candidate) -> tuple[object, ...]:
    """A total order on candidates, so the plan does not depend on the input order."""
    at = c.due_at.timestamp() if c.due_at else float("-inf")
    return (
        c.rank,
        c.due,
        at,
        c.callee.customer_id,
        c.callee.contact_id or 0,
        c.callee.contact_name or "",
        c.kind,
        c.ref if c.ref is not None else -1,
        c.goal or "",
        c.note,
    )


def why(c: Candidate, day: date, tz: tzinfo, this_year: int | None = None) -> str:
    """Why this candidate is on the plan for ``day``, in words (times shown in ``tz``; a date
    not in ``this_year``, by default the day's, shows its year)."""
    this_year = this_year or day.year
    late = (day - c.due).days
    when = fmt_day(c.due, this_year)
    text = {
        "new-lead": _("new lead since {when}: call as soon as the rules allow"),
        "follow-up": _("follow-up due {when}"),
        "complaint": _("complaint follow-up due {when}"),
        "satisfaction": _("satisfaction call 7 days after delivery"),
        "dissatisfied": _("satisfaction dropped: call them back the next day"),
        "service": _("service reminder a few days before it is due"),
        "birthday": _("birthday today"),
        "keep-in-touch": _("keep-in-touch call due {when}"),
        "thank-you": _("thank-you letter the day after the deal was won"),
        "birthday-card": _("birthday in 7 days: time to send a card"),
        "credit-review": _("credit rating is 6 months old"),
        "payment-reminder": _("payment reminder 3 days before the due date"),
        "payment-overdue": _("payment overdue: first working day after the due date"),
        "first-order": _("thank-you letter the day after their first order"),
    }[c.kind].format(when=when)
    if c.kind == "birthday" and c.due != day:
        text = _("birthday on {when}").format(when=when)
    if c.kind == "follow-up" and c.due_at is not None:
        text = _("follow-up due {when}").format(when=fmt_clock(c.due_at.astimezone(tz), this_year))
    if late > 0 and c.kind != "new-lead":
        text += ngettext(" (overdue by {n} day)", " (overdue by {n} days)", late).format(n=late)
    return _("{reason}; {note}").format(reason=text, note=c.note) if c.note else text


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


def _history(group: Sequence[Candidate]) -> tuple[Attempt, ...]:
    """The customer's attempts, once each, from the histories of all its candidates.

    The candidates of one customer carry copies of the same history, so it is merged as a
    multiset (each attempt as often as the fullest copy has it), not as a set: two calls logged
    at the same minute are two attempts and both count towards the daily cap.
    """
    counts: dict[tuple[datetime, str, str | None], int] = {}
    first: dict[tuple[datetime, str, str | None], Attempt] = {}
    for c in group:
        mine = Counter((a.at, a.outcome, a.phone) for a in c.history)
        for k, n in mine.items():
            counts[k] = max(counts.get(k, 0), n)
        for a in c.history:
            first.setdefault((a.at, a.outcome, a.phone), a)
    ordered = sorted(counts, key=lambda k: (k[0], k[1], k[2] or ""))
    return tuple(first[k] for k in ordered for _ in range(counts[k]))


def _action(group: Sequence[Candidate], start: datetime, end: datetime) -> int | None:
    """The follow-up the day's call answers, so that logging the call closes that one."""
    pairs = [
        (c.ref, c.due_at)
        for c in group
        if c.kind == "follow-up" and c.ref is not None and c.due_at is not None
    ]
    return answered_follow_up(pairs, start, end)


def _next_hint(slot: Slot) -> str:
    theirs = slot.callee_start.strftime("%H:%M")
    return _("next possible: {at} your time ({theirs} {zone})").format(
        at=fmt_clock(slot.sales_start), theirs=theirs, zone=slot.callee_zone
    )


def _slot_search() -> ModuleType:
    """Imported when used: with a memo whose searches are all kept, the search (and the phone
    number and holiday data it loads) is not needed."""
    from crmtui.services.planning.planner import slot_search

    return slot_search


def build_day_plan(
    candidates: Iterable[Candidate],
    settings: PlannerSettings,
    day: date,
    now: datetime,
    busy_sales: Sequence[Interval] = (),
    *,
    explain_unplaced: bool = True,
    memo: SearchMemo | None = None,
) -> DayPlan:
    """Plan the salesperson's calls for ``day`` (a date in their zone) as seen at ``now``.

    Candidates due after ``day`` are left out. ``busy_sales`` are the salesperson's already
    planned actions; planned calls are kept apart from them and from each other. Without
    ``explain_unplaced`` a call that does not fit is listed with today's reason only, without
    the look-ahead for when it would fit (that look-ahead is most of the cost of a full plan).
    ``memo`` reads back the searches made before with the same inputs (the plan is the same).
    """
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    sz = zone(settings.zone)
    start, end = day_bounds(day, sz)
    year = now.astimezone(sz).year

    tasks: list[Task] = []
    groups: dict[int, list[Candidate]] = {}
    for c in sorted(candidates, key=_key):
        if c.due > day or (c.due_at is not None and c.due_at >= end):
            continue
        if c.info.channel != "call":
            reason = why(c, day, sz, year)
            tasks.append(
                Task(c.callee, c.kind, c.info.channel, c.effective_goal, c.due, reason, c.ref)
            )
            continue
        groups.setdefault(c.callee.customer_id, []).append(c)

    items: list[PlanItem] = []
    unplaced: list[Unplaced] = []
    nurture: list[NurtureItem] = []
    occupied = list(busy_sales)
    for group in sorted(groups.values(), key=lambda g: _key(g[0])):
        lead = group[0]
        history = _history(group)
        kinds = _unique(c.kind for c in group)
        goal = _("; ").join(_unique(c.effective_goal for c in group))
        reasons = _unique(why(c, day, sz, year) for c in group)
        refs = tuple(c.ref for c in group if c.ref is not None)
        pinned = [c.due_at for c in group if c.due_at is not None and c.due_at >= start]
        urgent = any(c.info.urgent for c in group)
        found = (memo.slot_on_day if memo is not None else _slot_search().slot_on_day)(
            lead.callee,
            history,
            settings,
            day,
            now,
            occupied,
            urgent=urgent,
            not_before=min(pinned) if pinned else None,
        )
        if isinstance(found, Slot):
            action = _action(group, start, end)
            items.append(
                PlanItem(
                    lead.callee,
                    kinds,
                    goal,
                    found,
                    reasons + found.reasons,
                    lead.rank,
                    refs,
                    action,
                )
            )
            label = _("a call to {who}").format(who=lead.callee.display)
            occupied.append(Interval(found.start, found.end, label))
            continue
        if found.code == "nurture":
            learned = learn(history, sz, settings)
            streak, last = learned.unanswered_streak, learned.last_attempt
            nurture.append(NurtureItem(lead.callee, kinds, streak, last, found.reason, refs))
            continue
        if not explain_unplaced:
            unplaced.append(
                Unplaced(
                    lead.callee,
                    kinds,
                    goal,
                    found.code,
                    found.reason,
                    found.suggestion,
                    lead.rank,
                    None,
                    refs,
                    _action(group, start, end),
                )
            )
            continue
        later = _unplaced(
            lead,
            history,
            settings,
            found,
            max(end, now),
            busy_sales,
            kinds,
            goal,
            refs,
            urgent,
            memo.next_slot if memo is not None else _slot_search().next_slot,
        )
        unplaced.append(replace(later, action=_action(group, start, end)))

    items.sort(key=lambda i: (i.slot.start, i.priority, i.callee.customer_id))
    unplaced.sort(key=lambda u: (u.priority, u.callee.customer_id))
    nurture.sort(key=lambda n: n.callee.customer_id)
    tasks.sort(key=lambda t: (t.due, t.callee.customer_id, t.kind, t.ref or 0))
    return DayPlan(day, settings.zone, tuple(items), tuple(unplaced), tuple(nurture), tuple(tasks))


def _unplaced(
    lead: Candidate,
    history: tuple[Attempt, ...],
    settings: PlannerSettings,
    found: NoSlot,
    after: datetime,
    busy_sales: Sequence[Interval],
    kinds: tuple[str, ...],
    goal: str,
    refs: tuple[int, ...],
    urgent: bool,
    search: Callable[..., Slot | NoSlot],
) -> Unplaced:
    """Say why a due call does not fit the day and when it would."""
    code, reason, suggestion = found.code, found.reason, found.suggestion
    later: Slot | NoSlot | None = None
    if code not in CALLEE_CODES:
        later = search(lead.callee, history, settings, after, busy_sales, urgent=urgent)
        if isinstance(later, Slot):
            suggestion = _next_hint(later)
        else:
            if code == "day-over":
                # the rest of today is gone: the deeper reason is the one for the coming days
                code, reason = later.code, later.reason
            suggestion = later.suggestion or suggestion
    return Unplaced(
        lead.callee,
        kinds,
        goal,
        code,
        reason,
        suggestion,
        lead.rank,
        later if isinstance(later, Slot) else None,
        refs,
    )
