"""Issue 10, a salesperson's first day: a number is only ever an id, a customer is found through
its contacts' names, destructive commands say what they act on, and read commands never create a
database (findings 1 and 19)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_runner import crm, crm_json
from tests.helpers import add_contact, add_customer
from tests.reliability.support import count

# Every command that takes a CUSTOMER argument, as (arguments before, arguments after) the name.
CUSTOMER_COMMANDS = {
    "show": (["show"], []),
    "delete-customer": (["delete-customer"], []),
    "edit-customer": (["edit-customer"], ["--city", "Hangzhou"]),
    "log": (["log"], ["--outcome", "reached"]),
    "follow-up": (["follow-up"], ["--at", "tomorrow 10:00"]),
    "add-contact": (["add-contact"], ["Bob"]),
    "opp add": (["opp", "add"], ["Deal"]),
    "contacts": (["contacts"], []),
    "opp list": (["opp", "list"], []),
}


def _run(command: str, ref: str, *extra: str, ok: bool = False):  # type: ignore[no-untyped-def]
    before, after = CUSTOMER_COMMANDS[command]
    return crm(*before, ref, *after, *extra, ok=ok)


def _one_line_error(result) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture
def alpha_and_expo(db):  # type: ignore[no-untyped-def]
    """The issue's steps: customer 1 is in the trash, customer 2's name holds a number."""
    first = add_customer(db, "Alpha")
    second = add_customer(db, "Expo 2021 Partner")
    assert (first, second) == (1, 2)
    crm("delete-customer", "1")
    return db


@pytest.mark.parametrize("command", sorted(CUSTOMER_COMMANDS))
def test_a_trashed_id_is_never_read_as_a_name(alpha_and_expo, command):
    path = alpha_and_expo.location.path
    before = {t: count(path, t) for t in ("activity", "contact", "opportunity")}
    line = _one_line_error(_run(command, "1"))
    assert "trash" in line and "crm undelete 1" in line
    assert "Expo" not in line
    # customer 2, whose name contains "1", was left alone
    assert crm_json("show", "2")["deleted_at"] is None
    assert {t: count(path, t) for t in before} == before
    assert count(path, "customer", "deleted_at IS NULL") == 1


@pytest.mark.parametrize("command", sorted(CUSTOMER_COMMANDS))
@pytest.mark.parametrize("ref", ["20", "#20", "2021"])
def test_an_unknown_id_says_no_customer_has_it(alpha_and_expo, command, ref):
    line = _one_line_error(_run(command, ref))
    assert f"no customer has id {ref.lstrip('#')}" in line
    assert "--name" in line


def test_the_issue_steps_trash_and_purge_only_the_customer_named(alpha_and_expo):
    db = alpha_and_expo
    again = crm("delete-customer", "1", ok=False)
    assert again.exit_code == 1 and "already in the trash" in again.stderr
    crm("purge", "1", "--yes")
    gone = crm("purge", "1", "--yes", ok=False)
    assert "no customer has id 1" in _one_line_error(gone)
    assert count(db.location.path, "customer") == 1
    assert crm_json("show", "#2")["name"] == "Expo 2021 Partner"


def test_undelete_and_purge_name_ids_only(alpha_and_expo):
    for args in (["undelete", "21"], ["purge", "21", "--yes"]):
        assert "no customer has id 21" in _one_line_error(crm(*args, ok=False))
    line = _one_line_error(crm("undelete", "2", ok=False))
    assert "not in the trash" in line
    crm("undelete", "#1")
    assert crm_json("show", "1")["name"] == "Alpha"


def test_a_huge_number_is_an_unknown_id_not_a_traceback(alpha_and_expo):
    line = _one_line_error(crm("show", "9" * 30, ok=False))
    assert "no customer has id" in line


# A name made of digits is reached with --name (or --by-name where --name is taken).
NAME_FLAG_COMMANDS = {
    "show": (["show"], [], "--name"),
    "delete-customer": (["delete-customer"], [], "--name"),
    "edit-customer": (["edit-customer"], ["--city", "Hangzhou"], "--by-name"),
    "log": (["log"], ["--outcome", "reached"], "--name"),
    "follow-up": (["follow-up"], ["--at", "tomorrow 10:00"], "--name"),
    "add-contact": (["add-contact"], ["Bob"], "--name"),
    "opp add": (["opp", "add"], ["Deal"], "--name"),
}


@pytest.mark.parametrize("command", sorted(NAME_FLAG_COMMANDS))
def test_an_all_digit_name_is_reached_with_the_name_flag(db, command):
    add_customer(db, "Filler")
    cid = add_customer(db, "2021")
    before, after, flag = NAME_FLAG_COMMANDS[command]
    assert crm(*before, "2021", *after, ok=False).exit_code == 1
    crm(*before, "2021", *after, flag)
    if command == "delete-customer":
        assert count(db.location.path, "customer", f"id = {cid} AND deleted_at IS NOT NULL") == 1
    if command == "edit-customer":
        assert crm_json("show", str(cid))["city"] == "Hangzhou"


def test_name_flag_for_undelete_and_purge(db):
    add_customer(db, "Filler")
    cid = add_customer(db, "777")
    crm("delete-customer", "777", "--name")
    crm("undelete", "777", "--name")
    assert count(db.location.path, "customer", "deleted_at IS NULL") == 2
    crm("delete-customer", str(cid))
    out = crm("purge", "777", "--name", "--yes")
    assert f"purged customer {cid}: 777" in out.stdout
    assert count(db.location.path, "customer") == 1


def test_a_number_names_a_contact_by_id_only(db):
    cid = add_customer(db, "Shu Trading")
    add_contact(db, cid, "Guan Yu")
    add_contact(db, cid, "Agent 1")
    line = _one_line_error(crm("log", "Shu", "--contact", "9", ok=False))
    assert "no contact has id 9" in line
    crm("log", "Shu", "--contact", "1", "--outcome", "reached")
    acts = crm_json("show", "Shu")["history"]
    assert [a["contact"] for a in acts] == ["Guan Yu"]


def test_purge_says_what_it_deletes_before_it_does(alpha_and_expo):
    result = crm("purge", "1", "--yes")
    assert "will delete for good: customer 1 Alpha" in result.stderr


def test_a_customer_is_found_through_a_contact_name(db):
    shu = add_customer(db, "蜀汉贸易")
    add_contact(db, shu, "张飞")
    wei = add_customer(db, "魏国商行")
    add_contact(db, wei, "曹操")
    assert crm_json("show", "张飞")["id"] == shu
    assert crm_json("show", "zf")["id"] == shu
    assert crm_json("show", "曹")["id"] == wei
    # a customer named exactly so wins; part of a customer's name and a contact named exactly
    # so are both plausible, so the user is asked to choose
    exact = add_customer(db, "曹")
    assert crm_json("show", "曹")["id"] == exact
    add_customer(db, "张飞汽修")
    result = crm("show", "张飞", ok=False)
    assert result.exit_code == 1 and "张飞汽修" in result.stderr and "蜀汉贸易" in result.stderr
    wu = add_customer(db, "吴国物流")
    add_contact(db, wu, "曹操")
    result = crm("show", "曹操", ok=False)
    assert result.exit_code == 1 and "2 customers match" in result.stderr
    assert (
        "蜀汉" not in result.stderr and "魏国商行" in result.stderr and "吴国物流" in result.stderr
    )


# ---------------------------------------------------------------------------------------------
# Finding 19: a missing database file


READS = [
    ["today"],
    ["customers"],
    ["show", "1"],
    ["contacts"],
    ["actions"],
    ["opp", "list"],
    ["note", "list"],
    ["export", "contacts"],
    ["plan"],
    ["customers", "--json"],
]


@pytest.mark.parametrize("args", READS, ids=" ".join)
def test_a_read_on_a_missing_database_fails_and_creates_nothing(isolated, args):
    typo = isolated / "typo" / "crm.db"
    line = _one_line_error(crm("--db", str(typo), *args, ok=False))
    assert "does not exist" in line and "crm init" in line
    assert not typo.parent.exists()


def test_a_missing_default_database_is_not_created_by_a_read(isolated):
    default = Path(isolated / "data" / "crm.db")
    assert not default.exists()
    line = _one_line_error(crm("customers", ok=False))
    assert "crm init" in line
    assert not default.exists()


def test_init_writes_and_demo_create_the_database(isolated):
    fresh = isolated / "new" / "crm.db"
    out = crm("--db", str(fresh), "init")
    assert fresh.exists() and "created" in out.stdout
    again = crm("--db", str(fresh), "init")
    assert "already" in again.stdout
    assert crm_json("--db", str(fresh), "customers") == []
    written = isolated / "w" / "crm.db"
    crm("--db", str(written), "add-customer", "First")
    assert [c["name"] for c in crm_json("--db", str(written), "customers")] == ["First"]


def test_the_tui_refuses_a_missing_explicit_database(isolated, monkeypatch):
    started: list[object] = []
    monkeypatch.setattr("crmtui.app.run_app", lambda **kw: started.append(kw))
    typo = isolated / "typo" / "crm.db"
    line = _one_line_error(crm("--db", str(typo), ok=False))
    assert "does not exist" in line
    assert not typo.parent.exists() and started == []
    # a first run on a fresh machine opens the app, which may create the default database
    crm()
    assert started == [{"db_option": None}]


def test_doctor_on_a_missing_database_says_how_to_create_it(isolated):
    result = crm("--db", str(isolated / "none.db"), "doctor", "--json", ok=False)
    assert result.exit_code == 1
    assert "crm init" in " ".join(json.loads(result.stdout)["problems"])
    assert not (isolated / "none.db").exists()
