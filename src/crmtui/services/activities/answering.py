"""Which open follow-up a call answers: one rule for ``crm log``, the plan and the TUI.

A call answers the first follow-up due on the call's day (the plan places a customer's call no
earlier than that one, so it is the one the plan shows); when none is due that day, the most
recently overdue one. Follow-ups due after the call's day are not answered by it. Pure and free
of the database, so the plan's read path can use it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime


def answered_follow_up(
    follow_ups: Iterable[tuple[int, datetime]], day_start: datetime, day_end: datetime
) -> int | None:
    """The id among ``(id, due_at)`` pairs that a call on the day ``[day_start, day_end)``
    answers, or None when none is due by the end of that day."""
    due = sorted((when, ref) for ref, when in follow_ups if when < day_end)
    today = [d for d in due if d[0] >= day_start]
    if today:
        return today[0][1]
    return due[-1][1] if due else None
