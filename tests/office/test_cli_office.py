"""The office commands as a user runs them: events, expenses, competitors, announcements."""

from __future__ import annotations

import pytest

from tests.cli_runner import crm, crm_json

pytestmark = pytest.mark.both_backends


def _counts() -> dict[str, int]:
    from crmtui.db.engine import open_database

    db = open_database()
    try:
        with db.reader() as r:
            return {
                t: int(r.scalar(f"SELECT count(*) FROM {t}"))
                for t in (
                    "event",
                    "event_invitee",
                    "expense_claim",
                    "expense_line",
                    "competitor",
                    "opportunity_competitor",
                    "announcement",
                    "activity",
                    "customer",
                )
            }
    finally:
        db.dispose()


@pytest.fixture
def office():
    crm("add-customer", "上海宏达机械有限公司", "--phone", "13800138000")
    crm("add-customer", "Acme Tools", "--phone", "+1 212 555 0100", "--country", "US")
    crm("add-contact", "宏达", "李雷", "--phone", "13900000001")
    crm(
        "event",
        "add",
        "工博会",
        "2026-11-19",
        "--end",
        "2026-11-20",
        "--kind",
        "trade-fair",
        "--budget",
        "50000",
        "--place",
        "上海",
    )


def test_plan_after_an_event_shows_the_attendees_follow_ups_naming_it(office):
    crm("event", "invite", "1", "宏达", "--contact", "李雷", "--status", "registered")
    crm("event", "invite", "1", "acme")
    crm("event", "move", "1", "open")
    crm("event", "move", "1", "held")
    crm("event", "attend", "1", "宏达")
    out = crm("event", "close", "1").stdout
    assert "is now closed" in out
    plan = crm_json("plan")
    mine = [c for c in plan["calls"] if c["customer"] == "上海宏达机械有限公司"]
    assert len(mine) == 1 and "follow-up" in mine[0]["kinds"]
    assert any("met at 工博会" in reason for reason in mine[0]["reasons"])
    assert mine[0]["contact"] == "李雷"
    assert not [c for c in plan["calls"] if c["customer"] == "Acme Tools"]
    card = crm_json("event", "show", "1")
    assert card["event"]["status"] == "closed"
    assert [(p["customer"], p["attended"]) for p in card["invitees"]] == [
        ("上海宏达机械有限公司", True),
        ("Acme Tools", False),
    ]
    assert card["report"]["attended"] == 1
    assert [e["name"] for e in crm_json("event", "list", "--status", "closed")] == ["工博会"]


def test_a_lead_met_at_an_event(office):
    crm("event", "move", "1", "open")
    crm("event", "move", "1", "held")
    crm("event", "invite", "1", "--new", "新锐科技", "--phone", "13911112222")
    assert crm_json("show", "新锐")["source"] == "工博会"
    card = crm_json("event", "show", "1")
    assert card["report"]["leads"] == 1 and card["invitees"][0]["lead"] is True


def test_expense_claim_through_its_life_with_json(office):
    crm("event", "move", "1", "open")
    out = crm(
        "expense", "add", "2026-11-20", "travel", "680", "--customer", "宏达", "--note", "高铁"
    ).stdout
    assert "claim 1" in out
    crm(
        "expense",
        "add",
        "--line",
        "2026-11-20 hotel 450 如家",
        "--line",
        "2026-11-21 event 1,200.50",
        "--event",
        "1",
    )
    card = crm_json("expense", "show", "1")
    assert card["claim"]["total"] == "2330.50" and card["claim"]["status"] == "draft"
    assert [(i["category"], i["amount"], i["note"]) for i in card["items"]] == [
        ("travel", "680.00", "高铁"),
        ("hotel", "450.00", "如家"),
        ("event", "1200.50", None),
    ]
    assert card["items"][0]["customer"] == "上海宏达机械有限公司"
    assert crm_json("event", "show", "1")["event"]["cost"] == "1650.50"
    for step in ("submit", "approve", "reimburse"):
        crm("expense", step, "1")
    assert [c["status"] for c in crm_json("expense", "list")] == ["reimbursed"]
    assert crm_json("expense", "list", "--status", "draft") == []
    by_category = crm_json("expense", "report", "--by", "category", "--month", "2026-11")
    assert [(r["key"], r["amount"]) for r in by_category] == [
        ("event", "1200.50"),
        ("travel", "680.00"),
        ("hotel", "450.00"),
    ]
    assert crm_json("expense", "cost-of-sale") == []


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("expense", "add", "2026-11-20", "travel", "-680"), "cannot be negative"),
        (("expense", "add", "2026-11-20", "travel", "六百"), "not an amount"),
        (("expense", "add", "2026-11-20", "party", "680"), "unknown category"),
        (("expense", "add", "--line", "2026-11-20 travel abc"), "not an amount"),
        (("expense", "add", "2026-11-31", "travel", "680"), "not a date"),
        (("expense", "add", "2026-11-20", "travel", "0"), "more than 0"),
        (("expense", "approve", "1"), "no expense claim"),
        (("event", "attend", "1", "宏达"), "not held yet"),
        (("event", "close", "1"), "cannot become closed"),
        (("event", "add", "x", "2026-11-20", "--end", "2026-11-01"), "before it starts"),
        (("competitor", "show", "9"), "no competitor"),
        (("opp", "lost", "1", "--reason", "price", "--to", "nobody"), "no competitor"),
        (("announce", "old news", "--until", "2026-01-01"), "already past"),
    ],
)
def test_bad_input_is_one_line_exit_1_and_nothing_is_written(office, args, words):
    crm("opp", "add", "宏达", "机床")
    before = _counts()
    result = crm(*args, ok=False)
    assert result.exit_code == 1, result.output
    assert words in result.output and result.output.count("\n") == 1, result.output
    assert "Traceback" not in result.output
    assert _counts() == before


