"""The office part of ``crm demo``: competitors on the lost deals, events in every status with
invitees and attendance, expense claims in every status, and announcements (one expired).

A fixed handful of each whatever ``--size`` is: a salesperson runs a few events a month, not
one per hundred customers. Written with plain SQL inside the demo's transaction.
"""

from __future__ import annotations

import random
import sqlite3
from datetime import date, datetime, timedelta, tzinfo

from crmtui.services.demo import words as D
from crmtui.services.demo.rows import timestamp

PRICE_LEVELS = ("lower", "similar", "higher", "similar", "lower")
STRENGTHS = ["价格低", "strong local service", "交期短", "brand recognition", "定制能力强"]
WEAKNESSES = ["售后慢", "limited range", "质量不稳定", "slow to quote", "no local stock"]
EVENTS = [
    # name, kind, days from today (start), length in days, status, budget (yuan)
    ("上海国际工业博览会", "trade-fair", -40, 3, "closed", 80_000),
    ("数控技术研讨会", "seminar", -3, 1, "held", 15_000),
    ("Customer demo day", "demo-day", 6, 1, "open", 8_000),
    ("年终客户答谢晚宴", "dinner", 24, 1, "planning", 50_000),
    ("Webinar: spare parts", "webinar", -10, 1, "cancelled", 0),
]
CATEGORIES = ["travel", "hotel", "meals", "gifts", "transport", "samples"]
ANNOUNCEMENTS = [
    ("本月目标：新增 12 家准客户", True, None),
    ("New price list: ask before quoting", False, 20),
    ("国庆假期值班安排", False, -30),  # expired: hidden on the desktop
]


def add_office(
    conn: sqlite3.Connection, rng: random.Random, now: datetime, tz: tzinfo, first_id: int
) -> dict[str, int]:
    """Write the office rows; customers and opportunities with ids above ``first_id`` are this
    run's. Returns how many of each were added."""
    stamp = timestamp(now)
    today = now.astimezone(tz).date()
    customers = [
        r[0]
        for r in conn.execute(
            "SELECT id FROM customer WHERE id > ? AND deleted_at IS NULL ORDER BY id LIMIT 60",
            (first_id,),
        )
    ]
    competitor_ids = []
    for i, name in enumerate(D.COMPETITORS):
        conn.execute(
            "INSERT OR IGNORE INTO competitor (name, products, price_level, strengths, "
            "weaknesses, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                name,
                rng.choice(D.OPP_TITLES),
                PRICE_LEVELS[i],
                STRENGTHS[i],
                WEAKNESSES[i],
                stamp,
                stamp,
            ),
        )
        found = conn.execute("SELECT id FROM competitor WHERE name = ?", (name,)).fetchone()
        competitor_ids.append(found[0])
    by_name = dict(zip(D.COMPETITORS, competitor_ids, strict=True))
    links = 0
    for opp_id, competitor in conn.execute(
        "SELECT id, competitor FROM opportunity WHERE id > ? AND stage = 'lost' "
        "AND competitor IS NOT NULL ORDER BY id LIMIT 200",
        (first_id,),
    ).fetchall():
        conn.execute(
            "INSERT OR IGNORE INTO opportunity_competitor (opportunity_id, competitor_id, role, "
            "created_at) VALUES (?, ?, 'lost-to', ?)",
            (opp_id, by_name[competitor], stamp),
        )
        links += 1
    for (opp_id,) in conn.execute(
        "SELECT id FROM opportunity WHERE id > ? AND stage IN ('proposal', 'negotiation') "
        "ORDER BY id LIMIT 10",
        (first_id,),
    ).fetchall():
        conn.execute(
            "INSERT OR IGNORE INTO opportunity_competitor (opportunity_id, competitor_id, role, "
            "created_at) VALUES (?, ?, 'competing', ?)",
            (opp_id, rng.choice(competitor_ids), stamp),
        )
        links += 1
    event_ids = _events(conn, rng, today, stamp, customers)
    claims = _claims(conn, rng, today, now, customers, event_ids)
    for title, pinned, days in ANNOUNCEMENTS:
        until = None if days is None else (today + timedelta(days=days)).isoformat()
        conn.execute(
            "INSERT INTO announcement (title, body, pinned, valid_until, created_at, updated_at) "
            "VALUES (?, NULL, ?, ?, ?, ?)",
            (title, pinned, until, stamp, stamp),
        )
    return {
        "competitors": len(competitor_ids),
        "competitor_links": links,
        "events": len(event_ids),
        "claims": claims,
        "announcements": len(ANNOUNCEMENTS),
    }


