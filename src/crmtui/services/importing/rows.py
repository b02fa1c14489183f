"""Turning imported records into table rows, and writing many rows fast.

``customer_values`` / ``contact_values`` give complete column dicts (every column, so SQLAlchemy
Core can insert them in one executemany); :class:`BulkWriter` inserts customers, contacts, tags
and their search documents on one connection, inside the caller's transaction. Pinyin is cached
per distinct text, so a file where a company appears on many rows computes it once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import lru_cache
from json.encoder import encode_basestring_ascii as _quoted
from typing import Any

from crmtui.db.search_text import doc_text, has_cjk
from crmtui.services.common.birthdays import key as birthday_key
from crmtui.services.common.timeparse import Birthday
from crmtui.services.contacts.types import BirthdayColumns

CUSTOMER_DEFAULTS: dict[str, Any] = {
    "name": None,
    "is_person": False,
    "company_name": None,
    "stage": "potential",
    "grade": None,
    "man_money": "unknown",
    "man_authority": "unknown",
    "man_need": "unknown",
    "industry": None,
    "source": None,
    "motive": None,
    "address": None,
    "city": None,
    "country": None,
    "timezone": None,
    "email": None,
    "website": None,
    "personality": None,
    "needs": None,
    "preferences": None,
    "notes": None,
    "credit_limit": None,
    "credit_days": None,
    "credit_rating": None,
    "credit_rated_on": None,
    "satisfaction": None,
    "phones": [],
    "pinyin": "",
    "sort_key": "",
    "last_contact_at": None,
    "deleted_at": None,
    "birthday_month": None,
    "birthday_day": None,
    "birthday_year": None,
    "birthday_lunar": False,
    "birthday_key": None,
}
CONTACT_DEFAULTS: dict[str, Any] = {
    "customer_id": None,
    "name": None,
    "role": None,
    "decision_maker": False,
    "email": None,
    "timezone": None,
    "notes": None,
    "phones": [],
    "pinyin": "",
    "deleted_at": None,
    "birthday_month": None,
    "birthday_day": None,
    "birthday_year": None,
    "birthday_lunar": False,
    "birthday_key": None,
}
BATCH = 2000
# the bits uuid.UUID(version=4) sets: version 4 in the 13th hex digit, variant 10 after it
_UUID_CLEAR = ~((0xF000 << 64) | (0xC000 << 48))
_UUID_SET = (4 << 76) | (0x8000 << 48)
_STAGE_PREFIX = "import_staged_"
_CACHE_KIB = 128 * 1024  # SQLite's page cache while an import's rows go in
_FTS_HASHSIZE = 1024 * 1024  # FTS5's default buffer of new terms (bytes)
_FTS_BULK_HASHSIZE = 16 * 1024 * 1024  # the buffer while an import's documents go in


@lru_cache(maxsize=200_000)
def pinyin_one(text: str | None) -> str:
    """``search.pinyin_of(text)``, computed with one pypinyin pass instead of two, cached.

    Pinyin is the slow part of indexing a name. The initials pypinyin's FIRST_LETTER style
    gives are the first letters of its NORMAL syllables, so one pass yields both parts;
    ``tests/io`` checks the result equals ``pinyin_of`` on Chinese, mixed and polyphonic names.
    The syllables come word by word from a cache (``common.pinyin``): names share words.
    """
    if not text or not has_cjk(text):
        return ""
    from crmtui.services.common.pinyin import syllables as syllables_of

    syllables = syllables_of(text)
    full = "".join(s.lower() for s in syllables if s.strip())
    initials = "".join(s[0] for s in syllables if s).lower()
    return " ".join(p for p in (full, initials) if p)


def pinyin_many(*texts: str | None) -> str:
    """Equal to ``pinyin_of(*texts)``: the parts of each text, joined."""
    return " ".join(p for p in map(pinyin_one, texts) if p)


def uuid4_texts(count: int) -> Iterator[str]:
    """``count`` random UUIDs as ``str(uuid.uuid4())`` writes them (version 4, RFC 4122
    variant), from one read of the system's random source instead of one per record."""
    import os

    raw = os.urandom(16 * count)
    for at in range(0, 16 * count, 16):
        number = int.from_bytes(raw[at : at + 16]) & _UUID_CLEAR | _UUID_SET
        h = f"{number:032x}"
        yield f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def birthday_columns(birthday: Birthday | None) -> BirthdayColumns:
    if birthday is None:
        return {}
    return {
        "birthday_month": birthday.month,
        "birthday_day": birthday.day,
        "birthday_year": birthday.year,
        "birthday_lunar": birthday.lunar,
        "birthday_key": birthday_key(birthday.month, birthday.day),
    }


