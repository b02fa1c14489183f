"""Items 6 and 7 for what leaves crmtui as files: exports and summaries made from hostile data.

CSV and XLSX cells never start a formula; vCard and iCalendar files stay parseable whatever the
data; HTML summaries carry user text as text only; JSON exports keep the text exact.
"""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from tests.cli_runner import crm
from tests.helpers import add_customer
from tests.reliability.hostile import ESCAPES
from tests.reliability.support import child_env, run_in_pty

pytestmark = pytest.mark.slow

FORMULAS = [
    '=HYPERLINK("https://evil.example","click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "'=already quoted",
]
HTML = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(2)">',
    '"><svg onload=alert(3)>',
    "&lt;not an entity&gt; & done",
]
TRIGGERS = tuple("=+-@\t\r")


@pytest.fixture
def hostile(hostile: dict[str, Any]) -> dict[str, Any]:
    """The shared hostile set, plus formula and HTML look-alikes with activity this week."""
    from crmtui import clock
    from crmtui.db.engine import open_database
    from crmtui.services.activities.write import log_activity
    from crmtui.services.contacts.write import create_contact

    stored = hostile
    db = open_database()
    with db.session() as s:
        for text in FORMULAS + HTML:
            from crmtui.services.customers.write import create_customer

            c = create_customer(
                s,
                now=clock.now(),
                name=f"X {text}",
                notes=text,
                city=text.strip()[:50] or "x",
                tags=[text.strip()[:50] or "x"],
            )
            assert c.id is not None
            create_contact(s, now=clock.now(), customer_id=c.id, name=f"C {text}", role=text)
            log_activity(s, now=clock.now(), customer_id=c.id, note=text)
    db.dispose()
    return stored


def _export(tmp_path: Path, *args: str) -> bytes:
    out = tmp_path / "out.bin"
    crm(*args, "-o", str(out))
    return out.read_bytes()


def test_csv_export_has_no_formula_cells(hostile, tmp_path):
    data = _export(tmp_path, "export", "contacts", "-f", "csv").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(data, newline="")))
    width = len(rows[0])
    assert all(len(r) == width for r in rows), "a value broke the row structure"
    cells = [cell for row in rows for cell in row]
    assert [c for c in cells if c.startswith(TRIGGERS)] == []
    from crmtui.services.common.names import normalise_name
    from crmtui.services.formats import unneutralise

    names = {unneutralise(r[0]) for r in rows[1:]}
    for text in FORMULAS:
        # names are stored normalised (white space collapsed), so compare with that form
        assert normalise_name(f"C {text}") in names, text


def test_xlsx_export_has_no_formula_cells(hostile, tmp_path):
    import openpyxl

    from crmtui.db.engine import open_database
    from crmtui.services import formats
    from crmtui.services.exporting.contacts import contact_records

    with open_database().reader() as reader:
        records = list(contact_records(reader))
    buffer = io.BytesIO()
    formats.write_xlsx(records, buffer)
    buffer.seek(0)
    book = openpyxl.load_workbook(buffer)
    cells = [cell for row in book.active.iter_rows() for cell in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    texts = [str(c.value) for c in cells if c.value is not None]
    assert [t for t in texts if t.startswith(TRIGGERS)] == []
    assert any(t.startswith("'=HYPERLINK") or "=HYPERLINK" in t for t in texts)


def _controls(text: str) -> list[str]:
    return sorted(
        {
            repr(ch)
            for ch in text
            if (ord(ch) < 32 and ch not in "\r\n\t") or 0x7F <= ord(ch) <= 0x9F
        }
    )


def test_vcard_export_stays_valid(hostile, tmp_path):
    import vobject

    data = _export(tmp_path, "export", "contacts", "-f", "vcard").decode("utf-8")
    assert _controls(data) == []
    cards = list(vobject.readComponents(data))
    assert len(cards) == data.count("BEGIN:VCARD") == data.count("END:VCARD")
    names = {card.fn.value for card in cards}
    assert "C <script>alert(1)</script>" in names
    assert any("PWNED-TITLE" in n for n in names)


def test_calendar_export_stays_valid(hostile, tmp_path):
    import icalendar

    data = _export(tmp_path, "export", "calendar")
    text = data.decode("utf-8")
    assert _controls(text) == []
    calendar = icalendar.Calendar.from_ical(data)
    events = list(calendar.walk("VEVENT"))
    assert events, "the planned actions and birthdays are in the calendar"
    assert text.count("BEGIN:VEVENT") == len(events)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_summary_escapes_everything(hostile, tmp_path):
    html = _export(tmp_path, "export", "weekly", "-f", "html").decode("utf-8")
    parser = _Tags()
    parser.feed(html)
    tags = {t for t, _ in parser.tags}
    assert not tags & {"script", "img", "iframe", "object", "embed", "a", "form"}, tags
    # the summary's own charts are the only SVG, and they carry a label of their own
    svgs = [dict(attrs) for t, attrs in parser.tags if t == "svg"]
    assert all(a.get("role") == "img" and a.get("aria-label") for a in svgs), svgs
    handlers = [(t, a) for t, attrs in parser.tags for a, _ in attrs if a.lower().startswith("on")]
    assert handlers == []
    shown = "".join(parser.text)
    assert "<script>alert(1)</script>" in shown  # the data is there, as text
    assert _controls(html) == []


def test_summaries_and_json_exports_on_a_terminal(hostile, tmp_path):
    env = child_env(NO_COLOR="1", TERM="dumb")
    for args in (["export", "weekly"], ["export", "monthly"], ["export", "weekly", "-f", "csv"]):
        code, raw = run_in_pty(args, env=env)
        assert code == 0, raw[-500:]
        assert b"\x1b" not in raw and b"\x07" not in raw, args
        assert "\u202e".encode() not in raw and "\xc2\x9b".encode("latin-1") not in raw
    out = tmp_path / "all.json"
    crm("export", "contacts", "-f", "json", "-o", str(out))
    everything = json.loads(out.read_text(encoding="utf-8"))
    blob = json.dumps(everything, ensure_ascii=False)
    for name in hostile["customers"].values():
        assert json.dumps(name, ensure_ascii=False)[1:-1] in blob
    assert ESCAPES["clipboard"] in json.dumps(everything, ensure_ascii=False) or any(
        ESCAPES["clipboard"] in v for v in _strings(everything)
    )


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_exported_files_are_refused_on_a_full_export_path(db, tmp_path):
    """Writing an export where it cannot go is one clear line, not a traceback."""
    add_customer(db, "Acme")
    result = crm("export", "contacts", "-o", str(tmp_path / "missing" / "x.vcf"), ok=False)
    assert result.exit_code == 1 and "does not exist" in result.stderr
