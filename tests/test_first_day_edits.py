"""Editing and deleting activities, contacts and notes from the command line (issue 10)."""

from __future__ import annotations

import pytest

from tests.cli_runner import crm, crm_json

pytestmark = pytest.mark.both_backends


def _customer_with_history() -> tuple[int, int]:
    crm("add-customer", "Alpha Trading", "--phone", "+86 138 1234 5678")
    crm("add-contact", "1", "王丽", "--role", "采购经理")
    crm("add-contact", "1", "李强")
    crm("log", "1", "--outcome", "no-answer", "--note", "前台说在开会", "--minutes", "3")
    crm("follow-up", "1", "--at", "tomorrow 10:00", "--note", "call again")
    card = crm_json("show", "1")
    return card["history"][0]["id"], card["planned"][0]["id"]


def test_edit_a_logged_activity_changes_only_what_is_given():
    done, _ = _customer_with_history()
    crm(
        "edit-activity",
        str(done),
        "--note",
        "reached the boss",
        "--outcome",
        "reached",
        "--minutes",
        "12",
        "--kind",
        "visit",
        "--contact",
        "2",
        "--at",
        "today 09:00",
    )
    entry = crm_json("show", "1")["history"][0]
    assert (entry["id"], entry["note"], entry["outcome"], entry["minutes"]) == (
        done,
        "reached the boss",
        "reached",
        12,
    )
    assert (entry["kind"], entry["contact"]) == ("visit", "李强")
    assert entry["done_at"] == "2026-11-23T01:00:00+00:00"  # 09:00 Shanghai
    crm("edit-activity", str(done), "--no-contact")
    assert crm_json("show", "1")["history"][0]["contact"] is None


def test_edit_a_planned_activity_moves_its_due_time():
    _, planned = _customer_with_history()
    crm("edit-activity", str(planned), "--at", "2026-11-25 15:30", "--note", "after lunch")
    entry = crm_json("show", "1")["planned"][0]
    assert (entry["due_at"], entry["note"]) == ("2026-11-25T07:30:00+00:00", "after lunch")


def test_edit_activity_refuses_bad_input_with_one_line():
    done, planned = _customer_with_history()
    cases = [
        (["edit-activity", str(done), "--minutes", "-3"], "0 to 1440"),
        (["edit-activity", str(done), "--minutes", "99999"], "0 to 1440"),
        (["edit-activity", str(done), "--at", "2030-01-01 10:00"], "future"),
        (["edit-activity", str(done), "--outcome", "maybe"], "outcome"),
        (["edit-activity", str(planned), "--outcome", "reached"], "crm done"),
        (["edit-activity", str(done), "--contact", "99"], "no contact with id 99"),
        (["edit-activity", str(done)], "nothing to change"),
        (["edit-activity", "999", "--note", "x"], "no activity with id 999"),
        (["delete-activity", "999", "--yes"], "no activity with id 999"),
    ]
    for args, message in cases:
        result = crm(*args, ok=False)
        assert result.exit_code == 1, (args, result.output)
        assert message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.output
    crm("add-customer", "Other Co")
    crm("add-contact", "2", "Bob")
    wrong = crm("edit-activity", str(done), "--contact", "3", ok=False)
    assert wrong.exit_code == 1 and "does not belong" in wrong.stderr
    assert crm("edit-activity", "abc", "--note", "x", ok=False).exit_code == 2


def test_delete_activity_asks_without_yes_and_moves_the_last_contact_back():
    done, planned = _customer_with_history()
    before = crm_json("show", "1")
    assert before["last_contact_at"] is not None
    refused = crm("delete-activity", str(done), ok=False)
    assert refused.exit_code == 1 and "--yes" in refused.stderr
    assert len(crm_json("show", "1")["history"]) == 1
    out = crm("delete-activity", str(done), "--yes").stdout
    assert f"deleted activity {done}" in out and "前台说在开会" in out
    after = crm_json("show", "1")
    assert after["history"] == [] and after["last_contact_at"] is None
    crm("delete-activity", str(planned), "--yes")
    assert crm_json("show", "1")["planned"] == []


def test_edit_and_delete_a_contact():
    _customer_with_history()
    crm("edit-contact", "1", "--role", "总经理", "--phone", "13900000000", "--decision-maker")
    contact = next(c for c in crm_json("contacts", "1") if c["id"] == 1)
    assert contact["role"] == "总经理" and contact["decision_maker"]
    assert contact["phones"] and contact["phones"][0].replace(" ", "").endswith("13900000000")
    empty = crm("edit-contact", "1", ok=False)
    assert empty.exit_code == 1 and "nothing to change" in empty.stderr
    bad = crm("edit-contact", "1", "--email", "not-an-email", ok=False)
    assert bad.exit_code == 1
    out = crm("delete-contact", "1").stdout
    assert "undelete-contact 1" in out
    assert [c["id"] for c in crm_json("contacts", "1")] == [2]
    gone = crm("edit-contact", "1", "--role", "x", ok=False)
    assert gone.exit_code == 1 and "no contact with id 1" in gone.stderr
    crm("undelete-contact", "1")
    assert sorted(c["id"] for c in crm_json("contacts", "1")) == [1, 2]
    assert [c["name"] for c in crm_json("contacts", "--search", "wl")] == ["王丽"]


def test_note_edit_and_delete():
    crm("add-customer", "Alpha Trading")
    crm("note", "add", "first draft", "--customer", "1")
    crm("note", "edit", "1", "final text")
    assert [n["body"] for n in crm_json("note", "list")] == ["final text"]
    blank = crm("note", "edit", "1", "  ", ok=False)
    assert blank.exit_code == 1 and "note delete" in blank.stderr
    missing = crm("note", "edit", "7", "x", ok=False)
    assert missing.exit_code == 1 and "no note with id 7" in missing.stderr
    refused = crm("note", "delete", "1", ok=False)
    assert refused.exit_code == 1 and "--yes" in refused.stderr
    crm("note", "delete", "1", "--yes")
    assert crm_json("note", "list") == []


def test_restore_after_delete_puts_records_back(db):
    """The service-level inverses the TUI's undo uses: a deleted activity and note come back."""
    from crmtui.services.activities.write import log_activity
    from crmtui.services.editing.record_edits import (
        delete_activity,
        delete_note,
        restore_activity,
        restore_note,
        update_activity,
    )
    from crmtui.services.notes.write import add_note
    from tests.helpers import add_customer, now

    cid = add_customer(db, "Alpha")
    with db.session() as s:
        aid = log_activity(s, now=now(), customer_id=cid, note="kept", outcome="reached").id
        nid = add_note(s, now=now(), body="hello", customer_id=cid).id
    with db.session() as s:
        before = update_activity(s, now=now(), activity_id=aid, changes={"note": "changed"})
    with db.session() as s:
        restore_activity(s, now=now(), snapshot=before)
    with db.session() as s:
        snap = delete_activity(s, now=now(), activity_id=aid)
        note_snap = delete_note(s, now=now(), note_id=nid)
    with db.session() as s:
        restore_activity(s, now=now(), snapshot=snap)
        restore_note(s, now=now(), snapshot=note_snap)
    card = crm_json("show", str(cid))
    assert [(a["id"], a["note"], a["outcome"]) for a in card["history"]] == [
        (aid, "kept", "reached")
    ]
    assert card["last_contact_at"] is not None
    assert [n["body"] for n in card["note_items"]] == ["hello"]
