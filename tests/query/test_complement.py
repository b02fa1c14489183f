"""``-Q`` selects exactly the customers ``Q`` leaves out, for any query (hypothesis).

Empty fields are where this breaks in SQL (``NOT (city = 'x')`` is not true for an empty city),
so the atoms below lean on fields that are empty for some customers.
"""

from __future__ import annotations

from typing import Any

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
    atoms = st.sampled_from(ATOMS)
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
