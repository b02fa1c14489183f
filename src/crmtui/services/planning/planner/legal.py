"""Legal calling hours by country and callee type: a data table that is easy to extend.

Each entry maps (country code, callee type) to a :class:`LegalRule`: the windows allowed on each
weekday in the callee's local time, whether public holidays are banned by law, and attempt caps.
The callee type is "business", "consumer" or "*" (any); a specific type wins over "*".
To add a country, add one entry, e.g.::

    LEGAL_HOURS[("DE", "consumer")] = LegalRule.weekly(
        "DE legal hours", weekdays="08:00-20:00", saturday="08:00-20:00", holidays_banned=True)

Public holidays are avoided for every callee anyway (the planner never calls on one); the flag
only says that the law itself forbids it, which changes the wording of the reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from crmtui.i18n import N_, _, translate
from crmtui.l10n import weekday as day_name
from crmtui.services.planning.planner.windows import Window, format_windows, parse_windows


@dataclass(frozen=True)
class LegalRule:
    """Hard limits for one country and callee type; weekdays missing from ``days`` are banned."""

    label: str
    days: dict[int, tuple[Window, ...]] = field(hash=False)
    holidays_banned: bool = False
    max_attempts: int | None = None
    per_days: int = 30
    quiet_days_after_refusal: int | None = None
    statutory: bool = True

    @classmethod
    def weekly(
        cls,
        label: str,
        *,
        weekdays: str | None,
        saturday: str | None = None,
        sunday: str | None = None,
        holidays_banned: bool = False,
        max_attempts: int | None = None,
        per_days: int = 30,
        quiet_days_after_refusal: int | None = None,
        statutory: bool = True,
    ) -> LegalRule:
        """Build a rule from window strings for Mon–Fri, Saturday and Sunday (None = banned)."""
        days: dict[int, tuple[Window, ...]] = {}
        for day, text in [(d, weekdays) for d in range(5)] + [(5, saturday), (6, sunday)]:
            if text:
                days[day] = parse_windows(text)
        return cls(
            label,
            days,
            holidays_banned,
            max_attempts,
            per_days,
            quiet_days_after_refusal,
            statutory,
        )

    def windows(self, weekday: int) -> tuple[Window, ...]:
        """The allowed windows on ``weekday`` (empty = no calls that day)."""
        return self.days.get(weekday, ())

    def name(self) -> str:
        """The rule's label in the user's language."""
        return translate(self.label)

    def describe(self, weekday: int) -> str:
        """``"US legal hours 08:00–21:00"`` for the given weekday."""
        windows = self.windows(weekday)
        if not windows:
            return _("{rule}: no calls on {day}").format(rule=self.name(), day=day_name(weekday))
        return _("{rule} {windows}").format(rule=self.name(), windows=format_windows(windows))


LEGAL_HOURS: dict[tuple[str, str], LegalRule] = {
    # United States (TCPA): 08:00–21:00 at the called party's location, every day.
    ("US", "*"): LegalRule.weekly(
        N_("US legal hours"), weekdays="08:00-21:00", saturday="08:00-21:00", sunday="08:00-21:00"
    ),
    # Canada (CRTC telemarketing rules).
    ("CA", "*"): LegalRule.weekly(
        N_("Canada legal hours"),
        weekdays="09:00-21:30",
        saturday="10:00-18:00",
        sunday="10:00-18:00",
    ),
    # France, calls to consumers (décret 2022-1313): weekdays only, at most 4 attempts in 30
    # days, and nothing for 60 days after the consumer refused.
    ("FR", "consumer"): LegalRule.weekly(
        N_("France legal hours"),
        weekdays="10:00-13:00,14:00-20:00",
        holidays_banned=True,
        max_attempts=4,
        per_days=30,
        quiet_days_after_refusal=60,
    ),
    # Australia (Do Not Call Register / telemarketing standard).
    ("AU", "*"): LegalRule.weekly(
        N_("Australia legal hours"),
        weekdays="09:00-20:00",
        saturday="09:00-17:00",
        holidays_banned=True,
    ),
}

# Where no entry applies we still keep to a civil span every day; normal hours, off-peak windows
# and preferred windows narrow it further.
DEFAULT_RULE = LegalRule.weekly(
    N_("general hours"),
    weekdays="08:00-21:00",
    saturday="08:00-21:00",
    sunday="08:00-21:00",
    statutory=False,
)


def legal_rule(country: str | None, kind: str) -> LegalRule:
    """The rule for a callee in ``country`` of type ``kind``; :data:`DEFAULT_RULE` if none."""
    if country:
        code = country.upper()
        for key in ((code, kind), (code, "*")):
            if key in LEGAL_HOURS:
                return LEGAL_HOURS[key]
    return DEFAULT_RULE
