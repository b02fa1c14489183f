"""Item 9: property tests for the sanitiser (``textsafe``) and the date and time parsers.

The sanitiser: printable text comes through unchanged, no control, C1 or bidi character ever
does, and JSON stays exact. The parsers: whatever is typed, the answer is a value or one
``InvalidInput``, never another exception; and the values they give are the right ones.
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from crmtui.errors import InvalidInput
from crmtui.services.common.timeparse import (
    WEEKDAYS,
    parse_birthday,
    parse_clock_time,
    parse_when,
)
from crmtui.textsafe import json_dumps, visible

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
LINE_SEPARATORS = {"\u2028", "\u2029"}


def _dangerous(ch: str, *, multiline: bool) -> bool:
    """Characters that must never reach a terminal from user data."""
    if multiline and ch in "\n\t":
        return False
    return unicodedata.category(ch) == "Cc" or ch in BIDI or ch in LINE_SEPARATORS


# Text as it comes from imports and the keyboard: every plane, controls, bidi, surrogate-free.
any_text = st.text(
    st.characters(blacklist_categories=("Cs",)) | st.sampled_from(sorted(BIDI) + ["\x1b", "\x9b"]),
    max_size=200,
)
printable = st.text(st.characters(blacklist_categories=("Cs",)), max_size=200).filter(
    str.isprintable
)


@FAST
@given(printable)
@example("[bold]张伟[/bold] [@click=app.quit]x[/] :smile: \\[esc]")
def test_printable_text_is_unchanged(text):
    assert visible(text) == text
    assert visible(text, multiline=True) == text


@FAST
@given(any_text, st.booleans())
@example("\x1b]0;title\x07\x9b2J\u202eevil\r\n\x00", False)
@example("\x1b]0;title\x07\x9b2J\u202eevil\r\n\x00", True)
def test_no_control_ever_passes(text, multiline):
    shown = visible(text, multiline=multiline)
    assert not [ch for ch in shown if _dangerous(ch, multiline=multiline)], repr(shown)
    if not multiline:
        assert "\n" not in shown and "\r" not in shown
    # idempotent, and nothing is dropped: each character is kept or given a stand-in
    assert visible(shown, multiline=multiline) == shown
    assert len(shown) >= len(text.replace("\r\n", "\n"))


@FAST
@given(any_text)
def test_every_control_gets_a_distinct_visible_stand_in(text):
    """Two different texts stay different once shown (no control is silently dropped)."""
    other = text + "\x1b"
    assert visible(other) != visible(text)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | any_text,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(any_text, children, max_size=4)
    ),
    max_leaves=12,
)


@FAST
@given(json_values)
@example({"name": "\x1b]52;c;x\x07", "note": "\u202e\x85\u2028"})
def test_json_is_exact_and_harmless(value):
    dumped = json_dumps(value)
    assert json.loads(dumped) == value
    bad = [ch for ch in dumped if _dangerous(ch, multiline=True) and ch != "\n"]
    assert not bad, repr(dumped)
    compact = json_dumps(value, indent=None)
    assert "\n" not in compact and json.loads(compact) == value


# ---------------------------------------------------------------------------------------------
# Dates and times

ZONES = ["Asia/Shanghai", "America/New_York", "Europe/London", "Pacific/Auckland", "UTC"]
nows = st.builds(
    lambda day, minutes, zone: (
        datetime.combine(day, datetime.min.time(), ZoneInfo(zone)) + timedelta(minutes=minutes)
    ),
    st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)),
    st.integers(0, 24 * 60 - 1),
    st.sampled_from(ZONES),
)
typed = st.one_of(
    st.text(max_size=40),
    st.from_regex(r"\A[+]?\d{0,5}\s?[mhdwy]?\Z"),
    st.from_regex(r"\A\d{1,4}[-/.]\d{1,3}([-/.]\d{1,3})?( \d{1,3}(:\d{1,3})?( ?[ap]m)?)?\Z"),
    st.builds(
        lambda a, b: f"{a} {b}",
        st.sampled_from(sorted(WEEKDAYS) + ["today", "tomorrow"]),
        st.text(max_size=10),
    ),
)


@FAST
@given(typed, nows)
@example("2026-02-30 10:00", datetime(2026, 11, 23, 10, tzinfo=ZoneInfo("Asia/Shanghai")))
@example("fri 25:00", datetime(2026, 11, 23, 10, tzinfo=ZoneInfo("Asia/Shanghai")))
@example("+9999w", datetime(2026, 11, 23, 10, tzinfo=ZoneInfo("UTC")))
def test_parse_when_gives_an_instant_or_one_clear_error(text, now):
    try:
        value = parse_when(text, now)
    except InvalidInput as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert value.tzinfo is not None
    if 2 <= value.year <= 9998:
        value.astimezone(UTC)  # what storing it does


@pytest.mark.parametrize(
    "text, zone", [("0001-01-01 05:00", "Asia/Shanghai"), ("9999-12-31 23:30", "America/New_York")]
)
def test_extreme_years_are_refused_not_overflowed(text, zone):
    now = datetime(2026, 11, 23, 10, tzinfo=ZoneInfo(zone))
    try:
        value = parse_when(text, now)
    except InvalidInput:
        return
    value.astimezone(UTC)


@FAST
@given(nows, st.integers(0, 9999), st.sampled_from("mhdw"))
def test_relative_offsets(now, amount, unit):
    step = {
        "m": timedelta(minutes=1),
        "h": timedelta(hours=1),
        "d": timedelta(days=1),
        "w": timedelta(weeks=1),
    }[unit]
    if (now + amount * step).year > 2100:  # beyond the range crmtui accepts: one clear error
        with pytest.raises(InvalidInput, match="out of range"):
            parse_when(f"+{amount}{unit}", now)
        return
    value = parse_when(f"+{amount}{unit}", now)
    if unit == "m":
        assert value == now + timedelta(minutes=amount)
    elif unit == "h":
        assert value == now + timedelta(hours=amount)
    else:
        days = amount * (7 if unit == "w" else 1)
        assert value.date() == now.date() + timedelta(days=days)
        assert (value.hour, value.minute) == (9, 0)


@FAST
@given(nows, st.sampled_from(sorted(WEEKDAYS)), st.integers(0, 23), st.integers(0, 59))
def test_weekday_names_are_the_next_such_day(now, word, hour, minute):
    value = parse_when(f"{word} {hour}:{minute:02d}", now)
    ahead = (value.date() - now.date()).days
    assert 1 <= ahead <= 7
    assert value.weekday() == WEEKDAYS[word]
    assert (value.hour, value.minute) == (hour, minute) and value.tzinfo == now.tzinfo


@FAST
@given(st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2100, 12, 30)), nows)
def test_iso_date_times_round_trip(moment, now):
    moment = moment.replace(second=0, microsecond=0)
    value = parse_when(moment.strftime("%Y-%m-%d %H:%M"), now)
    assert value.replace(tzinfo=None) == moment and value.tzinfo == now.tzinfo
    aware = moment.replace(tzinfo=timezone(timedelta(hours=-5)))
    assert parse_when(aware.isoformat(), now) == aware


@FAST
@given(st.integers(0, 23), st.integers(0, 59))
def test_clock_times(hour, minute):
    assert parse_clock_time(f"{hour}:{minute:02d}") == datetime.min.time().replace(hour, minute)
    half = "am" if hour < 12 else "pm"
    twelve = hour % 12 or 12
    assert parse_clock_time(f"{twelve}:{minute:02d}{half}").hour == hour


@FAST
@given(st.text(max_size=30))
@example("12-30")
@example("农历 08-15")
@example("02-29")
def test_parse_birthday_gives_a_date_or_one_clear_error(text):
    try:
        born = parse_birthday(text)
    except InvalidInput as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert 1 <= born.month <= 12 and 1 <= born.day <= 31
    if not born.lunar:
        date(born.year or 2000, born.month, born.day)


@FAST
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)), st.booleans())
def test_birthdays_round_trip(day, with_year):
    text = day.strftime("%Y-%m-%d") if with_year else day.strftime("%m-%d")
    born = parse_birthday(text)
    assert (born.month, born.day, born.lunar) == (day.month, day.day, False)
    assert born.year == (day.year if with_year else None)
    if day.day <= 30:  # lunar months have 29 or 30 days
        assert parse_birthday("农历" + day.strftime("%m-%d")).lunar


@pytest.mark.parametrize("text", ["2026-02-30", "13-01", "00-10", "2026-13-01", "1899-01-01"])
def test_impossible_birthdays_are_refused(text):
    with pytest.raises(InvalidInput):
        parse_birthday(text)


def test_properties_cover_the_printable_classes():
    """The generators really produce the characters the properties are about."""
    assert re.compile("[\x00-\x1f\x7f-\x9f]").search("\x1b")
    assert not "\u202e".isprintable() and not "\x85".isprintable()
