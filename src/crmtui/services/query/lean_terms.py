"""The virtual terms (``is:...``) of contacts, opportunities, orders and activities as SQL text,
for the lean back end (``lean.py``); ``sources.py`` says the same in SQLAlchemy."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crmtui.services.query.constants import BOOKED, OPEN_STAGES, birthday_keys

if TYPE_CHECKING:
    from crmtui.services.query.lean import SqlText


def target_term(q: SqlText, name: str) -> str:
    """``is:NAME`` over ``q``'s target (the parser let only that target's words through)."""
    today = q.now.astimezone(q.tz).date().isoformat()
    if q.target == "contacts":
        if name == "decision-maker":
            return "p.decision_maker = 1"
        keys = q.binds(birthday_keys(q.now.astimezone(q.tz)))
        return (
            f"(p.birthday_key IS NOT NULL AND p.birthday_key IN ({keys}) AND p.birthday_lunar = 0)"
        )
    if q.target == "opportunities":
        if name == "open":
            return f"o.stage IN ({q.binds(OPEN_STAGES)})"
        if name == "overdue":  # open and past its expected close
            late = f"o.expected_close IS NOT NULL AND o.expected_close < {q.bind(today)}"
            return f"(o.stage IN ({q.binds(OPEN_STAGES)}) AND {late})"
        return f"o.stage = {q.bind(name)}"  # won, lost
    if q.target == "orders":
        booked = f"o.status IN ({q.binds(BOOKED)})"
        if name == "booked":
            return booked
        if name == "unpaid":
            return f"({booked} AND o.total > o.paid)"
        late = f"o.due_on IS NOT NULL AND o.due_on < {q.bind(today)}"
        return f"({booked} AND o.total > o.paid AND {late})"  # overdue
    planned = "a.done_at IS NULL AND a.due_at IS NOT NULL"
    if name == "done":
        return "a.done_at IS NOT NULL"
    if name == "open":
        return f"({planned})"
    return f"({planned} AND a.due_at < {q.bind(q.stamp(q.now))})"  # overdue
