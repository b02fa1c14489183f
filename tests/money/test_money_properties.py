"""Property: for any sequence of orders, payments and cancellations, outstanding = booked order
totals − allocations, every payment is counted once (allocated + on account = paid), and the
receivables list each open order once with bucket totals adding up to the outstanding."""

from __future__ import annotations

import itertools
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crmtui.errors import InvalidInput
from crmtui.services.money.ageing import receivables
from crmtui.services.money.credit import credit_status
from crmtui.services.money.read import order_detail
from tests.helpers import now
from tests.money.support import TODAY, customer, order, pay, ship

_names = itertools.count()

operation = st.one_of(
    st.tuples(st.just("order"), st.integers(1, 5), st.integers(1, 100_000), st.booleans()),
    st.tuples(st.just("pay"), st.integers(1, 300_000), st.booleans(), st.booleans()),
    st.tuples(st.just("ship"), st.integers(0, 20), st.integers(0, 60), st.booleans()),
    st.tuples(st.just("cancel"), st.integers(0, 20), st.booleans(), st.booleans()),
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ops=st.lists(operation, min_size=1, max_size=14))
def test_outstanding_is_totals_minus_allocations_and_no_payment_counts_twice(db, ops):
    from crmtui.services.money.write import cancel_order

    cid = customer(db, f"Customer {next(_names)}")
    orders: list[int] = []
    owed = credit = paid_in = 0  # the model: what is owed, kept on account, received
    for op in ops:
        kind = op[0]
        if kind == "order":
            _, qty, price, confirm = op
            orders.append(
                order(
                    db, cid, ("Item", qty, price), force=confirm, ordered_on=TODAY - timedelta(90)
                )
            )
            owed += qty * price if confirm else 0
        elif kind == "pay":
            _, amount, on_account, first_only = op
            named = orders[:1] if first_only and orders else []
            try:
                pay(db, cid, amount, on_account=on_account, order_ids=named)
            except InvalidInput:
                continue  # refused: nothing was written
            paid_in += amount
            # what goes to orders is capped by what is owed; the rest stays on account
            with db.reader() as reader:
                status = credit_status(reader, cid, today=TODAY)
            moved = owed - int(status.outstanding)
            assert 0 <= moved <= amount
            owed -= moved
            credit += amount - moved
        elif kind in ("ship", "cancel") and orders:
            oid = orders[op[1] % len(orders)]
            with db.reader() as reader:
                before = order_detail(reader, oid, today=TODAY)
            try:
                if kind == "ship":
                    ship(db, oid, TODAY - timedelta(days=op[2]))
                else:
                    with db.session() as s:
                        cancel_order(s, now=now(), order_id=oid, on=TODAY)
            except InvalidInput:
                continue
            if kind == "cancel" and before.status == "confirmed":
                owed -= int(before.outstanding)
                credit += int(before.paid)
    with db.reader() as reader:
        status = credit_status(reader, cid, today=TODAY)
        booked = reader.scalar(
            "SELECT coalesce(sum(total), 0) FROM sales_order WHERE customer_id = :c "
            "AND status IN ('confirmed', 'shipped', 'delivered')",
            {"c": cid},
        )
        allocated = reader.scalar(
            "SELECT coalesce(sum(a.amount), 0) FROM payment_allocation a "
            "JOIN sales_order o ON o.id = a.order_id WHERE o.customer_id = :c",
            {"c": cid},
        )
        to_dead = reader.scalar(
            "SELECT count(*) FROM payment_allocation a JOIN sales_order o ON o.id = a.order_id "
            "WHERE o.customer_id = :c AND o.status NOT IN ('confirmed', 'shipped', 'delivered')",
            {"c": cid},
        )
        over = reader.scalar(
            "SELECT count(*) FROM sales_order o WHERE o.customer_id = :c AND o.total < "
            "(SELECT coalesce(sum(amount), 0) FROM payment_allocation WHERE order_id = o.id)",
            {"c": cid},
        )
        received = reader.scalar(
            "SELECT coalesce(sum(amount), 0) FROM payment WHERE customer_id = :c", {"c": cid}
        )
        report = receivables(reader, today=TODAY, customer_id=cid)
    assert to_dead == 0 and over == 0
    assert int(status.outstanding) == booked - allocated == owed
    assert int(status.on_account) == credit
    assert received == paid_in == allocated + int(status.on_account)
    ids = [o.order_id for o in report.orders]
    assert len(ids) == len(set(ids))
    total = sum(int(t.total) for t in report.totals)
    assert total == owed
    assert sum(int(v) for t in report.totals for v in t.buckets.values()) == total
