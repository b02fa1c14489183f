"""The crm command line: every command, the first-day scenario, and bad input."""

from __future__ import annotations

import pytest

from tests.cli_runner import crm, crm_json

pytestmark = pytest.mark.both_backends


def test_version_and_help():
    assert "crmtui" in crm("--version").stdout
    assert "add-customer" in crm("--help").stdout


def test_first_day_scenario(monkeypatch):
    crm("add-customer", "上海宏达机械有限公司", "--phone", "+86 21 5555 0101", "--tag", "vip")
    crm(
        "add-contact",
        "宏达",
        "王丽",
        "--birthday",
        "12-30",
        "--role",
        "采购经理",
        "--decision-maker",
    )
    monkeypatch.setenv("CRM_NOW", "2026-12-28T09:00:00+08:00")
    out = crm("today").stdout
    assert "王丽" in out and "in 2 days" in out
    found = crm_json("today")["birthdays"]
    assert [(b["name"], b["in_days"]) for b in found] == [("王丽", 2)]
    assert "上海宏达机械有限公司" in crm("customers", "--search", "hd").stdout
    crm("log", "宏达", "--outcome", "no-answer")
    crm("follow-up", "宏达", "--at", "tomorrow 10:00")
    card = crm_json("show", "宏达")
    assert [a["outcome"] for a in card["history"]] == ["no-answer"]
    assert card["planned"][0]["due_at"] == "2026-12-29T02:00:00+00:00"  # 10:00 Shanghai
    shown = crm("show", "宏达").stdout
    assert "no-answer" in shown and "Tue 2026-12-29 10:00" in shown and "王丽" in shown
    desk = crm_json("today")
    assert [a["customer"] for a in desk["week_actions"]] == ["上海宏达机械有限公司"]


def test_customer_commands():
    crm(
        "add-customer",
        "张伟",
        "--person",
        "--company-name",
        "宏达",
        "--email",
        "zw@example.com",
        "--city",
        "上海",
        "--country",
        "cn",
        "--timezone",
        "Asia/Shanghai",
        "--stage",
        "prospect",
        "--grade",
        "B",
        "--birthday",
        "1990-04-15",
        "--note",
        "likes tea",
    )
    rows = crm_json("customers", "--search", "zw")
    assert [(r["name"], r["stage"], r["grade"], r["country"]) for r in rows] == [
        ("张伟", "prospect", "B", "CN")
    ]
    crm("edit-customer", "张伟", "--grade", "A", "--money", "yes", "--needs", "fast delivery")
    card = crm_json("show", "zhangwei")
    assert (card["grade"], card["man_money"], card["needs"]) == ("A", "yes", "fast delivery")
    assert crm_json("customers", "--grade", "A", "--sort", "last-contact")[0]["name"] == "张伟"
    crm("delete-customer", "张伟")
    assert crm_json("customers") == []
    assert [r["name"] for r in crm_json("customers", "--trash")] == ["张伟"]
    crm("undelete", "张伟")
    assert len(crm_json("customers", "--limit", "1")) == 1


def test_contacts_actions_done_opps_notes():
    crm("add-customer", "Acme Tools")
    crm("add-contact", "acme", "Bob Smith", "--phone", "+1 212 555 0100", "--email", "b@acme.test")
    assert [c["name"] for c in crm_json("contacts", "--search", "bob")] == ["Bob Smith"]
    assert [c["name"] for c in crm_json("contacts", "acme")] == ["Bob Smith"]
    crm(
        "log",
        "acme",
        "--kind",
        "visit",
        "--contact",
        "bob",
        "--note",
        "demo went well",
        "--at",
        "today 09:00",
        "--minutes",
        "45",
    )
    crm("follow-up", "acme", "--at", "+2h", "--note", "send quote")
    actions = crm_json("actions", "--today")
    assert [a["note"] for a in actions] == ["send quote"]
    crm("done", str(actions[0]["id"]), "--outcome", "reached", "--note", "sent")
    assert crm_json("actions", "--all") == []
    assert crm_json("actions", "--overdue") == []
    crm("opp", "add", "acme", "Annual contract", "--amount", "12,000.50", "--stage", "proposal")
    opp = crm_json("opp", "list")[0]
    assert (opp["amount"], opp["stage"]) == ("12000.50", "proposal")
    crm("opp", "stage", str(opp["id"]), "negotiation")
    crm("opp", "won", str(opp["id"]))
    assert crm_json("opp", "list")[0]["stage"] == "won"
    crm("opp", "add", "acme", "Spare parts", "--amount", "500")
    second = crm_json("opp", "list", "--open")[0]["id"]
    crm("opp", "lost", str(second), "--reason", "price", "--competitor", "Contoso")
    assert crm_json("opp", "list", "acme")[0]["lost_reason"] == "price"
    crm("note", "add", "call back after the fair", "--customer", "acme")
    crm("note", "add", "Q4 target: 12 new customers", "--pin")
    assert [n["body"] for n in crm_json("note", "list", "--pinned")] == [
        "Q4 target: 12 new customers"
    ]
    note_id = crm_json("note", "list", "--customer", "acme")[0]["id"]
    crm("note", "pin", str(note_id))
    assert len(crm_json("note", "list", "--pinned")) == 2