def _events(
    conn: sqlite3.Connection, rng: random.Random, today: date, stamp: str, customers: list[int]
) -> list[int]:
    ids = []
    for name, kind, offset, length, status, budget in EVENTS:
        starts = today + timedelta(days=offset)
        cur = conn.execute(
            "INSERT INTO event (name, kind, starts_on, ends_on, place, budget, currency, "
            "partners, status, closed_at, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, 'CNY', ?, ?, ?, ?, ?)",
            (
                name,
                kind,
                starts.isoformat(),
                (starts + timedelta(days=length - 1)).isoformat(),
                rng.choice(["上海", "苏州", "Online", "杭州"]),
                budget * 100,
                "行业协会" if kind == "trade-fair" else None,
                status,
                stamp if status == "closed" else None,
                stamp,
                stamp,
            ),
        )
        event_id = int(cur.lastrowid or 0)
        ids.append(event_id)
        guests = rng.sample(customers, min(len(customers), rng.randint(4, 9)))
        for cid in guests:
            answer = rng.choice(["invited", "registered", "registered", "declined"])
            came = status in ("held", "closed") and answer == "registered" and rng.random() < 0.8
            conn.execute(
                "INSERT INTO event_invitee (event_id, customer_id, status, attended, lead, "
                "created_at, updated_at) VALUES (?, ?, ?, ?, 0, ?, ?)",
                (event_id, cid, answer, came, stamp, stamp),
            )
    return ids


def _claims(
    conn: sqlite3.Connection,
    rng: random.Random,
    today: date,
    now: datetime,
    customers: list[int],
    event_ids: list[int],
) -> int:
    statuses = ["reimbursed", "reimbursed", "approved", "rejected", "submitted", "draft"]
    for n, status in enumerate(statuses):
        first = today - timedelta(days=(len(statuses) - n) * 9)
        at = timestamp(now - timedelta(days=(len(statuses) - n) * 7))
        decided = at if status in ("approved", "rejected", "reimbursed") else None
        cur = conn.execute(
            "INSERT INTO expense_claim (title, status, reject_reason, submitted_at, decided_at, "
            "reimbursed_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                f"{first:%m}月差旅费",
                status,
                "发票抬头不对" if status == "rejected" else None,
                at if status != "draft" else None,
                decided,
                at if status == "reimbursed" else None,
                at,
                at,
            ),
        )
        claim_id = int(cur.lastrowid or 0)
        for i in range(rng.randint(2, 5)):
            category = rng.choice(CATEGORIES)
            event_id = event_ids[0] if n == 0 and i == 0 else None
            conn.execute(
                "INSERT INTO expense_line (claim_id, spent_on, category, amount, currency, note, "
                "customer_id, event_id, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, 'CNY', ?, ?, ?, ?, ?)",
                (
                    claim_id,
                    (first + timedelta(days=i)).isoformat(),
                    "event" if event_id else category,
                    rng.randint(30, 2000) * 100,
                    rng.choice(["高铁", "taxi to the client", "客户午餐", None]),
                    rng.choice(customers) if customers and rng.random() < 0.7 else None,
                    event_id,
                    at,
                    at,
                ),
            )
    return len(statuses)