def test_approving_a_draft_is_refused(office):
    crm("expense", "add", "2026-11-20", "meals", "120")
    result = crm("expense", "approve", "1", ok=False)
    assert result.exit_code == 1
    assert result.output.strip() == (
        "error: claim 1 is draft: it cannot become approved (from draft: submitted)"
    )
    assert crm_json("expense", "show", "1")["claim"]["status"] == "draft"


def test_a_rejected_claim_is_frozen_with_its_reason(office):
    crm("expense", "add", "2026-11-20", "gifts", "300")
    crm("expense", "submit", "1")
    crm("expense", "reject", "1", "--reason", "礼品超标")
    result = crm("expense", "add", "2026-11-21", "meals", "50", "--claim", "1", ok=False)
    assert result.exit_code == 1 and "礼品超标" in result.output
    # without --claim a new draft is started
    crm("expense", "add", "2026-11-21", "meals", "50")
    assert [(c["id"], c["status"]) for c in crm_json("expense", "list")] == [
        (2, "draft"),
        (1, "rejected"),
    ]


def test_competitors_and_a_deal_lost_to_one(office):
    crm(
        "competitor",
        "add",
        "大隈机床",
        "--products",
        "数控车床",
        "--price",
        "higher",
        "--strengths",
        "精度",
        "--weaknesses",
        "交期长",
    )
    crm("opp", "add", "宏达", "数控机床 10 台", "--amount", "800000")
    crm("opp", "add", "acme", "Spare parts", "--amount", "5000")
    crm("competitor", "on", "2", "大隈")
    crm("opp", "lost", "1", "--reason", "price", "--to", "大隈")
    crm("opp", "lost", "2", "--reason", "timing", "--competitor", "someone")  # the old flag
    (row,) = crm_json("competitor", "list")
    assert (row["name"], row["competing"], row["lost_to"]) == ("大隈机床", 1, 1)
    card = crm_json("competitor", "show", "1")
    assert [(d["title"], d["role"], d["lost_reason"]) for d in card["deals"]] == [
        ("数控机床 10 台", "lost-to", "price"),
        ("Spare parts", "competing", "timing"),
    ]
    opps = {o["title"]: o for o in crm_json("opp", "list")}
    assert opps["数控机床 10 台"]["competitor"] == "大隈机床"
    reasons = crm_json("competitor", "lost-reasons")
    assert [(r["competitor"], r["reason"], r["deals"], r["amount"]) for r in reasons] == [
        ("大隈机床", "price", 1, "800000.00"),
        ("someone", "timing", 1, "5000.00"),
    ]


def test_announcements_replace_pinned_notes_on_the_desktop(office):
    crm("announce", "年终盘点", "--pin")
    crm("announce", "周五培训", "--until", "2026-11-27")
    crm("announce", "已过期", "--until", "2026-11-24")
    crm("note", "add", "a plain note", "--pin")  # crm note keeps working
    rows = crm_json("announcements")
    assert [a["title"] for a in rows] == ["年终盘点", "已过期", "周五培训"]
    assert crm_json("note", "list")[0]["body"] == "a plain note"


def test_expired_announcements_leave_the_desktop(office, monkeypatch):
    crm("announce", "周五培训", "--until", "2026-11-27")
    crm("announce", "年终盘点", "--pin")
    crm("note", "add", "月底对账", "--pin")
    desk = crm_json("today")
    assert [a["title"] for a in desk["announcements"]] == ["年终盘点", "周五培训"]
    assert [n["body"] for n in desk["pinned_notes"]] == ["月底对账"]
    assert "周五培训" in crm("today").stdout
    monkeypatch.setenv("CRM_NOW", "2026-11-28T09:00:00+08:00")
    assert [a["title"] for a in crm_json("today")["announcements"]] == ["年终盘点"]
    text = crm("today").stdout
    assert "Announcements" in text and "周五培训" not in text and "月底对账" in text
    everything = crm_json("announcements", "--all")
    assert [(a["title"], a["expired"]) for a in everything] == [
        ("年终盘点", False),
        ("周五培训", True),
    ]


def test_the_card_names_the_competitors_of_each_deal(office):
    crm("competitor", "add", "大隈机床")
    crm("competitor", "add", "Contoso")
    crm("opp", "add", "宏达", "数控机床", "--amount", "800000")
    crm("opp", "add", "宏达", "备件", "--next-step", "send the quote")
    crm("opp", "lost", "1", "--reason", "价格", "--to", "大隈")
    crm("competitor", "on", "2", "contoso")
    card = crm_json("show", "宏达")
    by_title = {o["title"]: o for o in card["opportunities"]}
    assert by_title["数控机床"]["competitors"] == [{"name": "大隈机床", "role": "lost-to"}]
    assert by_title["备件"]["competitors"] == [{"name": "Contoso", "role": "competing"}]
    text = crm("show", "宏达").stdout
    assert "价格 · lost to 大隈机床" in text and "send the quote · vs Contoso" in text


def test_attend_names_the_customer_of_the_follow_up(office):
    crm("event", "invite", "1", "宏达")
    crm("event", "move", "1", "open")
    crm("event", "move", "1", "held")
    out = crm("event", "attend", "1", "宏达").stdout
    assert "follow-up call planned for 上海宏达机械有限公司 on " in out
    assert "customer 1" not in out
