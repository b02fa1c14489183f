"""Regressions found by the property tests, pinned with their exact falsifying inputs.

Each test replays one case hypothesis found and checks it with the same independent checker
the property test uses, so the rule is stated once.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from crmtui.services.planning.planner import (
    Attempt,
    Callee,
    Candidate,
    NoSlot,
    PlannerSettings,
    Slot,
    Window,
    build_day_plan,
    next_slot,
)
from crmtui.services.planning.planner.explain import overlap_suggestion
from tests.planner.test_planner_properties import check_slot


def test_two_attempts_at_the_same_moment_both_count_towards_the_daily_cap() -> None:
    """Two attempts logged at the same instant are two attempts: with a cap of 2 a day the
    plan must not add a third call on the callee's day (16:00 UTC is 08:00 in Los Angeles)."""
    s = PlannerSettings(
        zone="Asia/Shanghai", country="CN", calling_hours=(Window(0, 180),), horizon_days=1
    )
    now = datetime(2025, 12, 1, 16, 0, tzinfo=UTC)
    callee = Callee(
        customer_id=1,
        customer_name="C1",
        phones=("+1 415 555 0100",),
        zone="America/Los_Angeles",
        kind="business",
    )
    history = (Attempt(now, "no-answer"), Attempt(now, "no-answer"))
    day = date(2025, 12, 2)
    plan = build_day_plan([Candidate(callee, "new-lead", day, history)], s, day, now)
    for item in plan.items:
        check_slot(item.slot, item.callee, history, s, now)
    assert [u.code for u in plan.unplaced] == ["cap"]


def test_no_overlap_advice_across_the_date_line_is_a_valid_window() -> None:
    """St. John's (UTC-3:30) seen from Shanghai calling 05:00–21:00 on a Saturday: their
    Friday hours start on the Shanghai Friday evening; the advice must still be a window."""
    s = PlannerSettings(
        zone="Asia/Shanghai", country="CN", calling_hours=(Window(300, 1260),), horizon_days=1
    )
    after = datetime(2025, 12, 6, 0, 0, tzinfo=UTC)
    callee = Callee(
        customer_id=1,
        customer_name="C1",
        phones=("+1 709 555 0100",),
        zone="America/St_Johns",
        kind="business",
    )
    result = next_slot(callee, (), s, after)
    assert isinstance(result, NoSlot) and result.code == "no-overlap"
    # their Friday 16:00–17:00 is Saturday 03:30–04:30 in Shanghai; their Friday 09:00 is the
    # Shanghai Friday 20:30, inside the hours already, and on Saturday that is not a workday
    assert result.suggestion.startswith("set calling_hours to 03:30-21:00"), result.suggestion


def test_overlap_advice_for_hours_in_a_gap_covers_the_gap() -> None:
    """Their hours fall between two calling windows: the span already meets them, so the
    advice is to cover the gap, never an inverted window."""
    sh = ZoneInfo("Asia/Shanghai")
    calling = (Window(480, 600), Window(840, 960))
    text = overlap_suggestion(calling, date(2026, 3, 10), sh, sh, (Window(660, 720),))
    assert text.startswith("set calling_hours to 08:00-16:00"), text
    inside = overlap_suggestion((Window(480, 960),), date(2026, 3, 10), sh, sh, (Window(660, 670),))
    assert "inside your calling hours" in inside


def test_failures_on_the_quarter_hour_with_the_smallest_near_minutes_make_a_busy_slot() -> None:
    """planner_near_minutes = 1 is a valid setting: two failed Monday calls at 10:00 still make
    a weekly busy slot that holds 10:00, not an empty window."""
    s = PlannerSettings(zone="UTC", country=None, near_minutes=1)
    callee = Callee(
        customer_id=1,
        customer_name="C1",
        phones=("+44 20 7946 0000",),
        zone="Europe/London",
        kind="business",
    )
    history = (
        Attempt(datetime(2026, 1, 5, 10, 0, tzinfo=UTC), "no-answer"),
        Attempt(datetime(2026, 1, 12, 10, 0, tzinfo=UTC), "no-answer"),
    )
    after = datetime(2026, 1, 19, 10, 0, tzinfo=UTC)
    result = next_slot(callee, history, s, after)
    assert isinstance(result, Slot)
    check_slot(result, callee, history, s, after)
    # 10:00 on a Monday is their learned busy quarter hour; the next quarter is free
    assert result.start == datetime(2026, 1, 19, 10, 15, tzinfo=UTC)
