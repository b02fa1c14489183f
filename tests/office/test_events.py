"""Events: the status machine, invitations and attendance, the follow-up rule, the report."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from crmtui.errors import InvalidInput
from crmtui.services.events import read, rules, write
from tests.helpers import add_contact, add_customer, now

pytestmark = pytest.mark.both_backends

SH = ZoneInfo("Asia/Shanghai")


def _event(db, status="planning", **kw):
    with db.session() as s:
        event = write.create_event(
            s,
            now=now(),
            name=kw.pop("name", "上海工博会"),
            starts_on=kw.pop("starts_on", date(2026, 11, 20)),
            ends_on=kw.pop("ends_on", date(2026, 11, 20)),
            kind="trade-fair",
            budget=kw.pop("budget", 1_000_000),
            **kw,
        )
        eid = event.id
    path = {
        "open": ["open"],
        "held": ["open", "held"],
        "closed": ["open", "held", "closed"],
        "cancelled": ["cancelled"],
    }.get(status, [])
    for step in path:
        with db.session() as s:
            write.move_event(s, now=now(), event_id=eid, status=step, country="CN", zone=SH)
    return eid


def _status(db, eid):
    with db.reader() as r:
        return read.get_event_row(r, eid)["status"]


def test_event_goes_planning_open_held_closed(db):
    eid = _event(db)
    for status in ("open", "held", "closed"):
        with db.session() as s:
            write.move_event(s, now=now(), event_id=eid, status=status)
        assert _status(db, eid) == status


@pytest.mark.parametrize(
    ("start", "target"),
    [
        ("planning", "held"),
        ("planning", "closed"),
        ("open", "closed"),
        ("open", "planning"),
        ("held", "cancelled"),
        ("closed", "open"),
        ("cancelled", "open"),
        ("closed", "cancelled"),
    ],
)
def test_illegal_event_moves_are_refused_in_one_line(db, start, target):
    eid = _event(db, start)
    with pytest.raises(InvalidInput) as caught, db.session() as s:
        write.move_event(s, now=now(), event_id=eid, status=target)
    assert caught.value.code == "event-cannot-move"
    assert "\n" not in str(caught.value) and start in str(caught.value)
    assert _status(db, eid) == start


def test_cancel_before_it_is_held(db):
    for start in ("planning", "open"):
        eid = _event(db, start)
        with db.session() as s:
            write.move_event(s, now=now(), event_id=eid, status="cancelled")
        assert _status(db, eid) == "cancelled"


def test_attending_an_event_not_yet_held_is_refused(db):
    cid = add_customer(db, "宏达机械")
    eid = _event(db, "open")
    with db.session() as s:
        write.invite(s, now=now(), event_id=eid, customer_id=cid, status="registered")
    with pytest.raises(InvalidInput) as caught, db.session() as s:
        write.attend(s, now=now(), event_id=eid, customer_id=cid)
    assert caught.value.code == "event-not-held"
    with db.reader() as r:
        assert [p["attended"] for p in read.invitees(r, eid)] == [False]


def _open_follow_ups(db, cid):
    with db.reader() as r:
        return r.rows(
            "SELECT due_at, note, contact_id FROM activity WHERE customer_id = :c "
            "AND done_at IS NULL",
            {"c": cid},
        )


def test_attendees_without_a_follow_up_get_one_the_next_working_day(db):
    came = add_customer(db, "宏达机械")
    person = add_contact(db, came, "李雷")
    busy = add_customer(db, "Acme Tools")
    absent = add_customer(db, "永安贸易")
    # Friday 2026-11-20: the next working day is Monday 2026-11-23
    eid = _event(db, "open", starts_on=date(2026, 11, 19), ends_on=date(2026, 11, 20))
    with db.session() as s:
        for cid in (came, busy, absent):
            write.invite(
                s,
                now=now(),
                event_id=eid,
                customer_id=cid,
                contact_id=person if cid == came else None,
            )
    from crmtui.services.activities.write import plan_activity

    with db.session() as s:  # Acme already has a follow-up: it gets no second one
        plan_activity(
            s,
            now=now(),
            customer_id=busy,
            due_at=datetime(2026, 12, 1, 10, tzinfo=SH),
            note="quote",
        )
        write.move_event(s, now=now(), event_id=eid, status="held")
    with db.session() as s:
        _, made = write.attend(s, now=now(), event_id=eid, customer_id=came, country="CN", zone=SH)
        write.attend(s, now=now(), event_id=eid, customer_id=busy, country="CN", zone=SH)
    assert [m["customer_id"] for m in made] == [came]
    rows = _open_follow_ups(db, came)
    assert [(r["note"], r["contact_id"]) for r in rows] == [("met at 上海工博会", person)]
    from crmtui.clock import from_db

    # Monday 09:00 is already past at 10:00 (now): the call is the next whole hour today
    assert from_db(rows[0]["due_at"]).astimezone(SH) == datetime(2026, 11, 23, 11, tzinfo=SH)
    assert [r["note"] for r in _open_follow_ups(db, busy)] == ["quote"]
    assert _open_follow_ups(db, absent) == []
    # closing runs the rule again: nothing is planned twice
    with db.session() as s:
        _, again = write.move_event(
            s, now=now(), event_id=eid, status="closed", country="CN", zone=SH
        )
    assert again == []
    assert len(_open_follow_ups(db, came)) == 1


def test_attendance_recorded_late_never_plans_an_overdue_call(db):
    """An event a month ago, attendance recorded today (Mon 2026-11-23 10:00): the call is
    later today, not on the day after the event (long overdue); after hours, the next
    working morning."""
    cid = add_customer(db, "宏达机械")
    eid = _event(db, "held", starts_on=date(2026, 10, 20), ends_on=date(2026, 10, 21))
    with db.session() as s:
        _, made = write.attend(s, now=now(), event_id=eid, customer_id=cid, country="CN", zone=SH)
    assert [(m["customer"], m["due_at"]) for m in made] == [
        ("宏达机械", datetime(2026, 11, 23, 11, tzinfo=SH))
    ]
    evening = datetime(2026, 11, 27, 19, 30, tzinfo=SH)  # a Friday evening: Monday morning
    assert rules.follow_up_at(date(2026, 10, 21), "CN", evening, SH) == datetime(
        2026, 11, 30, 9, tzinfo=SH
    )


def test_follow_up_skips_a_holiday(db):
    cid = add_customer(db, "宏达机械")
    # 2026-09-30, then the National Day holiday (10-01 to 10-07): next working day 2026-10-08
    eid = _event(db, "held", starts_on=date(2026, 9, 30), ends_on=date(2026, 9, 30))
    evening = datetime(2026, 9, 30, 20, tzinfo=SH)  # recorded on the day: no late follow-up
    with db.session() as s:
        write.attend(s, now=evening, event_id=eid, customer_id=cid, country="CN", zone=SH)
    from crmtui.clock import from_db

    (row,) = _open_follow_ups(db, cid)
    assert from_db(row["due_at"]).astimezone(SH).date() == date(2026, 10, 8)


def test_a_lead_met_at_the_event_carries_it_as_source(db):
    eid = _event(db, "held", name="数控研讨会")
    with db.session() as s:
        row = write.add_lead(
            s, now=now(), event_id=eid, name="新锐科技", phone="13900139000", country="CN", zone=SH
        )
        cid = row.customer_id
    with db.reader() as r:
        assert r.scalar("SELECT source FROM customer WHERE id = :c", {"c": cid}) == "数控研讨会"
        (person,) = read.invitees(r, eid)
    assert person["lead"] and person["attended"]
    assert [r["note"] for r in _open_follow_ups(db, cid)] == ["met at 数控研讨会"]


def test_no_leads_or_invitations_once_closed(db):
    cid = add_customer(db, "宏达机械")
    eid = _event(db, "closed")
    with pytest.raises(InvalidInput, match="no more invitations"), db.session() as s:
        write.invite(s, now=now(), event_id=eid, customer_id=cid)
    with pytest.raises(InvalidInput) as caught, db.session() as s:
        write.add_lead(s, now=now(), event_id=eid, name="新客户")
    assert caught.value.code == "event-no-leads"
    with db.reader() as r:
        assert r.scalar("SELECT count(*) FROM customer") == 1


def test_event_report_against_hand_counted_figures(db):
    """6 invited: 3 registered, 1 declined, 2 no answer; 3 came, 1 of them a new lead.
    Cost: 3,000 + 1,500 on the event (a rejected 999 line does not count): 4,500 over 3
    attendees is 1,500 each, over 1 lead 4,500. Opportunities of attendees since the event:
    2, one won for 20,000 (an older one and a non-attendee's do not count)."""
    from crmtui.services.expenses import write as expenses
    from crmtui.services.expenses.types import LineInput
    from crmtui.services.sales.write import create_opportunity, move_opportunity

    names = ["甲", "乙", "丙", "丁", "戊"]
    ids = [add_customer(db, n, now=datetime(2026, 11, 1, tzinfo=SH)) for n in names]
    with db.session() as s:  # an opportunity opened before the event: not from it
        create_opportunity(
            s, now=datetime(2026, 11, 2, tzinfo=SH), customer_id=ids[0], title="old", amount=500_000
        )
    eid = _event(
        db, "open", starts_on=date(2026, 11, 20), ends_on=date(2026, 11, 20), budget=500_000
    )
    with db.session() as s:
        for cid, answer in zip(
            ids, ["registered", "registered", "registered", "declined", "invited"], strict=True
        ):
            write.invite(s, now=now(), event_id=eid, customer_id=cid, status=answer)
        write.move_event(s, now=now(), event_id=eid, status="held")
    with db.session() as s:
        write.attend(s, now=now(), event_id=eid, customer_id=ids[0], country="CN", zone=SH)
        write.attend(s, now=now(), event_id=eid, customer_id=ids[1], country="CN", zone=SH)
        lead = write.add_lead(s, now=now(), event_id=eid, name="新锐科技").customer_id
    with db.session() as s:
        won = create_opportunity(s, now=now(), customer_id=ids[0], title="机床", amount=2_000_000)
        move_opportunity(s, now=now(), opportunity_id=won.id, stage="won")
        create_opportunity(s, now=now(), customer_id=lead, title="配件", amount=300_000)
        create_opportunity(s, now=now(), customer_id=ids[3], title="not from it", amount=1)
    with db.session() as s:
        day = date(2026, 11, 20)
        expenses.add_lines(
            s,
            now=now(),
            lines=[
                LineInput(day, "event", 300_000, event_id=eid),
                LineInput(day, "meals", 150_000, event_id=eid),
            ],
        )
        bad = expenses.add_lines(
            s, now=now(), new_claim=True, lines=[LineInput(day, "gifts", 99_900, event_id=eid)]
        )
        expenses.submit_claim(s, now=now(), claim_id=bad.id)
        expenses.reject_claim(s, now=now(), claim_id=bad.id, reason="no receipt")
    with db.reader() as r:
        report = read.event_report(r, eid)
        row = read.get_event_row(r, eid)
    assert report == {
        "invited": 6,
        "registered": 4,  # the lead registered on the spot
        "declined": 1,
        "attended": 3,
        "leads": 1,
        "opportunities": 2,
        "won": 1,
        "won_amount": 2_000_000,
        "cost": 450_000,
        "cost_per_attendee": 150_000,
        "cost_per_lead": 450_000,
    }
    assert (row["cost"], row["budget"], row["invited"], row["attended"]) == (450_000, 500_000, 6, 3)


def test_event_dates_and_kind_are_checked(db):
    with pytest.raises(InvalidInput) as caught, db.session() as s:
        write.create_event(
            s, now=now(), name="x", starts_on=date(2026, 11, 20), ends_on=date(2026, 11, 19)
        )
    assert caught.value.code == "event-ends-before-start"
    with pytest.raises(InvalidInput) as caught, db.session() as s:
        write.create_event(s, now=now(), name="x", starts_on=date(2026, 11, 20), kind="party")
    assert caught.value.code == "unknown-choice"
    with db.reader() as r:
        assert read.list_events(r) == []
