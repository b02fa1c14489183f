"""The monthly 80/20 reminder on the desktop: shown while ``crm grade suggest`` would change
unlocked grades, until it is applied (then nothing differs) or dismissed for the month
(``crm grade dismiss``: it comes back next month if the grades still differ).

The suggestion over 100k customers takes most of a second, so it is worked out once a day and
remembered beside the plans until local midnight, whatever is written meanwhile: a monthly
reminder may lag a day behind the sales, and a call logged must not cost the next ``crm today``
an 80/20 pass. Applying the suggestion counts as dealing with this month's reminder.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, tzinfo

from crmtui.db.reader import Reader


@dataclass(frozen=True)
class GradeReminder:
    month: str  # YYYY-MM
    changes: int  # unlocked grades the suggestion would change


def month_of(now: datetime, tz: tzinfo) -> str:
    return now.astimezone(tz).strftime("%Y-%m")


def grade_reminder(
    reader: Reader, *, now: datetime, tz: tzinfo, currency: str, dismissed: str | None
) -> GradeReminder | None:
    """The reminder for this month, or None: dismissed this month, or nothing would change."""
    from crmtui.services.grading.read import suggest_grades
    from crmtui.services.grading.rules import last_months
    from crmtui.services.planning.plan_cache import remembered

    month = month_of(now, tz)
    if dismissed == month:
        return None

    def compute() -> tuple[str, datetime]:
        first, last = last_months(now.astimezone(tz).date(), 12)
        report = suggest_grades(reader, first=first, last=last, tz=tz, currency=currency)
        # the window moves each day: the count holds until the next local midnight
        until = datetime.combine(last, time(23, 59, 59), tzinfo=tz)
        return str(len(report.changes)), until

    what = f"grade-reminder|{tz}|{currency}"
    changes = int(remembered(reader, what, now, compute, per_change=False))
    return GradeReminder(month, changes) if changes else None
