"""A small, hand-made customer base whose query answers are known by heart."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, timedelta
from typing import Any

import pytest
from sqlalchemy import text

from tests.helpers import add_contact, add_customer, now
from tests.money.support import order, pay


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


@pytest.fixture
def things(db: Any, people: dict[str, int]) -> dict[str, int]:
    """Contacts, deals, orders and activities of the ``people`` customers."""
    from crmtui.services.activities.write import log_activity, plan_activity
    from crmtui.services.sales.write import create_opportunity

    t = now()
    with db.reader() as r:  # people's overdue call of derun's
        late = int(r.scalar("SELECT id FROM activity"))
    out = {
        "late": late,
        "wang": add_contact(db, people["hongda"], "王经理", role="采购经理", decision_maker=True),
        "li": add_contact(db, people["hongda"], "李工", role="工程师", email="li@hongda.example"),
        "bob": add_contact(db, people["acme"], "Bob Smith", role="buyer"),
    }
    with db.session() as s:
        made = {
            "big": create_opportunity(
                s, now=t, customer_id=people["hongda"], title="生产线改造", amount=50_000_00
            ),
            "small": create_opportunity(
                s,
                now=t,
                customer_id=people["acme"],
                title="Spare parts",
                amount=2_000_00,
                expected_close=date(2026, 11, 1),
            ),
            "won": create_opportunity(
                s,
                now=t,
                customer_id=people["derun"],
                title="仓储系统",
                amount=9_000_00,
                stage="won",
            ),
        }
        out |= {k: int(v.id or 0) for k, v in made.items()}
        out["called"] = int(
            log_activity(s, now=t, customer_id=people["hongda"], outcome="reached").id or 0
        )
        out["visit"] = int(
            plan_activity(
                s, now=t, customer_id=people["acme"], due_at=t + timedelta(days=2), kind="visit"
            ).id
            or 0
        )
    out["o_paid"] = order(db, people["hongda"], ("Pump", 2, 1_000_00), confirm=True)
    out["o_open"] = order(db, people["acme"], ("Valve", 1, 300_00), confirm=True)
    out["o_draft"] = order(db, people["derun"], ("Valve", 1, 300_00))
    pay(db, people["hongda"], 2_000_00)
    return out
