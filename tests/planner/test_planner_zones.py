"""The callee's zone: from the record, else the phone number; several zones are flagged."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from crmtui.services.planning.planner import (
    Callee,
    NoSlot,
    Slot,
    next_slot,
    resolve_zone,
    zone_country,
)
from tests.planner.planner_support import NY, SH, at, settings

PARIS = ZoneInfo("Europe/Paris")


def test_record_zone_wins_over_the_phone() -> None:
    r = resolve_zone("Europe/Paris", ("+1 212 555 0100",), None, "CN")
    assert r.zones == ("Europe/Paris",) and r.source == "record" and not r.ambiguous
    assert r.country == "US"  # the number still tells the country when the record does not


def test_unknown_record_zone_falls_back_to_the_phone() -> None:
    r = resolve_zone("Mars/Olympus", ("+1 212 555 0100",), None, "CN")
    assert r.zones == ("America/New_York",) and r.source == "phone"


def test_zone_and_country_from_the_phone_number() -> None:
    r = resolve_zone(None, ("+1 212 555 0100",), None, "CN")
    assert (r.zones, r.country, r.source) == (("America/New_York",), "US", "phone")
    callee = Callee(1, "Acme", phones=("+1 212 555 0100",))
    slot = next_slot(callee, (), settings(hours="08:00-23:00"), at(NY, 2026, 3, 10, 8))
    assert isinstance(slot, Slot)
    assert slot.callee_zone == "America/New_York"
    assert "time zone America/New_York from the phone number" in slot.reasons
    assert "US legal hours 08:00–21:00" in slot.reasons


def test_domestic_number_read_with_the_salespersons_country() -> None:
    r = resolve_zone(None, ("010 6552 9988",), None, "CN")
    assert r.zones == ("Asia/Shanghai",) and r.country == "CN"


def test_zone_country() -> None:
    assert zone_country("America/New_York") == "US"
    assert zone_country("Asia/Shanghai") == "CN"
    assert zone_country("Nowhere/City") is None


def _in_normal_hours_everywhere(slot: Slot, zones: tuple[str, ...]) -> bool:
    for name in zones:
        start = slot.start.astimezone(ZoneInfo(name))
        end = slot.end.astimezone(ZoneInfo(name))
        minutes = start.hour * 60 + start.minute
        if start.date() != end.date() or not (
            540 <= minutes and end.hour * 60 + end.minute <= 1020
        ):
            return False
    return True


def test_us_toll_free_number_is_flagged_and_fits_all_its_zones() -> None:
    callee = Callee(2, "Hotline Inc", phones=("+1 800 555 0100",))
    r = resolve_zone(None, callee.phones, None, "US")
    assert r.ambiguous and "America/New_York" in r.zones and "Pacific/Honolulu" in r.zones
    assert all(zone_country(z) == "US" for z in r.zones)
    s = settings("America/New_York", "08:00-21:00", country="US")
    slot = next_slot(callee, (), s, at(NY, 2026, 3, 9, 8))
    assert isinstance(slot, Slot)
    assert slot.flags == ("zone-uncertain",)
    assert _in_normal_hours_everywhere(slot, r.zones)
    assert slot.start.astimezone(NY).hour == 15  # 09:00 in Honolulu
    assert any("may be in 11 time zones" in reason for reason in slot.reasons)


def test_canadian_non_geographic_number_is_flagged() -> None:
    callee = Callee(7, "Maple", phones=("+1 600 555 0100",))
    r = resolve_zone(None, callee.phones, None, "CN")
    assert r.ambiguous and r.country == "CA"
    assert all(zone_country(z) == "CA" for z in r.zones)
    slot = next_slot(callee, (), settings(hours="00:00-24:00"), at(SH, 2026, 6, 8, 0))
    assert isinstance(slot, Slot) and "zone-uncertain" in slot.flags
    assert _in_normal_hours_everywhere(slot, r.zones)


def test_several_zones_without_overlap_suggest_recording_the_zone() -> None:
    callee = Callee(2, "Hotline Inc", phones=("+1 800 555 0100",))
    s = settings("America/New_York", "08:00-12:00", country="US")
    result = next_slot(callee, (), s, at(NY, 2026, 3, 9, 8))
    assert isinstance(result, NoSlot)
    assert result.code == "no-overlap"
    assert "set their time zone" in result.suggestion
    assert result.flags == ("zone-uncertain",)


def test_unknown_zone_is_said_not_guessed() -> None:
    callee = Callee(8, "Mystery", phones=("12345",))
    result = next_slot(callee, (), settings(), at(SH, 2026, 3, 9, 8))
    assert isinstance(result, NoSlot) and result.code == "unknown-zone"
    assert "time zone" in result.suggestion


def test_european_dst_change_is_followed_not_a_fixed_offset() -> None:
    callee = Callee(9, "Dupont", phones=("+33 1 23 45 67 89",), zone="Europe/Paris", country="FR")
    s = settings(hours="08:00-23:00")
    before = next_slot(callee, (), s, at(PARIS, 2026, 3, 27, 8))
    after = next_slot(callee, (), s, at(PARIS, 2026, 3, 30, 8))
    assert isinstance(before, Slot) and isinstance(after, Slot)
    assert before.callee_start.hour == after.callee_start.hour == 9
    assert (before.sales_start.hour, after.sales_start.hour) == (16, 15)
