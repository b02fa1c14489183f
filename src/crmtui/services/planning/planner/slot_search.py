"""Finding a call time: the next acceptable slot in the coming days, or the best one on a day.

The search walks the salesperson's days in order over a grid of start times (every
``step_minutes``) that lie inside the salesperson's calling hours. The first day with any
acceptable time wins — speed matters more than the hour — and within it the best time is the
one in the best kind of window (preferred, then normal hours, then off-peak; off-peak first after
repeated failures), then with the best learned score, then the earliest.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from functools import lru_cache

from crmtui.clock import zone
from crmtui.i18n import N_, _, translate
from crmtui.l10n import weekday as day_name
from crmtui.services.planning.planner.call_rules import CallContext
from crmtui.services.planning.planner.explain import (
    STAGE_CALENDAR,
    STAGE_HOURS,
    STAGE_OK,
    Point,
    ceil_to_step,
    day_bounds,
    fmt_day,
    local_minutes,
    overlap_suggestion,
    overlap_text,
    summarize,
)
from crmtui.services.planning.planner.model import Attempt, Callee, PlannerSettings
from crmtui.services.planning.planner.results import NoSlot, Slot
from crmtui.services.planning.planner.windows import Interval, Window, intersect_windows

_MAX_REASONS = 8
# translated when a suggestion is made (``translate``), as the language may change at run time
_SUGGEST = {
    "legal-day": N_("the law allows no calls that day there; the next allowed day will do"),
    "holiday": N_("call on their next working day"),
    "closed": N_("call on their next working day"),
    "your-day-off": N_("call on your next working day, or set planner_own_workdays_only to false"),
    "cap": N_("they have had the most calls allowed today; try tomorrow"),
    "legal-cap": N_("wait until the oldest of the recent attempts is out of the legal window"),
    "refusal": N_("wait until the legal quiet period after their refusal is over"),
    "busy": N_("ask them for a better time and record it as a preferred window"),
    "do-not-call": N_("wait until their do-not-call time is over"),
    "gap": N_("leave more time between attempts"),
    "your-busy": N_("move one of your planned actions or widen calling_hours"),
    "day-over": N_("plan tomorrow, or widen calling_hours"),
}


def _suggest(code: str) -> str:
    return translate(_SUGGEST[code]) if code in _SUGGEST else ""


def _aware(moment: datetime, name: str) -> None:
    if moment.tzinfo is None:
        raise ValueError(f"{name} must be an aware datetime")


@lru_cache(maxsize=64)
def _calling_grid(
    lo: datetime,
    hi: datetime,
    step_minutes: int,
    call_minutes: int,
    zone_key: str,
    hours: tuple[Window, ...],
) -> tuple[datetime, ...]:
    """The grid times of a day at which a call fits the salesperson's calling hours: the same
    for every callee, so it is worked out once per day and settings, not per search."""
    sales_zone = zone(zone_key)
    call = timedelta(minutes=call_minutes)
    step = timedelta(minutes=step_minutes)
    t = ceil_to_step(lo, step_minutes)
    found: list[datetime] = []
    while t < hi:
        _local, m0, m1 = local_minutes(t, t + call, sales_zone)
        if any(w.contains(m0, m1) for w in hours):
            found.append(t)
        t += step
    return tuple(found)


def _search_day(ctx: CallContext, day: date, start: datetime) -> tuple[Point | None, list[Point]]:
    lo, hi = day_bounds(day, ctx.sales_zone)
    s = ctx.settings
    # the grid is aligned in UTC, so the times from ``first`` on are those of the whole day's
    first = ceil_to_step(max(lo, start), s.step_minutes)
    grid = _calling_grid(lo, hi, s.step_minutes, s.call_minutes, s.zone, s.calling_hours)
    points = [ctx.evaluate(t) for t in grid if t >= first]
    ok = [p for p in points if p.stage == STAGE_OK]
    best = min(ok, key=lambda p: (p.rank, round(p.score, 6), p.t)) if ok else None
    return best, points


def _callee_day(ctx: CallContext, day: date) -> date:
    """The callee's date at the start of the salesperson's calling hours on ``day``."""
    lo, _hi = day_bounds(day, ctx.sales_zone)
    first = min(w.start for w in ctx.settings.calling_hours)
    moment = lo.astimezone(ctx.sales_zone) + timedelta(minutes=first)
    return moment.astimezone(ctx.primary).date()


def _overlap(ctx: CallContext, day: date) -> tuple[str, str]:
    if ctx.resolved.ambiguous:
        n, phone = len(ctx.zones), ctx.resolved.phone
        return (
            _(
                "no overlap: no time in your calling hours suits all {n} time zones of {phone}"
            ).format(n=n, phone=phone),
            _("set their time zone on the card ({phone} may be in {n} zones)").format(
                n=n, phone=phone
            ),
        )
    cday = _callee_day(ctx, day)
    their = ctx.their_hours(cday.weekday())
    s = ctx.settings
    legal = ctx.rule.describe(cday.weekday())
    text = overlap_text(s.calling_hours, day, ctx.sales_zone, ctx.primary, their, legal)
    target = intersect_windows(ctx.rule.windows(cday.weekday()), s.normal_hours) or their
    return text, overlap_suggestion(s.calling_hours, cday, ctx.sales_zone, ctx.primary, target)


def _day_verdict(ctx: CallContext, day: date, points: list[Point]) -> tuple[str, str, str]:
    """Code, reason and suggestion for a day on which nothing fits."""
    if not points:
        text = _("no time left in your calling hours on {day}").format(day=fmt_day(day))
        return "day-over", text, _suggest("day-over")
    stage, code, texts = summarize(points)
    if stage == STAGE_HOURS and code == "no-overlap":
        text, suggestion = _overlap(ctx, day)
        return code, text, suggestion
    if code == "your-busy":
        text = _(
            "the times that suit them on {day} are taken by your other calls and actions"
        ).format(day=fmt_day(day))
        return code, text, _suggest(code)
    return code, _("; ").join(texts[:3]) or code, _suggest(code)


def _make_slot(ctx: CallContext, best: Point, earlier: list[Point]) -> Slot:
    local = best.t.astimezone(ctx.primary)
    wd = local.weekday()
    reasons = [
        _("{day} {at} is in {window}").format(
            day=day_name(wd), at=local.strftime("%H:%M"), window=best.window
        )
    ]
    if best.tier == "off-peak" and ctx.learned.offpeak_first:
        reasons.append(ctx.learned.offpeak_note)
    reasons.append(ctx.rule.describe(wd))
    if ctx.resolved.source == "phone" and ctx.resolved.note:
        reasons.append(ctx.resolved.note)
    reasons.extend(best.notes)
    avoided: list[str] = []
    for p in earlier:
        if p.stage >= STAGE_CALENDAR and p.stage != STAGE_OK:
            avoided.extend(text for _, text in p.codes if text)
        elif p.stage == STAGE_OK and p.rank == best.rank and p.penalty > best.penalty + 1e-9:
            avoided.append(_("kept away from the times of earlier failed calls"))
    for text in avoided:
        if text not in reasons:
            reasons.append(text)
    flags = ("zone-uncertain",) if ctx.resolved.ambiguous else ()
    return Slot(
        start=best.t,
        end=best.t + ctx.call,
        sales_start=best.t.astimezone(ctx.sales_zone),
        callee_start=local,
        callee_zone=ctx.primary.key,
        tier=best.tier,
        reasons=tuple(reasons[:_MAX_REASONS]),
        flags=flags,
        phone=ctx.resolved.phone or (ctx.phones[0] if ctx.phones else None),
    )


def _no_slot(ctx: CallContext, verdicts: list[tuple[date, str, str, str]], days: int) -> NoSlot:
    counts = Counter(code for _, code, _, _ in verdicts)
    code = counts.most_common(1)[0][0]
    _day, _code, text, suggestion = next(v for v in verdicts if v[1] == code)
    details = _compress([(d, t) for d, _, t, _ in verdicts])
    flags = ("zone-uncertain",) if ctx.resolved.ambiguous else ()
    text = _("nothing fits in the next {days} days: {reason}").format(days=days, reason=text)
    return NoSlot(code, text, suggestion, details, flags)


def _compress(days: list[tuple[date, str]]) -> tuple[str, ...]:
    """``"Tue 10 Mar–Sun 22 Mar: reason"``: consecutive days with the same reason joined."""
    runs: list[tuple[date, date, str]] = []
    for day, text in days:
        if runs and runs[-1][2] == text and runs[-1][1] + timedelta(days=1) == day:
            runs[-1] = (runs[-1][0], day, text)
        else:
            runs.append((day, day, text))
    return tuple(f"{fmt_day(a)}{'' if a == b else '–' + fmt_day(b)}: {text}" for a, b, text in runs)


def next_slot(
    callee: Callee,
    history: Sequence[Attempt],
    settings: PlannerSettings,
    after: datetime,
    busy_sales: Sequence[Interval] = (),
    *,
    urgent: bool = True,
) -> Slot | NoSlot:
    """The first acceptable call time at or after ``after`` within ``settings.horizon_days``.

    ``busy_sales`` are the salesperson's already planned actions. ``urgent`` (new leads,
    follow-ups) ignores the small research-based nudges, so the earliest good time wins.
    """
    _aware(after, "after")
    ctx = CallContext(callee, history, settings, busy_sales, urgent=urgent)
    blocked = ctx.blocked()
    if blocked is not None:
        return blocked
    first = after.astimezone(ctx.sales_zone).date()
    earlier: list[Point] = []
    verdicts: list[tuple[date, str, str, str]] = []
    for offset in range(settings.horizon_days):
        day = first + timedelta(days=offset)
        best, points = _search_day(ctx, day, after)
        if best is not None:
            return _make_slot(ctx, best, earlier + [p for p in points if p.t < best.t])
        earlier.extend(p for p in points if p.stage >= STAGE_CALENDAR)
        verdicts.append((day, *_day_verdict(ctx, day, points)))
    return _no_slot(ctx, verdicts, settings.horizon_days)


def slot_on_day(
    callee: Callee,
    history: Sequence[Attempt],
    settings: PlannerSettings,
    day: date,
    now: datetime,
    busy_sales: Sequence[Interval] = (),
    *,
    urgent: bool = True,
    not_before: datetime | None = None,
) -> Slot | NoSlot:
    """The best call time on the salesperson's ``day``, not before ``now`` (nor ``not_before``).

    When nothing fits, the NoSlot says why for that day (code, reason, suggestion).
    """
    _aware(now, "now")
    ctx = CallContext(callee, history, settings, busy_sales, urgent=urgent)
    blocked = ctx.blocked()
    if blocked is not None:
        return blocked
    lo, _hi = day_bounds(day, ctx.sales_zone)
    start = max(lo, now, not_before or lo)
    best, points = _search_day(ctx, day, start)
    if best is not None:
        return _make_slot(ctx, best, [p for p in points if p.t < best.t])
    code, text, suggestion = _day_verdict(ctx, day, points)
    flags = ("zone-uncertain",) if ctx.resolved.ambiguous else ()
    return NoSlot(code, text, suggestion, (), flags)
