"""One test per rule: caps, gap, stops, nurture, busy and preferred times, and learning."""

from __future__ import annotations

from datetime import date, timedelta

from crmtui.services.planning.planner import (
    Attempt,
    Callee,
    Interval,
    NoSlot,
    Slot,
    WeeklySlot,
    Window,
    learn,
    next_slot,
)
from crmtui.services.planning.planner.learning import time_score
from tests.planner.planner_support import NY, at, failed, ny_customer, settings

# A salesperson in New York calling 08:00–21:00: the callee's own rules decide.
S = settings("America/New_York", "08:00-21:00", country="US")
TUE = date(2026, 3, 10)


def customer(**kw: object) -> Callee:
    kw.setdefault("busy", ())
    return ny_customer(**kw)


def test_two_attempts_a_day_at_most() -> None:
    history = failed(at(NY, 2026, 3, 10, 9, 0), at(NY, 2026, 3, 10, 11, 30))
    slot = next_slot(customer(), history, S, at(NY, 2026, 3, 10, 13, 45))
    assert isinstance(slot, Slot)
    assert slot.callee_start.date() == date(2026, 3, 11)
    assert any("2 attempts on Tue 10 Mar already" in r for r in slot.reasons)


def test_at_least_two_hours_between_attempts() -> None:
    history = failed(at(NY, 2026, 3, 10, 9, 0))
    slot = next_slot(customer(), history, S, at(NY, 2026, 3, 10, 9, 5))
    assert isinstance(slot, Slot)
    assert slot.callee_start == at(NY, 2026, 3, 10, 11, 0)
    assert "at least 2 h after the call at 09:00" in slot.reasons


def test_not_interested_stops_calls_until_they_engage_again() -> None:
    stop = (
        Attempt(at(NY, 2026, 3, 2, 10), "reached"),
        Attempt(at(NY, 2026, 3, 5, 10), "not-interested"),
    )
    result = next_slot(customer(), stop, S, at(NY, 2026, 3, 10, 8))
    assert isinstance(result, NoSlot) and result.code == "stopped"
    again = stop + (Attempt(at(NY, 2026, 3, 9, 10), "appointment"),)
    assert isinstance(next_slot(customer(), again, S, at(NY, 2026, 3, 10, 8)), Slot)


def test_six_unanswered_attempts_in_a_row_move_to_nurture() -> None:
    start = at(NY, 2026, 2, 23, 9, 0)
    six = tuple(Attempt(start + timedelta(days=d), "no-answer") for d in range(6))
    result = next_slot(customer(), six, S, at(NY, 2026, 3, 10, 8))
    assert isinstance(result, NoSlot) and result.code == "nurture"
    assert "6 unanswered calls in a row" in result.reason
    assert isinstance(next_slot(customer(), six[:5], S, at(NY, 2026, 3, 10, 8)), Slot)
    answered = six[:3] + (Attempt(start + timedelta(days=3, hours=2), "reached"),) + six[3:]
    assert isinstance(next_slot(customer(), answered, S, at(NY, 2026, 3, 10, 8)), Slot)


def test_wrong_number_uses_the_other_phone_or_stops() -> None:
    two = customer(phones=("+1 212 555 0100", "+1 212 555 0199"))
    wrong = (Attempt(at(NY, 2026, 3, 9, 10), "wrong-number", phone="+12125550100"),)
    slot = next_slot(two, wrong, S, at(NY, 2026, 3, 10, 8))
    assert isinstance(slot, Slot) and slot.phone == "+1 212 555 0199"
    one = customer(phones=("+1 212 555 0100",))
    result = next_slot(one, wrong, S, at(NY, 2026, 3, 10, 8))
    assert isinstance(result, NoSlot) and result.code == "wrong-number"


def test_wrong_number_without_the_phone_blocks_until_someone_answers() -> None:
    wrong = (Attempt(at(NY, 2026, 3, 9, 10), "wrong-number"),)
    result = next_slot(customer(), wrong, S, at(NY, 2026, 3, 10, 8))
    assert isinstance(result, NoSlot) and result.code == "wrong-number"
    fixed = wrong + (Attempt(at(NY, 2026, 3, 9, 15), "reached"),)
    assert isinstance(next_slot(customer(), fixed, S, at(NY, 2026, 3, 10, 8)), Slot)


def test_no_phone() -> None:
    result = next_slot(customer(phones=()), (), S, at(NY, 2026, 3, 10, 8))
    assert isinstance(result, NoSlot) and result.code == "no-phone"


def test_busy_slot_is_avoided_with_its_reason() -> None:
    busy = (WeeklySlot(1, Window.parse("09:00-12:00"), "team meeting"),)
    slot = next_slot(customer(busy=busy), (), S, at(NY, 2026, 3, 10, 8, 50))
    assert isinstance(slot, Slot)
    assert slot.callee_start == at(NY, 2026, 3, 10, 12, 0)
    assert "Tue 09:00 is their team meeting" in slot.reasons


def test_off_peak_is_used_when_normal_hours_are_taken() -> None:
    busy = (WeeklySlot(None, Window.parse("09:00-17:00"), "shift"),)
    slot = next_slot(customer(busy=busy), (), S, at(NY, 2026, 3, 10, 7))
    assert isinstance(slot, Slot)
    assert slot.tier == "off-peak" and slot.callee_start == at(NY, 2026, 3, 10, 8, 0)


