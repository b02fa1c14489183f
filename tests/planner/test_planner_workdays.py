"""Holidays and working days (incl. China's make-up days) and the care-touch date rules."""

from __future__ import annotations

from datetime import date

import pytest

from crmtui.services.planning.planner import (
    Callee,
    NoSlot,
    Slot,
    add_months,
    birthday_call_date,
    birthday_card_date,
    build_day_plan,
    cadence_days,
    credit_review_date,
    holiday_name,
    is_makeup_workday,
    is_working_day,
    keep_in_touch_date,
    keep_in_touch_due,
    next_working_day,
    satisfaction_call_date,
    slot_on_day,
    thank_you_date,
)
from tests.planner.planner_support import SH, at, candidate, settings


def test_us_observed_independence_day() -> None:
    assert holiday_name(date(2026, 7, 3), "US") == "Independence Day (observed)"
    assert not is_working_day(date(2026, 7, 3), "US")
    assert is_working_day(date(2026, 7, 2), "US")


def test_subdivision_holidays() -> None:
    assert holiday_name(date(2026, 3, 2), "US", "TX") == "Texas Independence Day"
    assert holiday_name(date(2026, 3, 2), "US") is None
    assert holiday_name(date(2026, 10, 5), "AU", "NSW") == "Labor Day"


@pytest.mark.parametrize("day", [date(2026, 1, 4), date(2026, 2, 14), date(2026, 9, 20)])
def test_china_make_up_working_days(day: date) -> None:
    assert day.weekday() >= 5
    assert is_makeup_workday(day, "CN")
    assert is_working_day(day, "CN")


def test_china_holidays_and_ordinary_weekends() -> None:
    assert not is_working_day(date(2026, 1, 11), "CN")  # an ordinary Sunday
    assert not is_working_day(date(2026, 10, 1), "CN")
    assert next_working_day(date(2026, 10, 1), "CN") == date(2026, 10, 8)
    assert next_working_day(date(2026, 10, 8), "CN") == date(2026, 10, 8)


def test_unknown_country_means_monday_to_friday() -> None:
    assert not is_working_day(date(2026, 3, 7), "ZZ")
    assert is_working_day(date(2026, 3, 9), "ZZ")
    assert is_working_day(date(2026, 3, 9), None)


def _shanghai_firm() -> Callee:
    return Callee(3, "上海贸易", contact_name="王经理", phones=("021 5555 1234",), country="CN")


def test_calls_are_planned_on_a_chinese_make_up_sunday() -> None:
    s = settings("Asia/Shanghai", "09:00-18:00")
    sunday = date(2026, 1, 4)
    plan = build_day_plan(
        [candidate(_shanghai_firm(), due=sunday)], s, sunday, at(SH, 2026, 1, 4, 8)
    )
    (item,) = plan.items
    assert item.slot.callee_start == at(SH, 2026, 1, 4, 9, 0)
    assert item.slot.callee_zone == "Asia/Shanghai"


def test_no_calls_on_an_ordinary_chinese_sunday_or_national_day() -> None:
    s = settings("Asia/Shanghai", "09:00-18:00")
    sunday = slot_on_day(_shanghai_firm(), (), s, date(2026, 1, 11), at(SH, 2026, 1, 11, 8))
    assert isinstance(sunday, NoSlot) and sunday.code == "closed"
    national = slot_on_day(_shanghai_firm(), (), s, date(2026, 10, 1), at(SH, 2026, 10, 1, 8))
    assert isinstance(national, NoSlot) and national.code == "holiday"
    assert "National Day" in national.reason


def test_own_day_off_can_be_switched_off() -> None:
    callee = Callee(4, "Acme", phones=("+1 212 555 0100",), country="US")
    on = settings("Asia/Shanghai", "08:00-23:00")
    off = settings("Asia/Shanghai", "08:00-23:00", own_workdays_only=False)
    day, now = date(2026, 10, 1), at(SH, 2026, 10, 1, 0)
    mine = slot_on_day(callee, (), on, day, now)
    assert isinstance(mine, NoSlot) and mine.code == "your-day-off"
    assert "National Day" in mine.reason
    assert isinstance(slot_on_day(callee, (), off, day, now), Slot)


def test_thank_you_the_next_working_day() -> None:
    assert thank_you_date(date(2026, 3, 5), "CN") == date(2026, 3, 6)
    assert thank_you_date(date(2026, 3, 6), "CN") == date(2026, 3, 9)  # Saturday → Monday
    assert thank_you_date(date(2026, 2, 13), "CN") == date(2026, 2, 14)  # make-up Saturday


def test_satisfaction_call_seven_days_after_delivery() -> None:
    assert satisfaction_call_date(date(2026, 3, 2), "CN") == date(2026, 3, 9)
    assert satisfaction_call_date(date(2026, 9, 24), "CN") == date(2026, 10, 8)  # Golden Week


def test_birthday_card_and_call() -> None:
    birthday = date(2026, 3, 18)  # a Wednesday
    assert birthday_card_date(birthday, "CN") == date(2026, 3, 11)
    assert birthday_call_date(birthday, "CN") == birthday
    sunday = date(2026, 3, 15)
    assert birthday_card_date(sunday, "CN") == date(2026, 3, 9)
    assert birthday_call_date(sunday, "CN") == date(2026, 3, 16)


def test_credit_review_every_six_months() -> None:
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2026, 1, 15), 12) == date(2027, 1, 15)
    assert credit_review_date(date(2025, 12, 30), "CN") == date(2026, 6, 30)
    assert credit_review_date(date(2026, 3, 3), "CN") == date(2026, 9, 3)


def test_cadence_by_grade() -> None:
    s = settings()
    assert [cadence_days(g, s) for g in ("A", "b", "C", None, "X")] == [14, 30, 90, 90, 90]
    assert keep_in_touch_date(date(2026, 3, 1), "A", s) == date(2026, 3, 16)  # 15th is a Sunday
    assert keep_in_touch_due(date(2026, 3, 1), "A", date(2026, 3, 16), s)
    assert not keep_in_touch_due(date(2026, 3, 10), "A", date(2026, 3, 16), s)  # touch resets
    assert keep_in_touch_due(None, "C", date(2026, 3, 16), s)
    custom = settings(cadence_a=7)
    assert keep_in_touch_date(date(2026, 3, 2), "A", custom) == date(2026, 3, 9)
