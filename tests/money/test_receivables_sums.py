"""The receivables table's sums, made by the database from the open-orders index (0016), are the
same as adding up every open order: per bucket, per customer and currency, in total, in the
same order of customers, with the trash left out."""

from __future__ import annotations

from datetime import timedelta

import pytest

from crmtui.services.money.ageing import receivables
from tests.helpers import now
from tests.money.support import TODAY, customer, order, pay, ship

pytestmark = pytest.mark.both_backends


def _book(db):
    from crmtui.services.customers.write import trash_customer

    ids = [customer(db, name) for name in ("宏达机械", "Acme Ltd", "Beta GmbH", "Gone Co")]
    # due dates spread over every bucket, two currencies, partial payments, a draft
    for n, cid in enumerate(ids):
        for k, days in enumerate((0, 10, 45, 75, 120)):
            oid = order(
                db,
                cid,
                ("Item", 1, (n + 1) * 1000_00 + k * 10_00),
                force=True,  # past the overdue block: the point is to have late money
                ordered_on=TODAY - timedelta(days=200),
                currency="USD" if (n + k) % 3 == 0 else "CNY",
            )
            ship(db, oid, TODAY - timedelta(days=days + 30))
    order(db, ids[0], ("Item", 1, 5_00))  # a draft owes nothing
    pay(db, ids[1], 1500_00)
    with db.session() as session:
        trash_customer(session, customer_id=ids[3], now=now())
    return ids


def test_the_summed_report_equals_adding_up_every_order(db):
    ids = _book(db)
    cases = [
        {},
        {"overdue_only": True},
        {"bounds": (15, 40)},
        {"customer_id": ids[1]},
        {"top": 2},
        {"customer_id": ids[3]},  # in the trash: nothing
    ]
    with db.reader() as reader:
        for kw in cases:
            full = receivables(reader, today=TODAY, with_orders=True, **kw)
            summed = receivables(reader, today=TODAY, with_orders=False, **kw)
            assert summed.totals == full.totals, kw
            assert summed.customers == full.customers, kw
            assert summed.customer_count == full.customer_count, kw
            assert summed.orders == []
        everything = receivables(reader, today=TODAY, with_orders=False)
    assert {t.currency for t in everything.totals} == {"CNY", "USD"}
    assert everything.customer_count == 6  # three customers, each in two currencies
    assert all(t.customer != "Gone Co" for t in everything.customers)
    for total in everything.totals:
        assert sum(total.buckets.values()) == total.total
