"""The query tree as parameterised SQL text: the compiler's second back end, for the lean
stdlib-sqlite3 reader.

It reads the same parsed query as ``compile.py`` (the same whitelist of fields, virtual terms,
sort and limit) and writes the same conditions, so a saved query runs without importing
SQLAlchemy (most of a saved query's time was that import). Only crmtui's own SQL is written:
a column name comes from the whitelist (and is checked against the target's table), an operator
from the tree; every value a user typed is a bound parameter (``:q0``, ``:q1``...). As in
``compile.py`` every condition is two-valued, so ``-Q`` is exactly what ``Q`` leaves out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any, Literal

from crmtui.services.query import terms as t
from crmtui.services.query.constants import (
    BOOKED,
    CONTACT_ORDER,
    CUSTOMER_COLUMNS,
    EXACT,
    LISTED,
    OPEN_STAGES,
    SELECT_LISTS,
    TABLES,
    TEXT_COLUMNS,
    Matcher,
    SqlParams,
    Stamp,
    birthday_keys,
    tags_sql,
)
from crmtui.services.query.lean_terms import target_term
from crmtui.services.query.syntax import All, AnyOf, Node, Not, Query, Term

if TYPE_CHECKING:
    from crmtui.db.reader import Reader

Shape = Literal["rows", "count", "ids"]


@dataclass(frozen=True)
class Ask:
    """What a back end writes SQL for: ``query`` over ``target``, as the target's usual
    ``rows`` in the query's order (``limit``, ``offset``), the ``count`` of every match, or
    the ``ids`` of every match."""

    query: Query
    target: str
    now: datetime
    tz: tzinfo
    shape: Shape = "rows"
    limit: int | None = None
    offset: int = 0


_CUSTOMER = frozenset(CUSTOMER_COLUMNS)
# the rows each target's list starts from, before any sort a query asks for
DEFAULT_ORDER = {
    "contacts": (CONTACT_ORDER, "p.id"),
    "opportunities": ("o.updated_at DESC", "o.id DESC"),
    "orders": ("o.ordered_on DESC", "o.id DESC"),
    "activities": ("a.id DESC",),
}


class SqlText:
    """Turns one parsed query over ``target`` into a WHERE text, an ORDER BY text and the
    parameters both use (``params``)."""

    def __init__(
        self, *, target: str, now: datetime, tz: tzinfo, stamp: Stamp, matcher: Matcher
    ) -> None:
        self.target = target
        self.now = now
        self.tz = tz
        self.stamp = stamp
        self.matcher = matcher
        self.params: SqlParams = {}
        self.words = 0
        if target == "customers":
            self.alias, self.columns = "c", _CUSTOMER
        else:
            _, self.alias, names = TABLES[target]
            self.columns = frozenset(names.split())

    @property
    def source(self) -> str:
        """The FROM clause: the target's table with its customer as ``c``."""
        if self.target == "customers":
            return "customer AS c"
        name, alias, _ = TABLES[self.target]
        return f"{name} AS {alias} JOIN customer AS c ON c.id = {alias}.customer_id"

    def bind(self, value: Any) -> str:
        """A new parameter holding ``value``; returns its placeholder."""
        name = f"q{len(self.params)}"
        self.params[name] = value
        return f":{name}"

    def binds(self, values: Iterable[Any]) -> str:
        return ", ".join(self.bind(v) for v in values)

    def col(self, name: str) -> str:
        """A column of the target's table: whitelisted names only, so no text from outside
        crmtui reaches the SQL."""
        if name not in self.columns:
            raise ValueError(f"not a queryable column: {name!r}")
        return f"{self.alias}.{name}"

    def where(self, query: Query) -> str:
        live = "c.deleted_at IS NULL"
        if self.target == "contacts":
            live += " AND p.deleted_at IS NULL"
        return live if query.root is None else f"{live} AND {self.node(query.root)}"

    def order(self, query: Query) -> str:
        out: list[str] = []
        for key in query.sort:
            col = self.col(key.column)
            out += [f"{col} IS NULL", f"{col} DESC" if key.descending else f"{col} ASC"]
        if self.target != "customers":
            out += DEFAULT_ORDER[self.target]
        else:
            if not query.sort:
                out.append("c.sort_key")
            out.append("c.id")
        return ", ".join(out)

    def node(self, node: Node) -> str:
        if isinstance(node, Not):
            return f"NOT ({self.node(node.node)})"
        if isinstance(node, All):
            return "(" + " AND ".join(self.node(n) for n in node.nodes) + ")"
        if isinstance(node, AnyOf):
            return "(" + " OR ".join(self.node(n) for n in node.nodes) + ")"
        return self.term(node)

    def term(self, term: Term) -> str:
        if self.target != "customers" and term.field is not None and term.field.kind == "customer":
            # customer:宏达 — the name of the customer a row belongs to
            named = f"SELECT cn.id FROM customer AS cn WHERE {self.test('cn.name', term.test)}"
            return f"{self.alias}.customer_id IN ({named})"
        if term.field is None or term.field.column is None:
            return self.test(None, term.test)
        return self.test(self.col(term.field.column), term.test)

    def test(self, col: str | None, test: t.Test) -> str:
        if isinstance(test, t.Words):
            return self._words(test.text)
        if isinstance(test, t.Either):
            return "(" + " OR ".join(self.test(col, one) for one in test.tests) + ")"
        if isinstance(test, t.Virtual):
            if self.target != "customers":
                return target_term(self, test.name)
            return self._virtual(test.name)
        if isinstance(test, t.Man):
            wanted = (
                ("man_money", test.money),
                ("man_authority", test.authority),
                ("man_need", test.need),
            )
            parts = [f"c.{c} = {self.bind(v)}" for c, v in wanted if v is not None]
            return "(" + " AND ".join(["1", *parts]) + ")"
        if isinstance(test, t.Tagged):
            tagged = (
                "SELECT ct.customer_id FROM customertag ct JOIN tag t ON t.id = ct.tag_id "
                f"WHERE lower(t.name) IN ({self.binds(n.casefold() for n in test.names)})"
            )
            return f"c.id IN ({tagged})"
        if col is None:
            raise ValueError(f"{type(test).__name__} needs a column")
        if isinstance(test, t.IsNull):
            return f"{col} IS NULL"
        if isinstance(test, t.Equals):
            return self._equals(col, test)
        if isinstance(test, t.Like):
            return f"({col} IS NOT NULL AND {self._like(col, test)})"
        return self._between(col, test)

    def _equals(self, col: str, test: t.Equals) -> str:
        wanted = list(test.values)
        name = col.rpartition(".")[2]
        if self.target == "customers" and name == "grade" and "N" in wanted:  # N: no grade
            rest = [v for v in wanted if v != "N"]
            listed = f"{col} IN ({self.binds(rest)})" if rest else "0"
            return f"({col} IS NULL OR ({col} IS NOT NULL AND {listed}))"
        if all(isinstance(v, str) for v in wanted) and name not in EXACT:
            folded = self.binds(str(v).casefold() for v in wanted)
            return f"({col} IS NOT NULL AND lower({col}) IN ({folded}))"
        return f"({col} IS NOT NULL AND {col} IN ({self.binds(wanted)}))"

    def _like(self, col: str, test: t.Like) -> str:
        """``LIKE`` with ``/`` as escape: the needle's own ``%`` and ``_`` match themselves."""
        escaped = test.needle.casefold().replace("/", "//").replace("%", "/%").replace("_", "/_")
        pattern = escaped.replace("*", "%") if test.pattern else f"%{escaped}%"
        return f"lower({col}) LIKE {self.bind(pattern)} ESCAPE '/'"

    def _between(self, col: str, test: t.Between) -> str:
        def value(v: Any) -> Any:
            if isinstance(v, datetime):
                return self.stamp(v)
            return v.isoformat() if isinstance(v, date) else v  # a day column

        parts = [f"{col} IS NOT NULL"]
        if test.low is not None:
            low = self.bind(value(test.low))
            parts.append(f"{col} {'>=' if test.low_inclusive else '>'} {low}")
        if test.high is not None:
            high = self.bind(value(test.high))
            parts.append(f"{col} {'<=' if test.high_inclusive else '<'} {high}")
        found = "(" + " AND ".join(parts) + ")"
        return f"({col} IS NULL OR {found})" if test.or_null else found

    def _words(self, words: str) -> str:
        if not words.strip():
            return "1"
        self.words += 1
        sql, params = self.matcher(words, f"w{self.words}_")
        self.params.update(params)
        if self.target == "customers":
            return f"c.id IN (SELECT customer_id FROM ({sql}))"
        if self.target == "contacts":  # the search index names the contact itself
            matched = f"p.id IN (SELECT contact_id FROM ({sql}) WHERE contact_id IS NOT NULL)"
        else:
            matched = f"{self.alias}.customer_id IN (SELECT customer_id FROM ({sql}))"
        own = [
            f"({self.col(n)} IS NOT NULL AND {self._like(self.col(n), t.Like(words))})"
            for n in TEXT_COLUMNS[self.target]
        ]
        return "(" + " OR ".join([matched, *own]) + ")"

    def _virtual(self, name: str) -> str:
        # "id IN (sub-query)" rather than EXISTS, as compile.py: each sub-query is answered
        # once from its own index
        if name == "overdue":
            return (
                "c.id IN (SELECT customer_id FROM activity WHERE done_at IS NULL "
                f"AND due_at IS NOT NULL AND due_at < {self.bind(self.stamp(self.now))})"
            )
        if name == "open-deal":
            stages = self.binds(OPEN_STAGES)
            return f"c.id IN (SELECT customer_id FROM opportunity WHERE stage IN ({stages}))"
        if name == "no-order-90d":
            since = (self.now.astimezone(self.tz) - timedelta(days=90)).date().isoformat()
            return (
                "NOT (c.id IN (SELECT customer_id FROM sales_order "
                f"WHERE ordered_on >= {self.bind(since)} AND status IN ({self.binds(BOOKED)})))"
            )
        if name == "over-credit":
            # owed on booked orders (totals less the payments allocated to them) beyond the
            # credit limit; a customer without a limit is never over it
            owed = (
                "(SELECT coalesce(sum(s.total), 0) FROM sales_order s "
                f"WHERE s.customer_id = c.id AND s.status IN ({self.binds(BOOKED)}))"
            )
            paid = (
                "(SELECT coalesce(sum(pa.amount), 0) FROM payment_allocation pa "
                "JOIN sales_order s ON s.id = pa.order_id "
                f"WHERE s.customer_id = c.id AND s.status IN ({self.binds(BOOKED)}))"
            )
            return f"(c.credit_limit IS NOT NULL AND {owed} - {paid} > c.credit_limit)"
        if name == "birthday-week":
            keys = birthday_keys(self.now.astimezone(self.tz))
            mine = (
                f"(c.birthday_key IS NOT NULL AND c.birthday_key IN ({self.binds(keys)}) "
                "AND NOT c.birthday_lunar)"
            )
            theirs = (
                "c.id IN (SELECT customer_id FROM contact WHERE birthday_key IN "
                f"({self.binds(keys)}) AND deleted_at IS NULL AND NOT birthday_lunar)"
            )
            return f"({mine} OR {theirs})"
        if name == "locked":
            return "c.grade_locked = 1"
        return "c.is_person = 1" if name == "person" else "c.is_person = 0"


