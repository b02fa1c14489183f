"""Services: customers, contacts, activities, opportunities, notes, search and the desktop."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from crmtui import clock
from crmtui.errors import Ambiguous, InvalidInput, NotFound
from crmtui.services.activities import read as actions_read
from crmtui.services.activities.write import complete_activity, log_activity, plan_activity
from crmtui.services.common.timeparse import parse_birthday
from crmtui.services.customers import read as lookup
from crmtui.services.customers.write import restore_customer, trash_customer, update_customer
from crmtui.services.desktop import read as desktop
from crmtui.services.notes.write import add_note, pin_note
from crmtui.services.sales.write import create_opportunity, move_opportunity
from tests.helpers import add_contact, add_customer

pytestmark = pytest.mark.both_backends
TZ = clock.zone("Asia/Shanghai")


def search(db, query):
    with db.reader() as reader:
        return [r["name"] for r in lookup.list_customers(reader, search=query)]


def test_create_update_trash_restore(db):
    cid = add_customer(
        db, "上海宏达机械有限公司", phones=["+86 21 5555 0101"], tags=["vip"], region="CN"
    )
    with db.session() as s:
        update_customer(
            s,
            customer_id=cid,
            now=clock.now(),
            changes={"stage": "prospect", "grade": "a", "man_money": "yes"},
        )
    with db.reader() as reader:
        card = lookup.resolve_customer(reader, str(cid))
        assert card["phones"] == ["+86 21 5555 0101"]
        rows = lookup.list_customers(reader, grade="A")
        assert [r["stage"] for r in rows] == ["prospect"] and rows[0]["tags"] == ["vip"]
        changes = reader.rows("SELECT field, old, new FROM change ORDER BY field")
        assert [tuple(r) for r in changes] == [
            ("grade", None, "A"),
            ("stage", "potential", "prospect"),
        ]
    with db.session() as s:
        trash_customer(s, customer_id=cid, now=clock.now())
    assert search(db, "宏达") == []
    with db.reader() as reader:
        assert [r["id"] for r in lookup.list_customers(reader, trash=True)] == [cid]
    with db.session() as s:
        restore_customer(s, customer_id=cid, now=clock.now())
    assert search(db, "宏达") == ["上海宏达机械有限公司"]


@pytest.mark.parametrize(
    "field, value",
    [
        ("stage", "won"),
        ("grade", "D"),
        ("country", "China"),
        ("timezone", "Mars/Base"),
        ("email", "not-an-address"),
        ("name", ""),
        ("name", "x" * 10_000),
        ("name", "a\x00b"),
    ],
)
def test_bad_customer_values_are_refused_and_nothing_written(db, field, value):
    fields = {"name": "Acme", field: value}
    with pytest.raises(InvalidInput):
        add_customer(db, **fields)
    with db.reader() as reader:
        assert lookup.count_customers(reader) == 0


def test_search_by_pinyin_phone_email_tag_notes(db):
    cid = add_customer(
        db,
        "张伟",
        is_person=True,
        phones=["+86 138-0013-8000"],
        email="Zhang.Wei@Example.com",
        tags=["展会"],
        notes="喜欢喝茶 likes golf",
    )
    add_customer(db, "Acme Tools Ltd")
    add_contact(db, cid, "王丽", role="采购经理")
    for query in (
        "zhangwei",
        "zhang",
        "zw",
        "ZW",
        "张伟",
        "张",
        "13800138000",
        "138 0013",
        "zhang.wei@example",
        "展会",
        "golf",
        "GOLF",
    ):
        assert search(db, query) == ["张伟"], query
    assert search(db, "wangli") == ["张伟"]  # found through its contact
    assert search(db, "acme") == ["Acme Tools Ltd"]
    assert search(db, "nobody-here") == []


def test_resolve_customer_by_id_name_pinyin_and_ambiguity(db):
    a = add_customer(db, "上海宏达机械有限公司")
    add_customer(db, "北京宏达电子有限公司")
    with db.reader() as reader:
        assert lookup.resolve_customer(reader, "上海宏达")["id"] == a
        assert lookup.resolve_customer(reader, str(a))["id"] == a
        assert lookup.resolve_customer(reader, "shanghaihongda")["id"] == a
        with pytest.raises(Ambiguous) as info:
            lookup.resolve_customer(reader, "hd")
        assert len(info.value.candidates) == 2
        with pytest.raises(NotFound):
            lookup.resolve_customer(reader, "nobody")


def test_birthdays_next_seven_days_wrap_and_feb29(db, monkeypatch):
    cid = add_customer(db, "宏达")
    add_contact(db, cid, "王丽", birthday=parse_birthday("12-30"))
    add_contact(db, cid, "李雷", birthday=parse_birthday("1990-01-02"))
    add_contact(db, cid, "Leap", birthday=parse_birthday("02-29"))
    add_contact(db, cid, "Far", birthday=parse_birthday("03-15"))
    with db.reader() as reader:
        found = desktop.upcoming_birthdays(reader, today=date(2026, 12, 28))
        assert [(b["name"], b["in_days"]) for b in found] == [("王丽", 2), ("李雷", 5)]
        assert found[1]["age"] == 37
        leap = desktop.upcoming_birthdays(reader, today=date(2027, 2, 25))
        assert [(b["name"], b["date"]) for b in leap] == [("Leap", date(2027, 2, 28))]


def test_lunar_birthday(db):
    cid = add_customer(db, "宏达")
    add_contact(db, cid, "中秋", birthday=parse_birthday("08-15", lunar=True))
    with db.reader() as reader:
        found = desktop.upcoming_birthdays(reader, today=date(2026, 9, 22))
    assert [(b["name"], b["date"], b["lunar"]) for b in found] == [
        ("中秋", date(2026, 9, 25), True)
    ]


def test_actions_week_overdue_first_and_done(db):
    cid = add_customer(db, "宏达")
    now = clock.now()
    with db.session() as s:
        later = plan_activity(s, now=now, customer_id=cid, due_at=now + timedelta(days=1))
        overdue = plan_activity(s, now=now, customer_id=cid, due_at=now - timedelta(days=2))
        plan_activity(s, now=now, customer_id=cid, due_at=now + timedelta(days=30))
        ids = (later.id, overdue.id)
    with db.reader() as reader:
        rows = actions_read.list_actions(reader, now=now, tz=TZ, scope="week")
    assert [(r["id"], r["overdue"]) for r in rows] == [(ids[1], True), (ids[0], False)]
    with db.session() as s:
        complete_activity(s, now=now, activity_id=ids[1], outcome="reached", note="ok")
        with pytest.raises(InvalidInput, match="already done"):
            complete_activity(s, now=now, activity_id=ids[1])
    with db.reader() as reader:
        assert [r["id"] for r in actions_read.list_actions(reader, now=now, tz=TZ)] == [ids[0]]
        last = reader.scalar("SELECT last_contact_at FROM customer WHERE id = :id", {"id": cid})
    assert clock.from_db(last) == now


def test_log_activity_rules(db):
    cid = add_customer(db, "宏达")
    other = add_customer(db, "Acme")
    stranger = add_contact(db, other, "Bob")
    now = clock.now()
    with db.session() as s:
        with pytest.raises(InvalidInput, match="future"):
            log_activity(s, now=now, customer_id=cid, at=now + timedelta(hours=1))
        with pytest.raises(InvalidInput, match="outcome"):
            log_activity(s, now=now, customer_id=cid, outcome="maybe")
        with pytest.raises(InvalidInput, match="does not belong"):
            log_activity(s, now=now, customer_id=cid, contact_id=stranger)


def test_opportunities_won_lost_and_month_summary(db):
    cid = add_customer(db, "宏达")
    now = clock.now()
    with db.session() as s:
        won = create_opportunity(s, now=now, customer_id=cid, title="设备", amount=1_200_000)
        lost = create_opportunity(s, now=now, customer_id=cid, title="备件", amount=50_000)
        with pytest.raises(InvalidInput, match="negative"):
            create_opportunity(s, now=now, customer_id=cid, title="x", amount=-1)
        ids = (won.id, lost.id)
    with db.session() as s:
        move_opportunity(s, now=now, opportunity_id=ids[0], stage="negotiation")
        move_opportunity(s, now=now, opportunity_id=ids[0], stage="won")
        with pytest.raises(InvalidInput, match="why"):
            move_opportunity(s, now=now, opportunity_id=ids[1], stage="lost")
    with db.session() as s:
        move_opportunity(s, now=now, opportunity_id=ids[1], stage="lost", lost_reason="价格太高")
        log_activity(s, now=now, customer_id=cid, outcome="reached")
        log_activity(s, now=now, customer_id=cid, outcome="no-answer")
        log_activity(s, now=now, customer_id=cid, kind="visit")
    with db.reader() as reader:
        month = desktop.month_summary(reader, now=now, tz=TZ)
    assert month["calls"] == 2 and month["calls_reached"] == 1 and month["reached_rate"] == 0.5
    assert month["visits"] == 1 and month["new_customers"] == {"potential": 1}
    assert month["won"] == {"count": 1, "amount": 1_200_000}
    assert month["lost"] == {"count": 1, "amount": 50_000}


def test_pinned_notes_and_recent_lists(db):
    cid = add_customer(db, "宏达")
    add_contact(db, cid, "王丽")
    now = clock.now()
    with db.session() as s:
        note = add_note(s, now=now, body="月底核对应收账款")
        add_note(s, now=now, body="customer note", customer_id=cid)
        with pytest.raises(InvalidInput):
            add_note(s, now=now, body="   ")
        note_id = note.id
    with db.session() as s:
        pin_note(s, note_id=note_id, now=now)
    with db.reader() as reader:
        desk = desktop.today_desktop(reader, now=now, tz=TZ)
    assert [n["body"] for n in desk["pinned_notes"]] == ["月底核对应收账款"]
    assert [c["name"] for c in desk["recent_customers"]] == ["宏达"]
    assert [c["name"] for c in desk["recent_contacts"]] == ["王丽"]


def test_update_and_trash_contact(db):
    from crmtui.services.contacts.write import trash_contact, update_contact

    cid = add_customer(db, "宏达", country="CN")
    pid = add_contact(db, cid, "王丽")
    with db.session() as s:
        update_contact(
            s,
            now=clock.now(),
            contact_id=pid,
            changes={
                "name": "王丽丽",
                "role": "总经理",
                "phones": ["13800138000"],
                "decision_maker": True,
            },
            birthday=parse_birthday("05-01"),
        )
        with pytest.raises(InvalidInput):
            update_contact(s, now=clock.now(), contact_id=pid, changes={"email": "nope"})
    with db.reader() as reader:
        [row] = lookup.list_contacts(reader, search="wanglili")
        assert (row["role"], row["phones"], row["decision_maker"]) == (
            "总经理",
            ["+86 138 0013 8000"],
            True,
        )
        assert (row["birthday_month"], row["birthday_day"]) == (5, 1)
    with db.session() as s:
        trash_contact(s, now=clock.now(), contact_id=pid)
    with db.reader() as reader:
        assert lookup.list_contacts(reader, customer_id=cid) == []
