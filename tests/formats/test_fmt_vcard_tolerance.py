"""Issue 19: what vCard reading keeps that it used to lose, and a property test that mutates
real cards (drops, duplicates and corrupts properties): a card with a name is never lost."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crmtui.errors import CrmError
from crmtui.services.formats import ContactRecord, RowError, read_vcards, write_vcards

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real"


def card(*lines: str, version: str = "3.0") -> str:
    return "\r\n".join(["BEGIN:VCARD", f"VERSION:{version}", *lines, "END:VCARD", ""])


def one(text: str) -> ContactRecord:
    [(_line, record)] = list(read_vcards(text))
    assert isinstance(record, ContactRecord), record
    return record


def test_role_beside_title_is_kept_and_the_preferred_email_comes_first() -> None:
    record = one(
        card(
            "FN:Ann",
            "ROLE:buyer",
            "TITLE:Head of Sales",
            "EMAIL;TYPE=INTERNET:old@example.com",
            "EMAIL;TYPE=INTERNET,PREF:ann@example.com",
        )
    )
    assert record.role == "Head of Sales" and record.extra["function"] == "buyer"
    assert record.emails == ["ann@example.com", "old@example.com"]
    v4 = one(card("FN:Bo", "EMAIL:b@x.example", "EMAIL;PREF=1:a@x.example", version="4.0"))
    assert v4.emails == ["a@x.example", "b@x.example"]


def test_a_second_address_goes_to_the_notes_with_its_type() -> None:
    record = one(
        card(
            "FN:Ann",
            "ADR;TYPE=HOME:;;9 Elm Rd;Springfield;;62701;US",
            "ADR;TYPE=WORK,PREF:;;1 Main St;Chicago;IL;60601;US",
        )
    )
    assert (record.address, record.city, record.extra["postcode"]) == (
        "1 Main St",
        "Chicago",
        "60601",
    )
    assert record.extra["other address"] == "home: 9 Elm Rd, Springfield, 62701, US"


def test_own_properties_come_back_as_extra_fields() -> None:
    record = one(
        card("FN:Li Lei", "X-CRMTUI-LUNAR-BIRTHDAY:农历 1980-08-15", "X-CRMTUI-STAGE:customer")
    )
    assert record.extra == {"lunar_birthday": "农历 1980-08-15", "stage": "customer"}
    written = ContactRecord(
        name="Li Lei", extra={"lunar_birthday": "农历 1980-08-15", "grade": "A"}
    )
    assert one(write_vcards([written], extras=True).decode()).extra == written.extra
    assert "X-CRMTUI" not in write_vcards([written]).decode()  # only when asked for


def test_a_bare_cr_inside_a_value_does_not_end_the_line() -> None:
    text = (
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Two\r\n"
        "X-CUSTOM3;VALUE=TEXT:custom\r3\r\nNOTE:n\r\nEND:VCARD\r\n"
    )
    record = one(text)
    assert (record.name, record.notes, record.warnings) == ("Two", "n", [])
    old_mac = "BEGIN:VCARD\rVERSION:3.0\rFN:Mac\rEND:VCARD\r"
    assert one(old_mac).name == "Mac"


def test_a_nested_card_is_read_as_a_card_of_its_own() -> None:
    text = (REAL / "android" / "v21_nest.vcf").read_text()
    names = [r.name for _, r in read_vcards(text) if isinstance(r, ContactRecord)]
    assert names == ["parent", "nest1", "nest2"]


# --- mutations of real cards ----------------------------------------------------------------------

CORPUS = [
    p for p in sorted(REAL.glob("*/*.vcf")) if p.read_bytes().upper().count(b"BEGIN:VCARD") == 1
]
GARBAGE = [
    "",
    "garbage without a colon",
    "BDAY:circa 1800",
    "TEL:*21#",
    'EMAIL:"X" <x@',
    "ADR;TYPE=HOME:a\\",
    "N;ENCODING=QUOTED-PRINTABLE:=F1=F2=",
    "ORG;CHARSET=NOPE;ENCODING=QUOTED-PRINTABLE:=41",
    "PHOTO;ENCODING=b:!!!",
    "X-BROKEN;;;:::\r",
    "\x00\x1b",
    "# a comment",
    "TEL;VALUE=uri:tel:",
    "BEGIN:VCARD",
]


def _named(lines: list[str]) -> str | None:
    """The card's FN, if a clean FN line survives the mutation (what must never be lost)."""
    for line in lines:
        if line.upper().startswith("FN:") and line[3:].strip() and "\\" not in line:
            return line[3:].strip()
    return None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    path=st.sampled_from(CORPUS),
    edits=st.lists(
        st.tuples(
            st.sampled_from(["drop", "duplicate", "corrupt", "insert"]),
            st.integers(min_value=0, max_value=200),
            st.sampled_from(GARBAGE),
        ),
        max_size=6,
    ),
)
def test_mutated_real_cards_keep_every_name_and_never_raise(path: Path, edits: list) -> None:
    lines = path.read_bytes().decode("utf-8", "replace").replace("\r\n", "\n").split("\n")
    begin = next(i for i, ln in enumerate(lines) if ln.strip().upper() == "BEGIN:VCARD")
    ends = [i for i, ln in enumerate(lines) if ln.strip().upper().startswith("END:VCARD")]
    end = max(ends, default=len(lines))
    body: list[str] = []  # logical lines after BEGIN and VERSION: a fold stays with its line
    for line in lines[begin + 2 : end]:
        if line[:1] in (" ", "\t") and body:
            body[-1] += "\r\n" + line
        else:
            body.append(line)
    protected = _named(body)
    for action, where, text in edits:
        at = where % (len(body) + 1)
        if action == "insert" or not body:
            body.insert(at, text)
            continue
        at %= len(body)
        if body[at].upper().startswith("FN:"):
            continue  # the name is what the rule protects; everything else may break
        if action == "drop":
            del body[at]
        elif action == "duplicate":
            body.insert(at, body[at])
        else:
            body[at] = body[at][: len(body[at]) // 2] + text
    mutated = "\r\n".join([*lines[: begin + 2], *body, "END:VCARD", ""])
    results = list(read_vcards(mutated))  # never a traceback
    records = [r for _, r in results if isinstance(r, ContactRecord)]
    assert all(isinstance(r, ContactRecord | RowError) for _, r in results)
    if protected is not None and "BEGIN:VCARD" not in body:
        assert any(r.name == protected for r in records), (protected, mutated)
    # and every record read becomes table values: bad fields end up in the notes
    from crmtui.services.importing.matching import convert
    from crmtui.services.importing.salvage import salvage

    for record in records:
        try:
            convert(salvage(record), "CN")
        except CrmError as exc:  # only an unusable name itself (a NUL in it) is an error
            assert exc.field in ("name", "company"), exc
