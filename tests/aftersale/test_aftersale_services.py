"""After the sale, tier 1: the six complaint steps in order, closing needs a satisfaction level,
reopening keeps the history, a service record moves its plan, satisfaction drops, referrals."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from crmtui.errors import InvalidInput
from crmtui.services.aftersale import read, rules, write
from tests.helpers import add_customer, now

pytestmark = pytest.mark.both_backends


def _complaint(db, cid, **fields):
    with db.session() as s:
        return write.add_complaint(s, now=now(), customer_id=cid, said="it broke", **fields).id


def _step(db, kid, step, note="done", **kw):
    with db.session() as s:
        return write.record_step(s, now=now(), complaint_id=kid, step=step, note=note, **kw)


def _status(db, kid):
    with db.reader() as r:
        return read.complaint_detail(r, kid)


def test_a_new_complaint_is_open_at_step_one_with_what_they_said(db):
    kid = _complaint(db, add_customer(db, "Acme"), severity="高", channel="电话")
    detail = _status(db, kid)
    assert (detail["status"], detail["step"], detail["severity"], detail["channel"]) == (
        "open",
        1,
        "high",
        "call",
    )
    assert [(e["kind"], e["step"], e["note"]) for e in detail["entries"]] == [
        ("step", 1, "it broke")
    ]
    assert detail["next_steps"] == [1, 2]


def test_steps_in_order_give_the_status(db):
    kid = _complaint(db, add_customer(db, "Acme"))
    seen = []
    for step in (2, 3, 4, 5, 6):
        _step(db, kid, step, by_date=date(2026, 12, 1) if step == 4 else None)
        seen.append(_status(db, kid)["status"])
    assert seen == [
        "acknowledged",
        "investigating",
        "solution-offered",
        "solution-offered",
        "following-up",
    ]
    assert _status(db, kid)["promised_by"] == date(2026, 12, 1)


@pytest.mark.parametrize("skip_to, at", [(3, 1), (4, 2), (6, 3), (5, 3)])
def test_a_later_step_before_an_earlier_one_is_refused(db, skip_to, at):
    kid = _complaint(db, add_customer(db, "Acme"))
    for step in range(2, at + 1):
        _step(db, kid, step)
    with pytest.raises(InvalidInput, match=f"record step {at + 1} first") as caught:
        _step(db, kid, skip_to)
    assert caught.value.code == "complaint-step-too-early"
    assert len(_status(db, kid)["entries"]) == at, "nothing written"


def test_step_five_is_skipped_when_the_customer_is_satisfied(db):
    kid = _complaint(db, add_customer(db, "Acme"))
    for step in (2, 3, 4, 6):
        _step(db, kid, step)
    assert _status(db, kid)["status"] == "following-up"


def test_an_earlier_step_after_a_later_one_and_step_seven_are_refused(db):
    kid = _complaint(db, add_customer(db, "Acme"))
    _step(db, kid, 2)
    _step(db, kid, 3)
    with pytest.raises(InvalidInput, match="already at step 3"):
        _step(db, kid, 2)
    with pytest.raises(InvalidInput, match="six steps"):
        _step(db, kid, 7)
    _step(db, kid, 3, note="more facts")  # the current step may be recorded again
    assert [e["step"] for e in _status(db, kid)["entries"]] == [1, 2, 3, 3]


def test_a_step_needs_its_text_and_by_belongs_to_step_four(db):
    kid = _complaint(db, add_customer(db, "Acme"))
    with pytest.raises(InvalidInput, match="needs its text"):
        _step(db, kid, 2, note="  ")
    with pytest.raises(InvalidInput, match="step 4"):
        _step(db, kid, 2, by_date=date(2026, 12, 1))
    assert len(_status(db, kid)["entries"]) == 1


def test_a_close_requires_a_satisfaction_level(db):
    cid = add_customer(db, "Acme")
    kid = _complaint(db, cid)
    with pytest.raises(InvalidInput, match="needs the customer's satisfaction"), db.session() as s:
        write.close_complaint(s, now=now(), complaint_id=kid, satisfaction=None)
    assert _status(db, kid)["status"] == "open"
    with db.session() as s:
        write.close_complaint(s, now=now(), complaint_id=kid, satisfaction=4)
    detail = _status(db, kid)
    assert (detail["status"], detail["satisfaction"], detail["next_steps"]) == ("closed", 4, [])
    with db.reader() as r:
        history = read.satisfaction_history(r, cid)
    assert [(h["level"], h["source"], h["ref_id"]) for h in history] == [(4, "complaint", kid)]
    with pytest.raises(InvalidInput, match="is closed"):
        _step(db, kid, 2)


@pytest.mark.parametrize(
    "level, unresolved, status",
    [
        (2, False, "closed-unresolved"),
        (1, False, "closed-unresolved"),
        (4, True, "closed-unresolved"),
        (3, False, "closed"),
    ],
)
def test_a_close_with_the_customer_still_unhappy_is_unresolved(db, level, unresolved, status):
    kid = _complaint(db, add_customer(db, "Acme"))
    with db.session() as s:
        write.close_complaint(
            s, now=now(), complaint_id=kid, satisfaction=level, unresolved=unresolved
        )
    assert _status(db, kid)["status"] == status


def test_reopen_keeps_the_history_and_starts_a_new_round(db):
    kid = _complaint(db, add_customer(db, "Acme"))
    for step in (2, 3, 4, 6):
        _step(db, kid, step, by_date=date(2026, 12, 1) if step == 4 else None)
    with db.session() as s:
        write.close_complaint(s, now=now(), complaint_id=kid, satisfaction=4)
    with pytest.raises(InvalidInput, match="already closed"), db.session() as s:
        write.close_complaint(s, now=now(), complaint_id=kid, satisfaction=4)
    with db.session() as s:
        write.reopen_complaint(s, now=now(), complaint_id=kid, note="it broke again")
    detail = _status(db, kid)
    assert (detail["status"], detail["step"], detail["closed_at"]) == ("open", 1, None)
    assert [(e["kind"], e["step"]) for e in detail["entries"]] == [
        ("step", 1),
        ("step", 2),
        ("step", 3),
        ("step", 4),
        ("step", 6),
        ("closed", None),
        ("reopened", None),
    ]
    _step(db, kid, 2)
    assert _status(db, kid)["status"] == "acknowledged"
    with pytest.raises(InvalidInput, match="not closed"), db.session() as s:
        write.reopen_complaint(s, now=now(), complaint_id=kid)


def test_progress_is_a_pure_rule():
    E = rules.Entry
    assert rules.progress([]) == rules.Progress("open", 1)
    entries = [E("step", 1), E("step", 2), E("unresolved"), E("reopened"), E("step", 2)]
    assert rules.progress(entries) == rules.Progress("acknowledged", 2)
    assert rules.progress(entries[:3]).status == "closed-unresolved"


def test_a_service_record_moves_the_plan(db):
    cid = add_customer(db, "Acme")
    today = now().date()
    with db.session() as s:
        pid = write.plan_service(
            s, now=now(), today=today, customer_id=cid, kind="maintenance", every="6m"
        ).id
    with db.reader() as r:
        assert read.list_plans(r, customer_id=cid)[0]["next_due"] == date(2027, 5, 23)
    with db.session() as s:
        record = write.log_service(
            s,
            now=now(),
            customer_id=cid,
            kind="保养",
            done_on=date(2026, 11, 30),
            satisfaction=5,
            cost=12_000,
        )
        assert record.plan_id == pid
    with db.reader() as r:
        plan = read.list_plans(r, customer_id=cid)[0]
        assert (plan["next_due"], plan["last_done"], plan["every"]) == (
            date(2027, 5, 30),
            date(2026, 11, 30),
            "6m",
        )
        assert read.satisfaction_history(r, cid)[0]["source"] == "service"
        assert str(read.list_records(r, customer_id=cid)[0]["cost"].decimal()) == "120.00"


def test_a_plan_in_days_and_the_interval_rules(db):
    assert rules.parse_every("90d") == (90, "d")
    assert rules.parse_every(" 6 个月 ") == (6, "m")
    assert rules.parse_every("2w") == (14, "d")
    assert rules.parse_every("1y") == (12, "m")
    assert rules.parse_every("６m") == (6, "m")
    for bad in ("0d", "0m", "00d"):
        with pytest.raises(InvalidInput, match="at least 1d"):
            rules.parse_every(bad)
    for bad in ("6", "m", "-1d", "1.5m", "6x", ""):
        with pytest.raises(InvalidInput, match="not an interval"):
            rules.parse_every(bad)
    cid = add_customer(db, "Acme")
    with db.session() as s:
        plan = write.plan_service(
            s, now=now(), today=date(2026, 1, 31), customer_id=cid, kind="inspection", every="1m"
        )
    assert plan.next_due == date(2026, 2, 28)


def test_several_plans_of_a_kind_must_be_named(db):
    cid = add_customer(db, "Acme")
    with db.session() as s:
        for _ in range(2):
            write.plan_service(
                s, now=now(), today=now().date(), customer_id=cid, kind="training", every="30d"
            )
    with pytest.raises(InvalidInput, match="name one with --plan"), db.session() as s:
        write.log_service(s, now=now(), customer_id=cid, kind="training", done_on=now().date())
    with db.reader() as r:
        assert read.list_records(r, customer_id=cid) == []


@pytest.mark.parametrize(
    "text, level",
    [
        ("5", 5),
        ("very satisfied", 5),
        ("Very-Satisfied", 5),
        ("很满意", 5),
        ("满意", 4),
        ("fairly satisfied", 3),
        ("基本满意", 3),
        ("不满意", 2),
        ("dissatisfied", 2),
        ("很不满意", 1),
        ("１", 1),
    ],
)
def test_levels_by_english_or_chinese_name_or_number(text, level):
    assert rules.parse_level(text) == level


@pytest.mark.parametrize("text", ["6", "0", "happy", "", "3.5"])
def test_unknown_levels_are_refused(text):
    with pytest.raises(InvalidInput):
        rules.parse_level(text)


def test_a_drop_to_dissatisfied_asks_for_a_call(db):
    cid = add_customer(db, "Acme")
    saved = []
    for level in (4, 2, 1, 1, 3):
        with db.session() as s:
            saved.append(write.record_satisfaction(s, now=now(), customer_id=cid, level=level))
    assert [(s["previous"], s["follow_up"]) for s in saved] == [
        (None, False),
        (4, True),
        (2, True),
        (1, False),
        (1, False),
    ]
    with db.reader() as r:
        assert [h["level"] for h in read.satisfaction_history(r, cid)] == [3, 1, 1, 2, 4]


def test_referrals_refuse_self_and_cycles(db):
    a, b, c = (add_customer(db, n) for n in ("A", "B", "C"))
    with db.session() as s:
        write.set_referrer(s, now=now(), customer_id=b, referrer_id=a)
        write.set_referrer(s, now=now(), customer_id=c, referrer_id=b)
    with pytest.raises(InvalidInput, match="cannot refer themselves"), db.session() as s:
        write.set_referrer(s, now=now(), customer_id=a, referrer_id=a)
    with pytest.raises(InvalidInput, match="no cycles"), db.session() as s:
        write.set_referrer(s, now=now(), customer_id=a, referrer_id=c)
    with db.reader() as r:
        assert read.referred_by(r, a) is None
        assert [x["name"] for x in read.referred(r, a)] == ["B"]
        assert read.referred_by(r, c) == {"id": b, "name": "B"}
    with db.session() as s:
        write.set_referrer(s, now=now(), customer_id=c, referrer_id=None)
    with db.reader() as r:
        assert read.referred(r, b) == []


def test_open_high_complaints_are_counted_for_the_card_header(db):
    cid = add_customer(db, "Acme")
    _complaint(db, cid, severity="critical")
    _complaint(db, cid, severity="low")
    kid = _complaint(db, cid, severity="high")
    with db.session() as s:
        write.close_complaint(s, now=now() + timedelta(hours=1), complaint_id=kid, satisfaction=4)
    with db.reader() as r:
        assert read.open_alert(r, cid) == 1
        assert [k["severity"] for k in read.list_complaints(r, open_only=True)] == [
            "critical",
            "low",
        ]
