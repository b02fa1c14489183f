"""Running a customer query through the lean reader.

The parsed query becomes SQL with named parameters for the reader's backend and runs on the
reader's connection, like every other list: one path for the CLI and the TUI. On SQLite the SQL
is written by the lean back end (``lean.py``, no SQLAlchemy: a saved query starts as fast as
``crm customers``); on PostgreSQL by the SQLAlchemy compiler (``alchemy.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, tzinfo

from crmtui.db.reader import Reader
from crmtui.services.common.paging import Page, page
from crmtui.services.common.records import decoded
from crmtui.services.customers.types import ListedCustomer
from crmtui.services.query.constants import SqlParams
from crmtui.services.query.lean import Ask, matcher_of
from crmtui.services.query.syntax import Query, parse

__all__ = ["matcher_of", "query_customers", "count_matches", "matching_ids", "statement_for"]


Build = Callable[[Reader, Ask], tuple[str, SqlParams]]  # lean or alchemy .statement


def statement_for(reader: Reader) -> Build:
    """The back end that writes the reader's SQL: SQL text on SQLite, SQLAlchemy elsewhere."""
    if reader.is_sqlite:
        from crmtui.services.query import lean

        return lean.statement
    from crmtui.services.query import alchemy

    return alchemy.statement


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
    build = statement_for(reader)
    wanted = query.limit if query.limit is not None else limit
    ask = Ask(query, "customers", now, tz, limit=wanted, offset=offset)
    sql, params = build(reader, ask)
    out: Page[ListedCustomer] = page([])
    for row in reader.rows(sql, params):
        item = decoded(row, ListedCustomer)
        joined = row["tags"]
        item["tags"] = sorted(joined.split(",")) if joined else []
        out.append(item)
    out.total = len(out)
    if count and wanted is not None and len(out) == wanted:
        total_sql, total_params = build(reader, replace(ask, shape="count"))
        out.total = int(reader.scalar(total_sql, total_params) or 0)
    return out


def count_matches(reader: Reader, text: str, *, now: datetime, tz: tzinfo) -> int:
    """How many live customers ``text`` selects (its sort and limit aside)."""
    query = parse(text, now=now, tz=tz)
    sql, params = statement_for(reader)(reader, Ask(query, "customers", now, tz, "count"))
    return int(reader.scalar(sql, params) or 0)


def matching_ids(reader: Reader, text: str, *, now: datetime, tz: tzinfo) -> set[int]:
    """The ids of every live customer ``text`` selects (tests and set operations)."""
    query = parse(text, now=now, tz=tz)
    sql, params = statement_for(reader)(reader, Ask(query, "customers", now, tz, "ids"))
    return {int(v) for v in reader.column(sql, params)}
