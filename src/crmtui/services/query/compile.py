"""The query tree as SQLAlchemy Core expressions over the whitelisted columns.

Every condition is two-valued (never SQL NULL): a test of a column that may be empty says
``IS NOT NULL AND ...``, so ``-Q`` is exactly the rows ``Q`` leaves out. Values are bound
parameters; the only SQL text used is crmtui's own (the search index's sub-query).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    ColumnElement,
    and_,
    column,
    false,
    func,
    not_,
    or_,
    select,
    table,
    text,
    true,
)

from crmtui.services.query.constants import (
    BOOKED,
    CUSTOMER_COLUMNS,
    EXACT,
    OPEN_STAGES,
    Matcher,
    Stamp,
    birthday_keys,
)
from crmtui.services.query.syntax import All, AnyOf, Node, Not, Query, Term
from crmtui.services.query.terms import (
    Between,
    Either,
    Equals,
    IsNull,
    Like,
    Man,
    Tagged,
    Test,
    Virtual,
    Words,
)

if TYPE_CHECKING:
    from crmtui.services.query.sources import Source

customer = table("customer", *(column(n) for n in CUSTOMER_COLUMNS)).alias("c")
_activity = table("activity", column("customer_id"), column("done_at"), column("due_at"))
_contact = table(
    "contact",
    column("customer_id"),
    column("deleted_at"),
    column("birthday_key"),
    column("birthday_lunar"),
)
_opportunity = table("opportunity", column("customer_id"), column("stage"), column("closed_at"))
_link = table("customertag", column("customer_id"), column("tag_id"))
_order = table(
    "sales_order",
    column("id"),
    column("customer_id"),
    column("status"),
    column("ordered_on"),
    column("total"),
)
_allocated = table("payment_allocation", column("order_id"), column("amount"))
_tag = table("tag", column("id"), column("name"))
C = customer.c


class Compiler:
    """Turns one parsed query into a WHERE expression and an ORDER BY list."""

    def __init__(
        self,
        *,
        now: datetime,
        tz: tzinfo,
        stamp: Stamp,
        matcher: Matcher,
        source: Source | None = None,
    ) -> None:
        self.source = source  # None: customers
        self.now = now
        self.tz = tz
        self.stamp = stamp
        self.matcher = matcher
        self.words = 0

    def where(self, query: Query) -> ColumnElement[bool]:
        live = C.deleted_at.is_(None) if self.source is None else self.source.live
        return live if query.root is None else and_(live, self.node(query.root))

    def order(self, query: Query) -> list[Any]:
        out: list[Any] = []
        cols = C if self.source is None else self.source.table.c
        for key in query.sort or ():
            col = cols[key.column]
            out += [col.is_(None), col.desc() if key.descending else col.asc()]
        if self.source is not None:
            return out + list(self.source.default_order)
        if not query.sort:
            out.append(C.sort_key)
        out.append(C.id)
        return out

    def node(self, node: Node) -> ColumnElement[bool]:
        if isinstance(node, Not):
            return not_(self.node(node.node))
        if isinstance(node, All):
            return and_(*(self.node(n) for n in node.nodes))
        if isinstance(node, AnyOf):
            return or_(*(self.node(n) for n in node.nodes))
        return self.term(node)

    def term(self, term: Term) -> ColumnElement[bool]:
        if self.source is not None and term.field is not None and term.field.kind == "customer":
            # customer:宏达 — the name of the customer a row belongs to
            named = select(C.id).where(self.test(C.name, term.test))
            found: ColumnElement[bool] = self.source.customer_id.in_(named)
            return found
        if term.field is None or term.field.column is None:
            return self.test(None, term.test)
        cols = C if self.source is None else self.source.table.c
        return self.test(cols[term.field.column], term.test)

    def test(self, col: Any, test: Test) -> ColumnElement[bool]:
        if isinstance(test, Words):
            return self._words(test.text)
        if isinstance(test, Either):
            return or_(*(self.test(col, t) for t in test.tests))
        if isinstance(test, Virtual):
            if self.source is not None:
                return self.source.virtual(test.name, self.now, self.tz, self.stamp)
            return self._virtual(test.name)
        if isinstance(test, Man):
            wanted = (
                (C.man_money, test.money),
                (C.man_authority, test.authority),
                (C.man_need, test.need),
            )
            return and_(true(), *(c == v for c, v in wanted if v is not None))
        if isinstance(test, Tagged):
            names = [n.casefold() for n in test.names]
            tagged = (
                select(_link.c.customer_id)
                .join(_tag, _tag.c.id == _link.c.tag_id)
                .where(func.lower(_tag.c.name).in_(names))
            )
            return C.id.in_(tagged)
        if isinstance(test, IsNull):
            empty: ColumnElement[bool] = col.is_(None)
            return empty
        if isinstance(test, Equals):
            return self._equals(col, test)
        if isinstance(test, Like):
            return and_(col.is_not(None), self._like(col, test))
        return self._between(col, test)

    def _equals(self, col: Any, test: Equals) -> ColumnElement[bool]:
        wanted = list(test.values)
        if col is C.grade and "N" in wanted:  # N: no grade
            rest = [v for v in wanted if v != "N"]
            return or_(col.is_(None), and_(col.is_not(None), col.in_(rest)))
        if all(isinstance(v, str) for v in wanted) and col.name not in EXACT:
            return and_(col.is_not(None), func.lower(col).in_([str(v).casefold() for v in wanted]))
        return and_(col.is_not(None), col.in_(wanted))

    def _like(self, col: Any, test: Like) -> ColumnElement[bool]:
        needle = test.needle.casefold()
        if not test.pattern:
            return func.lower(col).contains(needle, autoescape=True)
        escaped = needle.replace("/", "//").replace("%", "/%").replace("_", "/_")
        return func.lower(col).like(escaped.replace("*", "%"), escape="/")

    def _between(self, col: Any, test: Between) -> ColumnElement[bool]:
        def value(v: Any) -> Any:
            if isinstance(v, datetime):
                return self.stamp(v)
            return v.isoformat() if isinstance(v, date) else v  # a day column

        parts: list[ColumnElement[bool]] = [col.is_not(None)]
        if test.low is not None:
            low = value(test.low)
            parts.append(col >= low if test.low_inclusive else col > low)
        if test.high is not None:
            high = value(test.high)
            parts.append(col <= high if test.high_inclusive else col < high)
        found = and_(*parts)
        return or_(col.is_(None), found) if test.or_null else found

    def _words(self, words: str) -> ColumnElement[bool]:
        if not words.strip():
            return true()
        self.words += 1
        sql, params = self.matcher(words, f"w{self.words}_")
        found = text(sql).bindparams(**params).columns(column("customer_id"), column("contact_id"))
        if self.source is not None:
            return self.source.words(found.subquery(), words)
        return C.id.in_(select(found.subquery().c.customer_id))

    def _virtual(self, name: str) -> ColumnElement[bool]:
        # "id IN (sub-query)" rather than EXISTS: the sub-query is answered once from its own
        # index (open actions by due time, won deals by close time, birthdays by key) instead
        # of once for every customer the list walks past
        a, o, p, s, pa = _activity.c, _opportunity.c, _contact.c, _order.c, _allocated.c
        if name == "overdue":
            due = self.stamp(self.now)
            return C.id.in_(
                select(a.customer_id).where(
                    a.done_at.is_(None), a.due_at.is_not(None), a.due_at < due
                )
            )
        if name == "open-deal":
            return C.id.in_(select(o.customer_id).where(o.stage.in_(OPEN_STAGES)))
        if name == "no-order-90d":
            # a date, not its text: PostgreSQL compares a date column with dates only
            since = (self.now.astimezone(self.tz) - timedelta(days=90)).date()
            booked = select(s.customer_id).where(s.ordered_on >= since, s.status.in_(BOOKED))
            return not_(C.id.in_(booked))
        if name == "over-credit":
            # what is owed on booked orders (totals less the payments allocated to them)
            # beyond the credit limit; a customer without a limit is never over it
            owed = (
                select(func.coalesce(func.sum(s.total), 0))
                .where(s.customer_id == C.id, s.status.in_(BOOKED))
                .scalar_subquery()
            )
            paid = (
                select(func.coalesce(func.sum(pa.amount), 0))
                .select_from(_allocated.join(_order, _order.c.id == pa.order_id))
                .where(_order.c.customer_id == C.id, _order.c.status.in_(BOOKED))
                .scalar_subquery()
            )
            return and_(C.credit_limit.is_not(None), owed - paid > C.credit_limit)
        if name == "birthday-week":
            keys = birthday_keys(self.now.astimezone(self.tz))
            mine = and_(C.birthday_key.is_not(None), C.birthday_key.in_(keys), ~C.birthday_lunar)
            theirs = C.id.in_(
                select(p.customer_id).where(
                    p.birthday_key.in_(keys), p.deleted_at.is_(None), ~p.birthday_lunar
                )
            )
            return or_(mine, theirs)
        if name == "locked":
            return C.grade_locked == true()
        return C.is_person == (true() if name == "person" else false())
