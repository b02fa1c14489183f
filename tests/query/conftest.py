"""A small, hand-made customer base whose query answers are known by heart."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, timedelta
from typing import Any

import pytest
from sqlalchemy import text

from tests.helpers import add_customer, now


@pytest.fixture
def people(db: Any) -> dict[str, int]:
    """Eight customers; ``now`` is 2026-11-23 10:00 Shanghai (conftest)."""
    t = now()
    ids = {
        "hongda": add_customer(
            db,
            "上海宏达机械有限公司",
            city="上海",
            grade="A",
            stage="customer",
            tags=["vip"],
            man_money="yes",
            man_authority="yes",
            man_need="yes",
            credit_limit=3_000_000,
            satisfaction=5,
            now=t - timedelta(days=400),
        ),
        "derun": add_customer(
            db,
            "北京德润物流",
            city="北京",
            grade="B",
            stage="prospect",
            man_money="yes",
            man_authority="no",
            man_need="yes",
            credit_limit=1_000_000,
            satisfaction=3,
            now=t - timedelta(days=30),
        ),
        "acme": add_customer(
            db,
            "Acme Tools",
            city="London",
            grade="C",
            stage="potential",
            tags=["vip", "tools"],
            email="sales@acme.example",
            now=t - timedelta(days=3),
        ),
        "zhang": add_customer(
            db,
            "张伟",
            is_person=True,
            city="上海",
            stage="lost",
            industry="机械",
            now=t - timedelta(days=10),
        ),
        "beacon": add_customer(
            db,
            "Beacon 100% Foods",
            city="Paris",
            grade="A",
            stage="customer",
            credit_limit=5_000_000,
            now=t - timedelta(days=60),
        ),
    }
    stamp = "%Y-%m-%d %H:%M:%S.%f"
    utc = t.astimezone(UTC).replace(tzinfo=None)
    last = {"hongda": 2, "derun": 20, "zhang": 40, "beacon": 1}
    with db.session() as session:
        for key, days in last.items():
            session.execute(
                text("UPDATE customer SET last_contact_at = :at WHERE id = :id"),
                {"at": (utc - timedelta(days=days)).strftime(stamp), "id": ids[key]},
            )
        # derun has a call that was due yesterday and is not done: overdue
        session.execute(
            text(
                "INSERT INTO activity (customer_id, kind, due_at, created_at, updated_at) "
                "VALUES (:c, 'call', :due, :due, :due)"
            ),
            {"c": ids["derun"], "due": (utc - timedelta(days=1)).strftime(stamp)},
        )
    return ids


@pytest.fixture
def reader(db: Any, people: dict[str, int]) -> Iterator[Any]:
    with db.reader() as r:
        yield r
