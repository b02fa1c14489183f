"""The tables behind the query targets other than customers, and what their virtual terms
and bare words mean in SQL.

Each row is read with its customer (alias ``c``, live customers only), so the columns are
those of the target's usual list (``crm contacts``, ``crm opp list``, ``crm orders``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from sqlalchemy import (
    ColumnElement,
    and_,
    column,
    false,
    func,
    literal_column,
    or_,
    select,
    table,
    true,
)

from crmtui.services.query.compile import C, customer
from crmtui.services.query.constants import (
    BOOKED,
    CONTACT_ORDER,
    OPEN_STAGES,
    SELECT_LISTS,
    TABLES,
    TEXT_COLUMNS,
    birthday_keys,
)


@dataclass(frozen=True)
class Source:
    """One target's table (``t``), the rows that count, its order and its own terms."""

    table: Any
    live: ColumnElement[bool]
    default_order: tuple[Any, ...]
    columns: str  # the select list: the target's usual row, crmtui's own SQL
    virtual: Callable[[str, datetime, tzinfo, Callable[[datetime], Any]], ColumnElement[bool]]
    # the columns bare words also search (the customer's search index is always searched)
    text_columns: tuple[str, ...] = ()
    # contacts: the search index names the contact itself (its contact_id)
    own_search: bool = False

    @property
    def customer_id(self) -> Any:
        return self.table.c.customer_id

    def joined(self) -> Any:
        return self.table.join(customer, C.id == self.table.c.customer_id)

    def words(self, found: Any, needle: str) -> ColumnElement[bool]:
        """Bare words over ``source``: its customer (or, for contacts, the contact itself) among
        the search index's matches ``found`` (a sub-query of customer_id, contact_id), or the
        words in one of its own text columns."""
        matched: ColumnElement[bool]
        if self.own_search:
            mine = select(found.c.contact_id).where(found.c.contact_id.is_not(None))
            matched = self.table.c.id.in_(mine)
        else:
            matched = self.customer_id.in_(select(found.c.customer_id))
        own = [
            and_(
                self.table.c[n].is_not(None),
                func.lower(self.table.c[n]).contains(needle.casefold(), autoescape=True),
            )
            for n in self.text_columns
        ]
        return or_(matched, *own) if own else matched


def _table(name: str, alias: str, columns: str) -> Any:
    return table(name, *(column(n) for n in columns.split())).alias(alias)


_contact = _table(*TABLES["contacts"])
_opp = _table(*TABLES["opportunities"])
_order = _table(*TABLES["orders"])
_activity = _table(*TABLES["activities"])
_live = C.deleted_at.is_(None)


def _is(condition: Any) -> ColumnElement[bool]:
    """A condition on the untyped ``table()`` columns, typed for the compiler."""
    out: ColumnElement[bool] = condition
    return out


def _today(now: datetime, tz: tzinfo) -> str:
    return now.astimezone(tz).date().isoformat()


def _contact_terms(name: str, now: datetime, tz: tzinfo, stamp: Any) -> ColumnElement[bool]:
    p = _contact.c
    if name == "decision-maker":
        return _is(p.decision_maker == true())
    keys = birthday_keys(now.astimezone(tz))
    return and_(p.birthday_key.is_not(None), p.birthday_key.in_(keys), p.birthday_lunar == false())


def _opp_terms(name: str, now: datetime, tz: tzinfo, stamp: Any) -> ColumnElement[bool]:
    o = _opp.c
    if name == "open":
        return _is(o.stage.in_(OPEN_STAGES))
    if name == "overdue":  # open and past its expected close
        late = and_(o.expected_close.is_not(None), o.expected_close < _today(now, tz))
        return and_(o.stage.in_(OPEN_STAGES), late)
    return _is(o.stage == name)  # won, lost


def _order_terms(name: str, now: datetime, tz: tzinfo, stamp: Any) -> ColumnElement[bool]:
    o = _order.c
    booked = _is(o.status.in_(BOOKED))
    if name == "booked":
        return booked
    unpaid = and_(booked, o.total > o.paid)
    if name == "unpaid":
        return unpaid
    return and_(unpaid, o.due_on.is_not(None), o.due_on < _today(now, tz))  # overdue


def _activity_terms(name: str, now: datetime, tz: tzinfo, stamp: Any) -> ColumnElement[bool]:
    a = _activity.c
    if name == "done":
        return _is(a.done_at.is_not(None))
    planned = and_(a.done_at.is_(None), a.due_at.is_not(None))
    if name == "open":
        return planned
    return and_(planned, _is(a.due_at < stamp(now)))  # overdue


SOURCES = {
    "contacts": Source(
        _contact,
        and_(_live, _contact.c.deleted_at.is_(None)),
        (
            literal_column(CONTACT_ORDER),
            _contact.c.id,
        ),
        SELECT_LISTS["contacts"],
        _contact_terms,
        own_search=True,
    ),
    "opportunities": Source(
        _opp,
        _live,
        (_opp.c.updated_at.desc(), _opp.c.id.desc()),
        SELECT_LISTS["opportunities"],
        _opp_terms,
        TEXT_COLUMNS["opportunities"],
    ),
    "orders": Source(
        _order,
        _live,
        (_order.c.ordered_on.desc(), _order.c.id.desc()),
        SELECT_LISTS["orders"],
        _order_terms,
        TEXT_COLUMNS["orders"],
    ),
    "activities": Source(
        _activity,
        _live,
        (_activity.c.id.desc(),),
        SELECT_LISTS["activities"],
        _activity_terms,
        TEXT_COLUMNS["activities"],
    ),
}