def customer_doc(values: dict[str, Any], tags: Sequence[str]) -> str:
    return doc_text(
        values["name"],
        values["company_name"],
        values["pinyin"],
        values["email"],
        values["city"],
        values["notes"],
        phones=values["phones"],
        tags=sorted(tags),
    )


def contact_doc(values: dict[str, Any], customer_name: str | None) -> str:
    return doc_text(
        values["name"],
        values["pinyin"],
        values["role"],
        values["email"],
        customer_name,
        values["notes"],
        phones=values["phones"],
    )


class BulkWriter:
    """Inserts on a SQLAlchemy connection in batches, returning the new ids in order."""

    def __init__(self, conn: Any, now: datetime):
        from sqlmodel import SQLModel

        from crmtui.db import tables  # noqa: F401  (registers the tables)

        self.conn = conn
        self.stamp = now.astimezone(UTC)  # DateTime columns take aware instants
        self.tables: dict[str, Any] = {
            name: SQLModel.metadata.tables[name]
            for name in ("customer", "contact", "customertag", "search_doc", "tag")
        }
        self._tag_ids: dict[str, int] | None = None

    def insert(
        self, table: str, rows: list[dict[str, Any]], *, stamped: bool = True, progress: Any = None
    ) -> list[int]:
        """Insert ``rows``; returns their ids (same order). Adds created/updated times."""
        from sqlalchemy import insert

        t = self.tables[table]
        stamps = {"created_at": self.stamp, "updated_at": self.stamp} if stamped else {}
        if self.conn.dialect.name == "sqlite":
            return self._insert_sqlite(t, rows, stamps, progress)
        rows = [stamps | r for r in rows] if stamps else rows
        ids: list[int] = []
        for start in range(0, len(rows), BATCH):
            chunk = rows[start : start + BATCH]
            if "id" in t.c:
                stmt = insert(t).returning(t.c.id, sort_by_parameter_order=True)
                ids += [int(r[0]) for r in self.conn.execute(stmt, chunk)]
            else:
                self.conn.execute(insert(t), chunk)
            if progress is not None:
                progress(len(chunk))
        return ids

    def _insert_sqlite(
        self, t: Any, rows: list[dict[str, Any]], stamps: dict[str, datetime], progress: Any
    ) -> list[int]:
        """The same on SQLite, through the driver's executemany (several times faster).

        Values are stored exactly as SQLAlchemy stores them (instants as naive UTC text,
        flags as 0/1, lists as JSON); new ids are the next ones SQLite would give, taken
        inside the write transaction, so nothing else can take them meanwhile. ``stamps``
        are the values of columns a row does not have (its own value wins, as in ``insert``).
        """
        if not rows:
            return []
        # SQLite's default page cache (2 MB) is smaller than the indexes 100,000 rows go into
        # (a random UUID each): pages would be spilled and read again all along. A larger
        # cache for this connection while the rows go in, the usual one again after.
        cache = self.conn.exec_driver_sql("PRAGMA cache_size").scalar()
        self.conn.exec_driver_sql(f"PRAGMA cache_size = {min(int(cache), -_CACHE_KIB)}")
        try:
            return self._insert_rows(t, rows, stamps, progress)
        finally:
            self.conn.exec_driver_sql(f"PRAGMA cache_size = {int(cache)}")

    def _insert_rows(
        self, t: Any, rows: list[dict[str, Any]], stamps: dict[str, datetime], progress: Any
    ) -> list[int]:
        cols = [c for c in t.columns if c.name in rows[0] or c.name in stamps or c.name == "id"]
        has_id = "id" in t.c
        ids: list[int] = []
        if has_id:
            if "id" in rows[0]:
                ids = [int(r["id"]) for r in rows]
            else:
                top = self.conn.exec_driver_sql(f"SELECT coalesce(max(id), 0) FROM {t.name}")
                first = int(top.scalar()) + 1
                ids = list(range(first, first + len(rows)))
        # values are taken by dict lookups in C; only the columns stored differently from the
        # Python value (instants, flags, JSON) go through a converter
        keys = [c.name for c in cols]
        defaults = [stamps.get(k) for k in keys]
        converted = [(i, conv) for i, c in enumerate(cols) if (conv := _sqlite_converter(c))]
        id_at = keys.index("id") if has_id else -1
        names = ", ".join(c.name for c in cols)
        # Every row goes into a temporary table first (no indexes, triggers or foreign keys),
        # then all of them into the table in one statement. Each statement on a table with
        # triggers or foreign keys opens a statement journal, so an executemany straight into
        # it pays that once per row (contacts: 1.7 s for 100,000, against 0.65 s staged); and
        # the search index's trigger fills the FTS table in one go, where a statement per row
        # makes FTS5 flush a tiny segment per row (four times slower). The triggers still fire
        # for every row, the same transaction holds it all.
        target = f"temp.{_STAGE_PREFIX}{t.name}"
        self.conn.exec_driver_sql(f"DROP TABLE IF EXISTS {target}")
        self.conn.exec_driver_sql(f"CREATE TEMP TABLE {target} ({names})")
        sql = f"INSERT INTO {target} ({names}) VALUES ({', '.join('?' for _ in cols)})"
        for start in range(0, len(rows), BATCH):
            chunk = rows[start : start + BATCH]
            params = []
            for i, r in enumerate(chunk, start=start):
                values = list(map(r.get, keys, defaults))
                for at, conv in converted:
                    values[at] = conv(values[at])
                if id_at >= 0:
                    values[id_at] = ids[i]
                params.append(tuple(values))
            self.conn.exec_driver_sql(sql, params)
            if progress is not None:
                progress(len(chunk))
        with self._fts_memory(t.name == "search_doc"):
            self.conn.exec_driver_sql(
                f"INSERT INTO {t.name} ({names}) SELECT {names} FROM {target} ORDER BY rowid"
            )
        self.conn.exec_driver_sql(f"DROP TABLE {target}")
        return ids

    @contextmanager
    def _fts_memory(self, wanted: bool) -> Iterator[None]:
        """FTS5 keeps the terms of new rows in memory and writes them out as a segment of the
        index whenever they pass ``hashsize`` (1 MB); on 100,000 search documents that is
        dozens of segments, merged again and again while the rows go in. A larger buffer
        while they go in (the same index, written at the end; a third less time), and the
        setting as it was after (FTS5 keeps it in ``search_fts_config``; same transaction)."""
        if not wanted:
            yield
            return
        found = self.conn.exec_driver_sql(
            "SELECT v FROM search_fts_config WHERE k = 'hashsize'"
        ).scalar()
        before = _FTS_HASHSIZE if found is None else int(found)
        self._fts_hashsize(max(before, _FTS_BULK_HASHSIZE))
        yield
        self._fts_hashsize(before)
        if found is None:  # the default again, as it was: no setting of its own
            self.conn.exec_driver_sql("DELETE FROM search_fts_config WHERE k = 'hashsize'")

    def _fts_hashsize(self, size: int) -> None:
        self.conn.exec_driver_sql(
            "INSERT INTO search_fts(search_fts, rank) VALUES ('hashsize', ?)", (size,)
        )

    def tag_ids(self, names: Iterable[str]) -> dict[str, int]:
        """Ids of the named tags, creating the missing ones."""
        from sqlalchemy import select

        if self._tag_ids is None:
            t = self.tables["tag"]
            self._tag_ids = {n: i for i, n in self.conn.execute(select(t.c.id, t.c.name))}
        missing = sorted({n for n in names if n not in self._tag_ids})
        if missing:
            new = self.insert("tag", [{"name": n} for n in missing])
            self._tag_ids.update(zip(missing, new, strict=True))
        return self._tag_ids


