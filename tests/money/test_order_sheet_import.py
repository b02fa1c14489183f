"""``crm import`` of a 业务明细 order sheet: CSV (GB18030, UTF-8 with BOM) and XLSX, Chinese or
English headers, one order per row, all or nothing, and a second import adds nothing."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

from tests.cli_runner import crm, crm_json

CHINESE = (
    "宏达机械 业务明细\n"  # a title above the header row, as the Excel sheets have
    "订货时间,出货时间,产品名称,产品型号,单价(元),件数,总金额,备注,客户\n"
    '2026-10-03,2026-10-10,数控机床,CK6140,"120,000.00",2,"240,000.00",首单,宏达机械\n'
    "2026/10/15,,配件,,¥1200.50,3,3601.5,,宏达机械\n"
    "2026年11月1日,,Spare parts,X1,100,1,100元,,Acme Ltd\n"
    "合计,,,,,,243701.5,,\n"
)


def _setup() -> None:
    crm("add-customer", "宏达机械", "--stage", "prospect")
    crm("add-customer", "Acme Ltd")
    crm("product", "add", "数控机床", "--model", "CK6140", "--code", "P-100", "--price", "99")


def _write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def _refused(*args: str) -> str:
    result = crm(*args, ok=False)
    assert result.exit_code == 1 and result.stdout == "", result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    return lines[0]


def test_a_gb18030_sheet_with_chinese_headers_becomes_orders_once(tmp_path):
    _setup()
    sheet = _write(tmp_path, "业务明细.csv", CHINESE.encode("gb18030"))
    dry = crm("import", sheet, "--dry-run").stdout
    assert "dry run: would add 3 orders; nothing was written" in dry
    assert crm_json("orders") == []
    done = crm_json("import", sheet)
    assert (done["added"], done["already_imported"], done["rows"]) == (3, 0, 3)
    assert [o["number"] for o in done["orders"]] == [f"SO-2026-000{i}" for i in (1, 2, 3)]
    first = crm_json("order", "show", "SO-2026-0001")
    assert (first["status"], first["shipped_on"], first["due_on"]) == (
        "shipped",
        "2026-10-10",
        "2026-11-09",  # shipped + the default 30 days' credit
    )
    line = first["lines"][0]
    # matched to the catalogue by name and model, at the sheet's price (not the list price)
    assert line["product_id"] == 1 and line["unit_price"] == "120000.00"
    assert (line["quantity"], line["line_total"], first["note"]) == (2, "240000.00", "首单")
    second = crm_json("order", "show", "SO-2026-0002")
    assert (second["status"], second["total"], second["lines"][0]["product_id"]) == (
        "confirmed",
        "3601.50",
        None,
    )
    assert crm_json("show", "宏达")["stage"] == "customer"  # the first order, as always
    again = crm("import", sheet)
    assert again.exit_code == 0
    assert "added 0 orders; 3 rows already imported" in again.stdout
    assert len(crm_json("orders")) == 3


def test_an_english_utf8_bom_sheet_for_one_customer(tmp_path):
    _setup()
    text = (
        "Order date,Ship date,Product,Model,Unit price,Quantity,Total,Note\n"
        "2026-11-02,2026-11-05,Widget,W-1,10.50,4,42.00,rush\n"
        "2026-11-03,,Widget,W-1,10.50,1,,\n"
    )
    sheet = _write(tmp_path, "acme.csv", text.encode("utf-8-sig"))
    line = _refused("import", sheet)
    assert "--customer" in line
    done = crm_json("import", sheet, "--customer", "Acme")
    assert done["added"] == 2 and {o["customer"] for o in done["orders"]} == {"Acme Ltd"}
    assert [o["total"] for o in done["orders"]] == ["42.00", "10.50"]
    assert crm("import", sheet, "--customer", "2").stdout.startswith("order sheet")
    assert len(crm_json("orders")) == 2


def test_an_xlsx_sheet_with_typed_cells(tmp_path):
    import openpyxl

    _setup()
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["订货时间", "出货时间", "产品名称", "产品型号", "单价", "件数", "总金额", "客户"])
    ws.append(
        [
            datetime(2026, 9, 1),
            datetime(2026, 9, 3),
            "数控机床",
            "CK6140",
            1200.5,
            2,
            2401,
            "宏达机械",
        ]
    )
    ws.append([datetime(2026, 9, 2), None, "配件", None, 7, 3, 21, "Acme Ltd"])
    buffer = io.BytesIO()
    book.save(buffer)
    sheet = _write(tmp_path, "sheet.xlsx", buffer.getvalue())
    done = crm_json("import", sheet)
    assert [(o["status"], o["total"]) for o in done["orders"]] == [
        ("shipped", "2401.00"),
        ("confirmed", "21.00"),
    ]
    assert crm_json("import", sheet)["already_imported"] == 2


def test_a_total_that_is_not_price_times_quantity_refuses_the_whole_sheet(tmp_path):
    _setup()
    text = (
        "订货时间,产品名称,单价,件数,总金额,客户\n"
        "2026-10-03,配件,100,2,200,宏达机械\n"
        "2026-10-04,配件,100,2,250,宏达机械\n"
    )
    sheet = _write(tmp_path, "bad.csv", text.encode())
    line = _refused("import", sheet)
    assert line.startswith("error: row 3: the total 250 is not unit price 100 × quantity 2")
    assert "nothing was imported" in line
    assert crm_json("orders") == []  # the good row 2 was not written either


def test_bad_rows_and_customers_are_one_line_each(tmp_path):
    _setup()
    cases = {
        "订货时间,产品名称,单价,件数,客户\n2026-10-03,配件,100,2,Nobody\n": "row 2: no customer",
        "订货时间,产品名称,单价,件数,客户\n2026-13-03,配件,100,2,Acme\n": "row 2: 订货时间",
        "订货时间,产品名称,单价,件数,客户\n2026-10-03,配件,1.234,2,Acme\n": "row 2: not an unit",
        "订货时间,产品名称,单价,件数,客户\n2026-10-03,配件,100,-2,Acme\n": "row 2: quantity",
        "订货时间,出货时间,产品名称,单价,件数,客户\n2026-10-03,2026-10-01,配件,1,2,Acme\n": (
            "row 2: the ship date 2026-10-01 is before"
        ),
        "产品名称,单价,件数,客户\n配件,100,2,Acme\n": "no 订货时间 / order date column",
    }
    for i, (text, words) in enumerate(cases.items()):
        line = _refused("import", _write(tmp_path, f"s{i}.csv", text.encode()))
        assert words in line, line
    assert crm_json("orders") == []


def test_the_same_row_twice_is_two_orders_and_a_second_import_adds_neither(tmp_path):
    _setup()
    row = "2026-10-03,配件,100,2,200,Acme Ltd\n"
    sheet = _write(
        tmp_path, "twice.csv", ("订货时间,产品名称,单价,件数,总金额,客户\n" + row * 2).encode()
    )
    assert crm_json("import", sheet)["added"] == 2
    assert crm_json("import", sheet)["added"] == 0
    bigger = _write(
        tmp_path, "thrice.csv", ("订货时间,产品名称,单价,件数,总金额,客户\n" + row * 3).encode()
    )
    assert crm_json("import", bigger)["added"] == 1  # the sheet grew by one row
    assert len(crm_json("orders")) == 3


def test_customer_is_refused_for_a_contact_sheet(tmp_path):
    crm("add-customer", "Acme Ltd")
    sheet = _write(tmp_path, "contacts.csv", b"Name,Phone\nZhang Wei,13800138000\n")
    assert "--customer is for an order sheet" in _refused("import", sheet, "--customer", "Acme")
    assert "added 1 customers" in crm("import", sheet).stdout  # contacts as before


def test_a_large_sheet_is_still_found_by_its_header(tmp_path):
    _setup()
    rows = "".join(
        f"2026-10-{1 + n % 28:02d},配件,100,{1 + n},{100 * (1 + n)},Acme Ltd\n" for n in range(1600)
    )
    text = "订货时间,产品名称,单价,件数,总金额,客户\n" + rows
    assert len(text.encode()) > 65536  # more than the part read to find the header
    sheet = _write(tmp_path, "big.csv", text.encode())
    assert crm_json("import", sheet, "--dry-run")["added"] == 1600
    assert crm_json("orders") == []
