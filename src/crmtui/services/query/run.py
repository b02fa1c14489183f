"""Running a customer query through the lean reader.

The SQLAlchemy statement is compiled to SQL with named parameters for the reader's backend and
runs on the reader's connection, like every other list: one path for the CLI and the TUI.
SQLAlchemy Core is imported here (not SQLModel): only a query pays for it.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from sqlalchemy import func, literal_column, select

from crmtui.db.reader import Reader
from crmtui.services.common.paging import Page, page
from crmtui.services.common.records import decoded
from crmtui.services.customers.types import ListedCustomer
from crmtui.services.query.compile import C, Compiler, Matcher, customer
from crmtui.services.query.syntax import Query, parse
from crmtui.services.search.index import match_sql

_LISTED = (
    "id name is_person company_name stage grade city country phones email last_contact_at "
    "updated_at deleted_at"
).split()


def check_query(text: str, *, now: datetime, tz: tzinfo) -> Query:
    """The parsed query, or the one-line ``InvalidInput`` that says what is wrong with it."""
    return parse(text, now=now, tz=tz)


def looks_like_query(text: str) -> str | None:
    """The query in a search box's text: after a leading ``:``, or the whole text when a term
    names a known field (``city:上海``, ``等级：A``); None for a plain search."""
    from crmtui.services.query.fields import CUSTOMER_FIELDS, by_name
    from crmtui.services.query.text import fold

    folded = fold(text).strip()
    if folded.startswith(":"):
        return folded[1:]
    known = by_name(CUSTOMER_FIELDS)
    for word in folded.split():
        name, sep, _ = word.lstrip("-(").partition(":")
        if sep and name.casefold() in known:
            return folded
    return None


def matcher_of(reader: Reader) -> Matcher:
    """Bare words → the search index's sub-query, in the reader's SQL dialect."""

    def matcher(words: str, prefix: str) -> tuple[str, dict[str, str]]:
        return match_sql(words, dialect=reader.dialect, prefix=prefix)

    return matcher


def _compiler(reader: Reader, now: datetime, tz: tzinfo) -> Compiler:
    return Compiler(now=now, tz=tz, stamp=reader.ts, matcher=matcher_of(reader))


def _to_sql(reader: Reader, statement: Any) -> tuple[str, dict[str, Any]]:
    """``statement`` as SQL text with ``:name`` parameters for the reader's backend."""
    if reader.is_sqlite:
        from sqlalchemy.dialects import sqlite

        dialect: Any = sqlite.dialect(paramstyle="named")
    else:
        from sqlalchemy.dialects import postgresql

        dialect = postgresql.dialect(paramstyle="named")  # type: ignore[no-untyped-call]
    compiled = statement.compile(dialect=dialect, compile_kwargs={"render_postcompile": True})
    return str(compiled), dict(compiled.params)


def query_customers(
    reader: Reader,
    text: str,
    *,
    now: datetime,
    tz: tzinfo,
    limit: int | None = 50,
    offset: int = 0,
    count: bool = False,
) -> Page[ListedCustomer]:
    """The customers ``text`` selects, in its order; ``limit:`` in the query wins over
    ``limit``. With ``count``, a full page also counts every match (``Page.total``)."""
    query = parse(text, now=now, tz=tz)
    compiler = _compiler(reader, now, tz)
    where = compiler.where(query)
    tags: Any = literal_column(
        f"(SELECT {reader.dialect.aggregate.joined('t.name')} FROM customertag ct "
        "JOIN tag t ON t.id = ct.tag_id WHERE ct.customer_id = c.id)"
    ).label("tags")
    statement = (
        select(*(C[n] for n in _LISTED), tags)
        .select_from(customer)
        .where(where)
        .order_by(*compiler.order(query))
    )
    wanted = query.limit if query.limit is not None else limit
    if wanted is not None:
        statement = statement.limit(wanted)
    if offset:
        statement = statement.offset(offset)
    sql, params = _to_sql(reader, statement)
    out: Page[ListedCustomer] = page([])
    for row in reader.rows(sql, params):
        item = decoded(row, ListedCustomer)
        joined = row["tags"]
        item["tags"] = sorted(joined.split(",")) if joined else []
        out.append(item)
    out.total = len(out)
    if count and wanted is not None and len(out) == wanted:
        total_sql, total_params = _to_sql(
            reader, select(func.count()).select_from(customer).where(where)
        )
        out.total = int(reader.scalar(total_sql, total_params) or 0)
    return out


def count_matches(reader: Reader, text: str, *, now: datetime, tz: tzinfo) -> int:
    """How many live customers ``text`` selects (its sort and limit aside)."""
    query = parse(text, now=now, tz=tz)
    where = _compiler(reader, now, tz).where(query)
    sql, params = _to_sql(reader, select(func.count()).select_from(customer).where(where))
    return int(reader.scalar(sql, params) or 0)


def matching_ids(reader: Reader, text: str, *, now: datetime, tz: tzinfo) -> set[int]:
    """The ids of every live customer ``text`` selects (tests and set operations)."""
    query = parse(text, now=now, tz=tz)
    where = _compiler(reader, now, tz).where(query)
    sql, params = _to_sql(reader, select(C.id).select_from(customer).where(where))
    return {int(v) for v in reader.column(sql, params)}
