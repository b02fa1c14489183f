"""Weekly and monthly summaries: what they count, how each format shows it."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from crmtui import clock
from tests.cli_runner import crm
from tests.helpers import add_contact, add_customer

TZ = ZoneInfo("Asia/Shanghai")
# The pinned clock (conftest) is Monday 2026-11-23 10:00 +08:00, in ISO week 2026-W48.


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=TZ)


@pytest.fixture
def week(db):
    """A week of work: touches on several days, a new customer, a stage change, deals."""
    from crmtui.services.activities.write import log_activity, plan_activity
    from crmtui.services.common.timeparse import Birthday
    from crmtui.services.customers.write import update_customer
    from crmtui.services.sales.write import create_opportunity, move_opportunity

    old = add_customer(db, "宏达机械", now=at(2, 9), phones=["+86 21 5555 0101"])
    acme = add_customer(db, '=HYPERLINK("http://x")', now=at(3, 9))
    wang = add_contact(db, old, "王丽", now=at(2, 9), birthday=Birthday(12, 1, 1980, False))
    new = add_customer(db, "Brightpath <b>Ltd</b>", now=at(23, 8), stage="prospect")
    with db.session() as s:
        # Monday 23:30 local is Monday 15:30 UTC: it must count on Monday, not Tuesday.
        log_activity(
            s,
            now=at(23, 10),
            customer_id=old,
            kind="call",
            outcome="reached",
            at=at(23, 0, 30),
            contact_id=wang,
            note="=1+2 报价",
        )
        log_activity(
            s, now=at(23, 10), customer_id=old, kind="call", outcome="no-answer", at=at(23, 9)
        )
        log_activity(s, now=at(23, 10), customer_id=new, kind="visit", at=at(23, 9, 30))
        log_activity(s, now=at(23, 10), customer_id=new, kind="email", at=at(22, 23, 59))
        plan_activity(s, now=at(20, 9), customer_id=acme, due_at=at(21, 9), note="overdue one")
        plan_activity(
            s,
            now=at(23, 9),
            customer_id=old,
            due_at=at(30, 10),
            kind="visit",
            note="next week",
            contact_id=wang,
        )
        update_customer(s, customer_id=old, now=at(23, 9), changes={"stage": "customer"})
        update_customer(s, customer_id=old, now=at(23, 9, 30), changes={"grade": "A"})
        won = create_opportunity(
            s, now=at(23, 9), customer_id=old, title="年度框架", amount=12_000_000
        )
        move_opportunity(s, now=at(23, 9, 40), opportunity_id=won.id, stage="proposal")
        move_opportunity(s, now=at(23, 9, 50), opportunity_id=won.id, stage="won")
        lost = create_opportunity(s, now=at(10, 9), customer_id=acme, title="Pilot", amount=500)
        move_opportunity(
            s,
            now=at(23, 9, 55),
            opportunity_id=lost.id,
            stage="lost",
            lost_reason="价格太高",
            competitor="Contoso",
        )
    return {"old": old, "acme": acme, "new": new, "wang": wang}


def summary(db, key="2026-W48", **kw):
    from crmtui.services.summaries.build import build_summary, parse_period

    with db.reader() as reader:
        return build_summary(
            reader, parse_period(key, date(2026, 11, 23)), now=clock.now(), tz=TZ, **kw
        )


def test_periods():
    from crmtui.services.summaries.build import parse_month, parse_week

    today = date(2026, 11, 25)
    w = parse_week(None, today)
    assert (w.key, w.start, w.end) == ("2026-W48", date(2026, 11, 23), date(2026, 11, 30))
    assert parse_week("2026-w48", today) == w == parse_week("2026-11-29", today)
    assert parse_week("last", today).key == "2026-W47"
    assert w.shifted(6).key == "2027-W01"  # across the year end
    assert parse_week("2020-W53", today).start == date(2020, 12, 28)
    m = parse_month("2026-12", today)
    assert (m.start, m.end, m.shifted(1).key, m.shifted(-12).key) == (
        date(2026, 12, 1),
        date(2027, 1, 1),
        "2027-01",
        "2025-12",
    )
    with pytest.raises(Exception, match="week"):
        parse_week("2026-W60", today)


def test_weekly_counts(week, db):
    s = summary(db)
    monday = s["days"][0]
    assert monday["date"] == date(2026, 11, 23)
    assert (monday["calls"], monday["reached"], monday["not_reached"], monday["visits"]) == (
        2,
        1,
        1,
        1,
    )
    assert s["totals"]["emails"] == 0  # Sunday 23:59 of the week before
    assert s["new_customers"]["count"] == 1 and s["new_customers"]["by_stage"] == {"prospect": 1}
    changes = {(c["field"], c["old"], c["new"]) for c in s["customer_changes"]["items"]}
    assert changes == {("stage", "potential", "customer"), ("grade", None, "A")}
    opp = s["opportunities"]
    assert opp["created"]["count"] == 1
    assert [o["to_stage"] for o in opp["advanced"]["items"]] == ["proposal"]
    assert opp["won"]["amounts"] == {"CNY": 12_000_000}
    assert opp["lost"]["reasons"] == {"价格太高": 1}
    assert s["top_customers"][0]["customer_id"] == week["old"]
    assert [a["note"] for a in s["overdue"]["items"]] == ["overdue one"]
    assert s["overdue"]["items"][0]["days_overdue"] == 2
    assert [a["note"] for a in s["next"]["actions"]["items"]] == ["next week"]
    assert [b["name"] for b in s["next"]["birthdays"]["items"]] == ["王丽"]
    assert s["previous_period"] == "2026-W47" and s["next_period"] == "2026-W49"


def test_past_week_overdue_is_as_of_its_end(week, db):
    s = summary(db, "2026-W47")
    assert s["overdue"]["count"] == 1  # due Sat 21st, still open at the end of that week
    assert s["totals"]["emails"] == 1


def test_reflection_kept_with_the_week(week, db):
    crm("summary", "note", "本周重点：宏达签约。")
    crm("summary", "note", "--append", "Next: Acme")
    out = crm("summary", "note", "--json").stdout
    assert json.loads(out)["reflection"] == "本周重点：宏达签约。\nNext: Acme"
    assert summary(db)["reflection"].startswith("本周重点")
    assert summary(db, "2026-W47")["reflection"] is None
    crm("summary", "note", "--week", "2026-W47", "last week")
    assert summary(db, "2026-W47")["reflection"] == "last week"
    crm("summary", "note", "--clear")
    assert summary(db)["reflection"] is None


def test_markdown_to_stdout_by_default(week):
    crm("summary", "note", "line one [x](http://evil) | *bold*\x1b[31m")
    out = crm("export", "weekly").stdout
    assert out.startswith("# 工作总结 · Weekly summary 2026-W48 (2026-11-23 – 2026-11-29)")
    assert "| Mon 11-23 | 2 | 1 | 1 | 1 | 0 | 0 |" in out
    assert "\x1b" not in out and "␛" in out
    assert "\\[x\\]" in out and "\\|" in out and "\\*bold\\*" in out
    assert "Brightpath \\<b\\>Ltd\\</b\\>" in out


def test_html_is_self_contained_and_escaped(week, isolated):
    target = isolated / "week.html"
    crm("export", "weekly", "--format", "html", "-o", str(target))
    page = target.read_text(encoding="utf-8")
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page and "<rect" in page
    assert "Brightpath &lt;b&gt;Ltd&lt;/b&gt;" in page and "<b>Ltd" not in page
    for remote in ("src=", "href=", "@import", "url("):
        assert remote not in page
    assert "default-src 'none'" in page


def test_csv_lists_the_activities_with_formulas_neutralised(week):
    out = crm("export", "weekly", "--format", "csv").stdout
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][:5] == ["date", "time", "kind", "outcome", "customer"]
    assert len(rows) == 1 + 3
    first = rows[1]
    assert first[:4] == ["2026-11-23", "00:30", "call", "reached"]
    assert first[8] == "'=1+2 报价"


def test_json_carries_everything(week):
    data = json.loads(crm("export", "weekly", "--format", "json").stdout)
    for key in (
        "days",
        "totals",
        "new_customers",
        "customer_changes",
        "opportunities",
        "top_customers",
        "overdue",
        "next",
        "reflection",
        "activities",
    ):
        assert key in data
    assert len(data["activities"]) == 3
    assert data["opportunities"]["lost"]["items"][0]["competitor"] == "Contoso"


def test_monthly(week):
    data = json.loads(crm("export", "monthly", "--month", "2026-11", "-f", "json").stdout)
    assert data["period"] == "2026-11" and len(data["days"]) == 30
    assert data["totals"]["calls"] == 2 and data["totals"]["emails"] == 1
    assert data["next"]["period"] == "2026-12"
    md = crm("export", "monthly").stdout
    assert "Monthly summary 2026-11" in md


def test_bad_week_is_one_line_error(db):
    result = crm("export", "weekly", "--week", "soon", ok=False)
    assert result.exit_code == 1 and "not a week" in result.output
    result = crm("export", "weekly", "--format", "pdf", ok=False)
    assert result.exit_code == 1


def test_empty_week(db):
    s = summary(db)
    assert s["totals"] == dict.fromkeys(s["totals"], 0)
    assert "none" in crm("export", "weekly").stdout


def test_day_boundaries_follow_the_zone_across_dst(isolated, monkeypatch):
    """In New York the week of 2026-11-02 has a 25-hour Sunday; days stay exact."""
    from crmtui.db.engine import open_database
    from crmtui.services.activities.write import log_activity
    from crmtui.services.summaries.build import build_summary, parse_week

    ny = ZoneInfo("America/New_York")
    db = open_database()
    cid = add_customer(db, "Acme")
    with db.session() as s:
        for day, hour in ((1, 0), (1, 23), (2, 0)):  # Sun 1 Nov 00:00 and 23:00, Mon 00:00
            log_activity(
                s,
                now=clock.now(),
                customer_id=cid,
                kind="email",
                at=datetime(2026, 11, day, hour, 30, tzinfo=ny),
            )
    with db.reader() as reader:
        s = build_summary(reader, parse_week("2026-W44", date(2026, 11, 1)), now=clock.now(), tz=ny)
    assert s["days"][-1]["date"] == date(2026, 11, 1) and s["days"][-1]["emails"] == 2
    db.dispose()
    assert timedelta(0) < clock.now() - datetime(2026, 11, 1, tzinfo=ny)