def _json(value: Any) -> str | None:
    """``json.dumps(value)``; a list of texts (the phones of every row) without the encoder
    object: its items quoted by the same C function, joined with the same separator."""
    if value is None:
        return None
    if type(value) is list and all(type(item) is str for item in value):
        return "[" + ", ".join(map(_quoted, value)) + "]"
    return json.dumps(value)


def _sqlite_converter(column: Any) -> Any:
    """A function turning a Python value into what SQLAlchemy would store for ``column``."""
    from datetime import date

    from sqlalchemy import JSON, Boolean, Date, DateTime, TypeDecorator

    kind = column.type.impl if isinstance(column.type, TypeDecorator) else column.type

    @lru_cache(maxsize=64)  # every row of an import has the same created/updated instant
    def instant(v: Any) -> Any:
        if isinstance(v, datetime):
            if v.tzinfo is not None:
                v = v.astimezone(UTC).replace(tzinfo=None)
            return v.strftime("%Y-%m-%d %H:%M:%S.%f")
        return v

    if isinstance(kind, DateTime):
        return instant
    if isinstance(kind, Date):
        return lambda v: v.isoformat() if isinstance(v, date) else v
    if isinstance(kind, Boolean):
        return lambda v: None if v is None else int(bool(v))
    if isinstance(kind, JSON):
        return _json
    return None  # stored as it is
