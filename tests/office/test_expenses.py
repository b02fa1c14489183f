"""Expense claims: the status machine, frozen claims, the reports and cost of sale."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from crmtui.errors import CrmError, InvalidInput
from crmtui.services.expenses import read, write
from crmtui.services.expenses.types import LineInput
from tests.helpers import add_customer, now

pytestmark = pytest.mark.both_backends

SH = ZoneInfo("Asia/Shanghai")
DAY = date(2026, 11, 20)


def _claim(db, status="draft", lines=None):
    with db.session() as s:
        claim = write.add_lines(
            s, now=now(), new_claim=True, lines=lines or [LineInput(DAY, "travel", 68_000)]
        )
        cid = claim.id
    steps = {
        "submitted": ["submit"],
        "approved": ["submit", "approve"],
        "rejected": ["submit", "reject"],
        "reimbursed": ["submit", "approve", "reimburse"],
    }.get(status, [])
    for step in steps:
        with db.session() as s:
            if step == "reject":
                write.reject_claim(s, now=now(), claim_id=cid, reason="no receipt")
            else:
                getattr(write, f"{step}_claim")(s, now=now(), claim_id=cid)
    return cid


def _status(db, cid):
    with db.reader() as r:
        return read.claim_card(r, cid)["claim"]["status"]


def test_claim_goes_draft_submitted_approved_reimbursed(db):
    cid = _claim(db, "reimbursed")
    with db.reader() as r:
        claim = read.claim_card(r, cid)["claim"]
    assert claim["status"] == "reimbursed"
    assert claim["submitted_at"] and claim["decided_at"] and claim["reimbursed_at"]


def test_rejected_claim_keeps_its_reason(db):
    cid = _claim(db, "rejected")
    with db.reader() as r:
        claim = read.claim_card(r, cid)["claim"]
    assert (claim["status"], claim["reject_reason"]) == ("rejected", "no receipt")


@pytest.mark.parametrize(
    ("start", "step"),
    [
        ("draft", "approve"),
        ("draft", "reject"),
        ("draft", "reimburse"),
        ("submitted", "submit"),
        ("submitted", "reimburse"),
        ("approved", "reject"),
        ("approved", "submit"),
        ("rejected", "approve"),
        ("rejected", "reimburse"),
        ("reimbursed", "approve"),
    ],
)
def test_illegal_claim_moves_are_refused_in_one_line(db, start, step):
    cid = _claim(db, start)
    with pytest.raises(InvalidInput) as caught, db.session() as s:
        if step == "reject":
            write.reject_claim(s, now=now(), claim_id=cid, reason="x")
        else:
            getattr(write, f"{step}_claim")(s, now=now(), claim_id=cid)
    assert caught.value.code == "claim-cannot-move"
    assert "\n" not in str(caught.value)
    assert _status(db, cid) == start


def test_rejecting_needs_a_reason(db):
    cid = _claim(db, "submitted")
    with pytest.raises(InvalidInput) as caught, db.session() as s:
        write.reject_claim(s, now=now(), claim_id=cid, reason="  ")
    assert caught.value.code == "claim-reject-needs-reason"
    assert _status(db, cid) == "submitted"


def test_an_empty_claim_cannot_be_submitted(db):
    cid = _claim(db)
    with db.reader() as r:
        (line,) = read.claim_lines(r, cid)
    with db.session() as s:
        write.remove_line(s, now=now(), line_id=line["id"])
    with pytest.raises(InvalidInput) as caught, db.session() as s:
        write.submit_claim(s, now=now(), claim_id=cid)
    assert caught.value.code == "claim-empty"
    assert _status(db, cid) == "draft"


@pytest.mark.parametrize(
    ("status", "code"),
    [
        ("submitted", "claim-submitted"),
        ("approved", "claim-frozen"),
        ("rejected", "claim-frozen-rejected"),
        ("reimbursed", "claim-frozen"),
    ],
)
def test_a_claim_past_draft_is_frozen_and_says_why(db, status, code):
    cid = _claim(db, status)
    with db.reader() as r:
        before = read.claim_card(r, cid)
    with pytest.raises(InvalidInput) as caught, db.session() as s:
        write.add_lines(s, now=now(), claim_id=cid, lines=[LineInput(DAY, "meals", 100)])
    assert caught.value.code == code
    if status == "rejected":
        assert "no receipt" in str(caught.value)
    with pytest.raises(InvalidInput), db.session() as s:
        write.remove_line(s, now=now(), line_id=before["items"][0]["id"])
    with db.reader() as r:
        assert read.claim_card(r, cid) == before


def test_new_lines_join_the_latest_draft(db):
    first = _claim(db, "submitted")
    with db.session() as s:
        a = write.add_lines(s, now=now(), lines=[LineInput(DAY, "hotel", 45_000)]).id
    with db.session() as s:
        b = write.add_lines(s, now=now(), lines=[LineInput(DAY, "meals", 12_050)]).id
    assert a == b != first
    with db.reader() as r:
        card = read.claim_card(r, a)
    assert card["claim"]["total"] == 57_050 and card["claim"]["lines"] == 2


def test_bad_lines_are_refused_and_nothing_is_written(db):
    for line, code in [
        (LineInput(DAY, "party", 100), "expense-unknown-category"),
        (LineInput(DAY, "travel", 0), "expense-amount-not-positive"),
        (LineInput(DAY, "travel", 100, customer_id=999), "no-customer-id"),
        (LineInput(DAY, "travel", 100, event_id=5), "no-event-id"),
    ]:
        with pytest.raises(CrmError) as caught, db.session() as s:
            write.add_lines(s, now=now(), lines=[LineInput(DAY, "meals", 100), line])
        assert caught.value.code == code, line
    with db.reader() as r:
        assert r.scalar("SELECT count(*) FROM expense_claim") == 0
        assert r.scalar("SELECT count(*) FROM expense_line") == 0


def test_reports_by_month_category_customer_event_against_hand_counts(db):
    """Lines: Oct travel 100 (宏达); Nov travel 680 (宏达), hotel 450 (宏达), meals 120.50
    (Acme), gifts 300 (no customer, on the event); a rejected claim's meals 999 counts nowhere."""
    from crmtui.services.events.write import create_event

    hd, acme = add_customer(db, "宏达机械"), add_customer(db, "Acme Tools")
    with db.session() as s:
        eid = create_event(s, now=now(), name="工博会", starts_on=DAY).id
    _claim(db, "approved", [LineInput(date(2026, 10, 9), "travel", 10_000, customer_id=hd)])
    _claim(
        db,
        "submitted",
        [
            LineInput(DAY, "travel", 68_000, customer_id=hd, note="高铁"),
            LineInput(DAY, "hotel", 45_000, customer_id=hd),
            LineInput(date(2026, 11, 21), "meals", 12_050, customer_id=acme),
            LineInput(date(2026, 11, 22), "gifts", 30_000, event_id=eid),
        ],
    )
    _claim(db, "rejected", [LineInput(DAY, "meals", 99_900, customer_id=acme, event_id=eid)])

    def report(by, **kw):
        with db.reader() as r:
            return [
                (x["key"], x["label"], x["lines"], int(x["amount"]))
                for x in read.expense_report(r, by=by, **kw)
            ]

    assert report("month") == [
        ("2026-10", "2026-10", 1, 10_000),
        ("2026-11", "2026-11", 4, 155_050),
    ]
    assert report("category") == [
        ("travel", "travel", 2, 78_000),
        ("hotel", "hotel", 1, 45_000),
        ("gifts", "gifts", 1, 30_000),
        ("meals", "meals", 1, 12_050),
    ]
    assert report("customer") == [
        (str(hd), "宏达机械", 3, 123_000),
        ("", "", 1, 30_000),
        (str(acme), "Acme Tools", 1, 12_050),
    ]
    assert report("event") == [("", "", 4, 135_050), (str(eid), "工博会", 1, 30_000)]
    assert report("category", start=date(2026, 11, 1), end=date(2026, 12, 1))[0] == (
        "travel",
        "travel",
        1,
        68_000,
    )


