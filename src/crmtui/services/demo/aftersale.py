"""After-sale rows of the demo: complaints at every step, service plans and records, satisfaction
ratings (one of them a drop to dissatisfied yesterday) and a referral chain.

Fixed rows, placed relative to ``now``, on customers in China whom nobody has reached for three
days, so that today's call plan shows a complaint follow-up, a service reminder and the call
after the drop. Written inside the demo's transaction; the same seed and ``now`` give the same
rows. tests/aftersale/test_aftersale_demo.py counts them by hand.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, time, timedelta, tzinfo

from crmtui.services.common.months import add_months
from crmtui.services.demo.rows import timestamp

# (received days ago, severity, category, channel, what they said, entries, promised by in days
# from today). An entry is (kind, step, days ago, note, satisfaction).
Entry = tuple[str, int | None, float, str, int | None]
COMPLAINTS: list[tuple[float, str, str, str, str, list[Entry], int | None]] = [
    (1, "critical", "quality", "call", "设备运行一小时就停机", [], None),
    (
        2,
        "high",
        "delivery",
        "email",
        "货到晚了一周，影响了生产",
        [("step", 2, 1, "已道歉，说明是物流延误", None)],
        None,
    ),
    (
        4,
        "normal",
        "service",
        "visit",
        "The engineer did not come back as agreed",
        [
            ("step", 2, 3.9, "Apologised on the spot", None),
            ("step", 3, 3, "Checking the engineer's schedule and the job sheet", None),
        ],
        None,
    ),
    (
        10,
        "high",
        "quality",
        "call",
        "包装破损，三箱货受潮",
        [
            ("step", 2, 9.9, "道歉并确认损失", None),
            ("step", 3, 9, "拍照取证，批次 2026-11A", None),
            ("step", 4, 8, "补发三箱，运费我方承担", None),
        ],
        -2,
    ),
    (
        6,
        "normal",
        "price",
        "call",
        "发票价格和合同不符",
        [
            ("step", 2, 5.9, "道歉", None),
            ("step", 3, 5, "核对合同", None),
            ("step", 4, 4, "开红字发票重开", None),
            ("step", 5, 3, "客户希望再给 2% 折扣作为补偿", None),
        ],
        5,
    ),
    (
        15,
        "low",
        "attitude",
        "sms",
        "客服电话态度不好",
        [
            ("step", 2, 14.9, "道歉", None),
            ("step", 3, 14, "听了通话录音", None),
            ("step", 4, 13, "对客服做了培训，回电说明", None),
            ("step", 6, 4, "回访：客户接受", None),
        ],
        -5,
    ),
    (
        20,
        "normal",
        "delivery",
        "online",
        "少发了两件配件",
        [
            ("step", 2, 19.9, "道歉", None),
            ("step", 3, 19, "仓库核对", None),
            ("step", 4, 18, "顺丰补发", None),
            ("step", 6, 7, "回访：已收到", None),
            ("closed", None, 6, "客户满意", 4),
        ],
        -16,
    ),
    (
        12,
        "high",
        "quality",
        "visit",
        "维修后同样的问题又出现了",
        [
            ("step", 2, 11.9, "道歉", None),
            ("step", 3, 11, "检测报告", None),
            ("step", 4, 10, "更换主板", None),
            ("step", 5, 8, "客户要求换新机", None),
            ("unresolved", None, 3, "只能保修，客户仍不满意", 2),
        ],
        -9,
    ),
    (
        30,
        "normal",
        "service",
        "call",
        "安装后没有培训",
        [
            ("step", 2, 29.9, "道歉", None),
            ("step", 3, 29, "确认安装单", None),
            ("step", 4, 28, "安排上门培训", None),
            ("step", 6, 26, "回访", None),
            ("closed", None, 25, "培训完成", 3),
            ("reopened", None, 8, "新来的操作员又不会用了", None),
        ],
        None,
    ),
]
# (customer pick, kind, every, unit, next due in days from today, active, product)
PLANS = [
    (9, "maintenance", 6, "m", 3, True, "数控机床 CK6140"),
    (10, "inspection", 90, "d", 40, True, "空压机"),
    (11, "seasonal-visit", 3, "m", 6, True, None),
    (10, "training", 12, "m", 200, False, None),
]
# (customer pick, plan index or None, days ago, kind, by, work, cost in yuan, satisfaction)
RECORDS: list[tuple[int, int | None, int | None, str, str, str, int, int]] = [
    (10, 1, 50, "inspection", "老王", "全面检查，更换滤芯", 800, 5),
    (9, 0, None, "maintenance", "小李", "换油、校准", 1200, 4),
    (12, None, 5, "maintenance", "小李", "更换皮带", 350, 3),
]
DROP = 13  # the customer whose rating dropped to dissatisfied yesterday
REFERRALS = [(1, 0), (2, 1), (3, 0)]  # (customer, referred by): a chain and a second branch
PICKS = 14


def _customers(conn: sqlite3.Connection, now: datetime) -> list[int]:
    """Customers in China nobody reached for three days (so today's plan calls them)."""
    quiet = timestamp(now - timedelta(days=3))
    found = [
        r[0]
        for r in conn.execute(
            "SELECT c.id FROM customer c WHERE c.country = 'CN' AND c.deleted_at IS NULL "
            "AND c.phones != '[]' AND NOT EXISTS (SELECT 1 FROM activity a WHERE "
            "a.customer_id = c.id AND (a.done_at >= ? OR a.done_at IS NULL)) "
            "ORDER BY c.id LIMIT ?",
            (quiet, PICKS),
        )
    ]
    if len(found) < PICKS:  # a tiny demo: any customers will do
        found += [
            r[0]
            for r in conn.execute("SELECT id FROM customer ORDER BY id LIMIT ?", (PICKS,))
            if r[0] not in found
        ]
    return found


def add_after_sale(conn: sqlite3.Connection, *, now: datetime, tz: tzinfo) -> dict[str, int]:
    """Write the after-sale rows; returns how many of each were added."""
    picks = _customers(conn, now)
    if not picks:
        return {}

    def who(index: int) -> int:
        return picks[index % len(picks)]

    def ago(days: float) -> str:
        return timestamp(now - timedelta(days=days))

    stamp = timestamp(now)
    today = now.astimezone(tz).date()
    latest: dict[int, tuple[str, int]] = {}

    def rate(
        cid: int, level: int, at: str, source: str, ref: int | None, previous: int | None
    ) -> None:
        conn.execute(
            "INSERT INTO satisfaction (customer_id, level, previous, source, ref_id, note, at, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?)",
            (cid, level, previous, source, ref, at, at, at),
        )
        if cid not in latest or latest[cid][0] <= at:
            latest[cid] = (at, level)

    for index, (received, severity, category, channel, said, entries, promised) in enumerate(
        COMPLAINTS
    ):  # each on its own customer
        cid = who(index)
        status, step, closed_at, level = "open", 1, None, None
        for kind, number, days_ago, _note, sat in entries:
            if kind == "step" and number is not None:
                step = number
                status = {
                    2: "acknowledged",
                    3: "investigating",
                    4: "solution-offered",
                    5: "solution-offered",
                    6: "following-up",
                }[number]
            elif kind == "reopened":
                status, step, closed_at, level = "open", 1, None, None
            else:
                status = "closed" if kind == "closed" else "closed-unresolved"
                closed_at, level = ago(days_ago), sat
        by = (today + timedelta(days=promised)).isoformat() if promised is not None else None
        kid = conn.execute(
            "INSERT INTO complaint (customer_id, contact_id, received_at, channel, category, "
            "severity, said, promised_by, status, step, satisfaction, closed_at, created_at, "
            "updated_at) VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                cid,
                ago(received),
                channel,
                category,
                severity,
                said,
                by,
                status,
                step,
                level,
                closed_at,
                ago(received),
                stamp,
            ),
        ).lastrowid
        rows = [("step", 1, received, said, None), *entries]
        for kind, number, days, note, sat in rows:
            at = ago(days)
            by_date = by if kind == "step" and number == 4 else None
            conn.execute(
                "INSERT INTO complaint_step (complaint_id, kind, step, at, note, by_date, "
                "satisfaction, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (kid, kind, number, at, note, by_date, sat, at, at),
            )
            if sat is not None:
                rate(cid, sat, at, "complaint", kid, 1 if sat == 2 else None)
    plan_ids = []
    for pick, kind, every, unit, due_in, active, product in PLANS:
        plan_ids.append(
            conn.execute(
                "INSERT INTO service_plan (customer_id, kind, every, unit, next_due, active, "
                "product, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)",
                (
                    who(pick),
                    kind,
                    every,
                    unit,
                    (today + timedelta(days=due_in)).isoformat(),
                    active,
                    product,
                    stamp,
                    stamp,
                ),
            ).lastrowid
        )
    for pick, plan, done_days, kind, by, work, cost, sat in RECORDS:
        done = _done_on(today, plan, done_days)
        at = timestamp(datetime.combine(done, time(15), tzinfo=tz))
        rid = conn.execute(
            "INSERT INTO service_record (customer_id, plan_id, done_on, kind, done_by, work, "
            "parts, cost, currency, satisfaction, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, NULL, ?, 'CNY', ?, ?, ?)",
            (
                who(pick),
                plan_ids[plan] if plan is not None else None,
                done.isoformat(),
                kind,
                by,
                work,
                cost * 100,
                sat,
                at,
                at,
            ),
        ).lastrowid
        rate(who(pick), sat, at, "service", rid, None)
    rate(who(DROP), 4, ago(30), "call", None, None)
    rate(who(DROP), 2, ago(1), "call", None, 4)
    # a tiny demo has fewer customers than the chain names: each customer is referred once
    referrals = [(c, r) for c, r in REFERRALS if max(c, r) < len(picks)]
    for customer, referrer in referrals:
        conn.execute(
            "INSERT INTO referral (customer_id, referrer_id, created_at, updated_at) "
            "VALUES (?, ?, ?, ?)",
            (who(customer), who(referrer), stamp, stamp),
        )
    for cid, (_at, level) in latest.items():
        conn.execute("UPDATE customer SET satisfaction = ? WHERE id = ?", (level, cid))
    return {
        "complaints": len(COMPLAINTS),
        "service_plans": len(PLANS),
        "service_records": len(RECORDS),
        "referrals": len(referrals),
    }


def _done_on(today: date, plan: int | None, days: int | None) -> date:
    """A record's day: ``days`` ago, or one interval before its plan is next due."""
    if days is not None:
        return today - timedelta(days=days)
    assert plan is not None
    _pick, _kind, every, unit, due_in, _active, _product = PLANS[plan]
    due = today + timedelta(days=due_in)
    return add_months(due, -every) if unit == "m" else due - timedelta(days=every)
