"""Service tests for every money rule: credit control, lifecycle, allocation, ageing, reviews."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from crmtui.errors import Ambiguous, InvalidInput
from crmtui.services.money.ageing import receivables
from crmtui.services.money.credit import credit_status
from crmtui.services.money.read import list_orders, order_detail
from crmtui.services.money.rules import LineSpec
from tests.helpers import now
from tests.money.support import TODAY, count, customer, order, pay, set_credit, ship

pytestmark = pytest.mark.both_backends


def _detail(db, oid):
    with db.reader() as reader:
        return order_detail(reader, oid, today=TODAY)


def _stage(db, cid):
    with db.reader() as reader:
        return reader.scalar("SELECT stage FROM customer WHERE id = :id", {"id": cid})


def test_confirming_over_the_limit_is_refused_with_the_amount_and_nothing_changes(db):
    cid = customer(db)
    set_credit(db, cid, credit_limit=100_000_00)
    order(db, cid, ("Item", 1, 80_000_00), confirm=True)
    oid = order(db, cid, ("Item", 1, 30_000_00))
    from crmtui.services.money.write import confirm_order

    with pytest.raises(InvalidInput) as exc, db.session() as s:
        confirm_order(s, now=now(), today=TODAY, order_id=oid)
    assert exc.value.code == "order-over-credit"
    assert "10,000 CNY over the credit limit of 100,000 CNY" in str(exc.value)
    assert "--force" in str(exc.value)
    assert _detail(db, oid).status == "draft"
    with db.session() as s:
        result = confirm_order(s, now=now(), today=TODAY, order_id=oid, force=True)
    assert result.forced is not None and "over the credit limit by 10,000 CNY" in result.forced
    detail = _detail(db, oid)
    assert detail.status == "confirmed"
    assert detail.forced == result.forced


def test_a_customer_with_money_overdue_past_the_block_days_cannot_order(db):
    cid = customer(db)
    set_credit(db, cid, credit_days=0)
    old = order(db, cid, ("Item", 1, 500_00), confirm=True, ordered_on=TODAY - timedelta(40))
    ship(db, old, TODAY - timedelta(days=31))
    new = order(db, cid, ("Item", 1, 100_00))
    from crmtui.services.money.write import confirm_order

    with pytest.raises(InvalidInput) as exc, db.session() as s:
        confirm_order(s, now=now(), today=TODAY, order_id=new)
    assert exc.value.code == "order-overdue-block"
    assert "500 CNY overdue more than 30 days" in str(exc.value)
    # a longer block lets it through; so does paying the old one
    with db.session() as s:
        confirm_order(s, now=now(), today=TODAY, order_id=new, block_days=60)
    assert _detail(db, new).forced is None


def test_confirm_copies_the_credit_term_and_ship_sets_the_due_date(db):
    cid = customer(db)
    set_credit(db, cid, credit_days=45)
    oid = order(db, cid, confirm=True)
    set_credit(db, cid, credit_days=10)  # a later change does not touch a confirmed order
    ship(db, oid, date(2026, 11, 25))
    detail = _detail(db, oid)
    assert detail.credit_days == 45
    assert detail.due_on == date(2026, 11, 25) + timedelta(days=45)


def test_the_first_order_makes_a_prospect_a_customer_once_and_logs_it(db):
    cid = customer(db, stage="prospect")
    order(db, cid)  # a draft is no order yet
    assert _stage(db, cid) == "prospect"
    order(db, cid, confirm=True)
    assert _stage(db, cid) == "customer"
    from crmtui.services.customers.write import update_customer

    with db.session() as s:
        update_customer(s, customer_id=cid, now=now(), changes={"stage": "dormant"})
    order(db, cid, confirm=True)  # not the first order: the stage stays as set
    assert _stage(db, cid) == "dormant"
    with db.reader() as reader:
        moves = reader.rows(
            "SELECT old, new FROM change WHERE entity = 'customer' AND field = 'stage'"
        )
    assert [(m["old"], m["new"]) for m in moves] == [
        ("prospect", "customer"),
        ("customer", "dormant"),
    ]


def test_a_won_opportunity_becomes_an_order_and_an_open_one_does_not(db):
    from crmtui.services.money.write import create_order
    from crmtui.services.sales.write import create_opportunity, move_opportunity

    cid = customer(db)
    with db.session() as s:
        opp = create_opportunity(s, now=now(), customer_id=cid, title="CNC x2", amount=240_000_00)
        opp_id = opp.id
    with pytest.raises(InvalidInput, match="not won"), db.session() as s:
        create_order(s, now=now(), today=TODAY, customer_id=cid, lines=[], opportunity_id=opp_id)
    with db.session() as s:
        move_opportunity(s, now=now(), opportunity_id=opp_id, stage="won")
    with db.session() as s:
        oid = create_order(
            s, now=now(), today=TODAY, customer_id=cid, lines=[], opportunity_id=opp_id
        ).id
    detail = _detail(db, oid)
    assert detail.opportunity_id == opp_id
    assert [(x.name, x.quantity, int(x.line_total)) for x in detail.lines] == [
        ("CNC x2", 1, 240_000_00)
    ]


def test_a_line_naming_a_product_takes_its_price_and_keeps_it_after_a_price_change(db):
    from crmtui.services.money.write import add_product, edit_product

    cid = customer(db)
    with db.session() as s:
        pid = add_product(
            s, now=now(), name="数控机床", model="CK6140", code="P-100", price=120_000_00
        ).id
    oid = order(db, cid, ("P-100", 2, None))
    with db.session() as s:
        edit_product(s, now=now(), product_id=pid, price=150_000_00)
    line = _detail(db, oid).lines[0]
    assert (line.name, line.model, int(line.unit_price), int(line.line_total)) == (
        "数控机床",
        "CK6140",
        120_000_00,
        240_000_00,
    )


def test_an_unknown_or_ambiguous_product_is_refused_and_nothing_is_written(db):
    from crmtui.services.money.write import add_product, create_order

    cid = customer(db)
    with db.session() as s:
        add_product(s, now=now(), name="Pump", model="A", price=100)
        add_product(s, now=now(), name="Pump", model="B", price=200)
    with pytest.raises(InvalidInput, match="no product 'Valve'"), db.session() as s:
        create_order(
            s, now=now(), today=TODAY, customer_id=cid, lines=[LineSpec("Valve", None, 1, None)]
        )
    with pytest.raises(Ambiguous), db.session() as s:
        create_order(
            s, now=now(), today=TODAY, customer_id=cid, lines=[LineSpec("Pump", None, 1, None)]
        )
    assert count(db, "sales_order") == 0
    order(db, cid, ("Pump/B", 1, None))
    assert count(db, "sales_order") == 1


def test_dates_out_of_order_are_refused(db):
    from crmtui.services.money.write import cancel_order, deliver_order

    cid = customer(db)
    with pytest.raises(InvalidInput, match="before the order date"):
        order(db, cid, ordered_on=date(2026, 11, 20), ship_planned=date(2026, 11, 19))
    oid = order(db, cid, confirm=True, ordered_on=date(2026, 11, 20))
    with pytest.raises(InvalidInput, match="before the order date"):
        ship(db, oid, date(2026, 11, 19))
    ship(db, oid, date(2026, 11, 21))
    with pytest.raises(InvalidInput, match="before the ship date"), db.session() as s:
        deliver_order(s, now=now(), order_id=oid, on=date(2026, 11, 20))
    with pytest.raises(InvalidInput, match="cannot become cancelled"), db.session() as s:
        cancel_order(s, now=now(), order_id=oid, on=TODAY)


def test_payments_settle_oldest_due_first_partly_and_refuse_more_than_owed(db):
    cid = customer(db)
    set_credit(db, cid, credit_days=0)
    first = order(db, cid, ("A", 1, 300_00), confirm=True)
    second = order(db, cid, ("B", 1, 500_00), confirm=True, ordered_on=date(2026, 10, 1))
    ship(db, second, date(2026, 11, 1))
    result = pay(db, cid, 600_00)
    assert [(o, int(a)) for o, a in result.allocations] == [(second, 500_00), (first, 100_00)]
    assert _detail(db, first).payment == "partial"
    assert _detail(db, second).payment == "paid"
    with pytest.raises(InvalidInput, match="--on-account"):
        pay(db, cid, 300_00)
    assert count(db, "payment") == 1
    result = pay(db, cid, 300_00, on_account=True)
    assert int(result.on_account) == 100_00
    with db.reader() as reader:
        status = credit_status(reader, cid, today=TODAY)
    assert (int(status.outstanding), int(status.on_account)) == (0, 100_00)


def test_a_payment_for_named_orders_goes_to_them_only(db):
    cid = customer(db)
    a = order(db, cid, ("A", 1, 300_00), confirm=True)
    b = order(db, cid, ("B", 1, 500_00), confirm=True)
    result = pay(db, cid, 200_00, order_ids=[b])
    assert [(o, int(x)) for o, x in result.allocations] == [(b, 200_00)]
    assert _detail(db, a).payment == "unpaid"
    other = customer(db, "Other")
    with pytest.raises(InvalidInput, match="another customer"):
        pay(db, other, 100, order_ids=[a])


def test_cancelling_a_paid_order_puts_the_money_on_account(db):
    from crmtui.services.money.write import cancel_order

    cid = customer(db)
    oid = order(db, cid, ("A", 1, 300_00), confirm=True)
    pay(db, cid, 100_00)
    with db.session() as s:
        cancel_order(s, now=now(), order_id=oid, on=TODAY)
    with db.reader() as reader:
        status = credit_status(reader, cid, today=TODAY)
    assert (int(status.outstanding), int(status.on_account)) == (0, 100_00)
    assert _detail(db, oid).payment == "-"


def test_receivables_bucket_every_open_order_once_and_the_totals_add_up(db):
    cid = customer(db)
    other = customer(db, "Acme")
    set_credit(db, cid, credit_days=0)
    set_credit(db, other, credit_days=0)
    late = {}
    for days in (0, 10, 45, 75, 200):
        oid = order(db, cid, ("A", 1, 1000_00), force=True, ordered_on=TODAY - timedelta(days + 1))
        ship(db, oid, TODAY - timedelta(days=days))
        late[oid] = days
    unshipped = order(db, other, ("B", 1, 250_00), confirm=True)
    paid = order(db, other, ("C", 1, 100_00), confirm=True)
    pay(db, other, 100_00, order_ids=[paid])
    order(db, other, ("D", 1, 999_00))  # a draft is owed by nobody
    with db.reader() as reader:
        report = receivables(reader, today=TODAY)
    ids = [o.order_id for o in report.orders]
    assert sorted(ids) == sorted([*late, unshipped])
    assert {o.order_id: o.bucket for o in report.orders} == {
        **dict(zip(late, ["current", "1-30", "31-60", "61-90", "90+"], strict=True)),
        unshipped: "current",
    }
    (cny,) = report.totals
    assert sum(int(v) for v in cny.buckets.values()) == int(cny.total) == 5250_00
    assert sum(int(c.total) for c in report.customers) == int(cny.total)
    assert report.customers[0].customer_id == cid  # most overdue first
    with db.reader() as reader:
        overdue = receivables(reader, today=TODAY, overdue_only=True)
    assert len(overdue.orders) == 4


def test_credit_status_and_the_review_history(db):
    cid = customer(db)
    set_credit(db, cid, credit_limit=50_000_00, credit_days=30, rating="b", note="first look")
    order(db, cid, ("A", 1, 20_000_00), confirm=True)
    with db.reader() as reader:
        status = credit_status(reader, cid, today=TODAY)
    assert status.rating == "B" and status.rated_on == TODAY
    assert (int(status.outstanding), int(status.available or 0)) == (20_000_00, 30_000_00)
    assert status.review_due_on == date(2027, 5, 23) and not status.review_due
    with db.reader() as reader:
        later = credit_status(reader, cid, today=date(2027, 5, 23))
    assert later.review_due
    assert [r.note for r in status.reviews] == ["first look"]
    with pytest.raises(InvalidInput):
        set_credit(db, cid, rating="E")


def test_the_list_filters_open_and_by_status(db):
    cid = customer(db)
    draft = order(db, cid)
    done = order(db, cid, confirm=True)
    pay(db, cid, 100_00, order_ids=[done])
    with db.reader() as reader:
        assert {o.id for o in list_orders(reader, today=TODAY, status="draft")} == {draft}
        everything = list_orders(reader, today=TODAY)
        assert len(everything) == 2
        assert {o.id for o in list_orders(reader, today=TODAY, open_only=True)} == {draft, done}


def test_the_table_report_counts_the_same_without_the_order_list(db):
    cid = customer(db)
    other = customer(db, "Acme")
    set_credit(db, cid, credit_days=0)
    for who, days in ((cid, 40), (cid, 0), (other, 100)):
        oid = order(db, who, ("A", 1, 1000_00), force=True, ordered_on=TODAY - timedelta(days + 1))
        ship(db, oid, TODAY - timedelta(days=days))
    with db.reader() as reader:
        full = receivables(reader, today=TODAY)
        lean = receivables(reader, today=TODAY, with_orders=False, top=1)
    assert lean.orders == [] and len(lean.customers) == 1
    assert lean.totals == full.totals
    assert lean.customers[0] == full.customers[0]
    assert lean.customer_count == full.customer_count == 2
