"""Planned actions and birthdays as iCalendar."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from dateutil.rrule import rrulestr
from hypothesis import given, settings
from hypothesis import strategies as st

from crmtui.services.formats import ActionEvent, BirthdayEvent, strip_controls, write_calendar

STAMP = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


def events_of(data: bytes) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(data)
    return list(calendar.walk("VEVENT"))


def test_planned_action_is_an_event_in_utc() -> None:
    start = datetime(2026, 3, 2, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
    data = write_calendar(
        [
            ActionEvent(
                uid="activity-7@crmtui",
                start=start,
                summary="Call 张三",
                description="Ask about the order",
            )
        ],
        stamp=STAMP,
        calendar_name="CRM",
    )
    text = data.decode()
    assert "DTSTART:20260302T013000Z" in text and "DTSTAMP:20260301T080000Z" in text
    assert "BEGIN:VTODO" not in text and "X-WR-CALNAME:CRM" in text
    [event] = events_of(data)
    assert str(event["uid"]) == "activity-7@crmtui"
    assert event["dtstart"].dt == datetime(2026, 3, 2, 1, 30, tzinfo=UTC)
    assert event["dtend"].dt - event["dtstart"].dt == timedelta(minutes=30)
    assert str(event["summary"]) == "Call 张三"
    assert str(event["description"]) == "Ask about the order"


def test_naive_start_is_refused() -> None:
    with pytest.raises(ValueError, match="time zone"):
        write_calendar(
            [ActionEvent(uid="a", start=datetime(2026, 1, 1, 9), summary="x")], stamp=STAMP
        )


def test_birthday_is_a_yearly_all_day_event() -> None:
    data = write_calendar(
        [BirthdayEvent(uid="bday-1@crmtui", name="张三", birthday="1990-04-15")], stamp=STAMP
    )
    [event] = events_of(data)
    assert event["dtstart"].dt == date(1990, 4, 15)
    assert event["dtend"].dt == date(1990, 4, 16)
    assert event["rrule"]["FREQ"] == ["YEARLY"]
    assert str(event["transp"]) == "TRANSPARENT"
    assert str(event["summary"]) == "🎂 张三"
    assert "DTSTART;VALUE=DATE:19900415" in data.decode()


def test_birthday_without_year_starts_in_a_leap_year() -> None:
    [event] = events_of(
        write_calendar(
            [BirthdayEvent(uid="b", name="A", birthday="04-15", summary="Birthday: A")], stamp=STAMP
        )
    )
    assert event["dtstart"].dt == date(2000, 4, 15)
    assert str(event["summary"]) == "Birthday: A"


@pytest.mark.parametrize("birthday", ["02-29", "1996-02-29"])
def test_29_february_is_kept_on_28_february_in_common_years(birthday: str) -> None:
    [event] = events_of(
        write_calendar([BirthdayEvent(uid="b", name="A", birthday=birthday)], stamp=STAMP)
    )
    rule = rrulestr(
        event["rrule"].to_ical().decode(),
        dtstart=datetime.combine(event["dtstart"].dt, datetime.min.time()),
    )
    days = [d.date() for d in rule.between(datetime(2025, 1, 1), datetime(2029, 1, 1))]
    assert days == [date(2025, 2, 28), date(2026, 2, 28), date(2027, 2, 28), date(2028, 2, 29)]


def test_impossible_birthday_is_refused() -> None:
    with pytest.raises(ValueError, match="not a real date"):
        write_calendar([BirthdayEvent(uid="b", name="A", birthday="2023-02-29")], stamp=STAMP)


def test_stamp_defaults_to_the_crm_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CRM_NOW", "2026-05-01T10:00:00+08:00")
    data = write_calendar([BirthdayEvent(uid="b", name="A", birthday="01-01")])
    assert "DTSTAMP:20260501T020000Z" in data.decode()


UNSAFE_TEXT = st.text() | st.sampled_from(
    ["a,b;c\\d", "line\nbreak\r\nx", "\x00\x1b[2J\x07", "长" * 100, "BEGIN:VEVENT", "END:VCALENDAR"]
)


@settings(max_examples=100, deadline=None)
@given(summary=UNSAFE_TEXT, description=UNSAFE_TEXT, name=UNSAFE_TEXT)
def test_any_text_gives_a_valid_calendar(summary: str, description: str, name: str) -> None:
    start = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    data = write_calendar(
        [
            ActionEvent(uid="a-" + name, start=start, summary=summary, description=description),
            BirthdayEvent(uid="b", name=name, birthday="12-31"),
        ],
        stamp=STAMP,
        calendar_name=name,
    )
    action, birthday = events_of(data)
    assert str(action["summary"]) == strip_controls(summary)
    if strip_controls(description):
        assert str(action["description"]) == strip_controls(description)
    assert str(action["uid"]) == " ".join(strip_controls("a-" + name).splitlines())
    assert str(birthday["summary"]) == strip_controls("🎂 " + name)
    for line in data.split(b"\r\n"):
        assert len(line) <= 75
        assert not any(byte < 0x20 and byte != 0x09 for byte in line)