def test_cost_of_sale_per_won_opportunity(db):
    """Won deal A (宏达, open 11-01 to 11-23): its own line 200, a 宏达 line in its open period
    300, a 宏达 line before it opened (10-15) and one on another opportunity do not count:
    500 of 10,000 is 5.0%."""
    from crmtui.services.sales.write import create_opportunity, move_opportunity

    hd = add_customer(db, "宏达机械")
    with db.session() as s:
        a = create_opportunity(
            s, now=datetime(2026, 11, 1, 10, tzinfo=SH), customer_id=hd, title="A", amount=1_000_000
        ).id
        b = create_opportunity(
            s, now=datetime(2026, 11, 1, 10, tzinfo=SH), customer_id=hd, title="B", amount=50_000
        ).id
    _claim(
        db,
        "approved",
        [
            LineInput(date(2026, 11, 5), "travel", 20_000, opportunity_id=a),
            LineInput(date(2026, 11, 6), "meals", 30_000, customer_id=hd),
            LineInput(date(2026, 10, 15), "meals", 70_000, customer_id=hd),
            LineInput(date(2026, 11, 7), "gifts", 40_000, opportunity_id=b),
        ],
    )
    with db.session() as s:
        move_opportunity(s, now=now(), opportunity_id=a, stage="won")
    with db.reader() as r:
        rows = read.cost_of_sale(r)
    assert [(x["title"], int(x["cost"]), x["share"]) for x in rows] == [("A", 50_000, "5.0%")]
