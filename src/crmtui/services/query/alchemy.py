"""Running a parsed query through the SQLAlchemy compiler (``compile.py``): the back end for
PostgreSQL, where the statement is compiled to SQL with named parameters for the reader's
backend and runs on the reader's connection. Same shapes and signature as ``lean.statement``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, literal_column, select

from crmtui.db.reader import Reader
from crmtui.services.query.compile import C, Compiler, customer
from crmtui.services.query.constants import LISTED, SqlParams, tags_sql
from crmtui.services.query.lean import Ask, matcher_of
from crmtui.services.query.sources import SOURCES


def to_sql(reader: Reader, statement: Any) -> tuple[str, SqlParams]:
    """``statement`` as SQL text with ``:name`` parameters for the reader's backend."""
    if reader.is_sqlite:
        from sqlalchemy.dialects import sqlite

        dialect: Any = sqlite.dialect(paramstyle="named")
    else:
        from sqlalchemy.dialects import postgresql

        dialect = postgresql.dialect(paramstyle="named")  # type: ignore[no-untyped-call]
    compiled = statement.compile(dialect=dialect, compile_kwargs={"render_postcompile": True})
    return str(compiled), dict(compiled.params)


def statement(reader: Reader, ask: Ask) -> tuple[str, SqlParams]:
    """``ask`` as SQL text and its parameters, through the SQLAlchemy compiler."""
    source = SOURCES.get(ask.target)
    compiler = Compiler(
        now=ask.now, tz=ask.tz, stamp=reader.ts, matcher=matcher_of(reader), source=source
    )
    where = compiler.where(ask.query)
    joined: Any = customer if source is None else source.joined()
    built: Any
    if ask.shape == "count":
        built = select(func.count()).select_from(joined).where(where)
    elif ask.shape == "ids":
        ids = C.id if source is None else source.table.c.id
        built = select(ids).select_from(joined).where(where)
    else:
        if source is None:
            tags: Any = literal_column(tags_sql(reader.dialect.aggregate.joined("t.name")))
            built = select(*(C[n] for n in LISTED), tags.label("tags"))
        else:
            built = select(literal_column(source.columns))
        built = built.select_from(joined).where(where).order_by(*compiler.order(ask.query))
        if ask.limit is not None:
            built = built.limit(ask.limit)
        if ask.offset:
            built = built.offset(ask.offset)
    return to_sql(reader, built)
