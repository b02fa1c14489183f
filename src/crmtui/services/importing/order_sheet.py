"""Reading a 业务明细 order sheet: one row per order, as the sales practice keeps it in Excel.

The columns, with Chinese or English headers in any order (a title row above the headers is
skipped): 订货时间/order date, 出货时间/ship date, 产品名称/product, 产品型号/model,
单价/unit price, 件数/quantity, 总金额/total, 备注/note, and the customer (客户/客户名称/customer)
unless the whole sheet is one customer's. A sheet is an order sheet when its header row names a
product, a quantity and a price or total: contact sheets never do.

Reading only: every row becomes a :class:`SheetRow` or raises :class:`InvalidInput` naming the
row. Amounts are read by ``crmtui.numbers`` into minor units (never floats).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from crmtui.errors import InvalidInput
from crmtui.services.money.rules import QUANTITY_MAX

# Header words, after normalising (NFKC, lower case, no spaces, no "(元)"-style unit suffix).
COLUMNS: dict[str, tuple[str, ...]] = {
    "ordered": ("订货时间", "订货日期", "下单日期", "下单时间", "订单日期", "orderdate", "ordered"),
    "shipped": ("出货时间", "出货日期", "发货日期", "发货时间", "shipdate", "shipped"),
    "product": ("产品名称", "产品", "品名", "product", "productname"),
    "model": ("产品型号", "型号", "规格型号", "model"),
    "price": ("单价", "unitprice", "price"),
    "quantity": ("件数", "数量", "quantity", "qty"),
    "total": ("总金额", "金额", "合计金额", "total", "amount"),
    "note": ("备注", "note", "notes"),
    "customer": ("客户", "客户名称", "customer", "customername"),
}
_WORDS = {word: key for key, words in COLUMNS.items() for word in words}
_UNIT = re.compile(r"[(（\[【][^)）\]】]*[)）\]】]$")
# A closing line that sums the sheet up, left out (its first cell says so).
_TOTAL_ROW = {"合计", "总计", "小计", "total", "sum"}
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ t].*)?$")
HEADER_SCAN = 10  # rows looked at for the header row (a title or a blank row may come first)
HEAD_BYTES = 65536  # of a CSV file, read to find the header row


@dataclass(frozen=True)
class SheetRow:
    """One order row as read: amounts in minor units, the customer as written (or None)."""

    row: int
    ordered_on: date
    shipped_on: date | None
    product: str
    model: str | None
    price: int
    quantity: int
    total: int
    note: str | None
    customer: str | None


def header_key(title: str) -> str | None:
    """Which column a header names (``单价(元)`` → ``price``), or None."""
    text = unicodedata.normalize("NFKC", title or "").strip().lower()
    text = _UNIT.sub("", text).strip().rstrip(":：")
    return _WORDS.get(re.sub(r"[\s_\-]+", "", text))


def header_map(cells: list[str]) -> dict[str, int] | None:
    """The column of each known header, when the row is an order sheet's header row."""
    found: dict[str, int] = {}
    for i, cell in enumerate(cells):
        key = header_key(cell)
        if key is not None and key not in found:
            found[key] = i
    if {"product", "quantity"} <= found.keys() and ("price" in found or "total" in found):
        return found
    return None


def table_rows(
    data: bytes, fmt: str, encoding: str | None = None
) -> Iterator[tuple[int, list[str]]]:
    """Every row of a CSV or XLSX file as ``(row number, cell texts)``; numbers from 1."""
    from crmtui.services.formats.cells import cell_text

    if fmt == "xlsx":
        from crmtui.services.formats.model import FormatError

        try:
            import openpyxl  # type: ignore[import-untyped]  # only for a workbook

            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # zip, XML and openpyxl errors all mean the same to the user
            raise FormatError("bad-xlsx", reason=exc) from None
        try:
            sheet = book.worksheets[0]
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                yield number, [cell_text(value).strip() for value in row]
        finally:
            book.close()
        return
    from crmtui.services.formats.encoding import decode_bytes
    from crmtui.services.formats.tabular import sniff_delimiter

    text, _ = decode_bytes(data, encoding)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    for number, row in enumerate(reader, start=1):
        yield number, [cell.strip() for cell in row]


