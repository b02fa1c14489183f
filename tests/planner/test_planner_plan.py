"""The day plan: order, grouping, tasks, what does not fit and why, determinism."""

from __future__ import annotations

from datetime import date

from crmtui.services.planning.planner import (
    Attempt,
    Callee,
    Candidate,
    Interval,
    build_day_plan,
)
from tests.planner.planner_support import NY, at, candidate, failed, ny_customer, settings

S = settings("America/New_York", "08:00-18:00", country="US")
DAY = date(2026, 3, 10)
NOW = at(NY, 2026, 3, 10, 7, 30)


def person(cid: int, **kw: object) -> Callee:
    kw.setdefault("busy", ())
    return ny_customer(customer_id=cid, customer_name=f"Customer {cid}", **kw)


def test_new_leads_first_then_plan_in_time_order() -> None:
    cands = [
        candidate(person(1), "keep-in-touch", due=date(2026, 3, 1)),
        candidate(person(2), "follow-up", due=date(2026, 3, 8)),
        candidate(person(3), "new-lead", due=DAY),
    ]
    plan = build_day_plan(cands, S, DAY, NOW)
    assert [i.callee.customer_id for i in plan.items] == [3, 2, 1]
    starts = [i.slot.callee_start for i in plan.items]
    assert starts == sorted(starts)
    assert starts[0] == at(NY, 2026, 3, 10, 9, 0)
    lead = plan.items[0]
    assert lead.kinds == ("new-lead",) and "book an appointment" in lead.goal
    assert any("call as soon as the rules allow" in r for r in lead.reasons)
    assert "follow-up due Sun 8 Mar (overdue by 2 days)" in plan.items[1].reasons
    # keep-in-touch calls can wait for the slightly better late afternoon
    assert plan.items[2].slot.callee_start.hour == 16


def test_calls_do_not_overlap_each_other_or_planned_actions() -> None:
    mine = (Interval(at(NY, 2026, 3, 10, 9), at(NY, 2026, 3, 10, 9, 30), "a meeting"),)
    cands = [candidate(person(i), "new-lead", due=DAY) for i in range(1, 6)]
    plan = build_day_plan(cands, S, DAY, NOW, busy_sales=mine)
    spans = sorted((i.slot.start, i.slot.end) for i in plan.items)
    assert len(spans) == 5
    for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
        assert end <= start
    assert all(not mine[0].overlaps(a, b) for a, b in spans)


def test_one_call_per_customer_covers_all_its_reasons() -> None:
    c = person(1)
    cands = [
        candidate(c, "birthday", due=DAY),
        candidate(c, "follow-up", due=DAY, note="send the price list", ref=11),
        candidate(c, "thank-you", due=DAY, ref=12),
    ]
    plan = build_day_plan(cands, S, DAY, NOW)
    (item,) = plan.items
    assert item.kinds == ("follow-up", "birthday")
    assert "wish them a happy birthday" in item.goal
    assert "follow-up due Tue 10 Mar; send the price list" in item.reasons
    assert item.refs == (11,)
    (task,) = plan.tasks
    assert task.kind == "thank-you" and task.channel == "letter" and task.ref == 12


def test_follow_up_pinned_to_a_time_waits_for_it() -> None:
    pinned = candidate(person(1), due=DAY, due_at=at(NY, 2026, 3, 10, 15, 0))
    plan = build_day_plan([pinned], S, DAY, NOW)
    (item,) = plan.items
    assert item.slot.callee_start == at(NY, 2026, 3, 10, 15, 0)
    assert "follow-up due Tue 10 Mar 15:00" in item.reasons


def test_not_yet_due_is_left_out() -> None:
    later = [
        candidate(person(1), due=date(2026, 3, 11)),
        candidate(person(2), due=DAY, due_at=at(NY, 2026, 3, 11, 9)),
    ]
    plan = build_day_plan(later, S, DAY, NOW)
    assert plan.items == plan.unplaced == plan.nurture == plan.tasks == ()


def test_cap_reached_today_says_when_it_fits() -> None:
    history = failed(at(NY, 2026, 3, 10, 8, 0), at(NY, 2026, 3, 10, 10, 0))
    plan = build_day_plan(
        [candidate(person(1), history=history, due=DAY)], S, DAY, at(NY, 2026, 3, 10, 10, 5)
    )
    (missed,) = plan.unplaced
    assert missed.code == "cap"
    assert "2 attempts on Tue 10 Mar already" in missed.reason
    assert missed.suggestion.startswith("next possible: Wed 11 Mar")


def test_stopped_and_nurture_are_kept_apart() -> None:
    refused = (Attempt(at(NY, 2026, 3, 5, 10), "not-interested"),)
    silent = tuple(Attempt(at(NY, 2026, 2, d, 10), "voicemail") for d in range(16, 22))
    cands = [
        candidate(person(1), history=refused, due=DAY),
        candidate(person(2), history=silent, due=DAY),
        candidate(person(3), due=DAY),
    ]
    plan = build_day_plan(cands, S, DAY, NOW)
    assert [i.callee.customer_id for i in plan.items] == [3]
    (stopped,) = plan.unplaced
    assert stopped.callee.customer_id == 1 and stopped.code == "stopped"
    (nurture,) = plan.nurture
    assert nurture.callee.customer_id == 2 and nurture.unanswered == 6
    assert nurture.last_attempt == silent[-1].at


def test_a_full_day_lists_the_rest_with_the_next_time() -> None:
    s = settings("America/New_York", "09:00-10:00", country="US")
    cands = [candidate(person(i), "new-lead", due=DAY) for i in range(1, 8)]
    plan = build_day_plan(cands, s, DAY, NOW)
    assert len(plan.items) == 4
    assert [u.code for u in plan.unplaced] == ["your-busy"] * 3
    assert all(u.suggestion.startswith("next possible: Wed 11 Mar 09:00") for u in plan.unplaced)


def test_tasks_for_cards_and_credit() -> None:
    c = person(1)
    cands = [
        candidate(c, "birthday-card", due=DAY),
        candidate(c, "credit-review", due=date(2026, 3, 2)),
    ]
    plan = build_day_plan(cands, S, DAY, NOW)
    assert plan.items == ()
    assert [(t.kind, t.channel) for t in plan.tasks] == [
        ("credit-review", "task"),
        ("birthday-card", "card"),
    ]


def test_same_plan_whatever_the_input_order() -> None:
    cands: list[Candidate] = [
        candidate(person(i), kind, due=date(2026, 3, 10 - i % 3))
        for i, kind in enumerate(
            [
                "new-lead",
                "follow-up",
                "keep-in-touch",
                "complaint",
                "satisfaction",
                "follow-up",
                "keep-in-touch",
            ],
            start=1,
        )
    ]
    first = build_day_plan(cands, S, DAY, NOW)
    again = build_day_plan(list(reversed(cands)), S, DAY, NOW)
    assert first == again
    assert len(first.items) == 7