def test_do_not_call_windows_and_periods() -> None:
    weekly = (WeeklySlot(None, Window.parse("09:00-10:00")),)
    slot = next_slot(customer(do_not_call=weekly), (), S, at(NY, 2026, 3, 10, 8, 50))
    assert isinstance(slot, Slot) and slot.callee_start == at(NY, 2026, 3, 10, 10, 0)
    away = (Interval(at(NY, 2026, 3, 10, 0), at(NY, 2026, 3, 12, 0), "on holiday until Thu"),)
    slot = next_slot(customer(do_not_call_periods=away), (), S, at(NY, 2026, 3, 10, 8))
    assert isinstance(slot, Slot) and slot.callee_start == at(NY, 2026, 3, 12, 9, 0)
    assert "on holiday until Thu" in slot.reasons


def test_preferred_window_comes_first() -> None:
    preferred = (WeeklySlot(1, Window.parse("15:00-16:00")),)
    slot = next_slot(customer(preferred=preferred), (), S, at(NY, 2026, 3, 10, 8))
    assert isinstance(slot, Slot)
    assert slot.tier == "preferred" and slot.callee_start == at(NY, 2026, 3, 10, 15, 0)


def test_salespersons_planned_actions_are_kept_free() -> None:
    mine = (Interval(at(NY, 2026, 3, 10, 9), at(NY, 2026, 3, 10, 10), "a visit"),)
    slot = next_slot(customer(), (), S, at(NY, 2026, 3, 10, 8, 50), busy_sales=mine)
    assert isinstance(slot, Slot) and slot.callee_start == at(NY, 2026, 3, 10, 10, 0)
    assert "you have a visit at 09:00" in slot.reasons


def test_two_same_weekday_failures_create_an_inferred_busy_slot() -> None:
    history = failed(at(NY, 2026, 2, 25, 14, 0), at(NY, 2026, 3, 4, 14, 10))
    learned = learn(history, NY, S)
    (slot,) = learned.inferred_busy
    assert slot.weekday == 2 and slot.window == Window.parse("13:30-14:45")
    assert slot.label == "two failed calls near 14:05"
    preferred = (WeeklySlot(2, Window.parse("13:30-15:30")),)
    found = next_slot(customer(preferred=preferred), history, S, at(NY, 2026, 3, 11, 8))
    assert isinstance(found, Slot)
    # 13:30–14:45 is blocked; 14:45–15:00 is free but close to the failures, so 15:15 wins
    assert found.callee_start == at(NY, 2026, 3, 11, 15, 15)
    assert found.tier == "preferred"
    assert "two failed calls near 14:05" in found.reasons
    assert "kept away from the times of earlier failed calls" in found.reasons


def test_one_failure_or_different_weekdays_infer_nothing() -> None:
    assert learn(failed(at(NY, 2026, 3, 4, 14)), NY, S).inferred_busy == ()
    pair = failed(at(NY, 2026, 3, 3, 14), at(NY, 2026, 3, 4, 14))
    assert learn(pair, NY, S).inferred_busy == ()


def test_a_later_success_cancels_an_inferred_busy_slot() -> None:
    history = failed(at(NY, 2026, 2, 25, 14), at(NY, 2026, 3, 4, 14)) + (
        Attempt(at(NY, 2026, 3, 11, 14, 15), "reached"),
    )
    assert learn(history, NY, S).inferred_busy == ()


def test_failures_are_avoided_strongly_on_the_same_weekday() -> None:
    learned = learn(failed(at(NY, 2026, 3, 4, 14, 0)), NY, S)  # a Wednesday
    same = time_score(learned, 2, 14 * 60, 60, nudges=False).score
    other = time_score(learned, 3, 14 * 60, 60, nudges=False).score
    far = time_score(learned, 2, 16 * 60, 60, nudges=False).score
    assert same > other > far == 0


def test_time_near_an_earlier_success_is_preferred() -> None:
    history = (Attempt(at(NY, 2026, 3, 5, 15, 0), "appointment"),)  # a Thursday
    slot = next_slot(customer(), history, S, at(NY, 2026, 3, 12, 8))
    assert isinstance(slot, Slot)
    assert slot.callee_start == at(NY, 2026, 3, 12, 15, 0)
    assert "near an earlier successful call at 15:00" in slot.reasons


def test_off_peak_first_after_failures_in_normal_hours_on_different_days() -> None:
    days = [(3, 9, 10, 0), (3, 10, 11, 0), (3, 11, 14, 0)]
    history = failed(*(at(NY, 2026, m, d, h, mi) for m, d, h, mi in days))
    learned = learn(history, NY, S)
    assert learned.offpeak_first
    slot = next_slot(customer(), history, S, at(NY, 2026, 3, 12, 7))
    assert isinstance(slot, Slot)
    assert slot.tier == "off-peak" and slot.callee_start == at(NY, 2026, 3, 12, 8, 0)
    assert "off-peak first: calls in normal hours failed on 3 different days" in slot.reasons
    assert not learn(history[:2], NY, S).offpeak_first


def test_failures_explained_by_a_busy_slot_do_not_switch_to_off_peak() -> None:
    busy = (WeeklySlot(None, Window.parse("10:00-11:00"), "stand-up"),)
    days = [(9,), (10,), (11,)]
    history = failed(*(at(NY, 2026, 3, d, 10, 15) for (d,) in days))
    assert not learn(history, NY, S, busy).offpeak_first
    assert learn(history, NY, S).offpeak_first


def test_late_afternoon_nudge_only_for_calls_that_can_wait() -> None:
    urgent = next_slot(customer(), (), S, at(NY, 2026, 3, 10, 8))
    relaxed = next_slot(customer(), (), S, at(NY, 2026, 3, 10, 8), urgent=False)
    assert isinstance(urgent, Slot) and isinstance(relaxed, Slot)
    assert urgent.callee_start.hour == 9
    assert relaxed.callee_start.hour == 16
    assert "late afternoon: slightly better odds (call studies)" in relaxed.reasons
