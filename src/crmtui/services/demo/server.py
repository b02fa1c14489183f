"""``crm demo`` on a server database (PostgreSQL): the same rows as on SQLite, loaded by COPY.

The generator (``rows.py``) is shared, so a seed gives the same sample on both backends. Rows
are streamed with ``COPY ... FROM STDIN`` in one transaction; the stored timestamp text is read
in UTC, and the id sequences are moved past the ids the demo chose.
"""

from __future__ import annotations

import random
from datetime import datetime, tzinfo
from typing import Any

from crmtui.db.engine import Database
from crmtui.errors import InvalidInput
from crmtui.services.demo import words as D
from crmtui.services.demo.rows import Builder, timestamp

SEQUENCED = ("customer", "contact", "activity", "opportunity", "search_doc", "tag", "note")


def build_on_server(
    db: Database, *, size: int, seed: int, now: datetime, tz: tzinfo, force: bool
) -> dict[str, int]:
    raw = db.engine.raw_connection()
    conn: Any = raw.driver_connection  # psycopg.Connection
    try:
        with conn.transaction():
            conn.execute("SET LOCAL TimeZone = 'UTC'")
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
                    "INSERT INTO tag (name, created_at, updated_at) VALUES (%s, %s, %s) "
                    "ON CONFLICT DO NOTHING",
                    (tag, stamp, stamp),
                )
            tag_ids = {n: i for i, n in conn.execute("SELECT id, name FROM tag")}

            def copy_rows(table: str, columns: list[str], values: list[Any]) -> None:
                with conn.cursor().copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as cp:
                    for row in values:
                        cp.write_row(row)

            for index in range(size):
                builder.customer(index)
                if (index + 1) % 5000 == 0:
                    builder.write(conn, tag_ids, copy_rows)
            builder.write(conn, tag_ids, copy_rows)
            for i, body in enumerate(D.NOTES):
                conn.execute(
                    "INSERT INTO note (customer_id, body, pinned, created_at, updated_at) "
                    "VALUES (NULL, %s, %s, %s, %s)",
                    (body, i < 2, stamp, stamp),
                )
            for table in SEQUENCED:
                conn.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"
                )
    finally:
        raw.close()
    return {
        "customers": size,
        "contacts": builder.written.get("contact", 0),
        "activities": builder.written.get("activity", 0),
        "opportunities": builder.written.get("opportunity", 0),
    }
