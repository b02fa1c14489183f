"""Reading vCards from phones and mail programs; writing vCards they can read."""

from __future__ import annotations

from pathlib import Path

import pytest
import vobject  # type: ignore[import-untyped]

from crmtui.services.formats import (
    ContactRecord,
    FormatError,
    RowError,
    read_vcards,
    write_vcards,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def card(*lines: str, version: str = "3.0") -> str:
    return "\r\n".join(["BEGIN:VCARD", f"VERSION:{version}", *lines, "END:VCARD", ""])


def one(text: str) -> ContactRecord:
    [(_line, record)] = list(read_vcards(text))
    assert isinstance(record, ContactRecord), record
    return record


# --- fixtures ---------------------------------------------------------------------------------


def test_android_phone_export_imports() -> None:
    zhang, john = [r for _, r in read_vcards((FIXTURES / "android_v30.vcf").read_bytes())]
    assert isinstance(zhang, ContactRecord) and isinstance(john, ContactRecord)
    assert (zhang.name, zhang.company, zhang.role) == ("张三", "北京示例科技有限公司", "采购经理")
    assert zhang.birthday == "04-15"  # BDAY:--0415, no year
    assert zhang.phones == [
        ("mobile", "138 0013 8000"),
        ("work", "010-6552 9988"),
        ("fax", "010-6552 9989"),
    ]
    assert zhang.emails == ["zhangsan@example.cn"]
    note = "老客户，每年春节前联系。喜欢喝绿茶，不喜欢电话太早打来；下午三点以后最好。"
    assert zhang.notes == note * 2  # unfolded across several lines
    assert zhang.extra == {}  # the X-ANDROID-CUSTOM nickname and the PHOTO are skipped
    assert john == ContactRecord(
        name="John Smith",
        phones=[("mobile", "+1 555 0100"), ("home", "+1 555 0101")],
        birthday="1980-01-31",
        address="12 Main St, Apt 3",
        city="Springfield",
        country="USA",
        website="https://example.com/john",
        tags=["VIP", "Golf"],
        extra={"region": "IL", "postcode": "62701"},
    )


def test_vcard_21_with_quoted_printable_and_a_base64_photo() -> None:
    [(line, li)] = list(read_vcards((FIXTURES / "android_v21.vcf").read_bytes()))
    assert line == 1 and isinstance(li, ContactRecord)
    assert (li.name, li.birthday) == ("李四", "1985-03-02")
    assert li.phones == [("mobile", "13900139000"), ("home", "021-1234 5678")]
    assert li.notes == "第一次见面在广交会，对我们的新产品很感兴趣，下个月回访。" * 2


def test_vcard_40_file_imports() -> None:
    results = list(read_vcards((FIXTURES / "contacts_v40.vcf").read_bytes()))
    assert [line for line, _ in results] == [1, 18]
    wang, ann = (r for _, r in results)
    assert wang == ContactRecord(
        name="王五",
        company="示例贸易公司",
        phones=[("mobile", "+86-139-0000-0000"), ("work", "+86-10-1234-5678")],
        emails=["wangwu@example.com"],
        birthday="04-15",
        address="朝阳路 1 号",
        city="北京",
        country="中国",
        notes="含逗号, 分号; 和换行\n第二行",
        tags=["客户", "重要"],
        extra={"department": "华北销售部", "postcode": "100000"},
    )
    assert ann == ContactRecord(
        name="Ann Lee", role="Buyer", phones=[("home", "+44 20 7946 0000")], birthday="1990-04-15"
    )


# --- properties -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "birthday"),
    [
        ("BDAY:--0415", "04-15"),
        ("BDAY;VALUE=date:--04-15", "04-15"),
        ("BDAY:19900415", "1990-04-15"),
        ("BDAY:1990-04-15", "1990-04-15"),
        ("BDAY:1990-04-15T00:00:00Z", "1990-04-15"),
        ("BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-15", "04-15"),
        ("BDAY;X-APPLE-OMIT-YEAR=1900:1900-04-15", "04-15"),
        ("BDAY:--0229", "02-29"),
    ],
)
def test_birthdays_with_and_without_year(line: str, birthday: str) -> None:
    assert one(card("FN:A", line)).birthday == birthday


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("TEL;TYPE=CELL:1", "mobile"),
        ("TEL;TYPE=cell,voice:1", "mobile"),
        ('TEL;TYPE="cell":1', "mobile"),
        ('TEL;TYPE="voice,cell":1', "mobile"),
        ("TEL;type=IPHONE:1", "mobile"),
        ("TEL;CELL;VOICE:1", "mobile"),
        ("TEL;TYPE=WORK:1", "work"),
        ("TEL;TYPE=WORK;TYPE=VOICE:1", "work"),
        ("TEL;TYPE=HOME,FAX:1", "fax"),
        ("TEL;HOME:1", "home"),
        ("TEL;TYPE=PAGER:1", "other"),
        ("TEL:1", "other"),
        ("item1.TEL:1", "other"),
    ],
)
def test_phone_types(line: str, kind: str) -> None:
    assert one(card("FN:A", line)).phones == [(kind, "1")]


