"""The rows of the demo database: customers with their contacts, activities, opportunities,
tags and search text, generated from a seeded random source and written in batches by
:class:`Builder` (see ``build.py`` for the transaction around it)."""

from __future__ import annotations

import json
import random
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, tzinfo
from functools import cache
from itertools import accumulate
from operator import itemgetter
from typing import Any

from crmtui.db.search_text import doc_text, pinyin_of
from crmtui.services.common.birthdays import key as bkey
from crmtui.services.contacts.types import BirthdayColumns
from crmtui.services.demo import words as D

OUTCOMES = (
    ["reached"] * 5
    + ["no-answer"] * 3
    + ["busy", "voicemail", "appointment", "call-back", "not-interested"]
)
# Weighted draws use precomputed cumulative weights: the same draws as ``weights=``, less work.
STAGES = ["potential", "prospect", "customer", "dormant", "lost"]
STAGE_CUM = list(accumulate([30, 30, 30, 6, 4]))
GRADES = ["A", "B", "C", None]
GRADE_CUM = list(accumulate([15, 35, 40, 10]))
KINDS = ["call", "visit", "email", "sms", "meeting"]
KIND_CUM = list(accumulate([55, 15, 15, 8, 7]))
# Writes one table's rows: (table, column names, rows of values in that order).
Inserter = Callable[[str, list[str], list[Any]], None]
BATCH = 5000  # customers generated and written per batch
BULK_TABLES = ("customer", "contact", "activity", "opportunity", "search_doc", "customertag")


def timestamp(value: datetime) -> str:
    # The stored form, "YYYY-MM-DD HH:MM:SS.ffffff" in UTC (isoformat is twice as fast as strftime).
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


@cache
def _pinyin(text: str) -> str:
    return pinyin_of(text)


def _pinyin_parts(*parts: str) -> str:
    """Pinyin of a name made of parts, from cached pinyin of each part (fast for 100k rows)."""
    full, initials = [], []
    for part in parts:
        value = _pinyin(part)
        if value:
            f, _, i = value.partition(" ")
            full.append(f)
            initials.append(i)
    return f"{''.join(full)} {''.join(initials)}" if full else ""


