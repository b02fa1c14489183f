"""Finding duplicate customers and merging one into another (issue 10)."""

from __future__ import annotations

import pytest

from tests.cli_runner import crm, crm_json

pytestmark = pytest.mark.both_backends


def _pair_ids(pairs: list[dict]) -> list[list[int]]:
    return [[c["id"] for c in p["customers"]] for p in pairs]


def test_duplicates_by_phone_email_close_name_and_pinyin():
    crm("add-customer", "上海宏达机械有限公司", "--phone", "+86 21 5555 0101", "--city", "上海")
    crm("add-customer", "宏达机械", "--phone", "021-5555-0101", "--country", "CN")  # 2
    crm(
        "add-customer", "Acme Trading Co., Ltd.", "--email", "Sales@Acme.example", "--city", "Paris"
    )
    crm("add-customer", "Zenith", "--email", "sales@acme.example")  # 4: same email
    crm("add-customer", "Acme Tradng", "--city", "paris")  # 5: close name, same city
    crm("add-customer", "Acme Trading", "--city", "London")  # 6: same name, other city
    crm("add-customer", "张伟", "--person", "--city", "北京")  # 7
    crm("add-customer", "章伟", "--person", "--city", "北京市")  # 8: same pinyin, same city
    crm("add-customer", "Unrelated", "--city", "Paris")  # 9
    pairs = crm_json("duplicates")
    found = _pair_ids(pairs)
    assert [1, 2] in found and [3, 4] in found and [3, 5] in found and [7, 8] in found
    assert not any(9 in p or 6 in p for p in found)
    why = {tuple(ids): p["reasons"] for ids, p in zip(found, pairs, strict=True)}
    assert any("same phone" in r for r in why[(1, 2)])
    assert any("same email" in r for r in why[(3, 4)])
    assert any("similar name" in r for r in why[(3, 5)])
    assert any("pinyin" in r for r in why[(7, 8)])
    text = crm("duplicates").stdout
    assert "crm merge KEEP OTHER" in text and "章伟" in text


def test_duplicates_through_a_contact_phone_and_none_when_clean():
    crm("init")
    assert "no likely duplicates" in crm("duplicates").stdout
    crm("add-customer", "Alpha")
    crm("add-contact", "1", "Bob", "--phone", "+1 212 555 0100")
    crm("add-customer", "Beta", "--phone", "(212) 555-0100", "--country", "US")
    assert _pair_ids(crm_json("duplicates")) == [[1, 2]]
    crm("delete-customer", "2")
    assert crm_json("duplicates") == []


def _two_customers() -> None:
    crm("add-customer", "宏达机械", "--phone", "+86 21 5555 0101", "--tag", "vip")
    crm(
        "add-customer",
        "上海宏达",
        "--phone",
        "+86 138 1234 5678",
        "--email",
        "hd@example.com",
        "--city",
        "上海",
        "--tag",
        "factory",
        "--grade",
        "A",
    )
    crm("add-contact", "2", "王丽", "--role", "采购经理")
    crm("log", "2", "--outcome", "reached", "--note", "met")
    crm("follow-up", "2", "--at", "tomorrow 10:00")
    crm("opp", "add", "2", "Pumps", "--amount", "1000")
    crm("note", "add", "likes tea", "--customer", "2")
    crm("busy", "2", "Mon 10:00-11:00")
    crm("edit-customer", "2", "--stage", "prospect")


def test_merge_moves_everything_fills_empty_fields_and_trashes_the_other():
    _two_customers()
    crm("merge", "1", "2", "--yes")
    card = crm_json("show", "1")
    assert [c["name"] for c in card["contacts"]] == ["王丽"]
    assert [a["note"] for a in card["history"]] == ["met"]
    assert len(card["planned"]) == 1
    assert [o["title"] for o in card["opportunities"]] == ["Pumps"]
    assert [n["body"] for n in card["note_items"]] == ["likes tea"]
    assert card["tags"] == ["factory", "vip"]
    assert (card["email"], card["city"], card["grade"]) == ("hd@example.com", "上海", "A")
    assert card["stage"] == "potential"  # KEEP's own values are never overwritten
    assert len(card["phones"]) == 2 and card["last_contact_at"] is not None
    assert crm_json("busy", "1", "--list")
    assert [c["name"] for c in crm_json("contacts", "--search", "wl")] == ["王丽"]
    assert [c["customer"] for c in crm_json("contacts", "--search", "wl")] == ["宏达机械"]
    trashed = crm_json("customers", "--trash")
    assert [c["id"] for c in trashed] == [2]
    crm("undelete", "2")
    assert crm_json("show", "2")["name"] == "上海宏达"


def test_merge_says_what_it_will_do_and_asks_without_yes():
    _two_customers()
    result = crm("merge", "1", "2", ok=False)
    assert result.exit_code == 1 and "--yes" in result.stderr
    for words in (
        "move 1 contacts",
        "move 2 activities",
        "move 1 opportunities",
        "add tags: factory",
    ):
        assert words in result.stderr, result.stderr
    assert "fill email: hd@example.com" in result.stderr and "to the trash" in result.stderr
    assert crm_json("show", "2")["contacts"]  # nothing was changed


def test_merge_refuses_bad_ids_with_one_line():
    _two_customers()
    for args, message in [
        (["merge", "1", "1", "--yes"], "itself"),
        (["merge", "1", "9", "--yes"], "no customer with id 9"),
        (["merge", "9", "1", "--yes"], "no customer with id 9"),
    ]:
        result = crm(*args, ok=False)
        assert result.exit_code == 1 and message in result.stderr, result.output
    assert crm("merge", "宏达", "2", "--yes", ok=False).exit_code == 2  # ids only


def test_unmerge_puts_everything_back(db):
    """The inverse the TUI's undo uses after a merge."""
    from crmtui.services.editing.merge import merge_customers, unmerge
    from tests.helpers import now

    _two_customers()
    before = crm_json("show", "1")
    with db.session() as s:
        plan = merge_customers(s, now=now(), keep_id=1, other_id=2)
    with db.session() as s:
        unmerge(s, now=now(), plan=plan)
    after = crm_json("show", "1")
    keys = ("contacts", "history", "planned", "tags", "email", "city", "grade", "phones")
    for key in (*keys, "last_contact_at"):
        assert after[key] == before[key], key
    other = crm_json("show", "2")
    assert other["deleted_at"] is None and [c["name"] for c in other["contacts"]] == ["王丽"]
    assert [c["customer"] for c in crm_json("contacts", "--search", "wl")] == ["上海宏达"]
