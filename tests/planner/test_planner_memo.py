"""Remembered slot searches (planner.memo): read back only for the very same inputs, and then
equal to searching again; a plan built with a memo equals the plan built without."""

from __future__ import annotations

from datetime import date

from crmtui import i18n
from crmtui.services.planning.planner import (
    Interval,
    NoSlot,
    Slot,
    build_day_plan,
    next_slot,
    slot_on_day,
)
from crmtui.services.planning.planner.memo import SearchMemo, decode_result, encode_result
from tests.planner.planner_support import NY, SH, at, candidate, failed, ny_customer, settings

DAY = date(2026, 3, 9)  # a Monday
NOW = at(SH, 2026, 3, 9, 8, 0)


def _kept(memo: SearchMemo) -> SearchMemo:
    """A memo of a later process: what ``memo`` stored, read back from text."""
    return SearchMemo(dict(memo.fresh))


def test_a_kept_search_is_the_search() -> None:
    s = settings(hours="08:00-23:00")
    callee = ny_customer()
    history = failed(at(NY, 2026, 3, 6, 9, 0))
    first = SearchMemo()
    found = first.slot_on_day(callee, history, s, DAY, NOW)
    assert found == slot_on_day(callee, history, s, DAY, NOW)
    assert first.searched == [1]
    later = _kept(first)
    assert later.slot_on_day(callee, history, s, DAY, NOW) == found
    assert later.next_slot(callee, history, s, NOW) == next_slot(callee, history, s, NOW)
    assert later.searched == [1]  # only the look-ahead was new


def test_any_other_input_is_searched_again() -> None:
    s = settings(hours="08:00-23:00")
    callee = ny_customer()
    memo = SearchMemo()
    memo.slot_on_day(callee, (), s, DAY, NOW)
    kept = _kept(memo)
    busy = [Interval(at(SH, 2026, 3, 9, 21, 0), at(SH, 2026, 3, 9, 23, 0), "a call to X")]
    kept.slot_on_day(callee, failed(at(NY, 2026, 3, 6, 9, 0)), s, DAY, NOW)
    kept.slot_on_day(callee, (), s, DAY, NOW, busy)
    kept.slot_on_day(ny_customer(phones=("+1 212 555 0199",)), (), s, DAY, NOW)
    kept.slot_on_day(callee, (), settings(hours="09:00-23:00"), DAY, NOW)
    kept.slot_on_day(callee, (), s, DAY, at(SH, 2026, 3, 9, 21, 1))  # a later grid time
    try:
        i18n.set_language("zh")
        kept.slot_on_day(callee, (), s, DAY, NOW)  # the reasons are in another language
    finally:
        i18n.set_language(i18n.ENGLISH)
    assert len(kept.searched) == 6
    # a later ``now`` on the same grid time is the same search
    kept.slot_on_day(callee, (), s, DAY, at(SH, 2026, 3, 9, 7, 59))
    assert len(kept.searched) == 6


def test_results_come_back_equal_from_text() -> None:
    s = settings(hours="08:00-23:00")
    for found in (
        slot_on_day(ny_customer(), (), s, DAY, NOW),
        slot_on_day(ny_customer(phones=()), (), s, DAY, NOW),
        next_slot(ny_customer(), (), settings(hours="08:00-09:00"), NOW),
    ):
        assert isinstance(found, Slot | NoSlot)
        assert decode_result(encode_result(found)) == found


def test_a_plan_with_a_memo_is_the_plan() -> None:
    s = settings(hours="08:00-23:00")
    candidates = [
        candidate(ny_customer()),
        candidate(ny_customer(customer_id=2, customer_name="Beta"), kind="keep-in-touch"),
        candidate(ny_customer(customer_id=3, customer_name="Gamma", phones=())),
    ]
    plain = build_day_plan(candidates, s, DAY, NOW)
    memo = SearchMemo()
    assert build_day_plan(candidates, s, DAY, NOW, memo=memo) == plain
    again = _kept(memo)
    assert build_day_plan(candidates, s, DAY, NOW, memo=again) == plain
    assert again.searched == []
