"""The pure money rules: lines, moves, due dates, payment state, ageing buckets, allocation."""

from __future__ import annotations

from datetime import date

import pytest

from crmtui.errors import InvalidInput
from crmtui.services.money import rules


def test_a_line_is_read_with_its_model_quantity_and_price():
    line = rules.parse_line("数控机床/CK6140 2 x 120,000.50")
    assert line == rules.LineSpec("数控机床", "CK6140", 2, 120_000_50)
    assert rules.parse_line("P-100 5") == rules.LineSpec("P-100", None, 5, None)
    assert rules.parse_line("Spare parts 3×12") == rules.LineSpec("Spare parts", None, 3, 1200)
    # full-width digits from a Chinese input method mean the same
    assert rules.parse_line("螺丝 １０ x ２") == rules.LineSpec("螺丝", None, 10, 200)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("P-100 -2", "order-line-quantity"),
        ("P-100 0", "order-line-quantity"),
        ("P-100 1.5", "order-line-quantity"),
        ("P-100", "order-line-shape"),
        ("", "order-line-shape"),
        ("P-100 2 x 1,2.3", "amount-unreadable"),
        ("P-100 2 x -5", "amount-negative"),
    ],
)
def test_a_bad_line_is_refused_with_its_reason(text, code):
    with pytest.raises(InvalidInput) as exc:
        rules.parse_line(text)
    assert exc.value.code == code


def test_line_total_takes_the_discount_off_but_never_below_zero():
    assert rules.line_total(3, 1000, 500) == 2500
    with pytest.raises(InvalidInput, match="discount"):
        rules.line_total(1, 1000, 1001)


def test_the_status_moves_forward_only_and_cancels_before_shipping():
    assert rules.can_move("draft", "confirmed")
    assert rules.can_move("confirmed", "cancelled")
    assert not rules.can_move("shipped", "cancelled")
    assert not rules.can_move("delivered", "shipped")
    assert not rules.can_move("draft", "shipped")


def test_due_date_is_ship_date_plus_the_term():
    assert rules.due_date(date(2026, 11, 25), 30) == date(2026, 12, 25)
    assert rules.due_date(None, 30) is None


def test_payment_state_is_apart_from_the_status():
    today = date(2026, 11, 23)
    assert rules.payment_state("draft", 100, 0, None, today) == "-"
    assert rules.payment_state("confirmed", 100, 0, None, today) == "unpaid"
    assert rules.payment_state("shipped", 100, 40, date(2026, 12, 1), today) == "partial"
    assert rules.payment_state("delivered", 100, 40, date(2026, 11, 22), today) == "overdue"
    assert rules.payment_state("delivered", 100, 100, date(2026, 11, 1), today) == "paid"


def test_ageing_buckets_by_days_past_due():
    labels = rules.bucket_labels()
    assert labels == ("current", "1-30", "31-60", "61-90", "90+")
    got = [labels[rules.bucket_index(d)] for d in (0, 1, 30, 31, 60, 61, 90, 91, 400)]
    assert got == ["current", "1-30", "1-30", "31-60", "31-60", "61-90", "61-90", "90+", "90+"]


def test_ageing_buckets_are_configurable():
    bounds = rules.parse_buckets("15, 45")
    assert bounds == (15, 45)
    assert rules.bucket_labels(bounds) == ("current", "1-15", "16-45", "45+")
    assert rules.bucket_index(20, bounds) == 2
    for bad in ("60,30", "", "a,b", "30,30"):
        with pytest.raises(InvalidInput):
            rules.parse_buckets(bad)


def test_a_payment_settles_the_oldest_due_first_and_leaves_the_rest():
    orders = [
        rules.OpenOrder(1, date(2026, 12, 1), date(2026, 10, 1), 500),
        rules.OpenOrder(2, None, date(2026, 9, 1), 300),
        rules.OpenOrder(3, date(2026, 11, 1), date(2026, 10, 5), 200),
    ]
    ordered = rules.oldest_due_first(orders)
    assert [o.id for o in ordered] == [3, 1, 2]
    assert rules.allocate(600, ordered) == ([(3, 200), (1, 400)], 0)
    assert rules.allocate(1500, ordered) == ([(3, 200), (1, 500), (2, 300)], 500)


def test_credit_excess_and_review_date():
    assert rules.credit_excess(80, 30, 100) == 10
    assert rules.credit_excess(80, 20, 100) == 0
    assert rules.credit_excess(10**9, 1, None) == 0
    assert rules.credit_review_due_on(date(2026, 8, 31)) == date(2027, 2, 28)
    assert rules.credit_review_due_on(None) is None


def test_order_numbers_are_readable():
    assert rules.order_number(2026, 42) == "SO-2026-0042"
    assert rules.order_number(2026, 12345) == "SO-2026-12345"