def test_v4_tel_uri_loses_its_scheme_but_v3_text_is_kept() -> None:
    assert one(card("FN:A", "TEL;VALUE=uri:tel:+1-555", version="4.0")).phones == [
        ("other", "+1-555")
    ]
    assert one(card("FN:A", "TEL:tel:+1-555")).phones == [("other", "tel:+1-555")]


def test_name_falls_back_to_n_then_org() -> None:
    assert one(card("N:Smith;John;Q;;")).name == "John Q Smith"
    assert one(card("N:欧阳;修;;;")).name == "欧阳修"
    assert one(card("ORG:Acme Ltd;Sales")) == ContactRecord(
        name="Acme Ltd", company="Acme Ltd", extra={"department": "Sales"}
    )


def test_title_wins_over_role_and_unescaped_commas_are_kept() -> None:
    record = one(
        card(
            "FN:A",
            "ROLE:buyer",
            "TITLE:Head of Sales",
            "NOTE:a,b;c\\nd",
            "NOTE:second",
            "CATEGORIES:x,y",
            "CATEGORIES:z\\,w",
            "URL:http://a,b",
        )
    )
    assert record.role == "Head of Sales"
    assert record.notes == "a,b;c\nd\nsecond"
    assert record.tags == ["x", "y", "z,w"]
    assert record.website == "http://a,b"


def test_charset_of_quoted_printable_is_honoured() -> None:
    text = card("FN;CHARSET=GBK;ENCODING=QUOTED-PRINTABLE:=D5=C5=C8=FD", version="2.1")
    assert one(text).name == "张三"


def test_unindented_base64_of_a_21_photo_is_skipped() -> None:
    text = card(
        "FN:A",
        "PHOTO;ENCODING=BASE64;JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD",
        "2wBDAAMCAgMCAgMDAwMEAwMEBQgFBQQEBQoHBwYIDAoMDAsK",
        "CwsNDhIQDQ4RDgsL==",
        "",
        "TEL;CELL:1",
        version="2.1",
    )
    assert one(text) == ContactRecord(name="A", phones=[("mobile", "1")])


def test_photos_and_unknown_properties_never_spoil_a_card() -> None:
    text = card(
        "FN:A",
        "PHOTO;ENCODING=b;TYPE=JPEG:!!!not base64!!!",
        'X-FOO;BAR="x:y":z',
        "LOGO;VALUE=uri:data:image/png;base64,AAA",
        "KIND:individual",
        "UID:123",
        "X-BROKEN;;;:::",
    )
    assert one(text) == ContactRecord(name="A")


# --- broken files -----------------------------------------------------------------------------


