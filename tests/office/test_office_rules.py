"""Property tests of the two status machines: a move is allowed exactly when the table says so,
and every refusal is one line naming the moves that are allowed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crmtui.errors import InvalidInput
from crmtui.services.events import rules as events
from crmtui.services.expenses import rules as claims


@given(st.sampled_from(events.STATUSES), st.sampled_from(events.STATUSES))
def test_event_moves_follow_the_table(old: str, new: str) -> None:
    if new in events.MOVES[old]:
        events.check_move(1, old, new)
        return
    with pytest.raises(InvalidInput) as caught:
        events.check_move(1, old, new)
    assert "\n" not in str(caught.value)
    assert all(word in str(caught.value) for word in events.MOVES[old])


@given(st.sampled_from(claims.STATUSES), st.sampled_from(claims.STATUSES))
def test_claim_moves_follow_the_table(old: str, new: str) -> None:
    if new in claims.MOVES[old]:
        claims.check_move(1, old, new)
        return
    with pytest.raises(InvalidInput) as caught:
        claims.check_move(1, old, new)
    assert "\n" not in str(caught.value)


@given(st.lists(st.sampled_from(["submitted", "approved", "rejected", "reimbursed"]), max_size=6))
def test_only_a_draft_is_editable_whatever_happened_before(path: list[str]) -> None:
    status = "draft"
    for step in path:
        if step in claims.MOVES[status]:
            status = step
    if status == "draft":
        claims.check_editable(1, status, None)
    else:
        with pytest.raises(InvalidInput):
            claims.check_editable(1, status, "reason")


def test_decided_claims_cannot_be_undecided() -> None:
    for decided in claims.DECIDED:
        assert "draft" not in claims.MOVES[decided]
        assert "submitted" not in claims.MOVES[decided]


@given(
    st.dates(),
    st.sampled_from(["travel", "Hotel", " meals "]),
    st.integers(min_value=1, max_value=10**9),
)
def test_a_typed_line_reads_back(day, category, cents) -> None:
    text = f"{day.isoformat()} {category} {cents // 100}.{cents % 100:02d} 高铁 二等座"
    line = claims.parse_line(text, "CNY")
    assert (line.spent_on, line.category, line.amount, line.note) == (
        day,
        category.strip().lower(),
        cents,
        "高铁 二等座",
    )
