"""``crm export contacts`` and ``crm export calendar``: files other programs open.

Contacts become :class:`ContactRecord` rows, one per customer followed by one per contact of
it, for the codecs of ``services.formats``: vCard 3.0 (khard, phones), CSV (formula-like cells
neutralised, UTF-8 with BOM for Excel), or the full JSON export (``export_json``). The CSV
carries what the codecs have no column for (record type, stage, grade, industry, source, time
zone, decision maker, lunar birthday) as ``extra:`` columns, which ``crm import`` reads back, so
CSV export → import → export gives the same file.

The calendar holds open planned actions and every birthday, yearly; lunar (农历) birthdays do
not repeat on a solar date, so each of their next few occurrences is its own all-day event.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, tzinfo
from typing import Any

from crmtui.clock import from_db
from crmtui.db.reader import Reader
from crmtui.services.common.phones import phones_of
from crmtui.services.exporting.types import LunarOccurrence
from crmtui.services.formats import ActionEvent, BirthdayEvent, ContactRecord

CONTACT_FORMATS = ("vcard", "csv", "json")
LUNAR_YEARS = 5
ACTION_MINUTES = {"call": 15, "visit": 60, "meeting": 60}
KIND_WORDS = {
    "call": "📞 Call",
    "visit": "🚗 Visit",
    "email": "✉ Email",
    "sms": "💬 SMS",
    "meeting": "🤝 Meeting",
    "letter": "✉ Letter",
    "task": "☑ Task",
}


def _birthday(row: Any) -> tuple[str | None, str | None]:
    """(solar MM-DD / YYYY-MM-DD, or lunar text for the ``lunar_birthday`` extra)."""
    month, day, year = row["birthday_month"], row["birthday_day"], row["birthday_year"]
    if not month or not day:
        return None, None
    text = f"{month:02d}-{day:02d}" if year is None else f"{year:04d}-{month:02d}-{day:02d}"
    return (None, f"农历 {text}") if row["birthday_lunar"] else (text, None)


def _phone_kind(number: str, default: str) -> str:
    import phonenumbers

    try:
        parsed = phonenumbers.parse(number, None)
    except phonenumbers.NumberParseException:
        return default
    kind = phonenumbers.number_type(parsed)
    mobile = (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    )
    return "mobile" if kind in mobile else default


def _uid(kind: str, row: Any) -> str:
    """A UID that stays the same for a record in every export (vdirsyncer syncs by it) and
    differs between records, also of different databases (the creation time is in it)."""
    from uuid import NAMESPACE_URL, uuid5

    created = row["created_at"]
    if isinstance(created, datetime):
        # PostgreSQL gives a datetime: spelled as SQLite stores it, so that the same record
        # has the same UID whichever backend it was exported from
        created = from_db(created).strftime("%Y-%m-%d %H:%M:%S.%f")  # type: ignore[union-attr]
    return str(uuid5(NAMESPACE_URL, f"crmtui:{kind}:{row['id']}:{created}"))


def _rev(row: Any) -> str | None:
    changed = from_db(row["updated_at"])
    return changed.strftime("%Y%m%dT%H%M%SZ") if changed else None


def _extra(**values: Any) -> dict[str, str]:
    return {k: str(v) for k, v in values.items() if v not in (None, "", False)}


def contact_records(reader: Reader) -> Iterator[ContactRecord]:
    """Every live customer, each followed by its live contacts, in id order."""
    tags: dict[int, list[str]] = {}
    for row in reader.rows(
        "SELECT ct.customer_id, t.name FROM customertag ct "
        "JOIN tag t ON t.id = ct.tag_id ORDER BY t.name"
    ):
        tags.setdefault(row["customer_id"], []).append(row["name"])
    contacts: dict[int, list[Any]] = {}
    for row in reader.rows("SELECT * FROM contact WHERE deleted_at IS NULL ORDER BY id"):
        contacts.setdefault(row["customer_id"], []).append(row)
    for c in reader.rows("SELECT * FROM customer WHERE deleted_at IS NULL ORDER BY id"):
        solar, lunar = _birthday(c)
        kind = "person" if c["is_person"] else "company"
        yield ContactRecord(
            uid=_uid("customer", c),
            revision=_rev(c),
            name=c["name"],
            company=c["company_name"] if c["is_person"] else c["name"],
            phones=[
                (_phone_kind(p, "mobile" if c["is_person"] else "work"), p)
                for p in phones_of(c["phones"])
            ],
            emails=[c["email"]] if c["email"] else [],
            birthday=solar,
            address=c["address"],
            city=c["city"],
            country=c["country"],
            website=c["website"],
            notes=c["notes"],
            tags=tags.get(c["id"], []),
            extra=_extra(
                type=kind,
                stage=c["stage"],
                grade=c["grade"],
                industry=c["industry"],
                source=c["source"],
                timezone=c["timezone"],
                lunar_birthday=lunar,
            ),
        )
        for p in contacts.get(c["id"], []):
            solar, lunar = _birthday(p)
            yield ContactRecord(
                uid=_uid("contact", p),
                revision=_rev(p),
                name=p["name"],
                company=c["name"],
                role=p["role"],
                phones=[(_phone_kind(n, "work"), n) for n in phones_of(p["phones"])],
                emails=[p["email"]] if p["email"] else [],
                birthday=solar,
                notes=p["notes"],
                extra=_extra(
                    type="contact",
                    timezone=p["timezone"],
                    lunar_birthday=lunar,
                    decision_maker="yes" if p["decision_maker"] else None,
                ),
            )


def export_contacts(db: Any, fmt: str, *, now: datetime, since: datetime | None = None) -> bytes:
    """The contacts file in ``fmt`` (vcard, csv or json) as bytes; ``since`` (json only)
    limits it to what changed since then."""
    from crmtui.errors import InvalidInput

    if fmt not in CONTACT_FORMATS:
        raise InvalidInput("unknown-format", fmt=fmt, choices=CONTACT_FORMATS)
    if fmt == "json":
        from crmtui.services.exporting.json_dump import export_everything
        from crmtui.textsafe import json_dumps

        found = export_everything(db, now=now, since=since)
        return (json_dumps(found) + "\n").encode("utf-8")
    from crmtui.services import formats

    with db.reader() as reader:
        records = list(contact_records(reader))
    if fmt == "csv":
        return formats.csv_bytes(records)
    return typed_vcards(records)


TYPE_PROPERTY = "X-CRMTUI-TYPE"


def _prodid() -> str:
    from crmtui import __version__

    return f"-//crmtui//crmtui {__version__}//EN"


def typed_vcards(records: list[ContactRecord]) -> bytes:
    """vCards with ``UID``, ``REV``, ``PRODID`` and the CRM's own fields as ``X-CRMTUI-...``.

    ``X-CRMTUI-TYPE`` (company, person or contact) lets ``crm import`` bring a person customer
    who works at a company back as a person, not as a contact of that company; stage, grade,
    industry, source, time zone, decision maker and a lunar (农历) birthday come back too.
    Other programs ignore ``X-`` properties.
    """
    from crmtui.services import formats

    return formats.write_vcards(records, prodid=_prodid(), extras=True)


def vcard_files(db: Any) -> list[tuple[str, bytes]]:
    """``(file name, card)`` per record: the vdir layout khard and vdirsyncer read."""
    from crmtui.services.formats.vcard import write_vcard

    with db.reader() as reader:
        records = list(contact_records(reader))
    prodid = _prodid()
    return [(f"{r.uid}.vcf", write_vcard(r, prodid=prodid, extras=True)) for r in records if r.uid]


# --- calendar ----------------------------------------------------------------------------------

CalendarEvent = ActionEvent | BirthdayEvent


def calendar_events(
    reader: Reader, *, now: datetime, tz: tzinfo, call_minutes: int = 15
) -> tuple[list[CalendarEvent], list[LunarOccurrence]]:
    """(events for ``formats.write_calendar``, lunar birthday occurrences as plain dicts)."""
    from crmtui.services.common.birthdays import occurrence

    events: list[CalendarEvent] = []
    for a in reader.rows(
        "SELECT a.id, a.kind, a.due_at, a.note, c.name AS customer, p.name AS contact "
        "FROM activity a JOIN customer c ON c.id = a.customer_id "
        "LEFT JOIN contact p ON p.id = a.contact_id WHERE a.done_at IS NULL "
        "AND a.due_at IS NOT NULL AND c.deleted_at IS NULL ORDER BY a.due_at, a.id"
    ):
        due = from_db(a["due_at"])
        assert due is not None
        who = a["customer"] + (f" ({a['contact']})" if a["contact"] else "")
        minutes = call_minutes if a["kind"] == "call" else ACTION_MINUTES.get(a["kind"], 30)
        description = "\n".join(p for p in (a["note"], f"crm done {a['id']}") if p)
        events.append(
            ActionEvent(
                uid=f"activity-{a['id']}@crmtui",
                start=due.astimezone(tz),
                summary=f"{KIND_WORDS.get(a['kind'], a['kind'])}: {who}",
                description=description,
                duration=timedelta(minutes=minutes),
            )
        )
    lunar: list[LunarOccurrence] = []
    today = now.astimezone(tz).date()
    for b in reader.rows(
        "SELECT 'contact' AS what, p.id, p.name, c.name AS customer, p.birthday_month, "
        "p.birthday_day, p.birthday_year, p.birthday_lunar FROM contact p "
        "JOIN customer c ON c.id = p.customer_id WHERE p.birthday_month IS NOT NULL "
        "AND p.deleted_at IS NULL AND c.deleted_at IS NULL UNION ALL "
        "SELECT 'customer', id, name, name, birthday_month, birthday_day, birthday_year, "
        "birthday_lunar FROM customer WHERE birthday_month IS NOT NULL AND deleted_at IS NULL "
        "ORDER BY 1, 2"
    ):
        uid = f"birthday-{b['what']}-{b['id']}@crmtui"
        label = b["name"] + (f" ({b['customer']})" if b["customer"] != b["name"] else "")
        if not b["birthday_lunar"]:
            solar, _ = _birthday(b)
            if solar:
                events.append(BirthdayEvent(uid=uid, name=label, birthday=solar))
            continue
        from lunardate import LunarDate

        start = LunarDate.from_solar_date(today.year, today.month, today.day).year
        for year in range(start, start + LUNAR_YEARS):
            when = occurrence(b["birthday_month"], b["birthday_day"], year, lunar=True)
            if when is not None and when >= today - timedelta(days=1):
                lunar.append(
                    {
                        "uid": uid.replace("@", f"-{year}@"),
                        "date": when,
                        "summary": f"🎂 {label} (农历 {b['birthday_month']:02d}-"
                        f"{b['birthday_day']:02d})",
                    }
                )
    return events, lunar


def export_calendar(reader: Reader, *, now: datetime, tz: tzinfo, call_minutes: int = 15) -> bytes:
    """An iCalendar file of the open planned actions and the birthdays."""
    import icalendar

    from crmtui.services.formats import strip_controls, write_calendar

    events, lunar = calendar_events(reader, now=now, tz=tz, call_minutes=call_minutes)
    data = write_calendar(events, stamp=now, calendar_name="crmtui")
    if not lunar:
        return data
    calendar = icalendar.Calendar.from_ical(data)
    for item in lunar:
        event = icalendar.Event()
        event.add("uid", item["uid"])
        event.add("dtstamp", now)
        event.add("dtstart", item["date"])
        event.add("dtend", item["date"] + timedelta(days=1))
        event.add("summary", strip_controls(item["summary"]))
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return bytes(calendar.to_ical())
