"""The follow-up call planner (电话跟进): who to call today, at what time, and why.

Pure rules over plain dataclasses — no database, no Textual, no Typer, and no clock: the caller
passes ``now``. The database layer turns rows into :class:`Callee`, :class:`Attempt` and
:class:`Candidate`; ``crm plan`` and the planner screen render the :class:`DayPlan`.

Main entry points:

- :func:`next_slot` — the next acceptable call time for one callee, or why there is none;
- :func:`slot_on_day` — the best time on one day of the salesperson;
- :func:`build_day_plan` — the ordered calls of a day, the calls that do not fit (why, and what
  would make them fit), the nurture list and the non-call tasks;
- :mod:`.touches` — when keep-in-touch and care touches fall due;
- :data:`LEGAL_HOURS` — the table of legal calling hours, meant to be extended.

Names are imported on first use: a command that needs only :class:`PlannerSettings` (reading a
stored plan) does not load the holiday calendars and the phone-number metadata.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from crmtui.services.common.months import add_months
    from crmtui.services.planning.planner.learning import Learned, learn
    from crmtui.services.planning.planner.legal import (
        DEFAULT_RULE,
        LEGAL_HOURS,
        LegalRule,
        legal_rule,
    )
    from crmtui.services.planning.planner.model import (
        KINDS,
        OUTCOMES,
        Attempt,
        Callee,
        Candidate,
        KindInfo,
        PlannerSettings,
    )
    from crmtui.services.planning.planner.plan import build_day_plan
    from crmtui.services.planning.planner.results import (
        DayPlan,
        NoSlot,
        NurtureItem,
        PlanItem,
        Slot,
        Task,
        Unplaced,
    )
    from crmtui.services.planning.planner.slot_search import next_slot, slot_on_day
    from crmtui.services.planning.planner.touches import (
        birthday_call_date,
        birthday_card_date,
        cadence_days,
        complaint_follow_up_date,
        credit_review_date,
        dissatisfied_call_date,
        keep_in_touch_date,
        keep_in_touch_due,
        payment_overdue_date,
        payment_reminder_date,
        satisfaction_call_date,
        service_reminder_date,
        thank_you_date,
    )
    from crmtui.services.planning.planner.windows import Interval, WeeklySlot, Window, parse_windows
    from crmtui.services.planning.planner.workdays import (
        holiday_name,
        is_makeup_workday,
        is_working_day,
        next_working_day,
    )
    from crmtui.services.planning.planner.zones import ResolvedZone, resolve_zone, zone_country

_WHERE = {
    "Learned": "learning",
    "learn": "learning",
    "DEFAULT_RULE": "legal",
    "LEGAL_HOURS": "legal",
    "LegalRule": "legal",
    "legal_rule": "legal",
    "Attempt": "model",
    "Callee": "model",
    "Candidate": "model",
    "KINDS": "model",
    "KindInfo": "model",
    "OUTCOMES": "model",
    "PlannerSettings": "model",
    "build_day_plan": "plan",
    "DayPlan": "results",
    "NoSlot": "results",
    "NurtureItem": "results",
    "PlanItem": "results",
    "Slot": "results",
    "Task": "results",
    "Unplaced": "results",
    "next_slot": "slot_search",
    "slot_on_day": "slot_search",
    "add_months": "touches",
    "birthday_call_date": "touches",
    "birthday_card_date": "touches",
    "cadence_days": "touches",
    "credit_review_date": "touches",
    "keep_in_touch_date": "touches",
    "keep_in_touch_due": "touches",
    "satisfaction_call_date": "touches",
    "thank_you_date": "touches",
    "complaint_follow_up_date": "touches",
    "dissatisfied_call_date": "touches",
    "payment_overdue_date": "touches",
    "payment_reminder_date": "touches",
    "service_reminder_date": "touches",
    "Interval": "windows",
    "WeeklySlot": "windows",
    "Window": "windows",
    "parse_windows": "windows",
    "holiday_name": "workdays",
    "is_makeup_workday": "workdays",
    "is_working_day": "workdays",
    "next_working_day": "workdays",
    "ResolvedZone": "zones",
    "resolve_zone": "zones",
    "zone_country": "zones",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # later look-ups skip this function
    return value


__all__ = [
    "complaint_follow_up_date",
    "dissatisfied_call_date",
    "payment_overdue_date",
    "payment_reminder_date",
    "service_reminder_date",
    "DEFAULT_RULE",
    "KINDS",
    "LEGAL_HOURS",
    "OUTCOMES",
    "Attempt",
    "Callee",
    "Candidate",
    "DayPlan",
    "Interval",
    "KindInfo",
    "Learned",
    "LegalRule",
    "NoSlot",
    "NurtureItem",
    "PlanItem",
    "PlannerSettings",
    "ResolvedZone",
    "Slot",
    "Task",
    "Unplaced",
    "WeeklySlot",
    "Window",
    "add_months",
    "birthday_call_date",
    "birthday_card_date",
    "build_day_plan",
    "cadence_days",
    "credit_review_date",
    "holiday_name",
    "is_makeup_workday",
    "is_working_day",
    "keep_in_touch_date",
    "keep_in_touch_due",
    "learn",
    "legal_rule",
    "next_slot",
    "next_working_day",
    "parse_windows",
    "resolve_zone",
    "satisfaction_call_date",
    "slot_on_day",
    "thank_you_date",
    "zone_country",
]