class Builder:
    def __init__(self, rng: random.Random, now: datetime, tz: tzinfo, size: int, first_id: int):
        self.rng, self.now, self.tz, self.size = rng, now, tz, size
        self.next_id = {
            "customer": first_id,
            "contact": first_id,
            "activity": first_id,
            "opportunity": first_id,
            "doc": first_id,
        }
        self.rows: dict[str, list[dict[str, Any]]] = {
            k: []
            for k in ("customer", "contact", "activity", "opportunity", "search_doc", "customertag")
        }
        self.birthday_slots = 10  # the first contacts get birthdays in the coming days
        self.written: dict[str, int] = {}

    def take(self, kind: str) -> int:
        self.next_id[kind] += 1
        return self.next_id[kind]

    def phone(self, prefix: str, digits: int) -> str:
        return prefix + "".join(str(self.rng.randrange(10)) for _ in range(digits))

    def person_name(self, chinese: bool) -> tuple[str, str]:
        r = self.rng
        if chinese:
            surname, given = r.choice(D.SURNAMES), r.choice(D.GIVEN)
            return surname + given, _pinyin_parts(surname, given)
        return f"{r.choice(D.FIRST)} {r.choice(D.LAST)}", ""

    def birthday(self) -> BirthdayColumns:
        r = self.rng
        if self.birthday_slots > 0:
            self.birthday_slots -= 1
            when = (self.now.astimezone(self.tz) + timedelta(days=self.birthday_slots % 8)).date()
            month, day = when.month, when.day
        elif r.random() < 0.5:
            month, day = r.randint(1, 12), r.randint(1, 28)
        else:
            return {
                "birthday_month": None,
                "birthday_day": None,
                "birthday_year": None,
                "birthday_lunar": False,
                "birthday_key": None,
            }
        year = r.choice([None, r.randint(1960, 1998)])
        return {
            "birthday_month": month,
            "birthday_day": day,
            "birthday_year": year,
            "birthday_lunar": False,
            "birthday_key": bkey(month, day),
        }

    def customer(self, index: int) -> None:
        r, now = self.rng, self.now
        cid = self.take("customer")
        chinese = r.random() < 0.6
        is_person = r.random() < 0.35
        if chinese:
            city_cn, city, prefix, digits = r.choice(D.CN_CITIES)
            country, zone = "CN", "Asia/Shanghai"
        else:
            city, country, zone, prefix = r.choice(D.WORLD_CITIES)
            city_cn, digits = city, 2
        if is_person:
            name, pinyin = self.person_name(chinese)
            company, industry = None, None
        elif chinese:
            trade, (ind_cn, industry) = r.choice(D.CN_TRADE_NAMES), r.choice(D.CN_INDUSTRIES)
            suffix = r.choice(D.CN_SUFFIX)
            name = f"{city_cn}{trade}{ind_cn}{suffix}"
            pinyin = _pinyin_parts(city_cn, trade, ind_cn, suffix)
            company = None
        else:
            kind, industry = r.choice(D.EN_KIND)
            name, pinyin, company = (
                f"{r.choice(D.EN_COMPANY)} {kind} {r.choice(D.EN_SUFFIX)}",
                "",
                None,
            )
        mobile = self.phone("+86 13" if chinese else prefix, 9 if chinese else digits)
        phones = [mobile] if is_person else [self.phone(prefix, digits)]
        stage = r.choices(STAGES, cum_weights=STAGE_CUM)[0]
        grade = r.choices(GRADES, cum_weights=GRADE_CUM)[0]
        created = now - timedelta(days=r.randint(0, 720), minutes=r.randint(0, 1440))
        if index < 5:
            created = now - timedelta(days=index)  # a few new this month
        email = None if chinese and is_person else f"info{cid}@example.com"
        tags = r.sample(D.TAGS, k=r.choice([0, 0, 1, 1, 2]))
        row: dict[str, Any] = {
            "id": cid,
            "name": name,
            "is_person": is_person,
            "company_name": company,
            "stage": stage,
            "grade": grade,
            "man_money": r.choice(["yes", "no", "unknown"]),
            "man_authority": r.choice(["yes", "unknown"]),
            "man_need": r.choice(["yes", "unknown"]),
            "industry": industry,
            "source": r.choice(D.SOURCES),
            "motive": None,
            "address": None,
            "city": city_cn,
            "country": country,
            "timezone": zone,
            "email": email,
            "website": None,
            "personality": None,
            "needs": None,
            "preferences": None,
            "notes": None,
            "credit_limit": None,
            "credit_days": None,
            "credit_rating": None,
            "credit_rated_on": None,
            "satisfaction": r.choice([None, 3, 4, 5]),
            "phones": json.dumps(phones),
            "pinyin": pinyin,
            "last_contact_at": None,
            # demo names are all Chinese or all Latin: the full pinyin is the sort key
            # (services.common.names.sort_key) of a Chinese one, without loading pypinyin per name
            "sort_key": pinyin.partition(" ")[0] if pinyin else name.casefold(),
            "deleted_at": None,
            "created_at": timestamp(created),
            "updated_at": timestamp(created),
            **(
                self.birthday()
                if is_person
                else {
                    "birthday_month": None,
                    "birthday_day": None,
                    "birthday_year": None,
                    "birthday_lunar": False,
                    "birthday_key": None,
                }
            ),
        }
        self.rows["customer"].append(row)
        for tag in tags:
            self.rows["customertag"].append({"customer_id": cid, "tag_id": D.TAGS.index(tag) + 1})
        self.doc(
            cid, None, doc_text(name, company, pinyin, email, city_cn, phones=phones, tags=tags)
        )
        contact_ids = (
            []
            if is_person
            else [
                self.contact(cid, name, chinese, prefix, digits) for _ in range(r.choice([1, 1, 2]))
            ]
        )
        last = self.activities(cid, contact_ids, created)
        if last is not None:
            row["last_contact_at"] = timestamp(last)
            row["updated_at"] = max(row["updated_at"], timestamp(last))
        for _ in range(r.choice([0, 1, 1, 2, 2, 3] if self.size > 1000 else [0, 1, 1, 2])):
            self.opportunity(cid, created)

    def contact(self, cid: int, customer: str, chinese: bool, prefix: str, digits: int) -> int:
        r = self.rng
        pid = self.take("contact")
        name, pinyin = self.person_name(chinese)
        role = r.choice(D.ROLES)
        phones = [self.phone("+86 13" if chinese else prefix, 9 if chinese else digits)]
        email = f"p{pid}@example.com"
        self.rows["contact"].append(
            {
                "id": pid,
                "customer_id": cid,
                "name": name,
                "role": role,
                "decision_maker": r.random() < 0.3,
                "email": email,
                "timezone": None,
                "notes": None,
                "phones": json.dumps(phones),
                "pinyin": pinyin,
                "deleted_at": None,
                "created_at": timestamp(self.now - timedelta(days=r.randint(1, 300))),
                "updated_at": timestamp(self.now - timedelta(days=r.randint(0, 60))),
                **self.birthday(),
            }
        )
        self.doc(cid, pid, doc_text(name, pinyin, role, email, customer, phones=phones))
        return pid

    def activities(self, cid: int, contacts: list[int], created: datetime) -> datetime | None:
        r, now = self.rng, self.now
        count = r.randint(6, 14) if self.size > 1000 else r.randint(2, 10)
        last = None
        for _ in range(count):
            done = now - timedelta(days=r.uniform(0.05, 90))
            done = done.replace(second=0, microsecond=0)
            kind = r.choices(KINDS, cum_weights=KIND_CUM)[0]
            self.add_activity(
                cid,
                r.choice(contacts) if contacts else None,
                kind,
                None,
                done,
                r.choice(OUTCOMES) if kind == "call" else None,
            )
            last = max(last, done) if last else done
        # A salesperson plans a few dozen actions a day, however large the archive.
        if r.random() < (min(0.12, 400 / self.size) if self.size > 1000 else 0.5):
            due = now + timedelta(days=r.uniform(-3, 14))
            due = due.replace(minute=r.choice([0, 30]), second=0, microsecond=0)
            self.add_activity(
                cid,
                contacts[0] if contacts else None,
                r.choice(["call", "call", "visit", "email"]),
                due,
                None,
                None,
            )
        return last

    def add_activity(
        self,
        cid: int,
        contact: int | None,
        kind: str,
        due: datetime | None,
        done: datetime | None,
        outcome: str | None,
    ) -> None:
        done_at = timestamp(done) if done else None
        stamp = done_at or timestamp(self.now - timedelta(days=1))
        self.rows["activity"].append(
            {
                "id": self.take("activity"),
                "customer_id": cid,
                "contact_id": contact,
                "opportunity_id": None,
                "kind": kind,
                "due_at": timestamp(due) if due else None,
                "done_at": done_at,
                "outcome": outcome,
                "minutes": self.rng.choice([3, 5, 10, 30]) if done else None,
                "note": self.rng.choice(D.CALL_NOTES),
                "created_at": stamp,
                "updated_at": stamp,
            }
        )

    def opportunity(self, cid: int, created: datetime) -> None:
        r, now = self.rng, self.now
        stage = r.choice(["lead", "qualified", "proposal", "negotiation", "won", "lost"])
        # Large archives are years old: most deals closed long ago, not all in the last weeks.
        updated = now - timedelta(days=r.uniform(0, 60 if self.size <= 1000 else 720))
        closed = updated if stage in ("won", "lost") else None
        self.rows["opportunity"].append(
            {
                "id": self.take("opportunity"),
                "customer_id": cid,
                "title": r.choice(D.OPP_TITLES),
                "stage": stage,
                "amount": r.randint(5, 500) * 100_000,
                "currency": "CNY",
                "expected_close": (now + timedelta(days=r.randint(7, 120))).date().isoformat(),
                "next_step": None,
                "lost_reason": r.choice(D.LOST_REASONS) if stage == "lost" else None,
                "competitor": r.choice(D.COMPETITORS) if stage == "lost" else None,
                "closed_at": timestamp(closed) if closed else None,
                "created_at": timestamp(created),
                "updated_at": timestamp(updated),
            }
        )

    def doc(self, cid: int, pid: int | None, text: str) -> None:
        self.rows["search_doc"].append(
            {"id": self.take("doc"), "customer_id": cid, "contact_id": pid, "text": text}
        )

    def write(
        self, conn: sqlite3.Connection, tag_ids: dict[str, int], insert: Inserter | None = None
    ) -> None:
        """Insert the rows generated so far and forget them (keeps memory flat). ``insert``
        writes one table's rows (default: SQLite ``executemany`` on ``conn``)."""
        for link in self.rows["customertag"]:
            link["tag_id"] = tag_ids[D.TAGS[link["tag_id"] - 1]]
        for table, rows in self.rows.items():
            if rows:
                self.written[table] = self.written.get(table, 0) + len(rows)
                columns = itemgetter(*rows[0])
                values = [columns(r) for r in rows]
                if insert is None:
                    conn.executemany(_insert_sql(table, rows[0]), values)
                else:
                    insert(table, list(rows[0]), values)
                rows.clear()


def _insert_sql(table: str, row: dict[str, Any]) -> str:
    return f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})"
