"""Where the callee is: their time zone(s) and country, from the record or the phone number.

Order of evidence: the zone on the contact's or customer's record; else the time zones that
``phonenumbers`` gives for the first usable phone number. A number may map to several zones (a
US toll-free number, a Canadian non-geographic one); those are kept, narrowed to the callee's
country when it is known, and the planner then only uses times that suit all of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from zoneinfo import ZoneInfo

import phonenumbers
from phonenumbers import timezone as phone_zones

from crmtui.clock import ClockError, zone
from crmtui.i18n import _

_UNKNOWN = "Etc/Unknown"


@dataclass(frozen=True)
class ResolvedZone:
    """The callee's zones (first = the one to show), country and where they came from."""

    zones: tuple[str, ...]
    country: str | None
    source: str  # "record", "phone" or "unknown"
    note: str = ""
    phone: str | None = None

    @property
    def ambiguous(self) -> bool:
        """True when the number maps to more than one zone."""
        return len(self.zones) > 1

    @property
    def primary(self) -> str | None:
        """The zone used for display and for the callee's weekly slots."""
        return self.zones[0] if self.zones else None

    def infos(self) -> tuple[ZoneInfo, ...]:
        """The zones as ZoneInfo objects."""
        return tuple(zone(name) for name in self.zones)


@lru_cache(maxsize=1)
def _zone_countries() -> dict[str, str]:
    """IANA zone → ISO country, from the tz database's zone.tab (tzdata, else the system's)."""
    text = ""
    try:
        text = (resources.files("tzdata") / "zoneinfo" / "zone.tab").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        system = Path("/usr/share/zoneinfo/zone.tab")
        if system.exists():
            text = system.read_text(encoding="utf-8")
    table: dict[str, str] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            parts = line.split("\t")
            if len(parts) >= 3:
                table[parts[2]] = parts[0]
    return table


def zone_country(name: str) -> str | None:
    """The ISO country of an IANA zone ("America/New_York" → "US"), or None."""
    return _zone_countries().get(name)


def normalize_phone(text: str, region: str | None) -> str | None:
    """The number in E.164 form, or None when it cannot be parsed as a possible number."""
    try:
        number = phonenumbers.parse(text, region.upper() if region else None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_info(text: str, region: str | None) -> tuple[tuple[str, ...], str | None]:
    """Zones and country of a phone number; ``((), None)`` when nothing can be inferred."""
    try:
        number = phonenumbers.parse(text, region.upper() if region else None)
    except phonenumbers.NumberParseException:
        return (), None
    if not phonenumbers.is_valid_number(number):
        return (), None
    zones = tuple(z for z in phone_zones.time_zones_for_number(number) if z != _UNKNOWN)
    return zones, phonenumbers.region_code_for_number(number)


def _valid_zone(name: str) -> bool:
    try:
        zone(name)
    except ClockError:
        return False
    return True


def resolve_zone(
    record_zone: str | None,
    phones: tuple[str, ...],
    country: str | None,
    default_region: str | None,
) -> ResolvedZone:
    """Resolve the callee's zones from the record, else from the first phone that tells.

    ``default_region`` (the salesperson's country) is used to read numbers written without a
    country code. The country is the record's, else the phone's, else the zone's.
    """
    note = ""
    phone = phones[0] if phones else None
    if record_zone:
        if _valid_zone(record_zone):
            found = country or (phone_info(phone, country or default_region)[1] if phone else None)
            found = found or zone_country(record_zone)
            return ResolvedZone((record_zone,), found, "record", "", phone)
        note = _("the recorded time zone {zone!r} is unknown").format(zone=record_zone)
    for text in phones:
        zones, region = phone_info(text, country or default_region)
        zones = tuple(z for z in zones if _valid_zone(z))
        if not zones:
            continue
        owner = country or region
        if owner and len(zones) > 1:
            # A shared numbering plan (+1) lists zones of several countries; keep the callee's.
            mine = tuple(z for z in zones if zone_country(z) == owner.upper())
            zones = mine or zones
        if len(zones) > 1:
            note = _("{phone} may be in {n} time zones; the time suits all of them").format(
                phone=text, n=len(zones)
            )
        else:
            note = _("time zone {zone} from the phone number").format(zone=zones[0])
        return ResolvedZone(zones, owner.upper() if owner else None, "phone", note, text)
    return ResolvedZone((), country.upper() if country else None, "unknown", note, phone)
