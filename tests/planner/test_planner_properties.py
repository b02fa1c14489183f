"""Property tests: for random callees, zones, histories and dates the planner never breaks a
hard rule, and its output is sorted and deterministic."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import holidays
from hypothesis import HealthCheck, event, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from crmtui.services.planning.planner import (
    Attempt,
    Callee,
    Candidate,
    PlannerSettings,
    Slot,
    WeeklySlot,
    Window,
    build_day_plan,
    legal_rule,
    next_slot,
    resolve_zone,
)

CALLEE_ZONES = {
    "America/New_York": ("US", "+1 212 555 0100"),
    "America/Los_Angeles": ("US", "+1 415 555 0100"),
    "America/Toronto": ("CA", "+1 416 555 0100"),
    "Europe/Paris": ("FR", "+33 1 23 45 67 89"),
    "Europe/London": ("GB", "+44 20 7946 0000"),
    "Australia/Sydney": ("AU", "+61 2 9999 0000"),
    "Asia/Shanghai": ("CN", "+86 10 6552 9988"),
    "Asia/Kolkata": ("IN", "+91 22 2222 2222"),
    "America/St_Johns": ("CA", "+1 709 555 0100"),
}
SALES_ZONES = ["Asia/Shanghai", "America/New_York", "Europe/Berlin", "Asia/Kathmandu", "UTC"]
OUTCOMES = ["no-answer", "busy", "voicemail", "reached", "call-back", "appointment"]
PROFILE = hsettings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

windows = st.builds(
    lambda start, length: Window(start * 15, min(1440, start * 15 + length * 15)),
    st.integers(0, 90),
    st.integers(1, 16),
)
weekly = st.builds(WeeklySlot, st.one_of(st.none(), st.integers(0, 6)), windows)


@st.composite
def callees(draw: st.DrawFn, cid: int = 1) -> Callee:
    zone = draw(st.sampled_from(sorted(CALLEE_ZONES)))
    country, phone = CALLEE_ZONES[zone]
    from_phone = draw(st.booleans())
    return Callee(
        customer_id=cid,
        customer_name=f"C{cid}",
        phones=(phone,),
        zone=None if from_phone else zone,
        country=draw(st.sampled_from([None, country])),
        kind=draw(st.sampled_from(["business", "consumer"])),
        busy=tuple(draw(st.lists(weekly, max_size=3))),
        preferred=tuple(draw(st.lists(weekly, max_size=2))),
        do_not_call=tuple(draw(st.lists(weekly, max_size=1))),
    )


moments = st.datetimes(
    min_value=datetime(2025, 12, 1), max_value=datetime(2026, 12, 31), timezones=st.just(UTC)
)


@st.composite
def histories(draw: st.DrawFn, after: datetime) -> tuple[Attempt, ...]:
    offsets = draw(st.lists(st.integers(-20 * 24 * 60, 0), max_size=5))
    return tuple(
        Attempt(after + timedelta(minutes=m), draw(st.sampled_from(OUTCOMES))) for m in offsets
    )


@st.composite
def planner_settings(draw: st.DrawFn) -> PlannerSettings:
    start = draw(st.integers(0, 20)) * 60
    length = draw(st.integers(2, 16)) * 60
    return PlannerSettings(
        zone=draw(st.sampled_from(SALES_ZONES)),
        country=draw(st.sampled_from(["CN", "US", "DE", None])),
        calling_hours=(Window(start, min(1440, start + length)),),
        own_workdays_only=draw(st.booleans()),
        consumer_weekends=draw(st.booleans()),
        horizon_days=draw(st.integers(1, 14)),
    )


def minutes(moment: datetime) -> int:
    return moment.hour * 60 + moment.minute


def check_slot(
    slot: Slot, callee: Callee, history: tuple[Attempt, ...], s: PlannerSettings, after: datetime
) -> None:
    """Every hard rule, checked independently of how the planner found the slot."""
    assert slot.start >= after
    assert slot.end - slot.start == timedelta(minutes=s.call_minutes)
    own = slot.start.astimezone(ZoneInfo(s.zone))
    own_end = slot.end.astimezone(ZoneInfo(s.zone))
    span = (minutes(own), minutes(own) + s.call_minutes)
    assert own.date() == own_end.date() or minutes(own_end) == 0
    assert any(w.start <= span[0] and span[1] <= w.end for w in s.calling_hours)
    if s.own_workdays_only and s.country:
        cal = holidays.country_holidays(s.country, years=own.year)
        assert own.date() not in cal

    resolved = resolve_zone(callee.zone, callee.phones, callee.country, s.country)
    rule = legal_rule(resolved.country, callee.kind)
    cal = holidays.country_holidays(resolved.country, years=range(2025, 2028))
    for name in resolved.zones:
        local = slot.start.astimezone(ZoneInfo(name))
        m0 = minutes(local)
        legal = rule.windows(local.weekday())
        assert any(w.start <= m0 and m0 + s.call_minutes <= w.end for w in legal)
        assert local.date() not in cal, cal.get(local.date())
        if callee.kind == "business" or not s.consumer_weekends:
            assert cal.is_working_day(local.date())

    primary = ZoneInfo(resolved.zones[0])
    local = slot.start.astimezone(primary)
    m0, m1 = minutes(local), minutes(local) + s.call_minutes
    for busy in callee.busy + callee.do_not_call:
        if busy.weekday in (None, local.weekday()):
            assert not (m0 < busy.window.end and m1 > busy.window.start)
    same_day = [a for a in history if a.at.astimezone(primary).date() == local.date()]
    assert len(same_day) + 1 <= s.max_calls_per_day
    assert all(abs(slot.start - a.at) >= s.min_gap for a in history)


@PROFILE
@given(data=st.data(), s=planner_settings(), after=moments)
def test_next_slot_never_breaks_a_hard_rule(
    data: st.DataObject, s: PlannerSettings, after: datetime
) -> None:
    callee = data.draw(callees())
    history = data.draw(histories(after))
    result = next_slot(callee, history, s, after)
    assert result == next_slot(callee, tuple(reversed(history)), s, after)  # deterministic
    event("slot" if isinstance(result, Slot) else f"no slot: {result.code}")
    if isinstance(result, Slot):
        check_slot(result, callee, history, s, after)
    else:
        assert result.code and result.reason


@PROFILE
@given(data=st.data(), s=planner_settings(), now=moments, seed=st.integers(0, 2**16))
def test_day_plan_is_sorted_deterministic_and_legal(
    data: st.DataObject, s: PlannerSettings, now: datetime, seed: int
) -> None:
    day = now.astimezone(ZoneInfo(s.zone)).date() + timedelta(days=data.draw(st.integers(0, 2)))
    people = [data.draw(callees(cid)) for cid in range(1, data.draw(st.integers(1, 5)) + 1)]
    kinds = ["new-lead", "follow-up", "keep-in-touch", "birthday", "complaint", "thank-you"]
    cands: list[Candidate] = []
    histories_by_id: dict[int, tuple[Attempt, ...]] = {}
    for callee in people:
        history = data.draw(histories(now))
        histories_by_id[callee.customer_id] = history
        for _ in range(data.draw(st.integers(1, 2))):
            due = day - timedelta(days=data.draw(st.integers(0, 5)))
            kind = data.draw(st.sampled_from(kinds))
            cands.append(Candidate(callee, kind, due, history))  # type: ignore[arg-type]

    plan = build_day_plan(cands, s, day, now)
    event(f"{len(plan.items)} placed")
    shuffled = cands[:]
    random.Random(seed).shuffle(shuffled)
    assert build_day_plan(shuffled, s, day, now) == plan

    starts = [(i.slot.start, i.priority, i.callee.customer_id) for i in plan.items]
    assert starts == sorted(starts)
    ids = [i.callee.customer_id for i in plan.items]
    assert len(ids) == len(set(ids))  # one call per customer and day
    spans = sorted((i.slot.start, i.slot.end) for i in plan.items)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:], strict=False))
    for item in plan.items:
        assert item.slot.sales_start.astimezone(ZoneInfo(s.zone)).date() == day
        history = histories_by_id[item.callee.customer_id]
        check_slot(item.slot, item.callee, history, s, now)
    placed = {i.callee.customer_id for i in plan.items}
    others = {u.callee.customer_id for u in plan.unplaced} | {
        n.callee.customer_id for n in plan.nurture
    }
    assert not placed & others
    assert all(u.reason and u.suggestion for u in plan.unplaced)


def test_holiday_check_is_not_vacuous() -> None:
    """The independent checker itself knows the day of scenario (c)."""
    assert date(2026, 7, 3) in holidays.country_holidays("US", years=2026)
