"""When care and keep-in-touch touches fall due: pure date rules.

- keep in touch when a customer has had no logged touch for its grade's cadence (A 14 days,
  B 30, C 90 by default; any logged touch resets the clock);
- a thank-you letter the day after a deal is won;
- a satisfaction call 7 days after delivery;
- a birthday card reminder 7 days before the birthday and a greeting call on the day (the
  caller finds the birthday's next occurrence, solar or lunar, with
  :func:`crmtui.services.common.birthdays.next_birthday`);
- a credit re-rating every 6 months;
- a payment reminder call 3 days before a due date, and a call on the first working day the
  payment is overdue;
- a thank-you letter the day after a customer's first order.
- after the sale: a complaint follow-up call the working day after the date promised with the
  solution, a service reminder call 3 days before a service is due, and a call the day after
  a customer's satisfaction dropped to dissatisfied or worse.

A date that falls on a non-working day of the salesperson's country moves to the next working
day (China's make-up working days count as working days).
"""

from __future__ import annotations

from datetime import date, timedelta

from crmtui.services.common.months import add_months
from crmtui.services.planning.planner.model import PlannerSettings
from crmtui.services.planning.planner.workdays import next_working_day

THANK_YOU_AFTER = timedelta(days=1)
SATISFACTION_AFTER = timedelta(days=7)
BIRTHDAY_CARD_BEFORE = timedelta(days=7)
CREDIT_REVIEW_MONTHS = 6
PAYMENT_REMINDER_BEFORE = timedelta(days=3)
COMPLAINT_FOLLOW_UP_AFTER = timedelta(days=1)
SERVICE_REMINDER_BEFORE = timedelta(days=3)
DISSATISFIED_CALL_AFTER = timedelta(days=1)


def cadence_days(grade: str | None, settings: PlannerSettings) -> int:
    """Days without a touch before a customer of ``grade`` is due; unknown grade: C's."""
    table = {"A": settings.cadence_a, "B": settings.cadence_b, "C": settings.cadence_c}
    return table.get((grade or "C").strip().upper(), settings.cadence_c)


def keep_in_touch_date(last_touch: date, grade: str | None, settings: PlannerSettings) -> date:
    """The working day on which a keep-in-touch call falls due after ``last_touch``."""
    due = last_touch + timedelta(days=cadence_days(grade, settings))
    return next_working_day(due, settings.country)


def keep_in_touch_due(
    last_touch: date | None, grade: str | None, today: date, settings: PlannerSettings
) -> bool:
    """True when the customer needs a keep-in-touch call on ``today`` or is overdue.

    ``last_touch`` is the day of the latest logged touch (or the day the customer was created
    when there has been none); None means due now.
    """
    if last_touch is None:
        return True
    return keep_in_touch_date(last_touch, grade, settings) <= today


def thank_you_date(won_on: date, country: str | None) -> date:
    """The working day for the thank-you letter: the day after the deal was won."""
    return next_working_day(won_on + THANK_YOU_AFTER, country)


def satisfaction_call_date(delivered_on: date, country: str | None) -> date:
    """The working day for the satisfaction call: 7 days after delivery."""
    return next_working_day(delivered_on + SATISFACTION_AFTER, country)


def birthday_card_date(birthday: date, country: str | None) -> date:
    """The working day for the card reminder: 7 days before this year's ``birthday``."""
    return next_working_day(birthday - BIRTHDAY_CARD_BEFORE, country)


def birthday_call_date(birthday: date, country: str | None) -> date:
    """The working day for the birthday call: the birthday itself, else the next working day."""
    return next_working_day(birthday, country)


def credit_review_date(last_rated: date, country: str | None) -> date:
    """The working day on which the credit rating is due again (6 months after the last)."""
    return next_working_day(add_months(last_rated, CREDIT_REVIEW_MONTHS), country)


def payment_reminder_date(due_on: date, country: str | None) -> date:
    """The working day for the reminder call: 3 days before the payment is due (a day off
    moves it earlier, so the reminder still comes before the due date)."""
    day = due_on - PAYMENT_REMINDER_BEFORE
    while next_working_day(day, country) != day and day > due_on - timedelta(days=10):
        day -= timedelta(days=1)
    return day


def payment_overdue_date(due_on: date, country: str | None) -> date:
    """The first working day on which the payment is overdue."""
    return next_working_day(due_on + timedelta(days=1), country)


def complaint_follow_up_date(promised_by: date, country: str | None) -> date:
    """The working day after the date promised with a complaint's solution: did it happen?"""
    return next_working_day(promised_by + COMPLAINT_FOLLOW_UP_AFTER, country)


def service_reminder_date(next_due: date, country: str | None) -> date:
    """The working day for the reminder call: 3 days before the service is due."""
    return next_working_day(next_due - SERVICE_REMINDER_BEFORE, country)


def dissatisfied_call_date(rated_on: date, country: str | None) -> date:
    """The working day after a rating of dissatisfied or worse: call them back."""
    return next_working_day(rated_on + DISSATISFIED_CALL_AFTER, country)
