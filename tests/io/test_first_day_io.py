"""Issue 10, a first day: what exports and imports show (Markdown escaping, phones, round trips)."""

from __future__ import annotations

import pytest

from tests.cli_runner import crm
from tests.helpers import add_customer

TRICKY = [
    "---",
    "2026 Expo",
    "1. first",
    "*star*",
    "a|b",
    "# x",
    "- dash",
    "> quote",
    "0",
    "3) three",
]


def _rendered(markdown: str):  # type: ignore[no-untyped-def]
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table")
    return md.parse(markdown)


@pytest.mark.parametrize("name", TRICKY)
def test_markdown_shows_names_as_typed(db, name):
    add_customer(db, name)
    out = crm("export", "weekly").stdout
    tokens = _rendered(out)
    items = [t.content for t in tokens if t.type == "inline"]
    # the name renders as itself: no stray backslash, and not swallowed by a heading or list marker
    assert any(text == f"{name} — potential" for text in _plain(tokens)), items
    headings = [t for t in tokens if t.type == "heading_open" and t.tag == "h1"]
    assert len(headings) == 1
    assert not [t for t in tokens if t.type in ("ordered_list_open", "blockquote_open")]


def _plain(tokens):  # type: ignore[no-untyped-def]
    """The visible text of each inline run (what a reader sees)."""
    for token in tokens:
        if token.type == "inline":
            yield "".join(
                child.content
                for child in token.children or []
                if child.type in ("text", "code_inline")
            )


def test_markdown_won_zero_has_no_backslash(db):
    out = crm("export", "weekly", "--week", "2026-W53").stdout
    assert "won 0 (0)" in out
    assert "\\0" not in out


def test_markdown_reflection_lines_keep_their_text(db):
    crm("summary", "note", "2026 Expo went well\n1. first point\n# not a heading\n*kept*")
    out = crm("export", "weekly").stdout
    texts = list(_plain(_rendered(out)))
    joined = "\n".join(texts)
    for line in ("2026 Expo went well", "1. first point", "# not a heading", "*kept*"):
        assert line in joined, joined


def test_markdown_escapes_only_where_markdown_would_act(db):
    from crmtui.services.summaries.render import md_text

    assert md_text("2026 Expo") == "2026 Expo"
    assert md_text("0") == "0"
    assert md_text("Room # 5") == "Room # 5"
    assert md_text("# x") == "\\# x"
    assert md_text("1. first") == "1\\. first"
    assert md_text("- dash") == "\\- dash"
    assert md_text("a|b") == "a\\|b"


# --- an Excel artefact is not a phone ----------------------------------------------------------


def test_scientific_notation_phone_is_left_out_with_a_row_warning(db, isolated):
    import json

    source = isolated / "excel.csv"
    source.write_text(
        "姓名,手机,备注\n张三,1.38123E+10,老客户\n李四,13812345678,\n", encoding="utf-8"
    )
    result = crm("import", str(source))
    assert "row 2" in result.stdout and "手机" in result.stdout and "1.38123E+10" in result.stdout
    customers = {c["name"]: c["phones"] for c in json.loads(crm("customers", "--json").stdout)}
    assert customers == {"张三": [], "李四": ["+86 138 1234 5678"]}


def test_scientific_notation_warning_in_json_and_dry_run(db, isolated):
    import json

    source = isolated / "excel.csv"
    source.write_text("name,mobile,work phone\nAnn,13812345678,8.6E+12\n", encoding="utf-8")
    report = json.loads(crm("import", str(source), "--dry-run", "--json").stdout)
    assert report["warnings"] == [
        {
            "line": 2,
            "column": "work phone",
            "value": "8.6E+12",
            "message": report["warnings"][0]["message"],
        }
    ]
    assert "scientific notation" in report["warnings"][0]["message"]


@pytest.mark.parametrize("typed", ["1.38123E+10", "1,38123E+10", "8.6e12"])
def test_scientific_notation_phone_is_refused_when_typed(db, typed):
    result = crm("add-customer", "Ann", "--phone", typed, ok=False)
    assert result.exit_code == 1
    assert "scientific notation" in result.output and "Traceback" not in result.output


# --- crmtui's own export always imports cleanly ------------------------------------------------


@pytest.fixture
def demo(isolated):
    crm("demo")
    return isolated


def _counts(*db_args: str) -> tuple[int, int]:
    import json

    customers = json.loads(crm(*db_args, "customers", "--json").stdout)
    contacts = json.loads(crm(*db_args, "contacts", "--json").stdout)
    return len(customers), len(contacts)


@pytest.mark.parametrize(("fmt", "suffix"), [("vcard", "vcf"), ("csv", "csv"), ("json", "json")])
def test_own_export_imports_into_an_empty_database(demo, fmt, suffix):
    target = demo / f"out.{suffix}"
    crm("export", "contacts", "--format", fmt, "-o", str(target))
    fresh = ("--db", str(demo / f"fresh-{fmt}.db"))
    result = crm(*fresh, "import", str(target))
    assert "match" not in result.output
    assert _counts(*fresh) == _counts()
    # each contact is still with the customer it belonged to
    import json

    before = sorted(
        (c["customer"], c["name"]) for c in json.loads(crm("contacts", "--json").stdout)
    )
    after = sorted(
        (c["customer"], c["name"]) for c in json.loads(crm(*fresh, "contacts", "--json").stdout)
    )
    assert before == after


def test_repeated_rows_in_one_file_are_reported_as_such(db, isolated):
    source = isolated / "twice.csv"
    source.write_text(
        "name,mobile\nAnn Lee,13812345678\nBob Wu,13912345678\nAnn Lee,13812345678\n",
        encoding="utf-8",
    )
    result = crm("import", str(source), ok=False)
    assert result.exit_code == 1
    assert "rows 2 and 4 look like the same customer" in result.output
    assert "match existing" not in result.output


def test_contacts_of_one_company_sharing_its_phone_are_not_duplicates(db, isolated):
    source = isolated / "people.csv"
    source.write_text(
        "name,company,work phone\nAnn Lee,Acme,021 5555 0101\nBob Wu,Acme,021 5555 0101\n",
        encoding="utf-8",
    )
    crm("import", str(source))
    assert _counts() == (1, 2)


@pytest.mark.parametrize(
    ("text", "rounded"),
    [
        ("1.38123E+10", True),
        ("8.6e12", True),
        ("1E+05", True),
        ("0E0", False),
        ("1e3", False),
        ("12E+10", False),
        ("+86 138 1234 5678", False),
    ],
)
def test_only_a_rounded_phone_like_number_counts_as_scientific(text, rounded):
    from crmtui.services.formats.cells import scientific_number

    assert scientific_number(text) is rounded
