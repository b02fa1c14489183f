"""The issue's scenarios (a)–(d), exactly as stated, through next_slot and the day plan."""

from __future__ import annotations

from datetime import date

from crmtui.services.planning.planner import NoSlot, Slot, build_day_plan, next_slot, slot_on_day
from tests.planner.planner_support import NY, SH, at, candidate, failed, ny_customer, settings

NOW_A = at(NY, 2026, 3, 9, 10, 20)
HISTORY_A = failed(at(NY, 2026, 3, 2, 10, 15), at(NY, 2026, 3, 9, 10, 15))


def test_a_next_slot_is_tuesday_0900_new_york_2100_shanghai() -> None:
    slot = next_slot(ny_customer(), HISTORY_A, settings(hours="08:00-23:00"), NOW_A)
    assert isinstance(slot, Slot)
    assert slot.callee_start == at(NY, 2026, 3, 10, 9, 0)
    assert slot.sales_start == at(SH, 2026, 3, 10, 21, 0)
    assert slot.callee_zone == "America/New_York"
    assert not (slot.callee_start.weekday() == 0 and slot.callee_start.hour < 12)
    text = " | ".join(slot.reasons)
    assert "Mon 10:00 is their weekly meeting" in text
    assert "two failed calls near 10:15" in text
    assert "US legal hours" in text
    assert slot.tier == "normal"


def test_a_day_plans_agree() -> None:
    s = settings(hours="08:00-23:00")
    today = build_day_plan([candidate(ny_customer())], s, date(2026, 3, 9), NOW_A)
    assert today.items == ()
    (missed,) = today.unplaced
    assert "Tue 10 Mar 21:00" in missed.suggestion
    assert missed.next_slot is not None
    assert missed.next_slot.callee_start == at(NY, 2026, 3, 10, 9, 0)

    cand = candidate(ny_customer(), history=HISTORY_A)
    tomorrow = build_day_plan([cand], s, date(2026, 3, 10), NOW_A)
    (item,) = tomorrow.items
    assert item.slot.sales_start == at(SH, 2026, 3, 10, 21, 0)
    assert item.slot.callee_start == at(NY, 2026, 3, 10, 9, 0)


def test_b_no_overlap_with_a_suggestion() -> None:
    s = settings(hours="09:00-18:00")
    result = next_slot(ny_customer(), HISTORY_A, s, NOW_A)
    assert isinstance(result, NoSlot)
    assert not result
    assert result.code == "no-overlap"
    assert "no overlap" in result.reason
    assert "21:00–06:00 in America/New_York" in result.reason
    assert result.suggestion.startswith("set calling_hours to 09:00-22:00")
    assert any(d.startswith("Tue 10 Mar–Sun 22 Mar: no overlap") for d in result.details)

    plan = build_day_plan([candidate(ny_customer(), history=HISTORY_A)], s, date(2026, 3, 9), NOW_A)
    (missed,) = plan.unplaced
    assert missed.code == "no-overlap"
    assert "no overlap" in missed.reason
    assert "calling_hours" in missed.suggestion


def test_c_us_customer_on_3_july_2026_is_independence_day_observed() -> None:
    s = settings("America/New_York", "09:00-18:00", country="US")
    day = date(2026, 7, 3)
    result = slot_on_day(ny_customer(), (), s, day, at(NY, 2026, 7, 3, 0, 0))
    assert isinstance(result, NoSlot)
    assert result.code == "holiday"
    assert "Independence Day (observed)" in result.reason

    plan = build_day_plan([candidate(ny_customer(), due=day)], s, day, at(NY, 2026, 7, 3, 8))
    assert plan.items == ()
    (missed,) = plan.unplaced
    assert missed.code == "holiday"
    assert "Independence Day (observed)" in missed.reason
    assert missed.suggestion.startswith("next possible: Mon 6 Jul 09:00")


def test_c_from_shanghai_too() -> None:
    s = settings(hours="08:00-23:00")
    result = slot_on_day(ny_customer(), (), s, date(2026, 7, 3), at(SH, 2026, 7, 3, 0, 0))
    assert isinstance(result, NoSlot)
    assert result.code == "holiday"
    assert "Independence Day (observed)" in result.reason


def test_d_us_dst_change_moves_shanghai_time_from_2200_to_2100() -> None:
    s = settings(hours="08:00-23:00")
    before = next_slot(ny_customer(busy=()), (), s, at(NY, 2026, 3, 6, 8, 0))
    after = next_slot(ny_customer(busy=()), (), s, at(NY, 2026, 3, 9, 8, 0))
    assert isinstance(before, Slot) and isinstance(after, Slot)
    assert before.callee_start == at(NY, 2026, 3, 6, 9, 0)
    assert after.callee_start == at(NY, 2026, 3, 9, 9, 0)
    assert (before.sales_start.hour, after.sales_start.hour) == (22, 21)
    assert before.sales_start.date() == date(2026, 3, 6)
    assert after.sales_start.date() == date(2026, 3, 9)
