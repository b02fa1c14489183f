"""Reading and writing CSV and XLSX contact sheets."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from crmtui.services.formats import (
    CSV_COLUMNS,
    ContactRecord,
    FormatError,
    RowError,
    csv_bytes,
    parse_overrides,
    read_csv,
    read_table,
    read_xlsx,
    write_csv,
    write_xlsx,
)
from crmtui.services.formats.cells import join_values, split_values
from crmtui.services.formats.tabular import sniff_delimiter

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def rows_of(data: bytes, **kwargs: object) -> list[tuple[int, ContactRecord | RowError]]:
    _preview, rows = read_table(data, **kwargs)  # type: ignore[arg-type]
    return list(rows)


def only_record(data: bytes, **kwargs: object) -> ContactRecord:
    [(_line, record)] = rows_of(data, **kwargs)
    assert isinstance(record, ContactRecord), record
    return record


# --- header mapping ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "field"),
    [
        ("Name", "name"),
        ("full name", "name"),
        ("FULL_NAME", "name"),
        ("姓名", "name"),
        ("联系人", "name"),
        ("Company", "company"),
        ("Organization", "company"),
        ("公司", "company"),
        ("单位", "company"),
        ("公司名称", "company"),
        ("Phone", "work_phone"),
        ("Tel", "work_phone"),
        ("电话", "work_phone"),
        ("座机", "work_phone"),
        ("Mobile", "mobile"),
        ("Cell", "mobile"),
        ("手机", "mobile"),
        ("手机号", "mobile"),
        ("Email", "email"),
        ("E-mail", "email"),
        ("邮箱", "email"),
        ("电子邮件", "email"),
        ("E-mail 2 Address", "email"),
        ("Birthday", "birthday"),
        ("生日", "birthday"),
        ("出生日期", "birthday"),
        ("Address", "address"),
        ("地址", "address"),
        ("City", "city"),
        ("城市", "city"),
        ("Country", "country"),
        ("国家", "country"),
        ("Notes", "notes"),
        ("备注", "notes"),
        ("说明", "notes"),
        ("Tags", "tags"),
        ("标签", "tags"),
        ("分类", "tags"),
        ("Title", "role"),
        ("Role", "role"),
        ("职位", "role"),
        ("职务", "role"),
        ("Website", "website"),
        ("网址", "website"),
        ("Ｅｍａｉｌ", "email"),
        (" mobile phone ", "mobile"),
        ("行业", "extra:industry"),
        ("微信", "extra:wechat"),
        ("邮编", "extra:postcode"),
    ],
)
def test_common_titles_are_recognised(title: str, field: str) -> None:
    preview, _rows = read_csv(
        f"{title},Name\nx,Ann\n".encode() if field != "name" else f"{title}\nAnn\n".encode()
    )
    assert preview.mapping[title.strip()] == field


def test_customer_and_contact_columns_become_company_and_person() -> None:
    data = "客户名称,联系人,手机\n示例公司,陈静,138\n".encode()
    record = only_record(data)
    assert (record.name, record.company) == ("陈静", "示例公司")


def test_customer_column_alone_is_the_name() -> None:
    assert only_record("客户名称,手机\n示例公司,138\n".encode()).name == "示例公司"


def test_given_and_family_names_are_joined() -> None:
    assert only_record(b"First Name,Last Name\nJohn,Smith\n").name == "John Smith"
    assert only_record("姓,名\n欧阳,修\n".encode()).name == "欧阳修"


def test_overrides_map_skip_and_extend() -> None:
    data = b"Kunde,Handy,Branche,Name\nAnn Lee,0151,IT,ignored\n"
    preview, rows = read_csv(
        data, parse_overrides(["Kunde=name", "handy=mobile", "Branche=industry", "Name=-"])
    )
    assert preview.mapping == {"Kunde": "name", "Handy": "mobile", "Branche": "extra:industry"}
    assert preview.unmapped == ["Name"]
    [(_line, record)] = list(rows)
    assert isinstance(record, ContactRecord)
    assert (record.name, record.phones, record.extra) == (
        "Ann Lee",
        [("mobile", "0151")],
        {"industry": "IT"},
    )


def test_override_of_a_missing_column_is_a_clear_error() -> None:
    with pytest.raises(FormatError, match="Nope"):
        read_csv(b"Name\nAnn\n", {"Nope": "name"})


def test_bad_map_option_is_refused() -> None:
    with pytest.raises(FormatError, match="Column=field"):
        parse_overrides(["just-a-column"])


def test_a_second_column_for_a_single_field_is_left_unmapped() -> None:
    preview, _rows = read_csv(b"Name,Full Name,Email,E-mail 2\nA,B,a@x,b@x\n")
    assert preview.unmapped == ["Full Name"]
    assert only_record(b"Name,Full Name,Email,E-mail 2\nA,B,a@x,b@x\n").emails == ["a@x", "b@x"]


def test_a_sheet_without_any_name_column_is_refused() -> None:
    with pytest.raises(FormatError, match="--map"):
        read_csv(b"Foo,Bar\n1,2\n")


def test_an_empty_file_is_refused() -> None:
    with pytest.raises(FormatError, match="no rows"):
        read_csv(b"\n\n")


# --- delimiters, preview, rows ----------------------------------------------------------------


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiter_is_sniffed(delimiter: str) -> None:
    text = delimiter.join(["Name", "Notes", "City"]) + "\n"
    text += delimiter.join(["Ann", '"a, b; c"', "Paris"]) + "\n"
    assert sniff_delimiter(text) == delimiter
    preview, _rows = read_csv(text.encode())
    assert preview.delimiter == delimiter


def test_excel_sep_line_decides_the_delimiter() -> None:
    preview, rows = read_csv(b"sep=;\nName;City\nAnn, Lee;Paris\n")
    assert preview.delimiter == ";"
    [(line, record)] = list(rows)
    assert line == 3 and isinstance(record, ContactRecord) and record.name == "Ann, Lee"


def test_preview_shows_detection_and_first_rows_and_rows_still_start_at_the_top() -> None:
    data = "姓名,手机,微信号,Unknown\n张三,138,zs,?\n李四,139,ls,?\n王五,137,ww,?\n".encode()
    preview, rows = read_csv(data, preview_rows=2)
    assert preview.encoding == "utf-8" and preview.delimiter == ","
    assert preview.columns == ["姓名", "手机", "微信号", "Unknown"]
    assert preview.mapping == {"姓名": "name", "手机": "mobile", "微信号": "extra:wechat"}
    assert preview.unmapped == ["Unknown"]
    assert [line for line, _ in preview.rows] == [2, 3]
    assert [r.name for _, r in rows if isinstance(r, ContactRecord)] == ["张三", "李四", "王五"]


def test_line_numbers_count_physical_lines_and_skip_blank_rows() -> None:
    data = b'Name,Notes\nAnn,"two\nlines"\n\n,\nBob,x\nCid,y,extra cell\n,only notes\n'
    result = rows_of(data)
    assert [line for line, _ in result] == [2, 6, 7, 8]
    assert isinstance(result[2][1], RowError) and "cells" in result[2][1].message
    assert result[3][1] == RowError(8, "the row has neither a name nor a company")


def test_impossible_birthday_keeps_the_row_and_the_text_with_a_warning() -> None:
    result = rows_of(b"Name,Birthday\nAnn,2026-02-30\nBob,1990/4/15\n")
    message = "birthday '2026-02-30' is not a real date"
    assert result[0] == (
        2,
        ContactRecord(
            name="Ann",
            extra={"birthday": "2026-02-30"},
            warnings=[{"column": "Birthday", "value": "2026-02-30", "message": message}],
        ),
    )
    assert isinstance(result[1][1], ContactRecord) and result[1][1].birthday == "1990-04-15"


def test_lunar_birthday_is_kept_as_text() -> None:
    record = only_record("姓名,生日\n张三,农历三月初五\n".encode())
    assert record.birthday is None and record.extra == {"lunar_birthday": "农历三月初五"}


def test_list_cells_split_on_usual_separators_and_keep_backslashes() -> None:
    record = only_record(
        '姓名,标签,邮箱,手机\n张三,VIP、北京；老客户,"a@x, b@x","138\n139"\n'.encode()
    )
    assert record.tags == ["VIP", "北京", "老客户"]
    assert record.emails == ["a@x", "b@x"]
    assert record.phones == [("mobile", "138"), ("mobile", "139")]
    assert split_values(r"C:\path; a\;b; c\\") == ["C:\\path", " a;b", " c\\"]
    assert split_values(join_values(["a;b", "c\\", "、"])) == ["a;b", " c\\", " 、"]


def test_phones_column_reads_type_labels() -> None:
    record = only_record('Name,Phones\nAnn,"mobile: 1; 传真：2; 3; work: a: b"\n'.encode())
    assert record.phones == [("mobile", "1"), ("fax", "2"), ("other", "3"), ("work", "a: b")]


# --- fixtures ---------------------------------------------------------------------------------


def test_gb18030_fixture_imports() -> None:
    preview, rows = read_csv((FIXTURES / "contacts_gb18030.csv").read_bytes())
    assert preview.encoding == "gb18030" and not preview.unmapped
    records = [r for _, r in rows]
    assert all(isinstance(r, ContactRecord) for r in records)
    zhu, rare, wang = records
    assert isinstance(zhu, ContactRecord) and isinstance(rare, ContactRecord)
    assert (zhu.name, zhu.company, zhu.role, zhu.birthday) == (
        "朱镕基",
        "示例钢铁集团",
        "总经理",
        "1990-04-15",
    )
    assert zhu.phones == [("mobile", "13800138000"), ("work", "010-12345678")]
    assert zhu.tags == ["VIP", "国企"]
    assert (rare.name, rare.birthday, rare.notes) == ("𠀀先生", "04-15", '备注含逗号, 和引号"')
    assert isinstance(wang, ContactRecord) and wang.birthday == "1985-03-02"


def test_utf8_bom_fixture_imports() -> None:
    preview, rows = read_csv((FIXTURES / "contacts_utf8_bom.csv").read_bytes())
    assert preview.encoding == "utf-8-sig"
    assert preview.columns[0] == "客户名称"  # no BOM left on the first title
    [(_line, record)] = list(rows)
    assert record == ContactRecord(
        name="陈静",
        company="上海示例贸易有限公司",
        phones=[("mobile", "186 0000 1111"), ("work", "021-5555 6666")],
        emails=["chen@example.com"],
        birthday="1988-08-08",
        country="中国",
        website="https://example.cn",
        notes="多行\n备注",
        tags=["经销商", "华东"],
    )


def test_semicolon_fixture_imports() -> None:
    preview, rows = read_csv((FIXTURES / "contacts_semicolon.csv").read_bytes())
    assert preview.delimiter == ";"
    hans, marie, attacker = list(rows)
    assert isinstance(hans[1], ContactRecord)
    assert (hans[1].name, hans[1].birthday, hans[1].notes) == (
        "Müller, Hans",
        "1975-04-15",
        "Preis: 1,50 €",
    )
    assert marie[0] == 3 and isinstance(marie[1], ContactRecord)
    assert (marie[1].name, marie[1].birthday) == ("Dupont, Marie", None)
    assert marie[1].extra == {"birthday": "2026-02-30"}
    assert marie[1].warnings[0]["message"] == "birthday '2026-02-30' is not a real date"
    assert attacker[0] == 5 and isinstance(attacker[1], ContactRecord)
    assert (attacker[1].name, attacker[1].notes) == ("=1+2", "@SUM(A1)")


# --- writing ----------------------------------------------------------------------------------


def test_written_csv_has_the_fixed_header_and_maps_back_one_to_one() -> None:
    data = csv_bytes([ContactRecord(name="Ann", extra={"Industry": "IT", "wechat": "ann"})])
    assert data.startswith(b"\xef\xbb\xbf")
    header = next(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert header == [*CSV_COLUMNS, "extra:industry", "extra:wechat"]
    preview, _rows = read_csv(data)
    assert not preview.unmapped
    assert len(set(preview.mapping.values())) == len(header)


def test_formula_like_cells_are_exported_neutralised() -> None:
    record = ContactRecord(
        name='=HYPERLINK("http://x")',
        company="+Acme",
        role="-",
        notes="@SUM(1)",
        tags=["=1"],
        phones=[("mobile", "+86 1")],
        emails=["'=x"],
        website="'tis",
        extra={"a": "\tcmd"},
    )
    buffer = io.StringIO(newline="")
    write_csv([record], buffer)
    row = list(csv.reader(io.StringIO(buffer.getvalue(), newline="")))[1]
    assert row[0] == '\'=HYPERLINK("http://x")'
    assert row[1:3] == ["'+Acme", "'-"]
    assert row[3] == "mobile: +86 1"  # the label already keeps the + from the front
    assert row[4] == "''=x" and row[9] == "'tis" and row[10] == "'@SUM(1)"
    assert row[11] == "'=1" and row[12] == "'\tcmd"
    assert only_record(buffer.getvalue().encode()).notes == "@SUM(1)"


def test_xlsx_round_trip_and_neutralised_cells() -> None:
    record = ContactRecord(
        name="=cmd",
        phones=[("work", "010")],
        birthday="02-29",
        notes="a\x1bb",
        extra={"industry": "IT"},
    )
    buffer = io.BytesIO()
    write_xlsx([record], buffer)
    sheet = openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).active
    assert sheet is not None
    assert sheet["A2"].value == "'=cmd" and sheet["A2"].data_type == "s"
    preview, rows = read_xlsx(buffer.getvalue())
    assert preview.sheet == "Contacts" and preview.encoding is None
    [(line, back)] = list(rows)
    assert line == 2
    assert back == ContactRecord(
        name="=cmd",
        phones=[("work", "010")],
        birthday="02-29",
        notes="ab",
        extra={"industry": "IT"},
    )


def test_xlsx_typed_cells_and_sheet_choice() -> None:
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first["A1"] = "unused"
    sheet = book.create_sheet("客户")
    sheet.append(["姓名", "手机", "生日", "备注"])
    sheet.append(["张三", 13800138000, datetime(1990, 4, 15), 12.5])
    sheet.append([])
    sheet.append(["李四", 13900139000.0, "4月15日", True])
    buffer = io.BytesIO()
    book.save(buffer)
    preview, rows = read_xlsx(buffer.getvalue(), sheet="客户")
    assert preview.sheet == "客户"
    zhang, li = [r for _, r in rows]
    assert isinstance(zhang, ContactRecord) and isinstance(li, ContactRecord)
    assert (zhang.phones, zhang.birthday, zhang.notes) == (
        [("mobile", "13800138000")],
        "1990-04-15",
        "12.5",
    )
    assert (li.phones, li.birthday, li.notes) == ([("mobile", "13900139000")], "04-15", "TRUE")
    with pytest.raises(FormatError, match="no sheet"):
        read_xlsx(buffer.getvalue(), sheet="Nope")


def test_old_xls_and_broken_xlsx_are_refused() -> None:
    with pytest.raises(FormatError, match=".xls"):
        read_table(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    with pytest.raises(FormatError, match="xlsx"):
        read_table(b"PK\x03\x04 this is not really a zip")
