"""``crm demo``: a deterministic, realistic sample, from 200 customers to the 100,000 used by the
benchmarks. Written in one transaction with bulk inserts; the same seed and ``CRM_NOW`` give the
same data. A database that already holds customers is left alone unless ``force`` is given.

Speed (100,000 customers, a million activities): rows are generated and written in batches, so
memory stays flat; the secondary indexes of the bulk-loaded tables are dropped for the load and
built again at the end (one sort each instead of a million random B-tree inserts), and the
search index is built once. The transaction makes all of it atomic.
"""

from __future__ import annotations

import random
import sqlite3
from datetime import datetime, tzinfo

from crmtui.db import engine
from crmtui.db.engine import Database
from crmtui.errors import InvalidInput
from crmtui.services.demo import words as D
from crmtui.services.demo.office import add_office
from crmtui.services.demo.rows import BATCH, BULK_TABLES, Builder, timestamp


def _drop_indexes(conn: sqlite3.Connection, tables: tuple[str, ...]) -> list[str]:
    """Drop the secondary indexes of ``tables``; returns the SQL that creates them again.

    Indexes that belong to a constraint (``sqlite_autoindex_*``, no SQL) cannot be dropped and
    stay. Dropping inside the open transaction means a failure restores them with the rollback.
    """
    names = ", ".join("?" * len(tables))
    found = conn.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        f"AND tbl_name IN ({names}) ORDER BY name",
        tables,
    ).fetchall()
    for name, _sql in found:
        conn.execute(f'DROP INDEX "{name}"')
    return [sql for _name, sql in found]


def build_demo(
    db: Database, *, size: int, seed: int, now: datetime, tz: tzinfo, force: bool = False
) -> dict[str, int]:
    """Write the sample; returns how many rows of each kind were added."""
    if db.location.path is None:
        from crmtui.services.demo.server import build_on_server

        return build_on_server(db, size=size, seed=seed, now=now, tz=tz, force=force)
    conn = sqlite3.connect(db.location.path, timeout=5, isolation_level=None)
    engine.sqlite_pragmas(conn)  # looked up at call time, like the engine's own connections
    conn.execute("PRAGMA cache_size = -65536")  # 64 MiB for this bulk load only
    try:
        conn.execute("BEGIN IMMEDIATE")
        existing = conn.execute("SELECT count(*) FROM customer").fetchone()[0]
        if existing and not force:
            raise InvalidInput("demo-database-not-empty", existing=existing)
        first = max(
            conn.execute(f"SELECT coalesce(max(id), 0) FROM {t}").fetchone()[0]
            for t in ("customer", "contact", "activity", "opportunity", "search_doc")
        )
        builder = Builder(random.Random(seed), now, tz, size, first)
        stamp = timestamp(now)
        for tag in D.TAGS:
            conn.execute(
                "INSERT OR IGNORE INTO tag (name, created_at, updated_at) VALUES (?, ?, ?)",
                (tag, stamp, stamp),
            )
        tag_ids = {n: i for i, n in conn.execute("SELECT id, name FROM tag")}
        # Bulk-load the search text, then index it once: far faster than row by row triggers.
        search = db.dialect.search
        search.pause_index(conn)
        index_sql = _drop_indexes(conn, BULK_TABLES) if size >= BATCH else []
        for index in range(size):
            builder.customer(index)
            if (index + 1) % BATCH == 0:
                builder.write(conn, tag_ids)
        builder.write(conn, tag_ids)
        for sql in index_sql:
            conn.execute(sql)
        for i, body in enumerate(D.NOTES):
            conn.execute(
                "INSERT INTO note (customer_id, body, pinned, created_at, updated_at) "
                "VALUES (NULL, ?, ?, ?, ?)",
                (body, i < 2, stamp, stamp),
            )
        office = add_office(conn, random.Random(seed + 1), now, tz, first)
        search.rebuild_index(conn)
        conn.execute("COMMIT")
    except BaseException as exc:
        if conn.in_transaction:
            try:
                conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass  # the transaction is gone with the connection either way
        if isinstance(exc, sqlite3.Error):
            raise engine.friendly_error(exc) from exc
        raise
    finally:
        conn.close()
    return {
        "customers": size,
        "contacts": builder.written.get("contact", 0),
        "activities": builder.written.get("activity", 0),
        "opportunities": builder.written.get("opportunity", 0),
        **office,
    }