def test_demo_is_deterministic_and_refuses_a_full_database(tmp_path, monkeypatch):
    assert "200 customers" in crm("demo").stdout
    first = crm_json("customers", "--limit", "5")
    result = crm("demo", ok=False)
    assert result.exit_code == 1 and "--force" in result.stderr
    # On PostgreSQL the second database is an SQLite file: both backends build the same demo.
    monkeypatch.delenv("CRM_DATABASE_URL", raising=False)
    monkeypatch.setenv("CRM_DB", str(tmp_path / "second.db"))
    crm("demo")
    assert crm_json("customers", "--limit", "5") == first
    desk = crm_json("today")
    assert len(desk["birthdays"]) >= 3
    assert any(a["overdue"] for a in desk["week_actions"])
    stages = {o["stage"] for o in crm_json("opp", "list")}
    assert stages == {"lead", "qualified", "proposal", "negotiation", "won", "lost"}


def _fails(*args: str, match: str) -> None:
    result = crm(*args, ok=False)
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert match in lines[0], result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "args, match",
    [
        (("add-customer", "X", "--birthday", "2026-02-30"), "no such date"),
        (("follow-up", "Acme", "--at", "next blursday"), "cannot read the date"),
        (("show", "Nobody"), "no customer matches"),
        (("add-customer", ""), "must not be empty"),
        (("add-customer", "x" * 10_000), "too long"),
        (("add-customer", "a\x00b"), "NUL"),
        (("opp", "add", "Acme", "Deal", "--amount", "-5"), "negative"),
        (("add-customer", "X", "--stage", "won"), "unknown stage"),
        (("add-customer", "X", "--grade", "Z"), "unknown grade"),
        (("edit-customer", "Acme", "--stage", "bogus"), "unknown stage"),
    ],
)
def test_bad_input_one_line_exit_1_nothing_written(args, match):
    crm("add-customer", "Acme")
    _fails(*args, match=match)
    assert [c["name"] for c in crm_json("customers")] == ["Acme"]


def test_ambiguous_customer_lists_candidates():
    crm("add-customer", "上海宏达机械")
    crm("add-customer", "北京宏达电子")
    result = crm("log", "宏达", ok=False)
    assert result.exit_code == 1
    assert "2 customers match" in result.stderr
    assert "上海宏达机械" in result.stderr and "北京宏达电子" in result.stderr


def test_bad_database_files(tmp_path):
    not_sqlite = tmp_path / "contacts.csv"
    not_sqlite.write_bytes(b"name,phone\nAcme,1\n")
    _fails("--db", str(not_sqlite), "today", match="not an SQLite database")
    assert not_sqlite.read_bytes() == b"name,phone\nAcme,1\n"
    blocker = tmp_path / "file"
    blocker.write_text("x")
    _fails("--db", str(blocker / "crm.db"), "today", match="cannot create")
    import sqlite3

    newer = tmp_path / "newer.db"
    crm("--db", str(newer), "init")
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    _fails("--db", str(newer), "today", match="newer crmtui")


HOSTILE = [
    "[VIP] 张伟",
    "a[/]b",
    "[@click=app.quit]x",
    "evil\x1b]0;pwned\x07\x1b[2J name",
    "[bold]b",
]


def test_user_text_is_never_markup_or_terminal_control():
    for name in HOSTILE:
        crm("add-customer", name, "--note", name)
    out = crm("customers").stdout
    assert "[VIP] 张伟" in out and "a[/]b" in out and "[@click=app.quit]x" in out
    assert "[bold]b" in out
    assert "\x1b" not in out and "\x07" not in out
    assert "␛]0;pwned␇␛[2J name" in out
    rows = crm_json("customers")
    assert sorted(r["name"] for r in rows) == sorted(HOSTILE)  # JSON keeps the exact text
    card = crm("show", "a[/]b").stdout
    assert "a[/]b" in card
    shown = crm("show", "pwned").stdout
    assert "\x1b" not in shown and "␛" in shown


def test_config_set_get_list_unset(isolated):
    crm("config", "set", "calling_hours", "9:00-18:30")
    assert crm("config", "get", "calling_hours").stdout.strip() == "09:00-18:30"
    crm("config", "set", "timezone", "America/New_York")
    assert crm_json("config", "list")["timezone"] == "America/New_York"
    assert (isolated / "config.toml").stat().st_mode & 0o777 == 0o600
    _fails("config", "set", "calling_hours", "18:00-09:00", match="not a valid time window")
    _fails("config", "set", "timezone", "Mars/Base", match="unknown time zone")
    _fails("config", "set", "colour", "red", match="unknown setting")
    crm("config", "unset", "timezone")
    assert crm_json("config", "list")["timezone"] is None
    crm("config", "set", "language", "zh")
    # no fixed default to name: the line says so, not "(None)"
    assert crm("config", "unset", "language").stdout.strip() == "language back to its default"


def test_card_keeps_profile_notes_apart_from_the_notes_list():
    crm("add-customer", "Acme", "--note", "prefers email")
    crm("note", "add", "called about the fair", "--customer", "Acme")
    card = crm_json("show", "Acme")
    assert card["notes"] == "prefers email"
    assert [n["body"] for n in card["note_items"]] == ["called about the fair"]
    shown = crm("show", "Acme").stdout
    assert "notes: prefers email" in shown and "called about the fair" in shown
