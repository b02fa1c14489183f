"""The one clock of crmtui.

Every "now" in the program comes from here so that tests and demos can pin it with ``CRM_NOW``
(ISO 8601, with or without an offset; without one it is read in the user's zone).
Instants are handled as aware datetimes and stored in UTC.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, tzinfo
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from crmtui.errors import InvalidInput


class ClockError(InvalidInput):
    """CRM_NOW or a configured zone cannot be understood."""


def zone(name: str) -> ZoneInfo:
    """Return the IANA zone called ``name`` or raise ClockError with a readable message."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ClockError("unknown-zone", field="timezone", name=name) from exc


@lru_cache(maxsize=1)
def _system_zone_name() -> str:
    tz = os.environ.get("TZ", "").lstrip(":")
    if tz and "/" in tz:
        return tz
    try:
        link = Path("/etc/localtime").resolve()
        parts = link.parts
        if "zoneinfo" in parts:
            return "/".join(parts[parts.index("zoneinfo") + 1 :])
    except OSError:
        pass
    return "UTC"


def user_zone(configured: str | None = None) -> ZoneInfo:
    """The salesperson's zone: config, else ``CRM_TZ``, else the system zone."""
    if configured:
        return zone(configured)
    env = os.environ.get("CRM_TZ")
    if env:
        return zone(env)
    try:
        return ZoneInfo(_system_zone_name())
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def parse_instant(text: str, tz: tzinfo) -> datetime:
    """Parse an ISO 8601 date-time; a naive one is taken to be in ``tz``. Returns aware UTC."""
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError as exc:
        raise ClockError("bad-crm-now", text=text) from exc
    if value.tzinfo is None:
        value = value.replace(tzinfo=tz)
    return value.astimezone(UTC)


def now(tz: tzinfo | None = None) -> datetime:
    """The current instant as an aware UTC datetime (``CRM_NOW`` overrides)."""
    pinned = os.environ.get("CRM_NOW")
    if pinned:
        return parse_instant(pinned, tz or user_zone())
    return datetime.now(UTC)


def local_now(tz: tzinfo | None = None) -> datetime:
    """The current instant in the user's zone (or ``tz``)."""
    tz = tz or user_zone()
    return now(tz).astimezone(tz)


def today(tz: tzinfo | None = None) -> date:
    """Today's date in the user's zone (or ``tz``)."""
    return local_now(tz).date()


def to_utc_naive(value: datetime) -> datetime:
    """Aware datetime → naive UTC, the form stored in the database."""
    if value.tzinfo is None:
        raise ValueError("naive datetime given where an aware one is needed")
    return value.astimezone(UTC).replace(tzinfo=None)


def from_db(value: datetime | str | None) -> datetime | None:
    """A stored naive-UTC value (datetime or SQLite text) → aware UTC datetime."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