def test_a_card_with_a_name_is_kept_whatever_else_is_broken() -> None:
    """One bad line, a bad birthday, an unknown charset or a missing END costs a card nothing
    but that value: the card is kept with a warning; only a card without a name is an error."""
    text = "\r\n".join(
        [
            "BEGIN:VCARD",
            "VERSION:3.0",
            "FN:Good One",
            "END:VCARD",  # line 1
            "BEGIN:VCARD",
            "VERSION:3.0",
            "FN:Bad",
            "this line is garbage",  # line 5
            "END:VCARD",
            "BEGIN:VCARD",
            "VERSION:3.0",
            "FN:Bad birthday",
            "BDAY:2026-02-30",
            "END:VCARD",  # 10
            "BEGIN:VCARD",
            "VERSION:2.1",  # line 15
            "FN;CHARSET=NOPE;ENCODING=QUOTED-PRINTABLE:=41",
            "END:VCARD",
            "BEGIN:VCARD",
            "VERSION:3.0",
            "N:;;;;",
            "END:VCARD",  # line 19
            "BEGIN:VCARD",
            "VERSION:3.0",
            "FN:No end",  # line 23
            "BEGIN:VCARD",
            "VERSION:3.0",
            "FN:Good Two",
            "END:VCARD",  # line 26
            "BEGIN:VCARD",
            "FN:Cut off",  # line 30
        ]
    )
    results = list(read_vcards(text))
    lines = [line for line, _ in results]
    assert lines == [1, 5, 10, 15, 19, 23, 26, 30]
    good = {line: r for line, r in results if isinstance(r, ContactRecord)}
    assert [r.name for r in good.values()] == [
        "Good One",
        "Bad",
        "Bad birthday",
        "A",
        "No end",
        "Good Two",
        "Cut off",
    ]
    assert good[1].warnings == [] and good[26].warnings == []
    [garbage] = good[5].warnings
    assert garbage["value"] == "this line is garbage" and "not a vCard line" in garbage["message"]
    [bday] = good[10].warnings
    assert bday["column"] == "BDAY" and "not a real date" in bday["message"]
    assert good[10].birthday is None and good[10].extra == {"birthday": "2026-02-30"}
    [charset] = good[15].warnings
    assert charset["column"] == "FN" and "read as" in charset["message"]
    assert "END:VCARD" in good[23].warnings[0]["message"]
    assert "END:VCARD" in good[30].warnings[0]["message"]
    errors = {line: r.message for line, r in results if isinstance(r, RowError)}
    assert list(errors) == [19] and "no name" in errors[19]


def test_a_file_without_vcards_is_refused() -> None:
    with pytest.raises(FormatError, match="no vCard"):
        read_vcards(b"Name,Phone\nAnn,1\n")


# --- writing ----------------------------------------------------------------------------------

TRICKY = ContactRecord(
    name='Zhang, San; "the" \\boss\\',
    company="Acme; Inc, Ltd",
    role="采购经理",
    phones=[("mobile", "+86 138,0013;8000"), ("fax", "010")],
    emails=["a@b.c"],
    birthday="02-29",
    address="Line 1\nLine 2",
    city="北京",
    country="中国",
    website="https://example.com/?a=1,b=2",
    notes="多行\n备注, with; all \\n kinds\x1b[31m " * 5,
    tags=["VIP", "a,b", "c;d"],
    extra={"department": "销售", "postcode": "100000"},
)


def test_written_vcard_is_folded_escaped_and_reads_back() -> None:
    data = write_vcards([TRICKY])
    assert data.endswith(b"END:VCARD\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    lines = data.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    for line in lines:
        line.decode("utf-8")  # no UTF-8 sequence is cut by folding
    text = data.decode()
    assert "BDAY:--02-29" in text
    assert "\x1b" not in text
    assert r"ORG:Acme\; Inc\, Ltd;销售" in text
    assert r"CATEGORIES:VIP,a\,b,c\;d" in text
    [(_line, back)] = list(read_vcards(data))
    assert isinstance(back, ContactRecord)
    assert back.name == TRICKY.name and back.company == TRICKY.company
    assert back.phones == TRICKY.phones and back.tags == TRICKY.tags
    assert back.notes == (TRICKY.notes or "").replace("\x1b", "").strip()


def test_written_vcards_are_read_by_vobject_as_khard_does() -> None:
    data = write_vcards([TRICKY, ContactRecord(name="张三", birthday="1990-04-15")])
    cards = list(vobject.readComponents(data.decode()))
    assert [c.fn.value for c in cards] == [TRICKY.name, "张三"]
    first = cards[0]
    assert first.version.value == "3.0"
    assert [t.value for t in first.tel_list] == ["+86 138,0013;8000", "010"]
    assert first.tel_list[0].params["TYPE"] == ["CELL", "VOICE"]
    assert (first.n.value.given, first.n.value.family) == ('Zhang, San; "the"', "\\boss\\")
    assert cards[1].bday.value == "1990-04-15"


def test_company_card_is_marked_for_apple() -> None:
    text = write_vcards([ContactRecord(name="", company="Acme")]).decode()
    assert "FN:Acme" in text and "X-ABShowAs:COMPANY" in text