def find_header(data: bytes, fmt: str, encoding: str | None = None) -> bool:
    """Whether the file is an order sheet (its header row names product, quantity, price)."""
    if fmt not in ("csv", "xlsx"):
        return False
    if fmt == "csv" and len(data) > HEAD_BYTES and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # the first lines are enough: a large contact file is not decoded twice (a newline
        # byte is never part of another character in UTF-8 or GB18030)
        data = data[: data.rfind(b"\n", 0, HEAD_BYTES) + 1] or data
    try:
        for number, cells in table_rows(data, fmt, encoding):
            if header_map(cells) is not None:
                return True
            if number >= HEADER_SCAN:
                return False
    except (InvalidInput, csv.Error, UnicodeError):
        return False  # not readable as a table here: the contact import says why
    return False


def read_sheet(
    data: bytes, fmt: str, encoding: str | None = None
) -> tuple[list[str], list[SheetRow]]:
    """(the column keys found, every order row); raises InvalidInput naming the bad row."""
    rows = table_rows(data, fmt, encoding)
    columns: dict[str, int] | None = None
    for number, cells in rows:
        columns = header_map(cells)
        if columns is not None or number >= HEADER_SCAN:
            break
    if columns is None:
        raise InvalidInput("order-sheet-no-header")
    if "ordered" not in columns:
        raise InvalidInput("order-sheet-no-column", column="订货时间 / order date")
    out: list[SheetRow] = []
    for number, cells in rows:
        if not any(cells):
            continue
        try:
            found = _row(number, cells, columns)
        except InvalidInput as exc:
            raise InvalidInput("order-sheet-row", row=number, reason=str(exc)) from None
        if found is not None:
            out.append(found)
    return sorted(columns), out


def _cell(cells: list[str], columns: dict[str, int], key: str) -> str:
    i = columns.get(key)
    return (
        unicodedata.normalize("NFKC", cells[i]).strip() if i is not None and i < len(cells) else ""
    )


def _row(number: int, cells: list[str], columns: dict[str, int]) -> SheetRow | None:
    from crmtui.numbers import amount_minor, whole

    def cell(key: str) -> str:
        return _cell(cells, columns, key)

    product = cell("product")
    if not product:
        first = next((c for c in cells if c), "")
        if first.strip().lower().rstrip(":：") in _TOTAL_ROW:
            return None  # the sheet's own sum at the bottom
        raise InvalidInput("order-sheet-missing", column="产品名称 / product")
    ordered = _day(cell("ordered"), "订货时间 / order date")
    if ordered is None:
        raise InvalidInput("order-sheet-missing", column="订货时间 / order date")
    shipped = _day(cell("shipped"), "出货时间 / ship date")
    if shipped is not None and shipped < ordered:
        raise InvalidInput("ship-before-order", field="ship", ship=shipped, ordered=ordered)
    qty_text = cell("quantity")
    if not qty_text:
        raise InvalidInput("order-sheet-missing", column="件数 / quantity")
    quantity = whole(qty_text, "quantity", 1, QUANTITY_MAX)
    price_text, total_text = _money_text(cell("price")), _money_text(cell("total"))
    if not price_text:
        raise InvalidInput("order-sheet-missing", column="单价 / unit price")
    price = amount_minor(price_text, "unit price")
    total = amount_minor(total_text, "total") if total_text else price * quantity
    if total != price * quantity:
        raise InvalidInput(
            "order-sheet-total",
            total=total_text,
            price=price_text,
            quantity=quantity,
            expected=_decimal(price * quantity),
        )
    return SheetRow(
        row=number,
        ordered_on=ordered,
        shipped_on=shipped,
        product=product,
        model=cell("model") or None,
        price=price,
        quantity=quantity,
        total=total,
        note=cell("note") or None,
        customer=cell("customer") or None,
    )


def _money_text(text: str) -> str:
    """An amount as a sheet writes it: ``¥1,200.00`` or ``1200元`` → ``1,200.00`` / ``1200``."""
    return text.strip().lstrip("¥￥$").removesuffix("元").strip()


def _decimal(minor: int) -> str:
    return f"{minor // 100}.{minor % 100:02d}"


def _day(text: str, column: str) -> date | None:
    """``2026-11-03``, ``2026/11/3``, ``2026.11.3``, ``2026年11月3日`` (a time after it ignored)."""
    if not text:
        return None
    m = _DATE.match(text.strip().lower())
    try:
        if m:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        pass
    raise InvalidInput("order-sheet-date", column=column, text=text)