def matcher_of(reader: Reader) -> Matcher:
    """Bare words → the search index's sub-query, in the reader's SQL dialect."""
    from crmtui.services.search.index import match_sql

    def matcher(words: str, prefix: str) -> tuple[str, dict[str, str]]:
        return match_sql(words, dialect=reader.dialect, prefix=prefix)

    return matcher


def statement(reader: Reader, ask: Ask) -> tuple[str, SqlParams]:
    """``ask`` as SQL text and its parameters."""
    query, target = ask.query, ask.target
    q = SqlText(target=target, now=ask.now, tz=ask.tz, stamp=reader.ts, matcher=matcher_of(reader))
    where = q.where(query)
    if ask.shape == "count":
        return f"SELECT count(*) FROM {q.source} WHERE {where}", q.params
    if ask.shape == "ids":
        return f"SELECT {q.alias}.id FROM {q.source} WHERE {where}", q.params
    if target == "customers":
        tags = tags_sql(reader.dialect.aggregate.joined("t.name"))
        selected = ", ".join([*(f"c.{n}" for n in LISTED), f"{tags} AS tags"])
    else:
        selected = SELECT_LISTS[target]
    sql = f"SELECT {selected} FROM {q.source} WHERE {where} ORDER BY {q.order(query)}"
    if ask.limit is not None or ask.offset:
        limit = -1 if ask.limit is None else ask.limit
        sql += f" LIMIT {q.bind(limit)} OFFSET {q.bind(ask.offset)}"
    return sql, q.params
