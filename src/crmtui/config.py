"""User settings from ``config.toml``: known keys, their defaults and how each is checked.

``crm config set KEY VALUE`` goes through :func:`set_value`, so a bad value is refused with a
readable message instead of being written and failing later.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crmtui import paths
from crmtui.errors import InvalidInput
from crmtui.i18n import N_

if TYPE_CHECKING:
    from decimal import Decimal


class ConfigError(InvalidInput):
    """A setting is unknown or its value is not acceptable."""


_WINDOW = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


def _window(text: str) -> str:
    m = _WINDOW.match(text)
    if not m:
        raise ConfigError("config-window-shape", text=text)
    h1, m1, h2, m2 = (int(g) for g in m.groups())
    if not (0 <= h1 <= 24 and 0 <= h2 <= 24 and m1 < 60 and m2 < 60) or (h1, m1) >= (h2, m2):
        raise ConfigError("config-window-invalid", text=text)
    return f"{h1:02d}:{m1:02d}-{h2:02d}:{m2:02d}"


def _windows(text: str) -> str:
    return ",".join(_window(part) for part in text.split(",") if part.strip())


def _zone(text: str) -> str:
    from crmtui.clock import ClockError, zone

    try:
        zone(text)
    except ClockError as exc:
        raise ConfigError(exc.code, field=exc.field, **exc.params) from exc
    return text


def _country(text: str) -> str:
    from crmtui.codes import country

    return country(str(text))


def _bounded(high: int) -> Callable[[Any], int]:
    """A whole number from 1 to ``high``, read by the one number parser of the CLI."""

    def parse(text: Any) -> int:
        from crmtui.numbers import whole

        return whole(text, "the value", 1, high)

    return parse


_positive_int = _bounded(100_000)
_minutes_of_day = _bounded(24 * 60)
_days = _bounded(3660)


def _credit_days(text: Any) -> int:
    from crmtui.numbers import whole

    return whole(text, "the value", 0, 3660)


def _buckets(text: Any) -> str:
    from crmtui.numbers import rising_days

    return ",".join(str(b) for b in rising_days(text))


def _currency(text: str) -> str:
    from crmtui.codes import currency

    return currency(str(text))


# The themes Textual ships (tests/test_first_day_validation.py checks this list against it);
# kept here so that `crm config` can check a theme without importing Textual.
THEMES = (
    "ansi-dark",
    "ansi-light",
    "atom-one-dark",
    "atom-one-light",
    "catppuccin-frappe",
    "catppuccin-latte",
    "catppuccin-macchiato",
    "catppuccin-mocha",
    "dracula",
    "flexoki",
    "gruvbox",
    "monokai",
    "nord",
    "rose-pine",
    "rose-pine-dawn",
    "rose-pine-moon",
    "solarized-dark",
    "solarized-light",
    "textual-dark",
    "textual-light",
    "tokyo-night",
)


def _theme(text: str) -> str:
    name = str(text).strip()
    if name not in THEMES:
        raise ConfigError("unknown-theme", text=text, choices=THEMES)
    return name


def _language(text: str) -> str:
    from crmtui import i18n

    found = i18n.normalise(str(text))
    if found is None:
        raise ConfigError("unknown-language", text=text, choices=tuple(i18n.LANGUAGES))
    return found


def _month(text: str) -> str:
    """``2026-11``: a calendar month."""
    value = str(text).strip()
    if len(value) == 7 and value[4] == "-" and value[:4].isdigit() and value[5:].isdigit():
        if 1 <= int(value[5:]) <= 12:
            return value
    raise InvalidInput("config-not-month", text=text)


def _flag(text: str | bool) -> bool:
    if isinstance(text, bool):
        return text
    value = str(text).strip().lower()
    if value in {"true", "yes", "on", "1"}:
        return True
    if value in {"false", "no", "off", "0"}:
        return False
    raise ConfigError("config-not-bool", text=text)


@dataclass(frozen=True)
class Setting:
    default: Any
    parse: Callable[[Any], Any]
    help: str  # a msgid: show it with ``translate``


SETTINGS: dict[str, Setting] = {
    "timezone": Setting(None, _zone, N_("your IANA time zone; default: CRM_TZ, else the system's")),
    "country": Setting("CN", _country, N_("your country, for your own holidays and phone numbers")),
    "currency": Setting("CNY", _currency, N_("default currency of amounts")),
    "calling_hours": Setting("09:00-18:00", _window, N_("when you make calls, in your own zone")),
    "normal_hours": Setting("09:00-17:00", _window, N_("normal business hours of the callee")),
    "off_peak": Setting(
        "08:00-09:00,12:00-13:00,17:00-18:30", _windows, N_("windows tried when normal hours fail")
    ),
    "cadence_a": Setting(14, _positive_int, N_("days without a touch before an A customer is due")),
    "cadence_b": Setting(30, _positive_int, N_("days without a touch before a B customer is due")),
    "cadence_c": Setting(90, _positive_int, N_("days without a touch before a C customer is due")),
    "max_calls_per_day": Setting(2, _positive_int, N_("attempts per customer per day")),
    "min_hours_between_calls": Setting(2, _positive_int, N_("hours between two attempts")),
    "nurture_after": Setting(6, _positive_int, N_("unanswered attempts before nurture")),
    "call_minutes": Setting(15, _minutes_of_day, N_("length of a planned call slot in minutes")),
    "planner_horizon_days": Setting(14, _days, N_("days ahead the planner looks for a call time")),
    "planner_step_minutes": Setting(
        15, _minutes_of_day, N_("granularity of planned call times in minutes")
    ),
    "planner_near_minutes": Setting(
        60, _minutes_of_day, N_("minutes within which a time counts as near an earlier call")
    ),
    "planner_offpeak_after": Setting(
        3,
        _positive_int,
        N_("days with failed normal-hours calls before off-peak windows come first"),
    ),
    "planner_own_workdays_only": Setting(
        True, _flag, N_("plan calls only on your own working days (your country's holidays)")
    ),
    "planner_consumer_weekends": Setting(
        False, _flag, N_("also call consumers on their weekends, within legal hours")
    ),
    "credit_days": Setting(
        30, _credit_days, N_("credit term in days for customers without their own")
    ),
    "credit_overdue_block_days": Setting(
        30, _days, N_("refuse new orders of a customer with money overdue longer than this")
    ),
    "ageing_buckets": Setting(
        "30,60,90", _buckets, N_("receivables ageing: upper bounds of the buckets in days past due")
    ),
    "pool_after_days": Setting(
        90,
        _days,
        N_("team mode: days without a touch before a customer returns to the pool (公海)"),
    ),
    "backups_keep": Setting(10, _positive_int, N_("how many automatic backups to keep")),
    "theme": Setting("textual-dark", _theme, N_("the TUI's theme")),
    "grade_reminder_dismissed": Setting(
        None, _month, N_("the month (YYYY-MM) the 80/20 grade reminder was dismissed")
    ),
    "language": Setting(
        None, _language, N_("language of the interface, en or zh; default: the locale (LANG)")
    ),
}


# Exchange rates for credit control: ``rate.USD = "7.1"`` is one US dollar in the default
# ``currency`` (the currency credit limits are kept in). Any ISO 4217 code may have one, so they
# are keys of their own rather than one entry of SETTINGS each.
RATE_PREFIX = "rate."


def _rate(text: Any) -> str:
    from crmtui.numbers import rate

    return str(rate(text, "rate"))


RATE = Setting(
    None, _rate, N_("exchange rate: one unit of this currency in the default currency (credit)")
)


def rate_key(key: str) -> str | None:
    """``rate.usd`` → ``rate.USD``; ``None`` for a key that is no rate."""
    if not key.lower().startswith(RATE_PREFIX):
        return None
    return RATE_PREFIX + _currency(key[len(RATE_PREFIX) :])


def setting_of(key: str) -> tuple[str, Setting]:
    """The setting a key names (a rate key in its canonical spelling); unknown keys refused."""
    if key in SETTINGS:
        return key, SETTINGS[key]
    canonical = rate_key(key)  # a rate of something that is no ISO 4217 code says so
    if canonical is None:
        raise ConfigError("unknown-setting", key=key, choices=[*sorted(SETTINGS), "rate.XXX"])
    return canonical, RATE


@dataclass
class Config:
    """Settings as read from the file, with defaults for what it does not say."""

    values: dict[str, Any]
    path: Path

    def __getattr__(self, name: str) -> Any:
        try:
            values = self.__dict__["values"]
        except KeyError:
            raise AttributeError(name) from None
        if name in values:
            return values[name]
        if name in SETTINGS:
            return SETTINGS[name].default
        raise AttributeError(name)

    def as_dict(self) -> dict[str, Any]:
        rates = {k: v for k, v in sorted(self.values.items()) if k.startswith(RATE_PREFIX)}
        return {**{key: getattr(self, key) for key in SETTINGS}, **rates}

    def rates(self) -> dict[str, Decimal]:
        """The exchange rates set, by currency: ``{"USD": Decimal("7.1")}``."""
        from decimal import Decimal

        out: dict[str, Decimal] = {}
        for key, value in self.values.items():
            if key.startswith(RATE_PREFIX) and value is not None:
                out[key[len(RATE_PREFIX) :]] = Decimal(str(value))
        return out

    def get(self, key: str) -> Any:
        """One setting by name, a rate included (``None`` when a rate is not set)."""
        name, _ = setting_of(key)
        return self.values.get(name) if name.startswith(RATE_PREFIX) else getattr(self, name)


def load(path: Path | None = None, *, strict: bool = True) -> Config:
    """Read the config file; a missing file means all defaults. Unknown keys are kept.

    ``strict=False`` keeps a value that no longer passes its check as written, so that
    ``crm config set`` / ``unset`` can still repair the file.
    """
    path = path or paths.config_file()
    values: dict[str, Any] = {}
    if path.exists():
        try:
            values = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError("config-unreadable", path=path, reason=exc) from exc
    for key, raw in list(values.items()):
        setting = SETTINGS.get(key) or (RATE if key.startswith(RATE_PREFIX) else None)
        if setting is not None and raw is not None:
            try:
                values[key] = setting.parse(raw)
            except InvalidInput as exc:
                if strict:
                    raise ConfigError(
                        "config-file-invalid-value", path=path, key=key, reason=exc
                    ) from None
    return Config(values=values, path=path)


def configured_language(path: Path | None = None) -> str | None:
    """The ``language`` setting alone, read without checking the rest of the file: it is
    needed before any command is built, and a bad value elsewhere is that command's concern."""
    path = path or paths.config_file()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8")).get("language")
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return None
    return raw if isinstance(raw, str) else None


def set_value(key: str, raw: str, path: Path | None = None) -> Any:
    """Check and store one setting; returns the stored value."""
    key, setting = setting_of(key)
    try:
        value = setting.parse(raw)
    except InvalidInput as exc:
        raise ConfigError("config-invalid-value", key=key, reason=exc) from None
    cfg = load(path, strict=False)
    cfg.values[key] = value
    _write(cfg)
    return value


def unset_value(key: str, path: Path | None = None) -> Any:
    """Remove a setting from the file; returns the default now in force."""
    key, setting = setting_of(key)
    cfg = load(path, strict=False)
    if cfg.values.pop(key, None) is not None:
        _write(cfg)
    return setting.default


def _write(cfg: Config) -> None:
    import tomli_w

    paths.ensure_private_dir(cfg.path.parent)
    tmp = cfg.path.with_suffix(".tmp")
    data = {k: v for k, v in cfg.values.items() if v is not None}
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        tomli_w.dump(data, fh)
    os.replace(tmp, cfg.path)
