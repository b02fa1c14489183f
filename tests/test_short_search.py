"""The first page of a 1–3 letter search (services/customers/short_search.py) is the first rows
of the ordinary query, in the same order, whichever way it was found.

The walk and the estimate only start on a big base (thousands of matches), so the thresholds are
lowered here to make the 300-customer demo take every path: the walk to the end of the table,
the walk that stops at its window and gives up, and the front of names that start with the term.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from crmtui.db.reader import Reader
from crmtui.services.customers import read as lookup
from crmtui.services.customers import short_search
from tests.helpers import add_customer

# one letter, two, three; pinyin initials (wl, lj, zl); phone digits; Chinese characters; terms
# that begin names (a, s, li, 北京, 王) and whole names (周琳, 雷辉 are customers of the demo;
# 重 is added)
TERMS = ["z", "a", "s", "w", "q", "zh", "an", "li", "wl", "lj", "zl", "zha", "ang", "138"]
TERMS += ["张", "王", "北京", "公司", "周琳", "雷辉", "重"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from zoneinfo import ZoneInfo

    from crmtui import clock
    from crmtui.db.engine import open_database
    from crmtui.services.demo.build import build_demo

    path = tmp_path_factory.mktemp("short") / "crm.db"
    tz = ZoneInfo("Asia/Shanghai")
    db = open_database(str(path))
    build_demo(
        db, size=300, seed=7, now=clock.parse_instant("2026-11-23T10:00:00+08:00", tz), tz=tz
    )
    # 重 alone reads "zhong", in 重庆 "chong": the exact name comes first though it sorts later
    for name in ("重庆机械有限公司", "重", "重工贸易"):
        add_customer(db, name)
    db.dispose()
    return path


@pytest.fixture
def reader(demo: Path) -> Iterator[Reader]:
    conn = sqlite3.connect(demo, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    yield Reader(conn, is_sqlite=True, path=str(demo))
    conn.close()


def ordinary(reader: Reader, **filters: Any) -> list[int]:
    """Every match in the order the list shows them (no limit: the ordinary query)."""
    return [r["id"] for r in lookup.list_customers(reader, limit=None, **filters)]


def first_page(reader: Reader, limit: int, **filters: Any) -> list[int]:
    return [r["id"] for r in lookup.list_customers(reader, limit=limit, **filters)]


@pytest.mark.parametrize("window", [10_000, 40])
def test_first_screenful_is_the_first_rows_of_the_full_query(
    reader: Reader, monkeypatch: pytest.MonkeyPatch, window: int
) -> None:
    monkeypatch.setattr(short_search, "DENSE", 0)  # every term walks, however rare
    monkeypatch.setattr(short_search, "WINDOW", window)
    answered = fronts = exacts = 0
    for term in TERMS:
        full = ordinary(reader, search=term)
        assert full, f"the demo has no match for {term!r}: pick another term"
        for limit in (1, 10, 100):
            ids = short_search.first_ids(
                reader, term.casefold(), where="c.deleted_at IS NULL", params={}, limit=limit
            )
            if ids is not None:
                answered += 1
                assert ids == full[:limit], (term, limit)
            assert first_page(reader, limit, search=term) == full[:limit], (term, limit)
        listed = ",".join(map(str, full))
        names = reader.rows(f"SELECT lower(name) AS n FROM customer WHERE id IN ({listed})")
        fronts += any(r["n"].startswith(term) for r in names)
        exacts += any(r["n"] == term for r in names)
    # The fast path answered (not only the ordinary query): every time when its walk may read
    # the whole table; with a short window, for the common terms only (the rare ones give up).
    if window > 300:
        assert answered == len(TERMS) * 3
    else:
        assert 10 <= answered < len(TERMS) * 3
    assert fronts >= 5 and exacts >= 2


def test_filters_and_rare_terms(reader: Reader, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(short_search, "DENSE", 0)
    monkeypatch.setattr(short_search, "WINDOW", 40)
    for term in ("z", "zh", "张"):
        for filters in ({"stage": "customer"}, {"grade": "A"}, {"stage": "prospect"}):
            full = ordinary(reader, search=term, **filters)
            assert first_page(reader, 20, search=term, **filters) == full[:20], (term, filters)


def test_what_the_fast_path_leaves_to_the_ordinary_query(reader: Reader) -> None:
    assert short_search.short_term("zhan") is None  # four letters: the trigram index is quick
    assert short_search.short_term("z w") is None  # two words
    assert short_search.short_term("1 38") is None  # a phone number, searched as its digits
    assert short_search.short_term("é") is None  # a letter with case outside ASCII
    assert short_search.short_term(" ZH ") == "zh"
    assert short_search.short_term("张") == "张"
    # a rare term (the index counts few texts with it) is sorted, not walked
    assert (
        short_search.first_ids(reader, "zw", where="c.deleted_at IS NULL", params={}, limit=10)
        is None
    )


def test_a_walk_that_meets_its_window_gives_up(
    reader: Reader, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A term met too rarely in the first WINDOW customers is left to the ordinary query: the
    walk would otherwise read the whole table."""
    monkeypatch.setattr(short_search, "DENSE", 0)
    monkeypatch.setattr(short_search, "WINDOW", 5)
    where = "c.deleted_at IS NULL"
    assert short_search.first_ids(reader, "zw", where=where, params={}, limit=100) is None
    full = ordinary(reader, search="zw")
    assert first_page(reader, 100, search="zw") == full[:100]
