"""What both back ends of the query compiler share: the fixed vocabularies, the birthday keys and
the select list of each target's rows (crmtui's own SQL, never text a user typed).

Kept free of SQLAlchemy: the lean back end (``lean.py``) imports it on the stdlib-sqlite3 path.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

Stamp = Callable[[datetime], Any]  # an aware instant as the database stores it (Reader.ts)
Matcher = Callable[[str, str], tuple[str, dict[str, str]]]  # words → search sub-query
# a statement's bound values: text, numbers, days and instants (no value is ever SQL text)
SqlParams = dict[str, object]

BOOKED = ("confirmed", "shipped", "delivered")  # orders the customer owes for
OPEN_STAGES = ("lead", "qualified", "proposal", "negotiation")
# columns compared as stored (a fixed vocabulary), not case-folded
EXACT = {"stage", "grade", "motive", "man_money", "man_authority", "man_need"} | {
    "status",
    "kind",
    "outcome",
}

CUSTOMER_COLUMNS = (
    "id name is_person company_name stage grade city country industry source email motive "
    "man_money man_authority man_need satisfaction credit_limit credit_days created_at "
    "updated_at last_contact_at deleted_at birthday_key birthday_lunar sort_key phones "
    "grade_locked"
).split()
# the columns of a ``crm customers`` row (their tags are read beside them)
LISTED = (
    "id name is_person company_name stage grade city country phones email last_contact_at "
    "updated_at deleted_at"
).split()

# each other target's row: the columns of its usual list, read with its customer (alias c)
SELECT_LISTS = {
    "contacts": "p.id, p.customer_id, c.name AS customer, p.name, p.role, p.decision_maker, "
    "p.phones, p.email, p.birthday_month, p.birthday_day, p.birthday_year, p.birthday_lunar, "
    "p.notes, p.updated_at",
    "opportunities": "o.id, o.customer_id, c.name AS customer, o.title, o.stage, o.amount, "
    "o.currency, o.expected_close, o.next_step, o.lost_reason, o.competitor, o.closed_at, "
    "o.updated_at",
    "orders": "o.id, o.number, o.customer_id, c.name AS customer, o.status, o.ordered_on, "
    "o.ship_planned, o.shipped_on, o.delivered_on, o.due_on, o.currency, o.total, "
    "o.opportunity_id, o.forced, o.paid AS paid",
    "activities": "a.id, a.customer_id, c.name AS customer, a.kind, a.due_at, a.done_at, "
    "a.outcome, a.minutes, a.note, a.contact_id, "
    "(SELECT p.name FROM contact p WHERE p.id = a.contact_id) AS contact",
}
# contacts in the order ``crm contacts`` lists them
CONTACT_ORDER = "CASE WHEN p.pinyin <> '' THEN p.pinyin ELSE lower(p.name) END"


def tags_sql(joined: str) -> str:
    """A customer's tags as one text (``joined`` aggregates ``t.name`` in the backend's SQL)."""
    return (
        f"(SELECT {joined} FROM customertag ct "
        "JOIN tag t ON t.id = ct.tag_id WHERE ct.customer_id = c.id)"
    )


def birthday_keys(now: datetime, days: int = 7) -> list[int]:
    """The MMDD keys of the next ``days`` days from ``now``'s date (29 Feb is kept on 28 Feb
    in other years, as the desktop does)."""
    keys = []
    for i in range(days):
        day = now.date() + timedelta(days=i)
        keys.append(day.month * 100 + day.day)
        if (day.month, day.day) == (2, 28) and not _leap(day.year):
            keys.append(229)
    return keys


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


# each other target's table, its alias and the columns a query may name (sources.py, lean.py)
TABLES = {
    "contacts": (
        "contact",
        "p",
        "id customer_id name role email timezone decision_maker birthday_key birthday_lunar "
        "created_at updated_at deleted_at pinyin",
    ),
    "opportunities": (
        "opportunity",
        "o",
        "id customer_id title stage amount currency expected_close closed_at competitor "
        "lost_reason next_step created_at updated_at",
    ),
    "orders": (
        "sales_order",
        "o",
        "id customer_id number status total paid currency ordered_on due_on shipped_on "
        "delivered_on note created_at updated_at",
    ),
    "activities": (
        "activity",
        "a",
        "id customer_id contact_id kind outcome note minutes due_at done_at created_at updated_at",
    ),
}
# the columns bare words search besides the customer's search index
TEXT_COLUMNS = {
    "contacts": (),
    "opportunities": ("title", "competitor", "lost_reason", "next_step"),
    "orders": ("number", "note"),
    "activities": ("note",),
}
