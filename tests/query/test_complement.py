"""``-Q`` selects exactly the customers ``Q`` leaves out, for any query (hypothesis).

Empty fields are where this breaks in SQL (``NOT (city = 'x')`` is not true for an empty city),
so the atoms below lean on fields that are empty for some customers.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.query.test_parser import ids

ATOMS = [
    "city:上海",
    "city:北京,London",
    "grade:A",
    "grade:N",
    "grade:B,N",
    "credit:10k..30k",
    "credit:none",
    "satisfaction:>3",
    "satisfaction:<4",
    "last:>14d",
    "last:<7d",
    "last:none",
    "created:2026-11",
    "tag:vip",
    "man:M**",
    "man:?A?",
    "is:overdue",
    "is:person",
    "is:birthday-week",
    "is:open-deal",
    "is:no-order-90d",
    "email:acme",
    "industry:机械",
    "name:宏达",
    "city:上*",
    "宏达",
    "zw",
    "stage:customer,lost",
]


def queries() -> st.SearchStrategy[str]:
    return combined(ATOMS)


def combined(atoms_: list[str]) -> st.SearchStrategy[str]:
    """Queries made of ``atoms_``: side by side, ``or`` in parentheses, negated groups."""
    atoms = st.sampled_from(atoms_)
    return st.recursive(
        atoms,
        lambda inner: st.one_of(
            st.builds(lambda a, b: f"{a} {b}", inner, inner),
            st.builds(lambda a, b: f"({a} or {b})", inner, inner),
            st.builds(lambda a: f"-({a})", inner),
        ),
        max_leaves=6,
    )


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=queries())
def test_negation_is_the_complement(reader: Any, people: dict[str, int], query: str) -> None:
    everyone = set(people.values())
    chosen = ids(reader, query)
    left_out = ids(reader, f"-({query})")
    assert chosen | left_out == everyone
    assert not chosen & left_out


TARGET_ATOMS = {
    "contacts": [
        "is:decision-maker",
        "role:工程师",
        "email:none",
        "email:hongda",
        "customer:宏达",
        "timezone:none",
        "is:birthday-week",
        "created:<7d",
        "bob",
    ],
    "opportunities": [
        "is:open",
        "is:won",
        "is:overdue",
        "amount:>5k",
        "amount:1k..10k",
        "expected:2026-11",
        "expected:none",
        "closed:<7d",
        "competitor:none",
        "stage:lead,won",
        "customer:acme",
        "生产",
    ],
    "orders": [
        "is:unpaid",
        "is:overdue",
        "is:booked",
        "status:draft",
        "total:>=1k",
        "paid:>0",
        "due:none",
        "due:<30d",
        "ordered:today",
        "shipped:none",
        "number:SO*",
        "customer:德润",
    ],
    "activities": [
        "is:open",
        "is:done",
        "is:overdue",
        "kind:visit",
        "outcome:reached",
        "outcome:none",
        "done:<7d",
        "due:>1d",
        "minutes:none",
        "note:none",
        "customer:acme",
    ],
}


def target_queries(target: str) -> st.SearchStrategy[str]:
    return st.recursive(
        st.sampled_from(TARGET_ATOMS[target]),
        lambda inner: st.one_of(
            st.builds(lambda a, b: f"{a} {b}", inner, inner),
            st.builds(lambda a, b: f"({a} or {b})", inner, inner),
            st.builds(lambda a: f"-({a})", inner),
        ),
        max_leaves=5,
    )


@pytest.mark.parametrize("target", list(TARGET_ATOMS))
def test_negation_is_the_complement_over_every_target(
    db: Any, things: dict[str, int], target: str
) -> None:
    from crmtui import clock
    from crmtui.services.query.run_targets import matching_ids_over

    with db.reader() as reader:

        def ids(text: str) -> set[int]:
            return matching_ids_over(reader, target, text, now=clock.now(), tz=clock.user_zone())

        everyone = ids("")
        assert len(everyone) >= 2

        @settings(max_examples=60, deadline=None)
        @given(query=target_queries(target))
        def check(query: str) -> None:
            chosen, left_out = ids(query), ids(f"-({query})")
            assert chosen | left_out == everyone
            assert not chosen & left_out

        check()
